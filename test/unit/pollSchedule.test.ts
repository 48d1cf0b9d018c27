import assert from "node:assert/strict";
import {
    DEFAULT_POLL_POLICY,
    estimate,
    estimateCompletion,
    nextPollDelay,
    nextPollWindow,
    type Observation,
    parseProgress,
} from "../../provider/pollSchedule";

const policy = DEFAULT_POLL_POLICY;

describe("pollSchedule", () => {
    it("parses Lightsail's progress strings", () => {
        assert.equal(parseProgress("42%"), 42);
        assert.equal(parseProgress("100%"), 100);
        assert.equal(parseProgress("7.5%"), 7.5);
        assert.equal(parseProgress(""), undefined);
        assert.equal(parseProgress(undefined), undefined);
        assert.equal(parseProgress("n/a"), undefined);
        assert.equal(parseProgress("150%"), undefined);
    });

    it("polls first after the initial delay", () => {
        assert.equal(nextPollDelay(0, [], 0, policy), policy.initialDelayMs);
    });

    it("extrapolates early from a single value, but no earlier than its sighting allows", () => {
        // 10 % was crossed in (0, 10 s]: rate read at the middle (2 %/s). Projected from 0 that is
        // 45 s; but 11 % had not been reached at 10 s, so the remaining 89 % end at 54.5 s at best.
        assert.equal(estimateCompletion(0, [{ atMs: 10_000, progress: 10 }]), 54_500);
        assert.deepEqual(estimate(0, [{ atMs: 10_000, progress: 10 }]), { atMs: 54_500, msPerPercent: 500 });
    });

    it("projects from the early end of a short crossing interval", () => {
        // 50 % crossed in (49.5 s, 50 s]: 49.5 s + 50 × 995 ms beats 50 s + 49 × 995 ms.
        const observations: Observation[] = [
            { atMs: 49_500, progress: 49 },
            { atMs: 50_000, progress: 50 },
        ];
        const msPerPercent = 49_750 / 50;
        assert.ok(Math.abs((estimateCompletion(0, observations) ?? 0) - (49_500 + 50 * msPerPercent)) < 1e-6);
    });

    it("takes the faster of the start rate and the recent rate", () => {
        const observations: Observation[] = [
            { atMs: 10_000, progress: 10 },
            { atMs: 15_000, progress: 10 },
            { atMs: 20_000, progress: 30 },
            { atMs: 25_000, progress: 30 },
        ];
        // 30 % crossed in (15 s, 20 s]: start rate 30 / 17.5 s beats the recent 20 / 12.5 s; 31 %
        // had not been reached at 20 s, which bounds the projection.
        const expected = 20_000 + (69 * 17_500) / 30;
        assert.ok(Math.abs((estimateCompletion(0, observations) ?? 0) - expected) < 1e-6);
    });

    it("reads no rate from progress seen at the very moment of creation", () => {
        assert.equal(estimate(5_000, [{ atMs: 5_000, progress: 10 }]), undefined);
    });

    it("knows nothing until progress moves from zero", () => {
        assert.equal(estimateCompletion(0, [{ atMs: 5_000, progress: 0 }]), undefined);
        assert.equal(estimateCompletion(0, [{ atMs: 5_000, progress: undefined }]), undefined);
    });

    it("covers most of the way to a distant estimate, capped", () => {
        const delay = nextPollDelay(0, [{ atMs: 10_000, progress: 10 }], 10_000, policy);
        assert.equal(delay, (54_500 - 10_000) * policy.approachFraction);
        const far = nextPollDelay(0, [{ atMs: 60_000, progress: 1 }], 60_000, policy);
        assert.equal(far, policy.maxInformedDelayMs);
    });

    it("polls just after a near estimate", () => {
        const observations: Observation[] = [
            { atMs: 98_000, progress: 98 },
            { atMs: 98_500, progress: 99 },
        ];
        const estimate = estimateCompletion(0, observations) ?? 0;
        assert.ok(estimate > 98_500 && estimate - 98_500 <= 2 * policy.minDelayMs);
        assert.equal(nextPollDelay(0, observations, 98_500, policy), estimate - 98_500 + policy.arrivalMarginMs);
    });

    it("while progress tells nothing, waits a fraction of the time since creation, between the minimum and the cap", () => {
        const delays: number[] = [];
        const times: number[] = [];
        const observations: Observation[] = [];
        let now = 0;
        for (let i = 0; i < 40; i++) {
            observations.push({ atMs: now, progress: undefined });
            const delay = nextPollDelay(0, observations, now, policy);
            times.push(now);
            delays.push(delay);
            now += delay;
        }
        assert.equal(delays[0], policy.minDelayMs);
        for (const [i, delay] of delays.entries()) {
            const proportional = policy.uninformedFraction * times[i];
            assert.equal(delay, Math.min(policy.maxUninformedDelayMs, Math.max(policy.minDelayMs, proportional)));
        }
        assert.ok(
            delays.some((d) => d > policy.minDelayMs && d < policy.maxUninformedDelayMs),
            "a ramp in between",
        );
        assert.equal(delays[delays.length - 1], policy.maxUninformedDelayMs);
        // Progress stuck at zero tells nothing either.
        const stuck = observations.map((o) => ({ ...o, progress: 0 }));
        assert.equal(nextPollDelay(0, stuck, now, policy), policy.maxUninformedDelayMs);
    });

    it("waits at most a fraction of a percent's time in the last percents", () => {
        // 97 % at 485 s (0.2 %/s): about 12.5 s remain, 0.7 of that is 8.7 s, but a percent takes 5 s.
        const observations: Observation[] = [
            { atMs: 482_500, progress: 96 },
            { atMs: 485_000, progress: 97 },
        ];
        const expected = estimate(0, observations);
        assert.ok(expected);
        assert.ok(Math.abs(expected.msPerPercent - 483_750 / 97) < 1e-6);
        assert.ok(expected.atMs - 485_000 > 10_000);
        const delay = nextPollDelay(0, observations, 485_000, policy);
        assert.ok(Math.abs(delay - policy.finalStepFraction * expected.msPerPercent) < 1e-6, `${delay}`);
    });

    it("once overdue, waits a growing fraction of the time overdue, between the minimum and the cap", () => {
        const observations: Observation[] = [{ atMs: 50_000, progress: 50 }];
        const due = estimateCompletion(0, observations) ?? 0;
        assert.equal(nextPollDelay(0, observations, due + 1_000, policy), policy.minDelayMs);
        assert.equal(nextPollDelay(0, observations, due + 20_000, policy), 20_000 * policy.overdueFraction);
        assert.equal(nextPollDelay(0, observations, due + 600_000, policy), policy.maxOverdueDelayMs);
    });

    it("counts overdue time from an earlier estimate already missed when the current value appeared", () => {
        // Decelerating: 90 % was due at ~100 s by the 80 % reading, and only came at 150 s.
        const observations: Observation[] = [
            { atMs: 80_000, progress: 80 },
            { atMs: 150_000, progress: 90 },
        ];
        const before = estimateCompletion(0, observations.slice(0, 1)) ?? 0;
        const now = (estimateCompletion(0, observations) ?? 0) + 1;
        assert.ok(before < 150_000);
        assert.equal(
            nextPollDelay(0, observations, now, policy),
            Math.min(policy.maxOverdueDelayMs, policy.overdueFraction * (now - before)),
        );
    });

    it("keeps counting overdue time from the missed estimate past an answer without progress", () => {
        const observations: Observation[] = [
            { atMs: 80_000, progress: 80 },
            { atMs: 150_000, progress: 90 },
            { atMs: 151_000, progress: undefined },
        ];
        const before = estimateCompletion(0, observations.slice(0, 1)) ?? 0;
        const now = (estimateCompletion(0, observations) ?? 0) + 1_000;
        assert.equal(
            nextPollDelay(0, observations, now, policy),
            Math.min(policy.maxOverdueDelayMs, policy.overdueFraction * (now - before)),
        );
    });

    it("counts overdue time from the current estimate when progress has just left zero", () => {
        // Nothing could be estimated before 10 %: the only estimate is the current one.
        const observations: Observation[] = [
            { atMs: 10_000, progress: 0 },
            { atMs: 20_000, progress: 10 },
        ];
        const due = estimateCompletion(0, observations) ?? 0;
        assert.equal(nextPollDelay(0, observations, due + 20_000, policy), 20_000 * policy.overdueFraction);
    });

    it("counts overdue time from the current estimate when the value came no later than the one before foretold", () => {
        // Accelerating: by the 10 % reading everything was due at 54.5 s, and 20 % came at 40 s,
        // or exactly at 54.5 s; the later current estimate is the one that is overdue.
        for (const seenAtMs of [40_000, 54_500]) {
            const observations: Observation[] = [
                { atMs: 10_000, progress: 10 },
                { atMs: seenAtMs, progress: 20 },
            ];
            assert.equal(estimateCompletion(0, observations.slice(0, 1)), 54_500);
            const due = estimateCompletion(0, observations) ?? 0;
            assert.ok(due > 54_500);
            assert.equal(nextPollDelay(0, observations, due + 1_000, policy), policy.minDelayMs, String(seenAtMs));
        }
    });

    it("keeps the last percents' short polls past an answer without progress", () => {
        const observations: Observation[] = [
            { atMs: 482_500, progress: 96 },
            { atMs: 485_000, progress: 97 },
            { atMs: 486_000, progress: undefined },
        ];
        const expected = estimate(0, observations);
        assert.ok(expected && expected.atMs - 486_000 > 2 * policy.minDelayMs);
        assert.deepEqual(nextPollWindow(0, observations, 486_000, policy), {
            delayMs: policy.finalStepFraction * expected.msPerPercent,
            earliestMs: policy.finalStepFraction * expected.msPerPercent,
        });
    });

    it("keeps polls short once completion is overdue", () => {
        const observations: Observation[] = [
            { atMs: 50_000, progress: 50 },
            { atMs: 100_150, progress: 100 },
        ];
        for (let i = 0; i < 10; i++) observations.push({ atMs: 101_000 + i * 2_000, progress: 100 });
        const delay = nextPollDelay(0, observations, 121_000, policy);
        assert.ok(delay <= policy.maxOverdueDelayMs, `${delay}`);
    });

    it("reads a progress string only when it is a whole percentage, spaces and % optional", () => {
        for (const [text, value] of [
            [" 42 % ", 42],
            ["42", 42],
            ["0%", 0],
            ["7.25%", 7.25],
        ] as const) {
            assert.equal(parseProgress(text), value, text);
        }
        for (const text of ["x42%", "42%x", "42x%", "4 2%", "42%%", "-1%", "7.%", "100.5%"]) {
            assert.equal(parseProgress(text), undefined, text);
        }
        assert.equal(parseProgress(null), undefined);
    });

    it("reads the recent rate from the first value on, and not from a zero", () => {
        // 10 % at 10 s, 50 % at 30 s: the start rate is 50 % over 20 s (the middle of (10 s, 30 s]),
        // the recent one 40 % over 15 s (from the middle of (0, 10 s]): 375 ms a percent, and 49 %
        // more after the 30 s sighting.
        assert.deepEqual(
            estimate(0, [
                { atMs: 10_000, progress: 10 },
                { atMs: 30_000, progress: 50 },
            ]),
            { atMs: 30_000 + 49 * 375, msPerPercent: 375 },
        );
        // 0 % at 5 s, then 10 % at 10 s: no rate from zero, only the start rate, 10 % over 7.5 s.
        assert.deepEqual(
            estimate(0, [
                { atMs: 5_000, progress: 0 },
                { atMs: 10_000, progress: 10 },
            ]),
            { atMs: 10_000 + 89 * 750, msPerPercent: 750 },
        );
    });

    it("schedules the same whenever on its clock the wait began", () => {
        const scenarios: { observations: Observation[]; nowMs: number }[] = [
            { observations: [{ atMs: 0, progress: undefined }], nowMs: 9_000 },
            { observations: [{ atMs: 10_000, progress: 10 }], nowMs: 10_000 },
            {
                observations: [
                    { atMs: 10_000, progress: 10 },
                    { atMs: 30_000, progress: 50 },
                ],
                nowMs: 30_000,
            },
            {
                observations: [
                    { atMs: 80_000, progress: 80 },
                    { atMs: 150_000, progress: 90 },
                ],
                nowMs: 200_000,
            },
            {
                observations: [
                    { atMs: 482_500, progress: 96 },
                    { atMs: 485_000, progress: 97 },
                ],
                nowMs: 485_000,
            },
        ];
        const shift = 7_654_321;
        for (const { observations, nowMs } of scenarios) {
            const shifted = observations.map((o) => ({ ...o, atMs: o.atMs + shift }));
            assert.deepEqual(
                nextPollWindow(shift, shifted, nowMs + shift, policy),
                nextPollWindow(0, observations, nowMs, policy),
                JSON.stringify(observations),
            );
            const estimateThen = estimate(0, observations);
            assert.equal(estimate(shift, shifted)?.atMs, estimateThen && estimateThen.atMs + shift);
        }
    });

    it("lets a poll come early to share a read only when its timing is not the point", () => {
        const flexible = (window: { delayMs: number; earliestMs: number }) =>
            assert.equal(window.earliestMs, window.delayMs * (1 - policy.earlyFraction), JSON.stringify(window));
        const exact = (window: { delayMs: number; earliestMs: number }) =>
            assert.equal(window.earliestMs, window.delayMs, JSON.stringify(window));
        exact(nextPollWindow(0, [], 0, policy));
        flexible(nextPollWindow(0, [{ atMs: 9_000, progress: undefined }], 9_000, policy));
        flexible(nextPollWindow(0, [{ atMs: 10_000, progress: 10 }], 10_000, policy));
        const due = estimateCompletion(0, [{ atMs: 10_000, progress: 10 }]) ?? 0;
        exact(nextPollWindow(0, [{ atMs: 10_000, progress: 10 }], due - 800, policy));
        flexible(nextPollWindow(0, [{ atMs: 10_000, progress: 10 }], due + 20_000, policy));
        exact(
            nextPollWindow(
                0,
                [
                    { atMs: 482_500, progress: 96 },
                    { atMs: 485_000, progress: 97 },
                ],
                485_000,
                policy,
            ),
        );
    });

    it("places the poll just after completion from twice the minimum delay away, and counts the due moment as overdue", () => {
        const observations: Observation[] = [{ atMs: 10_000, progress: 10 }];
        const due = estimateCompletion(0, observations) ?? 0;
        const twoMinimum = 2 * policy.minDelayMs;
        assert.equal(nextPollDelay(0, observations, due - twoMinimum, policy), twoMinimum + policy.arrivalMarginMs);
        assert.equal(
            nextPollDelay(0, observations, due - twoMinimum - 1, policy),
            Math.max(policy.minDelayMs, (twoMinimum + 1) * policy.approachFraction),
        );
        assert.equal(nextPollDelay(0, observations, due, policy), policy.minDelayMs);
    });
});
