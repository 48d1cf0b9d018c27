/**
 * When to ask Lightsail again whether a snapshot has completed. Pure: it sees only the times and
 * progress values observed so far, so it is tested and benchmarked in virtual time.
 *
 * Lightsail reports a snapshot's `progress` as a percentage. While that percentage moves, the
 * schedule extrapolates the completion time from the values seen and covers most of the way
 * there, then just after the expected completion: few calls early on, a small lag at the end.
 * In the last few percent it also waits at most a fraction of the time one percent takes, so the
 * last crossings (and with them the estimate) are pinned down closely.
 *
 * Once the estimate has passed and the snapshot is still pending, the wait grows with how long it
 * has been overdue: a slightly early estimate is followed by short polls (a small lag), a long
 * stall by polls up to a cap (bounded calls). When progress tells nothing at all (absent, as for
 * a disk, or stuck at zero), no schedule can know when completion comes and lag can only be bought
 * with calls; the wait is then a fifth of the time since creation, from half a second to 3.5 s:
 * polls close together while a short wait may end any moment, and at most every 3.5 s after, which
 * keeps the median lag (about half the interval) under that of every peer in BENCHMARKS.md, the
 * fixed 5 s poller included, at the price of more calls than it makes.
 *
 * Written here rather than taken from `@smithy/util-waiter`: that poller's delays depend only on
 * the attempt number (exponential backoff with jitter between a min and max delay), so it cannot
 * use the progress Lightsail reports; BENCHMARKS.md compares the two.
 */

/** One answer from GetDiskSnapshot while waiting. */
export interface Observation {
    /** When the answer arrived, in milliseconds on the waiter's clock. */
    atMs: number;
    /** The reported progress in percent (0 to 100), or undefined when Lightsail gave none. */
    progress: number | undefined;
}

/** The tunable delays of the schedule, in milliseconds. */
export interface PollPolicy {
    /** Delay before the first poll after CreateDiskSnapshot returns. */
    initialDelayMs: number;
    /** Shortest delay between polls. */
    minDelayMs: number;
    /** While progress tells nothing, wait this fraction of the time since the snapshot was created (at least `minDelayMs`). */
    uninformedFraction: number;
    /** Longest delay while progress is unknown or stuck at zero. */
    maxUninformedDelayMs: number;
    /** Longest delay once the estimated completion has passed. */
    maxOverdueDelayMs: number;
    /** Once overdue, wait this fraction of the time the snapshot has been overdue (at least `minDelayMs`). */
    overdueFraction: number;
    /** Longest delay while progress moves and the estimate is far away. */
    maxInformedDelayMs: number;
    /** Fraction of the estimated remaining time to wait while the estimate is far away. */
    approachFraction: number;
    /** How long after the estimated completion the arrival poll is placed. */
    arrivalMarginMs: number;
    /** In the last `finalPercents` percent, wait at most this fraction of the time one percent takes. */
    finalStepFraction: number;
    /** How many percent count as the last ones (see `finalStepFraction`). */
    finalPercents: number;
    /**
     * A poll may come up to this fraction of its delay early when that lets it share one read with
     * other waits (see {@link nextPollWindow}); never the poll placed at the estimated completion
     * or those of the last percents, whose timing is the point.
     */
    earlyFraction: number;
}

/**
 * Delays that keep the completion lag near a third of a second with few calls where progress
 * moves, bound calls where it stalls, and keep ours off every peer's frontier where progress tells
 * nothing (measured in BENCHMARKS.md, `npm run bench`).
 */
export const DEFAULT_POLL_POLICY: Readonly<PollPolicy> = Object.freeze({
    initialDelayMs: 0,
    minDelayMs: 500,
    uninformedFraction: 0.2,
    maxUninformedDelayMs: 3_500,
    maxOverdueDelayMs: 3_000,
    overdueFraction: 0.1,
    maxInformedDelayMs: 120_000,
    approachFraction: 0.7,
    arrivalMarginMs: 150,
    finalStepFraction: 1 / 3,
    finalPercents: 3,
    earlyFraction: 0.5,
});

/** Parses Lightsail's progress string (`"42%"`) into a number, or undefined when it carries none. */
export function parseProgress(progress: string | undefined | null): number | undefined {
    if (progress === undefined || progress === null) return undefined;
    const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(progress);
    if (!match) return undefined;
    const value = Number(match[1]);
    return value >= 0 && value <= 100 ? value : undefined;
}

/** An estimate of when a snapshot completes. */
export interface CompletionEstimate {
    /** When progress should reach 100 %, on the waiter's clock. */
    atMs: number;
    /** The rate behind the estimate, as milliseconds per percent. */
    msPerPercent: number;
}

/**
 * Estimates when progress will reach 100 %, and at what rate. Undefined while progress has not
 * moved from zero.
 *
 * Progress crossed a value somewhere between the last sighting of the value before it and its
 * first sighting. The rate is the faster of two readings, from the start and from the last two
 * values, each measured at the middle of those intervals; the projection starts from the early
 * end of the latest interval. Both choices bias the estimate early: arriving early costs a short
 * poll or two, arriving late costs lag. One bound keeps it consistent with what was seen: when
 * the current value was first seen, the next one had not been reached yet, so completion is at
 * least the remaining percent but one after that sighting (this matters after a long wait, when
 * the early end of the interval is far back).
 */
export function estimate(startedAtMs: number, observations: readonly Observation[]): CompletionEstimate | undefined {
    const known = observations.filter((o): o is { atMs: number; progress: number } => o.progress !== undefined);
    if (known.length === 0) return undefined;
    const latest = known[known.length - 1].progress;
    if (latest <= 0) return undefined;
    const firstSighting = (value: number) => known.findIndex((o) => o.progress === value);
    const crossing = (index: number) => {
        const early = index > 0 ? known[index - 1].atMs : startedAtMs;
        return { early, middle: (early + known[index].atMs) / 2, progress: known[index].progress };
    };
    const currentIndex = firstSighting(latest);
    const current = crossing(currentIndex);
    const rates: number[] = [];
    if (current.middle > startedAtMs) rates.push(latest / (current.middle - startedAtMs));
    const previousIndex = currentIndex - 1;
    if (previousIndex >= 0 && known[previousIndex].progress > 0) {
        const previous = crossing(firstSighting(known[previousIndex].progress));
        const elapsed = current.middle - previous.middle;
        if (elapsed > 0) rates.push((latest - previous.progress) / elapsed);
    }
    if (rates.length === 0) return undefined;
    const msPerPercent = 1 / Math.max(...rates);
    const fromCrossing = current.early + (100 - latest) * msPerPercent;
    const fromSighting = known[currentIndex].atMs + Math.max(0, 99 - latest) * msPerPercent;
    return { atMs: Math.max(fromCrossing, fromSighting), msPerPercent };
}

/** When progress should reach 100 % (see {@link estimate}), or undefined while it cannot be told. */
export function estimateCompletion(startedAtMs: number, observations: readonly Observation[]): number | undefined {
    return estimate(startedAtMs, observations)?.atMs;
}

/**
 * Since when the snapshot counts as overdue: the current estimate, or the estimate made before
 * the current value appeared when that one had already passed by then (progress slower than
 * estimated, as on a decelerating curve), so that the wait keeps growing across small steps.
 */
function overdueSince(startedAtMs: number, observations: readonly Observation[], current: number): number {
    const latest = [...observations].reverse().find((o) => o.progress !== undefined)?.progress;
    const index = observations.findIndex((o) => o.progress === latest);
    if (index <= 0) return current;
    const before = estimate(startedAtMs, observations.slice(0, index));
    return before !== undefined && before.atMs < observations[index].atMs ? Math.min(current, before.atMs) : current;
}

/** When the next poll is due, as delays from now: at the latest `delayMs`, at the earliest `earliestMs`. */
export interface PollWindow {
    /** The delay {@link nextPollDelay} gives: a wait that reads alone reads then. */
    delayMs: number;
    /** How soon the poll may come instead, to share a read with other waits (at most `delayMs`). */
    earliestMs: number;
}

/**
 * The delay before the next poll.
 *
 * @param startedAtMs When the snapshot was created, on the waiter's clock.
 * @param observations Every answer so far, oldest first.
 * @param nowMs The current time on the waiter's clock.
 * @param policy The delays to use.
 */
export function nextPollDelay(
    startedAtMs: number,
    observations: readonly Observation[],
    nowMs: number,
    policy: PollPolicy = DEFAULT_POLL_POLICY,
): number {
    return nextPollWindow(startedAtMs, observations, nowMs, policy).delayMs;
}

/**
 * The window of the next poll: its delay ({@link nextPollDelay}), and how early it may come when
 * an earlier read is shared with other waits. Polls that only gather progress or look for news
 * may come early (the next delay is then counted from the earlier answer, so the cadence holds);
 * the poll placed just after the estimated completion and those of the last percents may not.
 */
export function nextPollWindow(
    startedAtMs: number,
    observations: readonly Observation[],
    nowMs: number,
    policy: PollPolicy = DEFAULT_POLL_POLICY,
): PollWindow {
    const exact = (delayMs: number) => ({ delayMs, earliestMs: delayMs });
    const flexible = (delayMs: number) => ({ delayMs, earliestMs: delayMs * (1 - policy.earlyFraction) });
    if (observations.length === 0) return exact(policy.initialDelayMs);
    const expected = estimate(startedAtMs, observations);
    if (expected !== undefined && expected.atMs > nowMs) {
        const remaining = expected.atMs - nowMs;
        if (remaining <= 2 * policy.minDelayMs) return exact(remaining + policy.arrivalMarginMs);
        const approach = Math.min(policy.maxInformedDelayMs, remaining * policy.approachFraction);
        const latest = [...observations].reverse().find((o) => o.progress !== undefined)?.progress ?? 0;
        if (100 - latest <= policy.finalPercents) {
            return exact(
                Math.max(policy.minDelayMs, Math.min(approach, policy.finalStepFraction * expected.msPerPercent)),
            );
        }
        return flexible(Math.max(policy.minDelayMs, approach));
    }
    if (expected !== undefined) {
        // Overdue: completion is due any moment, unless the estimate was far off; the longer it
        // has been overdue, the less a short poll is worth.
        const overdueMs = nowMs - overdueSince(startedAtMs, observations, expected.atMs);
        return flexible(
            Math.min(policy.maxOverdueDelayMs, Math.max(policy.minDelayMs, policy.overdueFraction * overdueMs)),
        );
    }
    const delay = policy.uninformedFraction * (nowMs - startedAtMs);
    return flexible(Math.min(policy.maxUninformedDelayMs, Math.max(policy.minDelayMs, delay)));
}
