/**
 * DiskSnapshot, described once. Everything else that lists its properties (the argument and
 * output types, the resource class, check, diff, the outputs, the README tables, the package
 * schema) is derived from this entry.
 */

import type { GeneratedNameInputs } from "../../naming";
import { type ArgsOf, defineResource, type InputsOf, type OutputsOf, type ReportedOf } from "../../schema";
import { NAME_RULE } from "../../validation";
import { adoptProperty, regionProperty, tagsProperty, timeoutsProperty } from "../commonProperties";

/** The `location` output's type. */
const locationType = {
    kind: "object",
    name: "SnapshotLocation",
    doc: "Where a snapshot lives.",
    fields: {
        availabilityZone: { type: { kind: "string" }, optional: true, doc: "`all` for snapshots, which are regional." },
        regionName: { type: { kind: "string" }, optional: true, doc: "The AWS region." },
    },
} as const;

/** A snapshot's name, which is also its resource ID: declared, or generated once. */
export const snapshotNameProperty = {
    reported: true,
    type: { kind: "string" },
    role: "input",
    optional: true,
    resolved: true,
    replaces: true,
    doc: "The snapshot's name (also the resource ID).",
    defaultDoc:
        "resource name + `-` + 7 characters derived from the project, stack, resource name, source and region, generated once",
    notes: NAME_RULE,
} as const;

/** What Lightsail reports of a disk snapshot: the outputs of every resource that is one (a snapshot, a copy). */
export const snapshotOutputProperties = {
    arn: { type: { kind: "string" }, role: "output", doc: "The snapshot's ARN." },
    state: {
        type: { kind: "string" },
        role: "output",
        doc: "`pending`, `completed` (after a successful `up`), `error` or `unknown`.",
    },
    progress: {
        type: { kind: "string" },
        role: "output",
        optional: true,
        doc: 'Lightsail\'s progress string, `"100%"` once completed.',
    },
    sizeInGb: { type: { kind: "integer" }, role: "output", doc: "Size of the source disk, in GB." },
    createdAt: { type: { kind: "string" }, role: "output", doc: "When it was created, ISO 8601." },
    fromDiskName: {
        type: { kind: "string" },
        role: "output",
        optional: true,
        doc: "The source disk's name (snapshots of block storage disks).",
    },
    fromDiskArn: { type: { kind: "string" }, role: "output", optional: true, doc: "The source disk's ARN." },
    fromInstanceName: {
        type: { kind: "string" },
        role: "output",
        optional: true,
        doc: "The source instance's name (snapshots of system volumes).",
    },
    fromInstanceArn: {
        type: { kind: "string" },
        role: "output",
        optional: true,
        doc: "The source instance's ARN.",
    },
    isFromAutoSnapshot: {
        type: { kind: "boolean" },
        role: "output",
        doc: "Whether an automatic snapshot made it.",
    },
    location: { type: locationType, role: "output", doc: "Region and availability zone (`all` for snapshots)." },
    resourceType: { type: { kind: "string" }, role: "output", doc: "Always `DiskSnapshot`." },
    supportCode: { type: { kind: "string" }, role: "output", doc: "The code AWS Support asks for." },
} as const;

/** The DiskSnapshot resource's schema. */
export const diskSnapshotSchema = defineResource({
    name: "DiskSnapshot",
    doc: "A snapshot of a Lightsail block storage disk, or of an instance's system volume.",
    idProperty: "diskSnapshotName",
    properties: {
        diskName: {
            type: { kind: "string" },
            role: "input",
            optional: true,
            replaces: true,
            doc: "The block storage disk to snapshot.",
            notes: "exactly one of `diskName`, `instanceName`",
        },
        instanceName: {
            type: { kind: "string" },
            role: "input",
            optional: true,
            replaces: true,
            doc: "The instance whose system volume to snapshot.",
        },
        diskSnapshotName: snapshotNameProperty,
        tags: tagsProperty("CreateDiskSnapshot"),
        region: regionProperty("The AWS region of the snapshot."),
        timeouts: timeoutsProperty({
            typeName: "DiskSnapshotTimeouts",
            doc: "How long to wait for the create and the delete.",
            createDoc: 'How long `pulumi up` waits for the snapshot to complete. Default `"2h"`.',
            deleteDoc: 'How long `pulumi destroy` retries a snapshot Lightsail will not delete yet. Default `"20m"`.',
            defaultDoc: '`{ create: "2h", delete: "20m" }`',
            extraNotes: "Pulumi's `customTimeouts` option does not reach dynamic providers, so they are inputs",
        }),
        adopt: adoptProperty("snapshot", "source"),
        ...snapshotOutputProperties,
    },
});

/** The schema's type. */
export type DiskSnapshotSchema = typeof diskSnapshotSchema;

/** The inputs of a {@link DiskSnapshot}: exactly one of `diskName` and `instanceName` is required. */
export type DiskSnapshotArgs = ArgsOf<DiskSnapshotSchema>;

/** DiskSnapshot inputs after `check`, as the state holds them. */
export type DiskSnapshotInputs = InputsOf<DiskSnapshotSchema> & GeneratedNameInputs;

/** DiskSnapshot outputs, as the state holds them. */
export type DiskSnapshotOutputs = OutputsOf<DiskSnapshotSchema> & GeneratedNameInputs;

/** Create and delete timeouts, as duration strings. */
export type DiskSnapshotTimeouts = NonNullable<DiskSnapshotInputs["timeouts"]>;

/** Where a snapshot lives. */
export type SnapshotLocation = DiskSnapshotOutputs["location"];

/** A Lightsail disk snapshot, as the lookups return it. */
export type DiskSnapshotInfo = ReportedOf<DiskSnapshotSchema>;
