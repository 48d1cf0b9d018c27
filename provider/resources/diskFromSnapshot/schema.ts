/**
 * DiskFromSnapshot, described once: a block storage disk restored from a manual or an automatic
 * snapshot, optionally attached to an instance.
 */

import type { GeneratedNameInputs } from "../../naming";
import { type ArgsOf, defineResource, type InputsOf, type OutputsOf } from "../../schema";
import { NAME_RULE } from "../../validation";
import { adoptProperty, regionProperty, tagsProperty, timeoutsProperty } from "../commonProperties";

/** The `attachTo` input's type. */
const attachmentType = {
    kind: "object",
    name: "DiskAttachment",
    doc: "Where a restored disk is attached.",
    fields: {
        instanceName: { type: { kind: "string" }, doc: "The instance, in the disk's availability zone." },
        diskPath: { type: { kind: "string" }, doc: "The device path on the instance, e.g. `/dev/xvdf`." },
    },
} as const;

/** The DiskFromSnapshot resource's schema. */
export const diskFromSnapshotSchema = defineResource({
    name: "DiskFromSnapshot",
    doc: "A Lightsail block storage disk restored from a snapshot, optionally attached to an instance.",
    idProperty: "diskName",
    properties: {
        diskSnapshotName: {
            type: { kind: "string" },
            role: "input",
            optional: true,
            replaces: true,
            doc: "The manual snapshot to restore (a disk snapshot or an instance's system-volume snapshot).",
            notes: "exactly one source: `diskSnapshotName`, or `sourceDiskName` with `restoreDate` or `useLatestRestorableAutoSnapshot`",
        },
        sourceDiskName: {
            type: { kind: "string" },
            role: "input",
            optional: true,
            replaces: true,
            doc: "The disk whose automatic snapshot to restore.",
        },
        restoreDate: {
            type: { kind: "string" },
            role: "input",
            optional: true,
            replaces: true,
            doc: "The day of the automatic snapshot to restore.",
            notes: '`"YYYY-MM-DD"`, one of the dates `getAutoSnapshots` lists',
        },
        useLatestRestorableAutoSnapshot: {
            type: { kind: "boolean" },
            role: "input",
            optional: true,
            replaces: true,
            doc: "Restore the newest automatic snapshot that can be restored.",
            notes: "not with `restoreDate`",
        },
        availabilityZone: {
            type: { kind: "string" },
            role: "input",
            reported: true,
            replaces: true,
            doc: "The availability zone of the new disk: the attached instance's.",
            notes: "in the disk's region, e.g. `us-east-1a`",
        },
        sizeInGb: {
            type: { kind: "integer" },
            role: "input",
            optional: true,
            reported: true,
            replaces: true,
            chosenWhenAbsent: true,
            doc: "The new disk's size in GB.",
            defaultDoc: "the snapshot's size",
            notes: "8 to 16,000, and never smaller than the snapshot",
        },
        attachTo: {
            type: attachmentType,
            role: "input",
            optional: true,
            doc: "The instance to attach the disk to, and the device path.",
            defaultDoc: "not attached",
            notes: "a change detaches and attaches; Lightsail detaches only from a stopped instance, so a running one is stopped and started again",
        },
        diskName: {
            type: { kind: "string" },
            role: "input",
            optional: true,
            resolved: true,
            reported: true,
            replaces: true,
            doc: "The new disk's name (also the resource ID).",
            defaultDoc:
                "resource name + `-` + 7 characters derived from the project, stack, resource name, source and region, generated once",
            notes: NAME_RULE,
        },
        tags: tagsProperty("CreateDiskFromSnapshot"),
        region: regionProperty("The AWS region of the disk and of its source snapshot."),
        timeouts: timeoutsProperty({
            typeName: "DiskFromSnapshotTimeouts",
            doc: "How long to wait for the disk (and its attachment).",
            createDoc: 'How long `pulumi up` waits for the disk to be available and attached. Default `"30m"`.',
            deleteDoc: 'How long `pulumi destroy` waits for the disk to be detached. Default `"30m"`.',
            defaultDoc: '`{ create: "30m", delete: "30m" }`',
        }),
        adopt: adoptProperty("disk", "zone"),
        arn: { type: { kind: "string" }, role: "output", doc: "The disk's ARN." },
        state: {
            type: { kind: "string" },
            role: "output",
            doc: "`available`, or `in-use` once attached; `pending`, `error` or `unknown`.",
        },
        isAttached: { type: { kind: "boolean" }, role: "output", doc: "Whether the disk is attached to an instance." },
        attachedTo: {
            type: { kind: "string" },
            role: "output",
            optional: true,
            doc: "The instance the disk is attached to, whoever attached it.",
        },
        path: {
            type: { kind: "string" },
            role: "output",
            optional: true,
            doc: "The disk's device path when attached.",
        },
        createdAt: { type: { kind: "string" }, role: "output", doc: "When it was created, ISO 8601." },
        supportCode: { type: { kind: "string" }, role: "output", doc: "The code AWS Support asks for." },
    },
});

/** The schema's type. */
export type DiskFromSnapshotSchema = typeof diskFromSnapshotSchema;

/** The inputs of a {@link DiskFromSnapshot}: one source and an availability zone are required. */
export type DiskFromSnapshotArgs = ArgsOf<DiskFromSnapshotSchema>;

/** DiskFromSnapshot inputs after `check`, as the state holds them. */
export type DiskFromSnapshotInputs = InputsOf<DiskFromSnapshotSchema> & GeneratedNameInputs;

/** DiskFromSnapshot outputs, as the state holds them. */
export type DiskFromSnapshotOutputs = OutputsOf<DiskFromSnapshotSchema> & GeneratedNameInputs;

/** Where a restored disk is attached. */
export type DiskAttachment = NonNullable<DiskFromSnapshotInputs["attachTo"]>;
