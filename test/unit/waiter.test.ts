import assert from "node:assert/strict";
import { VirtualClock } from "../../harness/virtualClock";
import { DEFAULT_POLL_POLICY, nextPollWindow, type Observation } from "../../provider/pollSchedule";
import { type SnapshotStatus, systemClock, WaitFailure, waitForCompletion } from "../../provider/waiter";

/** A snapshot that completes after `durationMs`, reporting linear progress. */
function linearSnapshot(clock: VirtualClock, durationMs: number, reads: number[]) {
    return async (): Promise<SnapshotStatus | undefined> => {
        reads.push(clock.nowMs);
        const fraction = Math.min(1, clock.nowMs / durationMs);
        return fraction >= 1
            ? { state: "completed", progress: "100%" }
            : { state: "pending", progress: `${Math.floor(fraction * 100)}%` };
    };
}

describe("waiter: waitForCompletion in virtual time", () => {
    for (const durationMs of [5_000, 60_000, 600_000, 3_600_000]) {
        it(`returns within two seconds of completion for a ${durationMs / 1000} s snapshot, with few reads`, async () => {
            const clock = new VirtualClock(0);
            const reads: number[] = [];
            const result = await waitForCompletion({
                read: linearSnapshot(clock, durationMs, reads),
                clock,
                startedAtMs: 0,
                timeoutMs: 2 * 3_600_000,
            });
            assert.equal(result.state, "completed");
            const lag = clock.nowMs - durationMs;
            assert.ok(lag >= 0 && lag <= 2_000, `lag ${lag} ms`);
            // A fixed 5 s poller makes durationMs / 5000 reads.
            assert.ok(reads.length <= Math.max(15, durationMs / 5_000 / 3), `${reads.length} reads`);
        });
    }

    it("fails at once when the snapshot ends in error", async () => {
        const clock = new VirtualClock(0);
        let reads = 0;
        await assert.rejects(
            waitForCompletion({
                read: async () =>
                    ++reads < 3 ? { state: "pending", progress: "10%" } : { state: "error", progress: "10%" },
                clock,
                startedAtMs: 0,
                timeoutMs: 60_000,
            }),
            (error: unknown) => error instanceof WaitFailure && error.reason === "error" && reads === 3,
        );
    });

    it("fails when the snapshot disappears", async () => {
        await assert.rejects(
            waitForCompletion({
                read: async () => undefined,
                clock: new VirtualClock(0),
                startedAtMs: 0,
                timeoutMs: 1_000,
            }),
            (error: unknown) => error instanceof WaitFailure && error.reason === "vanished",
        );
    });

    it("times out at the deadline with the last progress in the message", async () => {
        const clock = new VirtualClock(0);
        await assert.rejects(
            waitForCompletion({
                read: async () => ({ state: "pending", progress: "37%" }),
                clock,
                startedAtMs: 0,
                timeoutMs: 120_000,
            }),
            (error: unknown) =>
                error instanceof WaitFailure &&
                error.reason === "timeout" &&
                /37%/.test(error.message) &&
                clock.nowMs === 120_000,
        );
    });

    it("stops when interrupted", async () => {
        const controller = new AbortController();
        controller.abort();
        await assert.rejects(
            waitForCompletion({
                read: async () => ({ state: "pending" }),
                clock: new VirtualClock(0),
                startedAtMs: 0,
                timeoutMs: 60_000,
                signal: controller.signal,
            }),
            (error: unknown) => error instanceof WaitFailure && error.reason === "interrupted",
        );
    });

    it("stops before reading again when interrupted between polls, and says so", async () => {
        const controller = new AbortController();
        controller.abort();
        let reads = 0;
        await assert.rejects(
            waitForCompletion({
                read: async () => {
                    reads++;
                    return { state: "pending" };
                },
                clock: new VirtualClock(0),
                startedAtMs: 0,
                timeoutMs: 60_000,
                signal: controller.signal,
            }),
            (error: unknown) =>
                error instanceof WaitFailure &&
                error.reason === "interrupted" &&
                error.message === "the wait was interrupted" &&
                error.lastSnapshot === undefined,
        );
        assert.equal(reads, 0, "an interrupted wait makes no further call to Lightsail");
    });

    it("stops in the middle of a sleep when interrupted, keeping the last answer", async () => {
        const controller = new AbortController();
        const clock = new VirtualClock(0);
        let reads = 0;
        await assert.rejects(
            waitForCompletion({
                read: async () => {
                    reads++;
                    return { state: "pending", progress: "10%" };
                },
                onObservation: () => controller.abort(),
                clock,
                startedAtMs: 0,
                timeoutMs: 60_000,
                signal: controller.signal,
            }),
            (error: unknown) => {
                assert.ok(error instanceof WaitFailure);
                assert.equal(error.reason, "interrupted");
                assert.equal(error.message, "the wait was interrupted");
                assert.deepEqual(error.lastSnapshot, { state: "pending", progress: "10%" });
                return true;
            },
        );
        assert.equal(reads, 1);
        assert.equal(clock.nowMs, 0, "it did not sleep on");
    });

    it("polls on the schedule of the policy it is given", async () => {
        const clock = new VirtualClock(0);
        const reads: number[] = [];
        await waitForCompletion({
            read: async () => {
                reads.push(clock.nowMs);
                return { state: "completed" };
            },
            clock,
            startedAtMs: 0,
            timeoutMs: 60_000,
            policy: { ...DEFAULT_POLL_POLICY, initialDelayMs: 2_000 },
        });
        assert.deepEqual(reads, [2_000], "the first read after the policy's initial delay");
    });

    it("passes read errors through unchanged", async () => {
        const boom = new Error("ServiceUnavailable");
        await assert.rejects(
            waitForCompletion({
                read: async () => {
                    throw boom;
                },
                clock: new VirtualClock(0),
                startedAtMs: 0,
                timeoutMs: 60_000,
            }),
            (error: unknown) => error === boom,
        );
    });
});

describe("waiter: its messages and shared reads", () => {
    const failureOf = async (options: Partial<Parameters<typeof waitForCompletion<SnapshotStatus>>[0]>) => {
        try {
            await waitForCompletion<SnapshotStatus>({
                read: async () => undefined,
                clock: new VirtualClock(0),
                startedAtMs: 0,
                timeoutMs: 60_000,
                ...options,
            });
        } catch (error) {
            if (error instanceof WaitFailure) return error;
            throw error;
        }
        assert.fail("the wait did not fail");
    };

    it("names what it waited for, by default the snapshot", async () => {
        const vanished = await failureOf({});
        assert.equal(vanished.name, "WaitFailure");
        assert.equal(vanished.message, "the snapshot was deleted while it was being created");
        const gone = await failureOf({
            subject: 'instance "i-1"',
            vanished: 'instance "i-1" was deleted before it was stopped',
        });
        assert.equal(gone.message, 'instance "i-1" was deleted before it was stopped');
        const errored = await failureOf({ read: async () => ({ state: "error" }), subject: 'disk "d-1"' });
        assert.equal(errored.message, 'disk "d-1" ended in state error');
        assert.deepEqual(errored.lastSnapshot, { state: "error" });
    });

    it("says which timeout ran out and in what state, without progress it never had", async () => {
        const plain = await failureOf({ read: async () => ({}), timeoutMs: 2_000 });
        assert.equal(plain.message, "the snapshot was still pending when the create timeout ran out");
        const named = await failureOf({
            read: async () => ({ state: "available", progress: "" }),
            timeoutMs: 2_000,
            timeoutName: "attach",
        });
        assert.equal(named.message, "the snapshot was still available when the attach timeout ran out");
    });

    it("with shared reads, asks at the earliest of each window and holds the read to its latest", async () => {
        const clock = new VirtualClock(0);
        const asks: { atMs: number; holdMs: number }[] = [];
        const expected: { atMs: number; holdMs: number }[] = [];
        const observations: Observation[] = [];
        let reads = 0;
        const result = await waitForCompletion<SnapshotStatus>({
            read: async () => assert.fail("a wait with shared reads does not read alone"),
            readShared: async (holdMs) => {
                asks.push({ atMs: clock.nowMs, holdMs });
                clock.advance(holdMs);
                reads++;
                return reads < 6 ? { state: "pending" } : { state: "completed" };
            },
            onObservation: (_snapshot, observation) => observations.push(observation),
            clock,
            startedAtMs: 0,
            timeoutMs: 60_000,
        });
        assert.equal(result.state, "completed");
        // Replay: each ask comes at the window's earliest after the previous answer, and may be held
        // until its latest, never past it.
        let at = 0;
        for (let i = 0; i < asks.length; i++) {
            const window = nextPollWindow(0, observations.slice(0, i), at);
            expected.push({ atMs: at + window.earliestMs, holdMs: window.delayMs - window.earliestMs });
            at = observations[i]?.atMs ?? 0;
        }
        assert.deepEqual(asks, expected);
        assert.ok(
            asks.some((ask) => ask.holdMs > 0),
            "some polls were early and held",
        );
    });
});

describe("waiter: the system clock", () => {
    /** An AbortSignal that records what listens to it. */
    function recordingSignal(aborted = false) {
        const calls: string[] = [];
        let listener: (() => void) | undefined;
        const signal = {
            aborted,
            addEventListener: (type: string, fn: () => void, options?: { once?: boolean }) => {
                calls.push(`add ${type} once=${options?.once === true}`);
                listener = fn;
            },
            removeEventListener: (type: string, fn: () => void) => {
                calls.push(`remove ${type} ${fn === listener ? "same" : "other"}`);
            },
        };
        return { signal: signal as unknown as AbortSignal, calls, fire: () => listener?.() };
    }

    it("sleeps, then lets go of the abort listener", async () => {
        const { signal, calls } = recordingSignal();
        await systemClock.sleep(1, signal);
        assert.deepEqual(calls, ["add abort once=true", "remove abort same"]);
        await systemClock.sleep(0);
    });

    it("refuses to sleep on an aborted signal, and wakes with an error when aborted", async () => {
        const { signal: aborted, calls } = recordingSignal(true);
        await assert.rejects(systemClock.sleep(60_000, aborted), /^Error: aborted$/);
        assert.deepEqual(calls, [], "nothing left listening");
        const { signal, fire } = recordingSignal();
        const sleeping = systemClock.sleep(60_000, signal);
        fire();
        await assert.rejects(sleeping, /^Error: aborted$/);
    });
});
