/**
 * The snapshot a request reads: a manual disk snapshot, or an automatic snapshot of a disk chosen by
 * date or as the latest restorable one. `CreateDiskFromSnapshot` and `CopySnapshot` share these rules
 * under different member names.
 *
 * @module
 */

import { AUTO_SNAPSHOT_DATE_PATTERN, dateOf } from "../autoSnapshotSchedule";
import { errors } from "../protocol";
import type { World } from "../store";
import type { DiskRecord, DiskSnapshotRecord, Immutable } from "../types";
import { optionalBoolean, optionalString, truncate, validateResourceName } from "../validation";

/** The request members that name the source, and the words messages use for them. */
export interface SourceMembers {
    /** Member naming the manual snapshot (`diskSnapshotName`, `sourceSnapshotName`). */
    manual: string;
    /** Member naming the disk of the automatic snapshot (`sourceDiskName`, `sourceResourceName`). */
    auto: string;
    /** What the `auto` member names, for messages (`disk`, `resource`). */
    autoNoun: string;
    /** What the operation does with an automatic snapshot, for messages (`create a disk from`, `copy`). */
    autoUse: string;
}

/** The source a request names, as read from its members. */
export type SourceRequest =
    | {
          /** A manual disk snapshot. */
          kind: "manual";
          /** Its name. */
          snapshotName: string;
      }
    | {
          /** An automatic snapshot of a disk. */
          kind: "auto";
          /** The disk. */
          diskName: string;
          /** The date asked for; absent with `useLatest`. */
          restoreDate?: string;
          /** Set when the latest restorable automatic snapshot is asked for. */
          useLatest?: true;
      };

/** A source found usable now. */
export type UsableSource =
    | {
          /** A manual disk snapshot, `completed`. */
          kind: "manual";
          /** The snapshot, evaluated now. */
          snapshot: DiskSnapshotRecord;
      }
    | {
          /** An automatic snapshot of a disk, `Success`. */
          kind: "auto";
          /** The disk. */
          disk: Immutable<DiskRecord>;
          /** The automatic snapshot's date. */
          date: string;
      };

function checkRestoreDate(restoreDate: string): void {
    if (
        !AUTO_SNAPSHOT_DATE_PATTERN.test(restoreDate) ||
        dateOf(Date.parse(`${restoreDate}T00:00:00Z`)) !== restoreDate
    ) {
        throw errors.invalidInput(
            `The restoreDate '${truncate(restoreDate)}' is not valid. It must be specified in YYYY-MM-DD format.`,
        );
    }
}

/**
 * Reads the source members and checks the model's rules: exactly one of the `manual` and `auto`
 * members; with `auto`, exactly one of `restoreDate` (`YYYY-MM-DD`) and
 * `useLatestRestorableAutoSnapshot: true`; neither of those without it. A member counts as defined
 * when present, whatever its value ("cannot be defined together").
 *
 * @throws AwsError `InvalidInputException` (`InvalidInput`, `MissingParameter`), `SerializationException`.
 */
export function readSource(input: Record<string, unknown>, members: SourceMembers): SourceRequest {
    const snapshotName = optionalString(input, members.manual);
    const diskName = optionalString(input, members.auto);
    const restoreDate = optionalString(input, "restoreDate");
    const useLatest = optionalBoolean(input, "useLatestRestorableAutoSnapshot");
    if (snapshotName !== undefined && diskName !== undefined) {
        throw errors.invalidInput(
            `The ${members.manual} and ${members.auto} parameters are mutually exclusive. Specify only one of them.`,
        );
    }
    if (snapshotName === undefined && diskName === undefined) {
        throw errors.invalidInput(
            `You must specify either ${members.manual} (a manual snapshot) or ${members.auto} (an automatic snapshot of that ${members.autoNoun}).`,
            "MissingParameter",
        );
    }
    if (snapshotName !== undefined) {
        if (restoreDate !== undefined || useLatest !== undefined) {
            throw errors.invalidInput(
                `The restoreDate and useLatestRestorableAutoSnapshot parameters can only be defined with ${members.auto}, to ${members.autoUse} an automatic snapshot.`,
            );
        }
        validateResourceName(members.manual, snapshotName);
        return { kind: "manual", snapshotName };
    }
    const disk = diskName as string;
    validateResourceName(members.auto, disk);
    if (restoreDate !== undefined && useLatest !== undefined) {
        throw errors.invalidInput(
            "The restoreDate and useLatestRestorableAutoSnapshot parameters are mutually exclusive. Specify only one of them.",
        );
    }
    if (restoreDate !== undefined) {
        checkRestoreDate(restoreDate);
        return { kind: "auto", diskName: disk, restoreDate };
    }
    if (useLatest !== true) {
        throw errors.invalidInput(
            `To ${members.autoUse} an automatic snapshot, specify restoreDate or set useLatestRestorableAutoSnapshot to true.`,
            "MissingParameter",
        );
    }
    return { kind: "auto", diskName: disk, useLatest: true };
}

/**
 * Finds the source in `region` and checks it can be read now: a manual snapshot `completed`, an
 * automatic snapshot `Success` (with `useLatest`, the newest such).
 *
 * @throws AwsError `NotFoundException` for a missing snapshot, disk or date; `InvalidInputException`
 * `InvalidResourceState` for a snapshot not usable now.
 */
export function usableSource(world: World, region: string, source: SourceRequest): UsableSource {
    if (source.kind === "manual") {
        const snapshot = world.view(world.snapshot(region, source.snapshotName));
        if (snapshot.state !== "completed") {
            throw errors.invalidState(
                `The disk snapshot ${source.snapshotName} is not available (state: ${snapshot.state}). Wait until it is completed.`,
            );
        }
        return { kind: "manual", snapshot };
    }
    // Automatic snapshots of a disk live on the disk (they go with it).
    const disk = world.disk(region, source.diskName);
    const list = world.autoSnapshots(region, { kind: "disk", name: disk.name });
    if (source.restoreDate !== undefined) {
        const chosen = list.find((snapshot) => snapshot.date === source.restoreDate);
        if (chosen === undefined) {
            throw errors.autoSnapshotNotFound(disk.name, source.restoreDate);
        }
        if (chosen.status !== "Success") {
            throw errors.invalidState(
                `The automatic snapshot of the disk ${disk.name} dated ${chosen.date} is not restorable (status: ${chosen.status}). Wait until it is Success.`,
            );
        }
        return { kind: "auto", disk, date: chosen.date };
    }
    // The list is newest first.
    const latest = list.find((snapshot) => snapshot.status === "Success");
    if (latest === undefined) {
        throw errors.noRestorableAutoSnapshot(disk.name);
    }
    return { kind: "auto", disk, date: latest.date };
}

/** The size of a usable source, GB (an automatic snapshot has its disk's: Lightsail disks are never resized). */
export function sourceSize(source: UsableSource): number {
    return source.kind === "manual" ? source.snapshot.sizeInGb : source.disk.sizeInGb;
}
