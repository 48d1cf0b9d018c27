/**
 * Lightsail operations: input validation, semantics against the world, wire output. One module per
 * resource family; this one builds the operation table from them.
 *
 * Each handler takes the parsed JSON input and returns the output object. Each operation declares
 * whether it may change the world, so that the core runs it in a transaction.
 *
 * @module
 */

import { AwsError, errors } from "../protocol";
import type { Wire } from "../render";
import {
    AttachedStorageQuotaError,
    DiskAttachedError,
    DiskPathError,
    DiskStateError,
    InstanceStateError,
    NameTakenError,
    NoSuchAutoSnapshotError,
    NoSuchResourceError,
    ZoneMismatchError,
} from "../worldErrors";
import { addOns } from "./addOns";
import { attachments } from "./attachments";
import { autoSnapshots } from "./autoSnapshots";
import type { HandlerContext, Operation, OperationFamily } from "./context";
import { disks } from "./disks";
import { instances } from "./instances";
import { operations } from "./operations";
import { snapshots } from "./snapshots";
import { tags } from "./tags";

export type { Handler, HandlerContext, Operation, OperationFamily } from "./context";
export { DISK_SIZE_RANGE } from "./disks";

/** The resource families, in the order their operations are listed. A new family is one more entry. */
const FAMILIES: readonly OperationFamily[] = [
    snapshots,
    tags,
    operations,
    disks,
    instances,
    attachments,
    addOns,
    autoSnapshots,
];

/** What each operation that can meet an instance in the wrong state does to it, for messages. */
const INSTANCE_ACTION: Readonly<Record<string, string>> = {
    StopInstance: "stop it",
    StartInstance: "start it",
    AttachDisk: "attach a disk to it",
    DetachDisk: "detach a disk from it",
};

/** The wire answer to a disk busy with an attachment, by operation. */
function diskAttached(operation: string, err: DiskAttachedError): AwsError {
    const where =
        err.phase === "attached"
            ? `is attached to ${err.instanceName}`
            : err.phase === "attaching"
              ? `is being attached to ${err.instanceName}`
              : `is being detached from ${err.instanceName}`;
    if (operation === "DeleteDisk") {
        return errors.invalidState(
            `The disk ${err.diskName} ${where}. ${err.phase === "detaching" ? "Wait until it is detached" : "Detach it"} before deleting it.`,
            "Stop the instance, detach the disk with DetachDisk, then delete the disk.",
        );
    }
    return errors.invalidState(
        `The disk ${err.diskName} ${err.phase === "attached" ? `is already attached to ${err.instanceName}` : where}. A disk can be attached to one instance at a time.`,
        "Use a disk whose attachmentState is detached.",
    );
}

/**
 * The wire answer to a world refusal of attachments and instance power, or `undefined` when `err` is
 * none of them. Messages are the emulator's (see the README's "Restore and attach" section).
 */
function attachmentRefusal(operation: string, err: unknown): AwsError | undefined {
    if (err instanceof DiskPathError) {
        return err.usedBy === undefined
            ? errors.invalidDiskPath()
            : errors.invalidInput(
                  `The disk path ${err.path} is already in use by the disk ${err.usedBy} on the instance ${err.instanceName}. Specify a different disk path.`,
                  "InvalidParams",
              );
    }
    if (err instanceof DiskAttachedError) {
        return diskAttached(operation, err);
    }
    if (err instanceof DiskStateError) {
        switch (err.state) {
            case "pending":
                return errors.invalidState(
                    `The disk ${err.diskName} is not available (state: pending). Wait until it is available, then try again.`,
                );
            case "detached":
                return errors.invalidState(`The disk ${err.diskName} is not attached to an instance.`);
            default:
                return errors.invalidState(
                    `The disk ${err.diskName} is ${err.state}. Wait until it is ${err.state === "attaching" ? "attached" : "detached"}, then try again.`,
                );
        }
    }
    if (err instanceof InstanceStateError) {
        return errors.invalidState(
            `The instance ${err.instanceName} is ${err.state}. It must be ${err.needed} to ${INSTANCE_ACTION[operation] ?? "do this"}.`,
            "Use GetInstanceState or GetInstance to follow the instance's state, then try again.",
        );
    }
    if (err instanceof ZoneMismatchError) {
        return errors.invalidInput(
            `The disk ${err.diskName} is in ${err.diskZone} and the instance ${err.instanceName} in ${err.instanceZone}. A disk can only be attached to an instance in the same Availability Zone.`,
        );
    }
    if (err instanceof AttachedStorageQuotaError) {
        return errors.invalidInput(
            `Attaching the disk ${err.diskName} would exceed the quota of ${err.quotaGb} GB of block storage attached to instances in the region (${err.attachedGb} GB attached now).`,
            "QuotaExceeded",
        );
    }
    return undefined;
}

function operationTable(families: readonly OperationFamily[]): Readonly<Record<string, Operation>> {
    const table: Record<string, Operation> = {};
    for (const family of families) {
        for (const [name, operation] of Object.entries(family)) {
            if (table[name] !== undefined) {
                throw new Error(`operation ${name} is defined by two families`);
            }
            table[name] = operation;
        }
    }
    return table;
}

/** The implemented operations, by `X-Amz-Target` operation name. */
export const OPERATION_TABLE: Readonly<Record<string, Operation>> = operationTable(FAMILIES);

/** Names of the implemented operations. */
export const OPERATIONS: readonly string[] = Object.keys(OPERATION_TABLE);

/**
 * Runs one operation.
 *
 * @throws AwsError for every Lightsail error: the world's refusals become `NameExists`,
 * `DoesNotExist`, `InvalidResourceState`, `InvalidParams` and the other attachment refusals; other
 * exceptions are bugs and become `ServiceException`.
 */
export function handle(operation: string, ctx: HandlerContext, input: Record<string, unknown>): Wire {
    const entry = OPERATION_TABLE[operation];
    if (!entry) {
        throw errors.unknownOperation();
    }
    try {
        return entry.handler(ctx, input);
    } catch (err) {
        if (err instanceof AwsError) {
            throw err;
        }
        if (err instanceof NameTakenError) {
            throw errors.nameExists(err.names.join(", "));
        }
        if (err instanceof NoSuchResourceError) {
            throw errors.notFound(err.resourceType, err.resourceName);
        }
        if (err instanceof NoSuchAutoSnapshotError) {
            throw errors.autoSnapshotNotFound(err.resourceName, err.date);
        }
        const refusal = attachmentRefusal(operation, err);
        if (refusal !== undefined) {
            throw refusal;
        }
        throw errors.service(`Internal error in the emulator: ${err instanceof Error ? err.message : String(err)}`);
    }
}
