/**
 * When to ask Lightsail again whether a snapshot has completed. Pure: it sees only the times and
 * progress values observed so far, so it is tested and benchmarked in virtual time.
 *
 * Lightsail reports a snapshot's `progress` as a percentage. While that percentage moves, the
 * schedule extrapolates the completion time from the values seen and covers most of the way
 * there, then just after the expected completion: few calls early on, a small lag at the end.
 * When progress tells nothing (absent, stalled, or already past the estimate), it backs off
 * geometrically from a short delay, capped lower when completion is overdue.
 *
 * Written here rather than taken from `@smithy/util-waiter`: that poller's delays depend only on
 * the attempt number (exponential backoff with jitter between a min and max delay), so it cannot
 * use the progress Lightsail reports.
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
    /** Growth of the delay per poll that brought no news. */
    backoffFactor: number;
    /** Longest delay while progress is unknown or stalled. */
    maxUninformedDelayMs: number;
    /** Longest delay once the estimated completion has passed. */
    maxOverdueDelayMs: number;
    /** Longest delay while progress moves and the estimate is far away. */
    maxInformedDelayMs: number;
    /** Fraction of the estimated remaining time to wait while the estimate is far away. */
    approachFraction: number;
    /** How long after the estimated completion the arrival poll is placed. */
    arrivalMarginMs: number;
}

/** Delays that keep the completion lag near half a second with few calls (see BENCHMARKS.md). */
export const DEFAULT_POLL_POLICY: Readonly<PollPolicy> = Object.freeze({
    initialDelayMs: 0,
    minDelayMs: 500,
    backoffFactor: 1.5,
    maxUninformedDelayMs: 10_000,
    maxOverdueDelayMs: 2_000,
    maxInformedDelayMs: 120_000,
    approachFraction: 0.7,
    arrivalMarginMs: 150,
});

/** Parses Lightsail's progress string (`"42%"`) into a number, or undefined when it carries none. */
export function parseProgress(progress: string | undefined | null): number | undefined {
    if (progress === undefined || progress === null) return undefined;
    const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(progress);
    if (!match) return undefined;
    const value = Number(match[1]);
    return value >= 0 && value <= 100 ? value : undefined;
}

/**
 * Estimates when progress will reach 100 %. Undefined while progress has not moved from zero.
 *
 * Progress crossed a value somewhere between the last sighting of the value before it and its
 * first sighting. The rate is the faster of two readings, from the start and from the last two
 * values, each measured at the middle of those intervals; the projection starts from the early
 * end of the latest interval. Both choices bias the estimate early: arriving early costs a short
 * poll or two, arriving late costs lag.
 */
export function estimateCompletion(startedAtMs: number, observations: readonly Observation[]): number | undefined {
    const known = observations.filter((o): o is { atMs: number; progress: number } => o.progress !== undefined);
    if (known.length === 0) return undefined;
    const latest = known[known.length - 1].progress;
    if (latest <= 0) return undefined;
    const firstSighting = (value: number) => known.findIndex((o) => o.progress === value);
    const crossing = (index: number) => {
        const early = index > 0 ? known[index - 1].atMs : startedAtMs;
        return { early, middle: (early + known[index].atMs) / 2, progress: known[index].progress };
    };
    const current = crossing(firstSighting(latest));
    const rates: number[] = [];
    if (current.middle > startedAtMs) rates.push(latest / (current.middle - startedAtMs));
    const previousIndex = firstSighting(latest) - 1;
    if (previousIndex >= 0 && known[previousIndex].progress > 0) {
        const previous = crossing(firstSighting(known[previousIndex].progress));
        const elapsed = current.middle - previous.middle;
        if (elapsed > 0) rates.push((latest - previous.progress) / elapsed);
    }
    if (rates.length === 0) return undefined;
    return current.early + (100 - latest) / Math.max(...rates);
}

function backoff(polls: number, policy: PollPolicy, cap: number): number {
    return Math.min(cap, policy.minDelayMs * policy.backoffFactor ** Math.max(0, polls));
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
    if (observations.length === 0) return policy.initialDelayMs;
    const estimate = estimateCompletion(startedAtMs, observations);
    if (estimate !== undefined && estimate > nowMs) {
        const remaining = estimate - nowMs;
        if (remaining <= 2 * policy.minDelayMs) return remaining + policy.arrivalMarginMs;
        return Math.min(policy.maxInformedDelayMs, Math.max(policy.minDelayMs, remaining * policy.approachFraction));
    }
    const last = observations[observations.length - 1];
    let unchanged = 0;
    for (let i = observations.length - 2; i >= 0 && observations[i].progress === last.progress; i--) unchanged++;
    if (estimate !== undefined) {
        // Overdue: completion is due any moment, so keep the delay short.
        const pollsSinceDue = observations.filter((o) => o.atMs >= estimate).length - 1;
        return backoff(pollsSinceDue, policy, policy.maxOverdueDelayMs);
    }
    return backoff(unchanged, policy, policy.maxUninformedDelayMs);
}
