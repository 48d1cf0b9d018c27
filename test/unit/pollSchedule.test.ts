import assert from "node:assert/strict";
import {
    DEFAULT_POLL_POLICY,
    estimateCompletion,
    nextPollDelay,
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

    it("extrapolates early from a single value: crossing at the start of its interval", () => {
        // 10 % was crossed in (0, 10 s]: rate read at the middle (2 %/s), projected from 0.
        assert.equal(estimateCompletion(0, [{ atMs: 10_000, progress: 10 }]), 45_000);
    });

    it("takes the faster of the start rate and the recent rate", () => {
        const observations: Observation[] = [
            { atMs: 10_000, progress: 10 },
            { atMs: 15_000, progress: 10 },
            { atMs: 20_000, progress: 30 },
            { atMs: 25_000, progress: 30 },
        ];
        // 30 % crossed in (15 s, 20 s]: start rate 30 / 17.5 s beats the recent 20 / 12.5 s.
        const expected = 15_000 + (70 * 17_500) / 30;
        assert.ok(Math.abs((estimateCompletion(0, observations) ?? 0) - expected) < 1e-6);
    });

    it("knows nothing until progress moves from zero", () => {
        assert.equal(estimateCompletion(0, [{ atMs: 5_000, progress: 0 }]), undefined);
        assert.equal(estimateCompletion(0, [{ atMs: 5_000, progress: undefined }]), undefined);
    });

    it("covers most of the way to a distant estimate, capped", () => {
        const delay = nextPollDelay(0, [{ atMs: 10_000, progress: 10 }], 10_000, policy);
        assert.equal(delay, 35_000 * policy.approachFraction);
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

    it("backs off geometrically while progress tells nothing, up to the uninformed cap", () => {
        const delays: number[] = [];
        const observations: Observation[] = [];
        let now = 0;
        for (let i = 0; i < 12; i++) {
            observations.push({ atMs: now, progress: undefined });
            const delay = nextPollDelay(0, observations, now, policy);
            delays.push(delay);
            now += delay;
        }
        assert.equal(delays[0], policy.minDelayMs);
        assert.equal(delays[1], policy.minDelayMs * policy.backoffFactor);
        assert.ok(delays.every((d, i) => i === 0 || d >= delays[i - 1]));
        assert.equal(delays[delays.length - 1], policy.maxUninformedDelayMs);
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
});
