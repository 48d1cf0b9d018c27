/**
 * Progress lines for a user watching `pulumi up`: the snapshot's percent and the time elapsed, at
 * most one line per 10 % of progress or per 30 seconds. Pure: the caller supplies times and
 * decides where lines go (the dynamic-provider plugin's output reaches the CLI as diagnostics).
 */

import { formatElapsed } from "./duration";

/** Progress must grow by this many points before the next line. */
export const PROGRESS_STEP_PERCENT = 10;
/** Without such growth, a line at most this often. */
export const PROGRESS_INTERVAL_MS = 30_000;

/** Decides which progress observations deserve a line, and words them. */
export class ProgressReporter {
    private lastLineAtMs: number | undefined;
    private lastBucket = -1;

    /**
     * @param label Names the snapshot and region, e.g. `DiskSnapshot "nightly-1" (us-east-1)`.
     * @param startedAtMs When the wait began, on the caller's clock.
     */
    constructor(
        private readonly label: string,
        private readonly startedAtMs: number,
    ) {}

    /**
     * The line to print for this observation, or undefined when it is too soon for one.
     *
     * @param nowMs The current time on the caller's clock.
     * @param state The snapshot's state.
     * @param progress The reported progress in percent, if any.
     */
    observe(nowMs: number, state: string | undefined, progress: number | undefined): string | undefined {
        if (state === "completed") return undefined;
        const bucket = progress === undefined ? this.lastBucket : Math.floor(progress / PROGRESS_STEP_PERCENT);
        const due =
            this.lastLineAtMs === undefined
                ? nowMs - this.startedAtMs >= PROGRESS_INTERVAL_MS || bucket > this.lastBucket
                : bucket > this.lastBucket || nowMs - this.lastLineAtMs >= PROGRESS_INTERVAL_MS;
        // The first line waits for real news: a snapshot that completes at once prints nothing.
        if (
            !due ||
            (this.lastLineAtMs === undefined && bucket <= 0 && nowMs - this.startedAtMs < PROGRESS_INTERVAL_MS)
        ) {
            return undefined;
        }
        this.lastLineAtMs = nowMs;
        this.lastBucket = Math.max(this.lastBucket, bucket);
        const percent = progress === undefined ? "progress not reported" : `${Math.round(progress)}%`;
        return `${this.label}: ${state ?? "pending"}, ${percent}, ${formatElapsed(nowMs - this.startedAtMs)} elapsed`;
    }
}
