/**
 * DiskSnapshotCopy, described once: a copy of a disk snapshot made by Lightsail's CopySnapshot, in
 * another region (or the same one), from a manual snapshot or from an automatic snapshot of a
 * disk (which turns it into a manual one, kept until deleted). The copy is a disk snapshot, so its
 * name and outputs are DiskSnapshot's.
 */

import type { GeneratedNameInputs } from "../../naming";
import { type ArgsOf, defineResource, type InputsOf, type OutputsOf } from "../../schema";
import { LIGHTSAIL_REGIONS } from "../../validation";
import { adoptProperty, regionProperty, tagsProperty, timeoutsProperty } from "../commonProperties";
import { snapshotNameProperty, snapshotOutputProperties } from "../diskSnapshot/schema";

/** The DiskSnapshotCopy resource's schema. */
export const diskSnapshotCopySchema = defineResource({
    name: "DiskSnapshotCopy",
    doc: "A copy of a Lightsail disk snapshot in another region, or of an automatic snapshot kept as a manual one.",
    idProperty: "diskSnapshotName",
    properties: {
        sourceSnapshotName: {
            type: { kind: "string" },
            role: "input",
            optional: true,
            replaces: true,
            doc: "The manual disk snapshot to copy.",
            notes: "exactly one source: `sourceSnapshotName`, or `sourceDiskName` with `restoreDate` or `useLatestRestorableAutoSnapshot`",
        },
        sourceDiskName: {
            type: { kind: "string" },
            role: "input",
            optional: true,
            replaces: true,
            doc: "The disk whose automatic snapshot to copy (the copy is a manual snapshot, kept until deleted).",
        },
        restoreDate: {
            type: { kind: "string" },
            role: "input",
            optional: true,
            replaces: true,
            doc: "The day of the automatic snapshot to copy.",
            notes: '`"YYYY-MM-DD"`, one of the dates `getAutoSnapshots` lists',
        },
        useLatestRestorableAutoSnapshot: {
            type: { kind: "boolean" },
            role: "input",
            optional: true,
            replaces: true,
            doc: "Copy the newest automatic snapshot that can be restored.",
            notes: "not with `restoreDate`",
        },
        sourceRegion: {
            type: { kind: "string" },
            role: "input",
            reported: true,
            replaces: true,
            doc: "The region of the source snapshot (or of the disk whose automatic snapshot is copied).",
            notes: `a Lightsail region: ${LIGHTSAIL_REGIONS.join(", ")}`,
        },
        diskSnapshotName: snapshotNameProperty,
        tags: tagsProperty("CopySnapshot", true),
        region: regionProperty("The AWS region the copy is made in (CopySnapshot is sent there)."),
        timeouts: timeoutsProperty({
            typeName: "DiskSnapshotCopyTimeouts",
            doc: "How long to wait for the copy and for its delete.",
            createDoc: 'How long `pulumi up` waits for the copy to complete. Default `"2h"`.',
            deleteDoc: 'How long `pulumi destroy` retries a copy Lightsail will not delete yet. Default `"20m"`.',
            defaultDoc: '`{ create: "2h", delete: "20m" }`',
        }),
        adopt: adoptProperty("snapshot", "source disk"),
        ...snapshotOutputProperties,
    },
});

/** The schema's type. */
export type DiskSnapshotCopySchema = typeof diskSnapshotCopySchema;

/** The inputs of a {@link DiskSnapshotCopy}: one source and `sourceRegion` are required. */
export type DiskSnapshotCopyArgs = ArgsOf<DiskSnapshotCopySchema>;

/** DiskSnapshotCopy inputs after `check`, as the state holds them. */
export type DiskSnapshotCopyInputs = InputsOf<DiskSnapshotCopySchema> & GeneratedNameInputs;

/** DiskSnapshotCopy outputs, as the state holds them. */
export type DiskSnapshotCopyOutputs = OutputsOf<DiskSnapshotCopySchema> & GeneratedNameInputs;
