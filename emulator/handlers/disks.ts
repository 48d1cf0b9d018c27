/**
 * Block storage disks: `CreateDisk`, `CreateDiskFromSnapshot`, `GetDisk`, `GetDisks`, `DeleteDisk`.
 *
 * @module
 */

import { diskStateAt } from "../lifecycle";
import { errors } from "../protocol";
import { renderDisk, renderOperation, type Wire } from "../render";
import {
    optionalBoolean,
    optionalString,
    optionalTagList,
    requiredInteger,
    requiredString,
    validateAvailabilityZone,
    validateTags,
} from "../validation";
import { DiskStateError } from "../worldErrors";
import { enableAutoSnapshots, parseCreateAddOns } from "./addOns";
import { type Handler, type HandlerContext, type OperationFamily, reads, requiredName, writes } from "./context";
import { listPage } from "./paging";
import { readSource, type SourceMembers, sourceSize, usableSource } from "./snapshotSources";

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

/** `CreateDiskFromSnapshot`'s source members. */
const RESTORE_MEMBERS: SourceMembers = {
    manual: "diskSnapshotName",
    auto: "sourceDiskName",
    autoNoun: "disk",
    autoUse: "create a disk from",
};

const createDiskFromSnapshot: Handler = (ctx, input) => {
    const source = readSource(input, RESTORE_MEMBERS);
    return insertDisk(ctx, input, "CreateDiskFromSnapshot", (size) => {
        const snapshotSize = sourceSize(usableSource(ctx.world, ctx.region, source));
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
