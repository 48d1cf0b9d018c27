/**
 * A cancelled `pulumi up` stops the waits under way in the plugin process: SIGINT or SIGTERM ends
 * every wait for a snapshot still being taken with an "interrupted" failure, through one listener
 * per signal that is installed while waits run and removed once none is left.
 */

import assert from "node:assert/strict";
import type { DiskSnapshot, LightsailClient } from "@aws-sdk/client-lightsail";
import { REGION } from "../../harness/account";
import { lightsailClient } from "../../harness/emulatorClient";
import { type LightsailTestBed, startTestBed } from "../../harness/testBed";
import { createDiskSnapshot, waitForSnapshot } from "../../provider/lightsail";
import type { WaitFailure } from "../../provider/waiter";

const SIGNALS = ["SIGINT", "SIGTERM"] as const;
type Signal = (typeof SIGNALS)[number];

/** The listeners of both signals, by signal. */
function listenerCounts(): Record<Signal, number> {
    return { SIGINT: process.listenerCount("SIGINT"), SIGTERM: process.listenerCount("SIGTERM") };
}

/** Runs `body` with no other SIGINT/SIGTERM listeners (the test runner's are put back afterwards). */
async function withoutOtherSignalListeners(body: () => Promise<void>): Promise<void> {
    const saved = SIGNALS.map((signal) => [signal, process.listeners(signal)] as const);
    for (const signal of SIGNALS) process.removeAllListeners(signal);
    try {
        await body();
    } finally {
        for (const [signal, listeners] of saved) {
            process.removeAllListeners(signal);
            for (const listener of listeners) process.on(signal, listener);
        }
    }
}

/** Asserts that `wait` failed as interrupted, with the message the user sees. */
async function assertInterrupted(wait: Promise<unknown>): Promise<void> {
    await assert.rejects(wait, (error: WaitFailure<unknown>) => {
        assert.equal(error.name, "WaitFailure");
        assert.equal(error.reason, "interrupted");
        assert.equal(error.message, "the wait was interrupted");
        return true;
    });
}

describe("waits interrupted by a signal", function () {
    this.timeout(30_000);
    let bed: LightsailTestBed;
    let client: LightsailClient;

    beforeEach(async () => {
        bed = await startTestBed({ snapshot: { durationMs: 60_000, curve: "linear" } });
        bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
        client = lightsailClient(bed.emulator.url, REGION);
    });

    afterEach(async () => {
        client.destroy();
        await bed.stop();
    });

    /**
     * Takes a snapshot of Disk-1 (as slow as the emulator's snapshot behaviour of the moment) and
     * starts waiting for it; the wait is returned wrapped, so that it is not awaited here.
     */
    async function startWait(name: string): Promise<{ wait: Promise<DiskSnapshot> }> {
        await createDiskSnapshot(client, { diskSnapshotName: name, diskName: "Disk-1", tags: {} });
        const wait = waitForSnapshot(client, name, {
            label: `DiskSnapshot "${name}" (${REGION})`,
            timeoutMs: 8_000,
            report: () => {},
        });
        // Observed at once so that a failure is never reported as unhandled before it is asserted.
        wait.catch(() => {});
        return { wait };
    }

    for (const signal of SIGNALS) {
        it(`one ${signal} interrupts every wait under way, through one listener removed afterwards`, async () => {
            await withoutOtherSignalListeners(async () => {
                assert.deepEqual(listenerCounts(), { SIGINT: 0, SIGTERM: 0 });
                const first = await startWait("slow-1");
                assert.deepEqual(listenerCounts(), { SIGINT: 1, SIGTERM: 1 }, "one listener per signal for one wait");
                const second = await startWait("slow-2");
                assert.deepEqual(listenerCounts(), { SIGINT: 1, SIGTERM: 1 }, "still one listener for two waits");

                process.emit(signal);
                await assertInterrupted(first.wait);
                await assertInterrupted(second.wait);
                assert.deepEqual(listenerCounts(), { SIGINT: 0, SIGTERM: 0 }, "no listener once no wait runs");
                assert.deepEqual(
                    bed.emulator.snapshots(REGION).map((s) => s.state),
                    ["pending", "pending"],
                    "the snapshots themselves go on",
                );
            });
        });
    }

    it("a wait that completes leaves the listeners to the waits still running, which a signal then interrupts", async () => {
        await withoutOtherSignalListeners(async () => {
            const slow = await startWait("slow-1");
            bed.emulator.setSnapshotBehaviour({ durationMs: 300 });
            const fast = await startWait("fast-1");
            assert.equal((await fast.wait).state, "completed");
            assert.deepEqual(listenerCounts(), { SIGINT: 1, SIGTERM: 1 }, "the slow wait still listens");

            process.emit("SIGINT");
            await assertInterrupted(slow.wait);
            assert.deepEqual(listenerCounts(), { SIGINT: 0, SIGTERM: 0 });
        });
    });
});
