/**
 * Waiting in real time: a promise-based sleep and a condition poll.
 *
 * @module
 */

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Checks `condition` every `intervalMs` until it holds.
 *
 * @throws Error naming `what` when it still does not hold after `timeoutMs`.
 */
export async function waitFor(
    condition: () => boolean,
    timeoutMs: number,
    what: string,
    intervalMs = 50,
): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(intervalMs);
    }
}
