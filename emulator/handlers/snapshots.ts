/**
 * Disk snapshots: `CreateDiskSnapshot`, `CopySnapshot` (of disk snapshots), `GetDiskSnapshot`,
 * `GetDiskSnapshots`, `DeleteDiskSnapshot`.
 *
 * @module
 */

import { errors } from "../protocol";
import { renderOperation, renderSnapshot } from "../render";
import type { OperationFailure } from "../store";
import type { SnapshotBehaviour } from "../types";
import {
    optionalString,
    optionalTagList,
    requiredString,
    validateRegionName,
    validateResourceName,
    validateTags,
} from "../validation";
import { type Handler, type OperationFamily, reads, requiredName, writes } from "./context";
import { listPage } from "./paging";
import { readSource, type SourceMembers, usableSource } from "./snapshotSources";

function snapshotFails(behaviour: SnapshotBehaviour, name: string): boolean {
    if (behaviour.errorPattern === undefined || behaviour.errorPattern === "") {
        return false;
    }
    return new RegExp(behaviour.errorPattern).test(name);
}

/** How the operations of a snapshot that ends in `error` fail (nothing when it does not). */
function failureOf(fails: boolean, errorDetails: string): Partial<OperationFailure & { outcome: "Failed" }> {
    return fails ? { outcome: "Failed", errorCode: "InternalError", errorDetails } : {};
}

const createDiskSnapshot: Handler = (ctx, input) => {
    const snapshotName = requiredName(input, "diskSnapshotName");
    const diskName = optionalString(input, "diskName");
    const instanceName = optionalString(input, "instanceName");
    const tags = optionalTagList(input, "tags") ?? [];
    if ((diskName === undefined) === (instanceName === undefined)) {
        throw errors.invalidInput(
            diskName === undefined
                ? "You must specify either a disk name or an instance name for the source of the disk snapshot."
                : "The diskName and instanceName parameters are mutually exclusive. Specify only one of them.",
        );
    }
    if (diskName !== undefined) {
        validateResourceName("diskName", diskName);
    }
    if (instanceName !== undefined) {
        validateResourceName("instanceName", instanceName);
    }
    validateTags(tags);

    const source = ctx.world.snapshotSource(
        ctx.region,
        diskName !== undefined ? { kind: "disk", name: diskName } : { kind: "instance", name: instanceName as string },
    );
    // Lightsail takes no manual snapshot of a source while its automatic snapshot is being created.
    if (ctx.world.autoSnapshotInProgress(ctx.region, source) !== undefined) {
        throw errors.autoSnapshotInProgress(source.resourceType, source.name);
    }
    const fails = snapshotFails(ctx.behaviour, snapshotName);
    const snapshot = ctx.world.createSnapshot({
        name: snapshotName,
        region: ctx.region,
        source,
        tags,
        durationMs: ctx.behaviour.durationMs,
        curve: ctx.behaviour.curve,
        fails,
    });
    const settlesAtMs = snapshot.createdAtMs + snapshot.durationMs;
    const failure = failureOf(
        fails,
        `The disk snapshot ${snapshotName} could not be created from ${source.kind} ${source.name}.`,
    );
    const ops = [
        ctx.world.addOperation(ctx.region, {
            resourceName: snapshotName,
            resourceType: "DiskSnapshot",
            availabilityZone: "all",
            operationDetails: source.name,
            operationType: "CreateDiskSnapshot",
            createdAtMs: snapshot.createdAtMs,
            settlesAtMs,
            ...failure,
        }),
        ctx.world.addOperation(ctx.region, {
            resourceName: source.name,
            resourceType: source.resourceType,
            availabilityZone: source.availabilityZone,
            operationDetails: snapshotName,
            operationType: "CreateDiskSnapshot",
            createdAtMs: snapshot.createdAtMs,
            settlesAtMs,
            ...failure,
        }),
    ];
    const now = ctx.world.now();
    return { operations: ops.map((op) => renderOperation(op, now)) };
};

/** `CopySnapshot`'s source members. */
const COPY_MEMBERS: SourceMembers = {
    manual: "sourceSnapshotName",
    auto: "sourceResourceName",
    autoNoun: "resource",
    autoUse: "copy",
};

/**
 * Copies a disk snapshot, or a disk's automatic snapshot, from `sourceRegion` into the request's
 * region (the target; the same region is allowed). The copy times itself as `CreateDiskSnapshot`'s
 * snapshots do; one operation is answered, on the copy.
 */
const copySnapshot: Handler = (ctx, input) => {
    const targetName = requiredName(input, "targetSnapshotName");
    const sourceRegion = requiredString(input, "sourceRegion");
    validateRegionName("sourceRegion", sourceRegion);
    const request = readSource(input, COPY_MEMBERS);
    const source = usableSource(ctx.world, sourceRegion, request);
    const fails = snapshotFails(ctx.behaviour, targetName);
    const copy = ctx.world.copySnapshot({
        name: targetName,
        region: ctx.region,
        from:
            source.kind === "manual"
                ? { kind: "manual", region: sourceRegion, snapshotName: source.snapshot.name }
                : { kind: "auto", region: sourceRegion, diskName: source.disk.name, date: source.date },
        durationMs: ctx.behaviour.durationMs,
        curve: ctx.behaviour.curve,
        fails,
    });
    // As in the CLI's examples: "<source region>:<source snapshot or resource name>".
    const details = `${sourceRegion}:${request.kind === "manual" ? request.snapshotName : request.diskName}`;
    const op = ctx.world.addOperation(ctx.region, {
        resourceName: targetName,
        resourceType: "DiskSnapshot",
        availabilityZone: "all",
        operationDetails: details,
        operationType: "CopySnapshot",
        createdAtMs: copy.createdAtMs,
        settlesAtMs: copy.createdAtMs + copy.durationMs,
        ...failureOf(fails, `The disk snapshot ${targetName} could not be copied from ${details}.`),
    });
    return { operations: [renderOperation(op, ctx.world.now())] };
};

const getDiskSnapshot: Handler = (ctx, input) => {
    const name = requiredName(input, "diskSnapshotName");
    return { diskSnapshot: renderSnapshot(ctx.world.view(ctx.world.snapshot(ctx.region, name))) };
};

const getDiskSnapshots: Handler = (ctx, input) => {
    const token = optionalString(input, "pageToken");
    return listPage(
        {
            name: "DiskSnapshot",
            member: "diskSnapshots",
            items: Object.values(ctx.world.read(ctx.region).snapshots),
            sortKey: (snapshot) => ({ createdAtMs: snapshot.createdAtMs, tieBreaker: snapshot.name }),
            render: (snapshot) => renderSnapshot(ctx.world.view(snapshot)),
        },
        ctx.pageSize,
        token,
    );
};

const deleteDiskSnapshot: Handler = (ctx, input) => {
    const name = requiredName(input, "diskSnapshotName");
    const view = ctx.world.view(ctx.world.snapshot(ctx.region, name));
    const now = ctx.world.now();
    if (view.state === "pending") {
        if (ctx.behaviour.deletePending === "refuse") {
            throw errors.invalidInput(
                `The disk snapshot ${name} is busy (state: pending) and cannot be deleted until it is completed. Try again later.`,
                "ResourceBusy",
            );
        }
        // The operations making it (create: on the snapshot and on its source; copy: on the copy) end as
        // the snapshot goes. A copy's source is not matched: copies go on without it.
        ctx.world.abortOperations(
            ctx.region,
            (op) =>
                (op.operationType === "CreateDiskSnapshot" &&
                    (op.resourceName === name || op.operationDetails === name)) ||
                (op.operationType === "CopySnapshot" && op.resourceName === name),
            {
                errorCode: "ResourceDeleted",
                errorDetails: `The disk snapshot ${name} was deleted before it completed.`,
            },
        );
    }
    ctx.world.removeSnapshot(ctx.region, name);
    const op = ctx.world.addOperation(ctx.region, {
        resourceName: name,
        resourceType: "DiskSnapshot",
        availabilityZone: "all",
        operationType: "DeleteDiskSnapshot",
    });
    return { operations: [renderOperation(op, now)] };
};

/** The disk snapshot operations. */
export const snapshots: OperationFamily = {
    CreateDiskSnapshot: writes(createDiskSnapshot),
    CopySnapshot: writes(copySnapshot),
    GetDiskSnapshot: reads(getDiskSnapshot),
    GetDiskSnapshots: reads(getDiskSnapshots),
    DeleteDiskSnapshot: writes(deleteDiskSnapshot),
};
