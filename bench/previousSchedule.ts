/**
 * The poll schedule as it was before the benchmark tuned it (commit 6515bba, provider/pollSchedule.ts),
 * kept here only so that every benchmark run measures "before" and "after" side by side. Not used
 * by the library.
 *
 * Differences from the current schedule: the estimate is not bounded by the first sighting of the
 * current value; once overdue, the delay grows by `backoffFactor` per poll up to 2 s however long
 * the snapshot has been overdue; no tighter polls in the last percents.
 */

import type { Observation } from "../provider/pollSchedule";
import { schedulePoller } from "./pollers";

const BEFORE = {
    initialDelayMs: 0,
    minDelayMs: 500,
    backoffFactor: 1.5,
    maxUninformedDelayMs: 10_000,
    maxOverdueDelayMs: 2_000,
    maxInformedDelayMs: 120_000,
    approachFraction: 0.7,
    arrivalMarginMs: 150,
};

function estimateCompletion(startedAtMs: number, observations: readonly Observation[]): number | undefined {
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

function backoff(polls: number, cap: number): number {
    return Math.min(cap, BEFORE.minDelayMs * BEFORE.backoffFactor ** Math.max(0, polls));
}

/** The previous `nextPollDelay`, verbatim in behaviour. */
export function previousNextPollDelay(
    startedAtMs: number,
    observations: readonly Observation[],
    nowMs: number,
): number {
    if (observations.length === 0) return BEFORE.initialDelayMs;
    const estimate = estimateCompletion(startedAtMs, observations);
    if (estimate !== undefined && estimate > nowMs) {
        const remaining = estimate - nowMs;
        if (remaining <= 2 * BEFORE.minDelayMs) return remaining + BEFORE.arrivalMarginMs;
        return Math.min(BEFORE.maxInformedDelayMs, Math.max(BEFORE.minDelayMs, remaining * BEFORE.approachFraction));
    }
    const last = observations[observations.length - 1];
    let unchanged = 0;
    for (let i = observations.length - 2; i >= 0 && observations[i].progress === last.progress; i--) unchanged++;
    if (estimate !== undefined) {
        const pollsSinceDue = observations.filter((o) => o.atMs >= estimate).length - 1;
        return backoff(pollsSinceDue, BEFORE.maxOverdueDelayMs);
    }
    return backoff(unchanged, BEFORE.maxUninformedDelayMs);
}

/** The previous schedule driven by the same loop as `waitForCompletion` (sleep, read, stop on `completed`). */
export const previousWaiter = schedulePoller(
    {
        id: "ours-before",
        label: "this package before tuning (previous pollSchedule.ts)",
        schedule: "as ours, but overdue polls back off per poll to 2 s, unbounded estimate",
        source: "bench/previousSchedule.ts (copy of provider/pollSchedule.ts at 6515bba)",
    },
    ({ target, observations }) => previousNextPollDelay(target.startedAtMs, observations, target.clock.now()),
);
