/**
 * Where the provider's lines for the user (progress, what it is about to do) go. In the
 * dynamic-provider plugin, to stderr, which the CLI shows as diagnostics of the stack. The native
 * plugin installs a router that logs each line against the resource whose operation printed it.
 *
 * The router is looked up on `globalThis` under a registered symbol, written out in the function,
 * because this code is also serialized by value into dynamic providers (see ./runtime), where a
 * captured module variable would become a copy of its own.
 */

/** Routes a line to the resource whose operation is running, or returns false to leave it to stderr. */
export type LineRouter = (line: string) => boolean;

/** Tells the user `line` (one line, no newline). */
export function tellUser(line: string): void {
    const router = (globalThis as Record<symbol, LineRouter | undefined>)[
        Symbol.for("pulumi-lightsail-snapshots.lineRouter")
    ];
    if (router?.(line)) return;
    process.stderr.write(`${line}\n`);
}

/** Installs the native plugin's router (see {@link tellUser}). */
export function installLineRouter(router: LineRouter): void {
    (globalThis as Record<symbol, LineRouter | undefined>)[Symbol.for("pulumi-lightsail-snapshots.lineRouter")] =
        router;
}
