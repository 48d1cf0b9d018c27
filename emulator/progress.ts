/**
 * Disk snapshot state and progress as pure functions of elapsed time.
 *
 * A snapshot's state is never stored: it is derived from its creation time, duration, curve and
 * failure flag, so it survives restarts and can be evaluated in virtual time.
 *
 * @module
 */

import type { DiskSnapshotState, ProgressCurve } from "./types";

/**
 * Percentage (0-99) a pending snapshot reports after `elapsedMs` of `durationMs`, or `undefined` for
 * the `none` curve. Never 100 while pending: 100% is reported only once the snapshot is completed.
 */
export function pendingPercent(curve: ProgressCurve, elapsedMs: number, durationMs: number): number | undefined {
    if (curve === "none") {
        return undefined;
    }
    const fraction = durationMs <= 0 ? 1 : Math.min(1, Math.max(0, elapsedMs / durationMs));
    let percent: number;
    switch (curve) {
        case "linear":
            percent = 100 * fraction;
            break;
        case "front-loaded":
            percent = 100 * (1 - (1 - fraction) ** 3);
            break;
        case "stalled-then-jump":
            percent = Math.min(50, 200 * fraction);
            break;
    }
    return Math.min(99, Math.floor(percent));
}

/** State and progress string of a snapshot at `nowMs`. */
export function snapshotStatus(
    snapshot: { createdAtMs: number; durationMs: number; curve: ProgressCurve; fails: boolean },
    nowMs: number,
): { state: DiskSnapshotState; progress?: string } {
    const elapsed = nowMs - snapshot.createdAtMs;
    if (elapsed >= snapshot.durationMs) {
        if (snapshot.fails) {
            const last = pendingPercent(snapshot.curve, snapshot.durationMs, snapshot.durationMs);
            return last === undefined ? { state: "error" } : { state: "error", progress: `${last}%` };
        }
        return { state: "completed", progress: "100%" };
    }
    const percent = pendingPercent(snapshot.curve, elapsed, snapshot.durationMs);
    return percent === undefined ? { state: "pending" } : { state: "pending", progress: `${percent}%` };
}
