/**
 * Disk attachments: `AttachDisk`, `DetachDisk`.
 *
 * Both answer two operations, as the CLI's attach-disk example shows: one on the disk (details: the
 * instance) and one on the instance (details: the disk), `Started` until the attachment settles.
 *
 * @module
 */

import { DISK_PATH_PATTERN } from "../lifecycle";
import { errors } from "../protocol";
import { renderOperation, type Wire } from "../render";
import { optionalBoolean, requiredString } from "../validation";
import { type Handler, type HandlerContext, type OperationFamily, requiredName, writes } from "./context";

/**
 * The two operations of an attach or detach (also answered by `DeleteInstance` for each disk it
 * detaches): the disk's, then the instance's.
 */
export function attachmentOperations(
    ctx: HandlerContext,
    operationType: "AttachDisk" | "DetachDisk",
    disk: { name: string; availabilityZone: string },
    instance: { name: string; availabilityZone: string },
    settlesAtMs: number,
): Wire[] {
    const createdAtMs = ctx.world.now();
    const ops = [
        ctx.world.addOperation(ctx.region, {
            resourceName: disk.name,
            resourceType: "Disk",
            availabilityZone: disk.availabilityZone,
            operationDetails: instance.name,
            operationType,
            createdAtMs,
            settlesAtMs,
        }),
        ctx.world.addOperation(ctx.region, {
            resourceName: instance.name,
            resourceType: "Instance",
            availabilityZone: instance.availabilityZone,
            operationDetails: disk.name,
            operationType,
            createdAtMs,
            settlesAtMs,
        }),
    ];
    return ops.map((op) => renderOperation(op, createdAtMs));
}

const attachDisk: Handler = (ctx, input) => {
    const diskName = requiredName(input, "diskName");
    const instanceName = requiredName(input, "instanceName");
    const path = requiredString(input, "diskPath");
    optionalBoolean(input, "autoMounting");
    if (!DISK_PATH_PATTERN.test(path)) {
        throw errors.invalidDiskPath();
    }
    const settlesAtMs = ctx.world.now() + ctx.transitions.attachmentDurationMs;
    const disk = ctx.world.attachDisk(ctx.region, { diskName, instanceName, path, settlesAtMs });
    const instance = ctx.world.instance(ctx.region, instanceName);
    return { operations: attachmentOperations(ctx, "AttachDisk", disk, instance, settlesAtMs) };
};

const detachDisk: Handler = (ctx, input) => {
    const diskName = requiredName(input, "diskName");
    const settlesAtMs = ctx.world.now() + ctx.transitions.attachmentDurationMs;
    const disk = ctx.world.detachDisk(ctx.region, diskName, settlesAtMs);
    const instance = ctx.world.instance(ctx.region, disk.attachment?.instanceName ?? "");
    return { operations: attachmentOperations(ctx, "DetachDisk", disk, instance, settlesAtMs) };
};

/** The attachment operations. */
export const attachments: OperationFamily = {
    AttachDisk: writes(attachDisk),
    DetachDisk: writes(detachDisk),
};
