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
import { NameTakenError, NoSuchAutoSnapshotError, NoSuchResourceError } from "../worldErrors";
import { addOns } from "./addOns";
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
const FAMILIES: readonly OperationFamily[] = [snapshots, tags, operations, disks, instances, addOns, autoSnapshots];

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
 * @throws AwsError for every Lightsail error: the world's refusals become `NameExists` and
 * `DoesNotExist`; other exceptions are bugs and become `ServiceException`.
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
        throw errors.service(`Internal error in the emulator: ${err instanceof Error ? err.message : String(err)}`);
    }
}
