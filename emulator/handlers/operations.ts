/**
 * Operation status: `GetOperation`, `GetOperations`.
 *
 * @module
 */

import { errors } from "../protocol";
import { renderOperation } from "../render";
import { optionalString, requiredNonBlankString } from "../validation";
import { type Handler, type OperationFamily, reads } from "./context";
import { listPage } from "./paging";

const getOperation: Handler = (ctx, input) => {
    const id = requiredNonBlankString(input, "operationId");
    const op = ctx.world.operation(ctx.region, id);
    if (!op) {
        throw errors.notFound("Operation", id);
    }
    return { operation: renderOperation(op, ctx.world.now()) };
};

const getOperations: Handler = (ctx, input) => {
    const token = optionalString(input, "pageToken");
    const ops = ctx.world.read(ctx.region).operations;
    // Creation order breaks ties between operations created in the same millisecond: the later one
    // first, so the tie breaker counts down, zero-padded to sort as a string.
    const width = String(ops.length).length;
    const numbered = ops.map((op, index) => ({ op, tieBreaker: String(ops.length - 1 - index).padStart(width, "0") }));
    const now = ctx.world.now();
    return listPage(
        {
            name: "Operation",
            member: "operations",
            items: numbered,
            sortKey: (entry) => ({ createdAtMs: entry.op.createdAtMs, tieBreaker: entry.tieBreaker }),
            render: (entry) => renderOperation(entry.op, now),
        },
        ctx.pageSize,
        token,
    );
};

/** The operation status operations. */
export const operations: OperationFamily = {
    GetOperation: reads(getOperation),
    GetOperations: reads(getOperations),
};
