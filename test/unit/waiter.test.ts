import assert from "node:assert/strict";
import { VirtualClock } from "../../harness/virtualClock";
import { type SnapshotStatus, WaitFailure, waitForCompletion } from "../../provider/waiter";

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
