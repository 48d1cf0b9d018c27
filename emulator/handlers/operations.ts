/**
 * Operation status: `GetOperation`, `GetOperations`.
 *
 * @module
 */

import { errors } from "../protocol";
import { renderOperation } from "../render";
import { optionalString, requiredString } from "../validation";
import { type Handler, type OperationFamily, reads } from "./context";
import { page, paged } from "./paging";

const getOperation: Handler = (ctx, input) => {
    const id = requiredString(input, "operationId");
    const op = ctx.world.operation(ctx.region, id);
    if (!op) {
        throw errors.notFound("Operation", id);
    }
    return { operation: renderOperation(op, ctx.world.now()) };
};

const getOperations: Handler = (ctx, input) => {
    const token = optionalString(input, "pageToken");
    const ops = ctx.world.read(ctx.region).operations;
    // Creation order breaks ties between operations created in the same millisecond.
    const width = String(ops.length).length;
    const indexed = ops.map((op, i) => ({ op, n: String(ops.length - 1 - i).padStart(width, "0") }));
    const result = page(indexed, (e) => ({ c: e.op.createdAtMs, n: e.n }), "Operation", ctx.pageSize, token);
    const now = ctx.world.now();
    return paged("operations", { ...result, items: result.items.map((e) => renderOperation(e.op, now)) });
};

/** The operation status operations. */
export const operations: OperationFamily = {
    GetOperation: reads(getOperation),
    GetOperations: reads(getOperations),
};
