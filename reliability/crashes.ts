/**
 * Crash signatures: what the output of a crashed engine, language host or provider plugin looks
 * like, searched in every command the suite runs.
 *
 * @module
 */

/** What the output of a crashed engine, language host or provider plugin looks like. */
export const CRASH_SIGNATURES: readonly RegExp[] = [
    /\bpanic: /,
    /goroutine \d+ \[/,
    /\bSIGSEGV\b/,
    /unhandled (exception|rejection)/i,
    /uncaughtException|unhandledRejection/,
    /plugin exited|exited prematurely|exited unexpectedly/i,
    /unexpected EOF/,
    /error reading from server/i,
    /transport is closing/,
    /\b(TypeError|ReferenceError|RangeError|SyntaxError): /,
    /Cannot read propert(y|ies) of/,
    /Maximum call stack/,
    /FATAL ERROR/,
    /Cannot find module/,
];

/** The crash signatures found in a command's output: the matching lines, trimmed. */
export function crashSignatures(output: string): string[] {
    const found: string[] = [];
    for (const line of output.split("\n")) {
        if (CRASH_SIGNATURES.some((pattern) => pattern.test(line))) found.push(line.trim().slice(0, 300));
    }
    return found;
}
