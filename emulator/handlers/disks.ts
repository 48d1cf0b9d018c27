/**
 * Block storage disks: `CreateDisk`, `CreateDiskFromSnapshot`, `GetDisk`, `GetDisks`, `DeleteDisk`.
 *
 * @module
 */

import { errors } from "../protocol";
import { renderDisk, renderOperation, type Wire } from "../render";
import {
    optionalBoolean,
    optionalString,
    optionalTagList,
    requiredInteger,
    requiredString,
    validateAvailabilityZone,
    validateResourceName,
    validateTags,
} from "../validation";
import { enableAutoSnapshots, parseCreateAddOns } from "./addOns";
import { type Handler, type HandlerContext, type OperationFamily, reads, requiredName, writes } from "./context";
import { listPage } from "./paging";

/** Minimum and maximum block storage disk sizes, GB. */
export const DISK_SIZE_RANGE = { min: 8, max: 16384 } as const;

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

const createDiskFromSnapshot: Handler = (ctx, input) => {
    const snapshotName = optionalString(input, "diskSnapshotName");
    optionalString(input, "sourceDiskName");
    optionalString(input, "restoreDate");
    optionalBoolean(input, "useLatestRestorableAutoSnapshot");
    if (snapshotName === undefined) {
        throw errors.invalidInput(
            "Specify diskSnapshotName: this emulator does not create disks from automatic snapshots (sourceDiskName with restoreDate or useLatestRestorableAutoSnapshot).",
            "MissingParameter",
        );
    }
    validateResourceName("diskSnapshotName", snapshotName);
    return insertDisk(ctx, input, "CreateDiskFromSnapshot", (size) => {
        const snapshot = ctx.world.view(ctx.world.snapshot(ctx.region, snapshotName));
        if (snapshot.state !== "completed") {
            throw errors.invalidInput(
                `The disk snapshot ${snapshotName} is not available (state: ${snapshot.state}). Wait until it is completed.`,
                "InvalidResourceState",
            );
        }
        if (size < snapshot.sizeInGb) {
            throw errors.invalidInput(
                `The sizeInGb ${size} is smaller than the source snapshot (${snapshot.sizeInGb} GB). Specify at least ${snapshot.sizeInGb}.`,
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
