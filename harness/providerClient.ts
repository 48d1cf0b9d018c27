/**
 * Hooks on the Lightsail client the provider itself uses in this process (`clientFor` of
 * provider/runtime.ts), for answers real Lightsail gives and the emulator never does: a disk in
 * `error`, an add-on `Failed` or not listed. Each hook returns a function that removes it.
 *
 * @module
 */

import { clientFor } from "../provider/runtime";

/** Numbers the middleware names, which must be unique on a client. */
let hooks_ = 0;

/**
 * Passes every answer to `commandName` (`GetDiskCommand`) that the provider's client of `region`
 * receives through `rewrite`, which may change it in place.
 */
export function rewriteAnswers(region: string, commandName: string, rewrite: (output: never) => void): () => void {
    const name = `rewriteAnswers-${++hooks_}`;
    const client = clientFor(region);
    client.middlewareStack.add(
        (next, context) => async (args) => {
            const result = await next(args);
            if (context.commandName === commandName) rewrite(result.output as never);
            return result;
        },
        { step: "initialize", name },
    );
    return () => {
        client.middlewareStack.remove(name);
    };
}

/**
 * Runs `before` ahead of each call of `commandName` (`DetachDiskCommand`) by the provider's client
 * of `region`, and `after` once the call has ended, answered or failed: what someone else does
 * just then.
 */
export function aroundCalls(
    region: string,
    commandName: string,
    hooks: { before?: () => Promise<unknown>; after?: () => void },
): () => void {
    const name = `aroundCalls-${++hooks_}`;
    const client = clientFor(region);
    client.middlewareStack.add(
        (next, context) => async (args) => {
            if (context.commandName !== commandName) return next(args);
            await hooks.before?.();
            try {
                return await next(args);
            } finally {
                hooks.after?.();
            }
        },
        { step: "initialize", name },
    );
    return () => {
        client.middlewareStack.remove(name);
    };
}
