/**
 * Hooks on the Lightsail client the provider itself uses in this process (`clientFor` of
 * provider/runtime.ts), for answers real Lightsail gives and the emulator never does: a disk in
 * `error`, an add-on `Failed` or not listed. Each hook returns a function that removes it.
 *
 * @module
 */

import { clientFor } from "../provider/runtime";

let hooks = 0;

/**
 * Passes every answer to `commandName` (`GetDiskCommand`) that the provider's client of `region`
 * receives through `rewrite`, which may change it in place.
 */
export function rewriteAnswers(region: string, commandName: string, rewrite: (output: never) => void): () => void {
    const name = `rewriteAnswers-${++hooks}`;
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

/** Calls `then` once each call of `commandName` by the provider's client of `region` has ended, answered or failed. */
export function afterCalls(region: string, commandName: string, then: () => void): () => void {
    const name = `afterCalls-${++hooks}`;
    const client = clientFor(region);
    client.middlewareStack.add(
        (next, context) => async (args) => {
            try {
                return await next(args);
            } finally {
                if (context.commandName === commandName) then();
            }
        },
        { step: "initialize", name },
    );
    return () => {
        client.middlewareStack.remove(name);
    };
}
