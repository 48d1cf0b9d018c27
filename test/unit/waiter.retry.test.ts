/**
 * The retry behind a delete Lightsail refuses for now (and a create refused while an automatic
 * snapshot runs), in virtual time: the delays it sleeps, when it gives up, and that an
 * interrupted `pulumi destroy` stops it at once.
 */

import assert from "node:assert/strict";
import { VirtualClock } from "../../harness/virtualClock";
import { type Attempt, refusedRetryDelayMs, retryUntilDone, WaitFailure } from "../../provider/waiter";

/** An action refused `refusals` times (retryably), then done; records when it was tried. */
function refusedThenDone(clock: VirtualClock, refusals: number, tries: number[]) {
    return async (): Promise<Attempt<string>> => {
        tries.push(clock.nowMs);
        return tries.length > refusals
            ? { done: true, value: "deleted" }
            : { done: false, retryable: true, error: new Error(`refused ${tries.length}`) };
    };
}

describe("waiter: retryUntilDone in virtual time", () => {
    it("retries a refused action after 1 s, 1.5 s, 2.25 s ... and returns its value", async () => {
        const clock = new VirtualClock(0);
        const tries: number[] = [];
        const value = await retryUntilDone({
            attempt: refusedThenDone(clock, 3, tries),
            clock,
            timeoutMs: 60_000,
            delayMs: refusedRetryDelayMs,
        });
        assert.equal(value, "deleted");
        assert.deepEqual(tries, [0, 1_000, 2_500, 4_750]);
    });

    it("never waits more than 15 s between tries", () => {
        assert.equal(refusedRetryDelayMs(0), 1_000);
        assert.equal(refusedRetryDelayMs(30), 15_000);
        for (let n = 1; n < 30; n++) assert.ok(refusedRetryDelayMs(n) >= refusedRetryDelayMs(n - 1));
    });

    it("throws a failure that is not retryable at once, without sleeping", async () => {
        const clock = new VirtualClock(0);
        const refused = new Error("AccessDenied");
        let tries = 0;
        await assert.rejects(
            retryUntilDone({
                attempt: async () => {
                    tries++;
                    return { done: false, retryable: false, error: refused };
                },
                clock,
                timeoutMs: 60_000,
                delayMs: refusedRetryDelayMs,
            }),
            (error) => error === refused,
        );
        assert.equal(tries, 1);
        assert.equal(clock.nowMs, 0);
    });

    it("gives up with the last refusal once the timeout has run out, trying once at the deadline", async () => {
        const clock = new VirtualClock(0);
        const tries: number[] = [];
        await assert.rejects(
            retryUntilDone({
                attempt: refusedThenDone(clock, Number.POSITIVE_INFINITY, tries),
                clock,
                timeoutMs: 20 * 60_000,
                delayMs: refusedRetryDelayMs,
            }),
            /refused \d+/,
        );
        assert.equal(tries.at(-1), 20 * 60_000, "the last try is at the deadline, not past it");
        assert.equal(clock.nowMs, 20 * 60_000);
        // 1 s growing to 15 s: about 90 tries in 20 minutes, not thousands.
        assert.ok(tries.length > 80 && tries.length < 100, `${tries.length} tries`);
    });

    it("stops at once when interrupted, with an interrupted failure and no further try", async () => {
        const clock = new VirtualClock(0);
        const interruption = new AbortController();
        let tries = 0;
        const retrying = retryUntilDone({
            attempt: async () => {
                tries++;
                if (tries === 2) interruption.abort();
                return { done: false, retryable: true, error: new Error("refused") };
            },
            clock,
            timeoutMs: 60_000,
            delayMs: refusedRetryDelayMs,
            signal: interruption.signal,
        });
        await assert.rejects(
            retrying,
            (error) =>
                error instanceof WaitFailure &&
                error.reason === "interrupted" &&
                error.message === "the wait was interrupted",
        );
        assert.equal(tries, 2);
    });

    it("stops without another try when the interruption comes just as a sleep ends", async () => {
        const clock = new VirtualClock(0);
        const interruption = new AbortController();
        // The sleep runs its full length; the interruption arrives before the next try.
        const interruptedWhileAsleep = {
            now: clock.now,
            sleep: async (ms: number) => {
                clock.advance(ms);
                interruption.abort();
            },
        };
        const tries: number[] = [];
        await assert.rejects(
            retryUntilDone({
                attempt: refusedThenDone(clock, Number.POSITIVE_INFINITY, tries),
                clock: interruptedWhileAsleep,
                timeoutMs: 60_000,
                delayMs: refusedRetryDelayMs,
                signal: interruption.signal,
            }),
            (error) =>
                error instanceof WaitFailure &&
                error.reason === "interrupted" &&
                error.message === "the wait was interrupted" &&
                error.lastSnapshot === undefined,
        );
        assert.deepEqual(tries, [0]);
    });
});
