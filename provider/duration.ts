/**
 * Duration strings for timeouts, in the form Pulumi's `customTimeouts` uses: `"90s"`, `"45m"`,
 * `"2h"`, `"1h30m"`. Pure.
 */

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:h|ms|m|s))+$/;
const PART = /(\d+(?:\.\d+)?)(h|ms|m|s)/g;

/** Milliseconds in `text`, or `undefined` when it is not a duration string. */
export function parseDuration(text: string): number | undefined {
    const trimmed = text.trim();
    if (!DURATION.test(trimmed)) return undefined;
    let total = 0;
    for (const match of trimmed.matchAll(PART)) {
        total += Number(match[1]) * UNIT_MS[match[2]];
    }
    return total;
}

/** A short human form of a number of milliseconds: `42s`, `3m05s`, `1h02m`. */
export function formatElapsed(ms: number): string {
    const seconds = Math.max(0, Math.round(ms / 1000));
    if (seconds < 60) return `${seconds}s`;
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
    return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}
