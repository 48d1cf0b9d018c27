/**
 * What the provider writes to stderr (its progress lines and warnings), captured while a call
 * runs in this process, and still passed through.
 *
 * @module
 */

/** Runs `action` and returns its result with every line written to stderr meanwhile. */
export async function withStderrLines<T>(action: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
    const lines: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
        lines.push(...String(chunk).split("\n").filter(Boolean));
        return original(chunk, ...rest);
    }) as typeof process.stderr.write;
    try {
        return { result: await action(), lines };
    } finally {
        process.stderr.write = original;
    }
}

/** Like {@link withStderrLines} for an action expected to fail: its error and the lines. */
export async function failureWithStderrLines(
    action: () => Promise<unknown>,
): Promise<{ error: Error; lines: string[] }> {
    let failure: Error | undefined;
    const { lines } = await withStderrLines(async () => {
        try {
            await action();
        } catch (error) {
            failure = error as Error;
        }
    });
    if (!failure) throw new Error("expected the action to fail, and it succeeded");
    return { error: failure, lines };
}
