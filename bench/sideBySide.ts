/**
 * What section 2's resource rows (restore and attach, cross-region copy) share: the provider's own
 * progress lines kept out of the bench's output, and no settings or clients left pointing at a
 * stopped emulator afterwards (the smoke test shares the process).
 */

import { configureProvider } from "../harness/providerCalls";
import { closeClients } from "../provider/lightsail";

/**
 * Runs `body` with stderr lines starting with `linePrefix` (the provider's wait lines, such as
 * `DiskFromSnapshot "..."`) dropped, then closes the provider's clients and resets its settings.
 */
export async function withProviderQuiet<T>(linePrefix: string, body: () => Promise<T>): Promise<T> {
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: unknown, ...rest: unknown[]) =>
        typeof chunk === "string" && chunk.startsWith(linePrefix)
            ? true
            : (write as (...args: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stderr.write;
    try {
        return await body();
    } finally {
        process.stderr.write = write;
        closeClients();
        await configureProvider();
    }
}
