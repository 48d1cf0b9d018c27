/**
 * Disk snapshots: `CreateDiskSnapshot`, `GetDiskSnapshot`, `GetDiskSnapshots`, `DeleteDiskSnapshot`.
 *
 * @module
 */

import { errors } from "../protocol";
import { renderOperation, renderSnapshot } from "../render";
import type { SnapshotBehaviour } from "../types";
import { optionalString, optionalTagList, validateResourceName, validateTags } from "../validation";
import { type Handler, type OperationFamily, reads, requiredName, writes } from "./context";
import { listPage } from "./paging";

function snapshotFails(behaviour: SnapshotBehaviour, name: string): boolean {
    if (behaviour.errorPattern === undefined || behaviour.errorPattern === "") {
        return false;
    }
    return new RegExp(behaviour.errorPattern).test(name);
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
    const failure = fails
        ? {
              outcome: "Failed" as const,
              errorCode: "InternalError",
              errorDetails: `The disk snapshot ${snapshotName} could not be created from ${source.kind} ${source.name}.`,
          }
        : {};
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
        // The create operations (on the snapshot and on its source) end as the snapshot goes.
        ctx.world.abortOperations(
            ctx.region,
            (op) =>
                op.operationType === "CreateDiskSnapshot" && (op.resourceName === name || op.operationDetails === name),
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
    GetDiskSnapshot: reads(getDiskSnapshot),
    GetDiskSnapshots: reads(getDiskSnapshots),
    DeleteDiskSnapshot: writes(deleteDiskSnapshot),
};
