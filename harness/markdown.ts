/**
 * The Markdown the generated reports (docs/BENCHMARKS.md, docs/RELIABILITY.md) are made of:
 * headings, tables, collapsible details, and the formatting of values inside them. Pure.
 *
 * @module
 */

/** A heading of `level` (1 for the title). */
export function heading(level: number, text: string): string {
    return `${"#".repeat(level)} ${text}`;
}

/** A table; cells are used as given (see {@link cell} for free text). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
    const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
    return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/** A block folded under `summary` (`<details>`), opened by a click. */
export function details(summary: string, body: string): string {
    return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** A document: the blocks that are not empty, a blank line between them, a newline at the end. */
export function document(blocks: readonly (string | false | undefined)[]): string {
    return `${blocks.filter((block): block is string => typeof block === "string" && block !== "").join("\n\n")}\n`;
}

/** Free text made safe for a table cell: one line, `|` escaped, cut after `max` characters. */
export function cell(text: unknown, max = 400): string {
    const flat = String(text ?? "")
        .replace(/\s+/g, " ")
        .trim();
    const cut = flat.length > max ? `${flat.slice(0, max)}…` : flat;
    return cut.replace(/\|/g, "\\|");
}

/** `yes`, a bold `no`, or nothing when unknown. */
export function yesNo(value: boolean | undefined): string {
    return value === undefined ? "" : value ? "yes" : "**no**";
}

/** ✓ or ✗. */
export function checkMark(ok: boolean): string {
    return ok ? "✓" : "✗";
}

/** Milliseconds as seconds with `digits` decimals, without the unit. */
export function secondsOf(ms: number, digits = 2): string {
    return (ms / 1000).toFixed(digits);
}

/** A wall time for people: `42.0 s`, or `3 min 7 s` from a minute on. */
export function elapsed(ms: number): string {
    return ms >= 60_000
        ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
        : `${secondsOf(ms, 1)} s`;
}
