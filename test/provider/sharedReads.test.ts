/**
 * Waits in one process share their reads: snapshots (and restored disks) created together are
 * read by walks of GetDiskSnapshots (GetDisks) instead of one series of single reads each, and
 * every wait still ends with its own resource. The same creates with sharing turned off are the
 * comparison, on the same emulator; only call counts are compared, never times.
 */

import assert from "node:assert/strict";
import { REGION } from "../../harness/account";
import { checkedDiskFromSnapshotInputs, checkedInputs, configureProvider } from "../../harness/providerCalls";
import { type LightsailTestBed, startTestBed } from "../../harness/testBed";
import { diskFromSnapshot, diskSnapshot } from "../../provider/engine";
import { closeClients, SHARED_READS_ENV } from "../../provider/lightsail";

const COUNT = 6;

/** Reads of the request log since it was last cleared: single reads and list pages. */
function reads(bed: LightsailTestBed, single: string, list: string) {
    const log = bed.emulator.requests();
    return {
        single: log.filter((r) => r.operation === single).length,
        pages: log.filter((r) => r.operation === list).length,
    };
}

async function withSharing<T>(on: boolean, body: () => Promise<T>): Promise<T> {
    const saved = process.env[SHARED_READS_ENV];
    if (on) delete process.env[SHARED_READS_ENV];
    else process.env[SHARED_READS_ENV] = "off";
    try {
        return await body();
    } finally {
        if (saved === undefined) delete process.env[SHARED_READS_ENV];
        else process.env[SHARED_READS_ENV] = saved;
    }
}

describe("shared reads against the emulator", function () {
    this.timeout(60_000);
    let bed: LightsailTestBed;

    beforeEach(async () => {
        // Progress-less snapshots: every poll of every wait is one that may be shared.
        bed = await startTestBed({
            snapshot: { durationMs: 3_000, curve: "none" },
            resourceDurationMs: 3_000,
            pageSize: 25,
        });
        bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
        closeClients();
        await configureProvider();
    });

    afterEach(async () => {
        await bed.stop();
    });

    async function createSnapshots(prefix: string) {
        bed.emulator.clearRequests();
        const created = await Promise.all(
            Array.from({ length: COUNT }, async (_, i) => {
                const inputs = await checkedInputs({ diskName: "Disk-1", diskSnapshotName: `${prefix}-${i}` });
                return diskSnapshot.create(inputs);
            }),
        );
        return { created, calls: reads(bed, "GetDiskSnapshot", "GetDiskSnapshots") };
    }

    it("snapshots created together are read by walks, each wait ending with its own completed snapshot", async () => {
        const shared = await withSharing(true, () => createSnapshots("shared"));
        const alone = await withSharing(false, () => createSnapshots("alone"));
        for (const [prefix, run] of [
            ["shared", shared],
            ["alone", alone],
        ] as const) {
            assert.deepEqual(
                run.created.map((c) => [c.id, c.outs.diskSnapshotName, c.outs.state]),
                Array.from({ length: COUNT }, (_, i) => [`${prefix}-${i}`, `${prefix}-${i}`, "completed"]),
            );
        }
        assert.equal(alone.calls.pages, 0, "without sharing, no list is read");
        assert.ok(shared.calls.pages > 0, "with sharing, the waits' reads went into walks");
        const total = (c: { single: number; pages: number }) => c.single + c.pages;
        assert.ok(
            total(shared.calls) < total(alone.calls),
            `shared ${JSON.stringify(shared.calls)} against alone ${JSON.stringify(alone.calls)}`,
        );
    });

    it("disks restored together are read by GetDisks walks, each ending available", async () => {
        await diskSnapshot.create(await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "source-1" }));
        bed.emulator.clearRequests();
        const restored = await Promise.all(
            Array.from({ length: COUNT }, async (_, i) => {
                const inputs = await checkedDiskFromSnapshotInputs({
                    diskSnapshotName: "source-1",
                    availabilityZone: `${REGION}a`,
                    diskName: `restored-${i}`,
                });
                return diskFromSnapshot.create(inputs);
            }),
        );
        assert.deepEqual(
            restored.map((r) => [r.id, r.outs.state]),
            Array.from({ length: COUNT }, (_, i) => [`restored-${i}`, "available"]),
        );
        const calls = reads(bed, "GetDisk", "GetDisks");
        assert.ok(calls.pages > 0, `the restores' waits went into GetDisks walks: ${JSON.stringify(calls)}`);
    });
});
