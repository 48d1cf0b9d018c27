/**
 * Block storage disks: `CreateDisk`, `CreateDiskFromSnapshot`, `GetDisk`, `GetDisks`, `DeleteDisk`.
 *
 * @module
 */

import { AUTO_SNAPSHOT_DATE_PATTERN, dateOf } from "../autoSnapshotSchedule";
import { diskStateAt } from "../lifecycle";
import { errors } from "../protocol";
import { renderDisk, renderOperation, type Wire } from "../render";
import {
    optionalBoolean,
    optionalString,
    optionalTagList,
    requiredInteger,
    requiredString,
    truncate,
    validateAvailabilityZone,
    validateResourceName,
    validateTags,
} from "../validation";
import { DiskStateError } from "../worldErrors";
import { enableAutoSnapshots, parseCreateAddOns } from "./addOns";
import { type Handler, type HandlerContext, type OperationFamily, reads, requiredName, writes } from "./context";
import { listPage } from "./paging";

/** Minimum and maximum block storage disk sizes, GB (Lightsail's quotas: 8 to 16,000 GB per disk). */
export const DISK_SIZE_RANGE = { min: 8, max: 16_000 } as const;

function diskSize(input: Record<string, unknown>): number {
    const size = requiredInteger(input, "sizeInGb");
    if (size < DISK_SIZE_RANGE.min || size > DISK_SIZE_RANGE.max) {
        throw errors.invalidInput(
            `The sizeInGb ${size} is not valid. Disks must be between ${DISK_SIZE_RANGE.min} and ${DISK_SIZE_RANGE.max} GB.`,
        );
    }
    return size;
}

function insertDisk(
    ctx: HandlerContext,
    input: Record<string, unknown>,
    operationType: string,
    check: (sizeInGb: number) => void,
): Wire {
    const name = requiredName(input, "diskName");
    const zone = requiredString(input, "availabilityZone");
    const size = diskSize(input);
    const tags = optionalTagList(input, "tags") ?? [];
    const addOn = parseCreateAddOns(input);
    validateAvailabilityZone(ctx.region, zone);
    validateTags(tags);
    check(size);
    const readyAtMs = ctx.world.now() + ctx.resourceDurationMs;
    const disk = ctx.world.createDisk({
        name,
        region: ctx.region,
        availabilityZone: zone,
        sizeInGb: size,
        tags,
        readyAtMs,
    });
    if (addOn !== undefined) {
        enableAutoSnapshots(ctx, ctx.world.snapshotSource(ctx.region, { kind: "disk", name }), addOn);
    }
    const op = ctx.world.addOperation(ctx.region, {
        resourceName: name,
        resourceType: "Disk",
        availabilityZone: zone,
        operationType,
        createdAtMs: disk.createdAtMs,
        settlesAtMs: readyAtMs,
    });
    return { operations: [renderOperation(op, ctx.world.now())] };
}

const createDisk: Handler = (ctx, input) => insertDisk(ctx, input, "CreateDisk", () => undefined);

/** Where a restored disk comes from: a manual disk snapshot or an automatic snapshot of a disk. */
type RestoreSource =
    | { kind: "manual"; snapshotName: string }
    | { kind: "auto"; sourceDiskName: string; restoreDate?: string; useLatest?: true };

/**
 * Reads the source members of `CreateDiskFromSnapshot` and checks the model's rules: exactly one of
 * `diskSnapshotName` and `sourceDiskName`; with `sourceDiskName`, exactly one of `restoreDate`
 * (`YYYY-MM-DD`) and `useLatestRestorableAutoSnapshot: true`; neither of those without it. A member
 * counts as defined when present, whatever its value ("cannot be defined together").
 *
 * @throws AwsError `InvalidInputException` (`InvalidInput`, `MissingParameter`), `SerializationException`.
 */
function restoreSource(input: Record<string, unknown>): RestoreSource {
    const snapshotName = optionalString(input, "diskSnapshotName");
    const sourceDiskName = optionalString(input, "sourceDiskName");
    const restoreDate = optionalString(input, "restoreDate");
    const useLatest = optionalBoolean(input, "useLatestRestorableAutoSnapshot");
    if (snapshotName !== undefined && sourceDiskName !== undefined) {
        throw errors.invalidInput(
            "The diskSnapshotName and sourceDiskName parameters are mutually exclusive. Specify only one of them.",
        );
    }
    if (snapshotName === undefined && sourceDiskName === undefined) {
        throw errors.invalidInput(
            "You must specify either diskSnapshotName (a manual snapshot) or sourceDiskName (an automatic snapshot of that disk).",
            "MissingParameter",
        );
    }
    if (snapshotName !== undefined) {
        if (restoreDate !== undefined || useLatest !== undefined) {
            throw errors.invalidInput(
                "The restoreDate and useLatestRestorableAutoSnapshot parameters can only be defined with sourceDiskName, to create a disk from an automatic snapshot.",
            );
        }
        validateResourceName("diskSnapshotName", snapshotName);
        return { kind: "manual", snapshotName };
    }
    const diskName = sourceDiskName as string;
    validateResourceName("sourceDiskName", diskName);
    if (restoreDate !== undefined && useLatest !== undefined) {
        throw errors.invalidInput(
            "The restoreDate and useLatestRestorableAutoSnapshot parameters are mutually exclusive. Specify only one of them.",
        );
    }
    if (restoreDate !== undefined) {
        if (
            !AUTO_SNAPSHOT_DATE_PATTERN.test(restoreDate) ||
            dateOf(Date.parse(`${restoreDate}T00:00:00Z`)) !== restoreDate
        ) {
            throw errors.invalidInput(
                `The restoreDate '${truncate(restoreDate)}' is not valid. It must be specified in YYYY-MM-DD format.`,
            );
        }
        return { kind: "auto", sourceDiskName: diskName, restoreDate };
    }
    if (useLatest !== true) {
        throw errors.invalidInput(
            "To create a disk from an automatic snapshot, specify restoreDate or set useLatestRestorableAutoSnapshot to true.",
            "MissingParameter",
        );
    }
    return { kind: "auto", sourceDiskName: diskName, useLatest: true };
}

/**
 * The size of the snapshot a restore reads, once it is usable.
 *
 * @throws AwsError `NotFoundException` for a missing snapshot, disk or date; `InvalidInputException`
 * `InvalidResourceState` for a snapshot not yet usable.
 */
function restoreSize(ctx: HandlerContext, source: RestoreSource): number {
    if (source.kind === "manual") {
        const snapshot = ctx.world.view(ctx.world.snapshot(ctx.region, source.snapshotName));
        if (snapshot.state !== "completed") {
            throw errors.invalidState(
                `The disk snapshot ${source.snapshotName} is not available (state: ${snapshot.state}). Wait until it is completed.`,
            );
        }
        return snapshot.sizeInGb;
    }
    // Automatic snapshots of a disk live on the disk (they go with it), and a disk's size never changes.
    const disk = ctx.world.disk(ctx.region, source.sourceDiskName);
    const list = ctx.world.autoSnapshots(ctx.region, { kind: "disk", name: disk.name });
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
        return disk.sizeInGb;
    }
    if (!list.some((snapshot) => snapshot.status === "Success")) {
        throw errors.noRestorableAutoSnapshot(disk.name);
    }
    return disk.sizeInGb;
}

const createDiskFromSnapshot: Handler = (ctx, input) => {
    const source = restoreSource(input);
    return insertDisk(ctx, input, "CreateDiskFromSnapshot", (size) => {
        const snapshotSize = restoreSize(ctx, source);
        if (size < snapshotSize) {
            throw errors.invalidInput(
                `The sizeInGb ${size} is smaller than the source snapshot (${snapshotSize} GB). Specify at least ${snapshotSize}.`,
            );
        }
    });
};

const getDisk: Handler = (ctx, input) => {
    const name = requiredName(input, "diskName");
    return { disk: renderDisk(ctx.world.disk(ctx.region, name), ctx.world.now()) };
};

const getDisks: Handler = (ctx, input) => {
    const token = optionalString(input, "pageToken");
    const now = ctx.world.now();
    return listPage(
        {
            name: "Disk",
            member: "disks",
            items: Object.values(ctx.world.read(ctx.region).disks),
            sortKey: (disk) => ({ createdAtMs: disk.createdAtMs, tieBreaker: disk.name }),
            render: (disk) => renderDisk(disk, now),
        },
        ctx.pageSize,
        token,
    );
};

const deleteDisk: Handler = (ctx, input) => {
    const name = requiredName(input, "diskName");
    optionalBoolean(input, "forceDeleteAddOns");
    // The model's rule: "The disk must be in the available state (not attached to a Lightsail instance)."
    if (diskStateAt(ctx.world.disk(ctx.region, name), ctx.world.now()) === "pending") {
        throw new DiskStateError(name, "pending");
    }
    const disk = ctx.world.removeDisk(ctx.region, name);
    const op = ctx.world.addOperation(ctx.region, {
        resourceName: name,
        resourceType: "Disk",
        availabilityZone: disk.availabilityZone,
        operationType: "DeleteDisk",
    });
    return { operations: [renderOperation(op, ctx.world.now())] };
};

/** The disk operations. */
export const disks: OperationFamily = {
    CreateDisk: writes(createDisk),
    CreateDiskFromSnapshot: writes(createDiskFromSnapshot),
    GetDisk: reads(getDisk),
    GetDisks: reads(getDisks),
    DeleteDisk: writes(deleteDisk),
};
