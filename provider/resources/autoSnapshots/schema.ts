/**
 * AutoSnapshots, described once: a disk's or an instance's AutoSnapshot add-on, which makes
 * Lightsail take a snapshot every day and keep the seven newest.
 */

import { type ArgsOf, defineResource, type InputsOf, type OutputsOf } from "../../schema";
import { regionProperty, timeoutsProperty } from "../commonProperties";

/** The AutoSnapshots resource's schema. */
export const autoSnapshotsSchema = defineResource({
    name: "AutoSnapshots",
    doc: "Daily automatic snapshots of a Lightsail block storage disk or instance (its AutoSnapshot add-on).",
    idProperty: "resourceName",
    properties: {
        diskName: {
            type: { kind: "string" },
            role: "input",
            optional: true,
            replaces: true,
            doc: "The block storage disk to snapshot every day.",
            notes: "exactly one of `diskName`, `instanceName`",
        },
        instanceName: {
            type: { kind: "string" },
            role: "input",
            optional: true,
            replaces: true,
            doc: "The instance to snapshot every day (its system volume and attached disks).",
        },
        snapshotTimeOfDay: {
            type: { kind: "string" },
            role: "input",
            reported: true,
            doc: "When Lightsail takes the daily snapshot, in UTC, on the hour.",
            notes: '`"HH:00"`, e.g. `"06:00"`; Lightsail takes the snapshot within 45 minutes of that time',
        },
        region: regionProperty("The AWS region of the disk or instance."),
        timeouts: timeoutsProperty({
            typeName: "AutoSnapshotsTimeouts",
            doc: "How long to wait for the add-on to be enabled and disabled.",
            createDoc: 'How long `pulumi up` waits for the add-on to be enabled. Default `"10m"`.',
            deleteDoc: 'How long `pulumi destroy` waits for the add-on to be disabled. Default `"10m"`.',
            defaultDoc: '`{ create: "10m", delete: "10m" }`',
        }),
        resourceName: {
            type: { kind: "string" },
            role: "output",
            doc: "The disk's or instance's name (also the resource ID).",
        },
        resourceType: {
            type: { kind: "string", enum: ["Disk", "Instance"] },
            role: "output",
            doc: "`Disk` or `Instance`.",
        },
        status: {
            type: { kind: "string" },
            role: "output",
            doc: "The add-on's status: `Enabled` after a successful `up`; `Disabled` when it was turned off outside Pulumi.",
        },
        nextSnapshotTimeOfDay: {
            type: { kind: "string" },
            role: "output",
            optional: true,
            doc: "The time of the next automatic snapshot, when Lightsail has moved it (a retime takes effect the next day).",
        },
    },
});

/** The schema's type. */
export type AutoSnapshotsSchema = typeof autoSnapshotsSchema;

/** The inputs of an {@link AutoSnapshots}: exactly one of `diskName` and `instanceName`, and the time. */
export type AutoSnapshotsArgs = ArgsOf<AutoSnapshotsSchema>;

/** AutoSnapshots inputs after `check`. */
export type AutoSnapshotsInputs = InputsOf<AutoSnapshotsSchema>;

/** AutoSnapshots outputs, as the state holds them. */
export type AutoSnapshotsOutputs = OutputsOf<AutoSnapshotsSchema>;
