/**
 * DiskFromSnapshot restored from a disk's automatic snapshots against the emulator: a given day,
 * the newest restorable one, and the refusals a user meets before anything is created (a day
 * with no restorable snapshot, a disk with none yet, a source disk that is gone).
 */

import assert from "node:assert/strict";
import { REGION } from "../../harness/account";
import {
    checkedAutoSnapshotsInputs,
    checkedDiskFromSnapshotInputs,
    configureProvider,
} from "../../harness/providerCalls";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { autoSnapshots, diskFromSnapshot } from "../../provider/engine";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const ZONE = `${REGION}a`;

describe("DiskFromSnapshot from automatic snapshots", function () {
    this.timeout(60_000);
    let bed: LightsailTestBed;
    const count = (operation: string) => operations(bed.emulator).filter((o) => o === operation).length;
    const createBodies = () =>
        bed.emulator
            .requests()
            .filter((r) => r.operation === "CreateDiskFromSnapshot")
            .map((r) => r.body as Record<string, unknown>);

    /** Disk-1 (32 GB) with its automatic snapshots on, and its clock an hour before the first one. */
    beforeEach(async () => {
        bed = await startTestBed({
            startTime: Date.parse("2024-01-01T05:00:00Z"),
            resourceDurationMs: 200,
            autoSnapshot: { durationMs: 30 * MINUTE, addOnDurationMs: 100 },
        });
        bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
        await configureProvider();
        await autoSnapshots.create(
            await checkedAutoSnapshotsInputs({ diskName: "Disk-1", snapshotTimeOfDay: "06:00" }),
        );
        bed.emulator.clearRequests();
    });

    afterEach(async () => {
        await bed.stop();
    });

    /** Moves the clock past two automatic snapshots, both restorable: 2024-01-01 and 2024-01-02. */
    function takeTwoDays(): void {
        bed.emulator.advanceClock(HOUR + 40 * MINUTE);
        bed.emulator.takeDueAutoSnapshots();
        bed.emulator.advanceClock(24 * HOUR);
        bed.emulator.takeDueAutoSnapshots();
        bed.emulator.clearRequests();
    }

    async function restoreAuto(extra: Record<string, unknown>) {
        const inputs = await checkedDiskFromSnapshotInputs({
            sourceDiskName: "Disk-1",
            availabilityZone: ZONE,
            diskName: "restored-1",
            ...extra,
        });
        return diskFromSnapshot.create(inputs);
    }

    it("restores the automatic snapshot of the declared day, at the disk's size, asking Lightsail for that day", async () => {
        takeTwoDays();
        const { id, outs } = await restoreAuto({ restoreDate: "2024-01-01" });
        assert.equal(id, "restored-1");
        assert.deepEqual(
            [outs.state, outs.sizeInGb, outs.sourceDiskName, outs.restoreDate, outs.diskSnapshotName],
            ["available", 32, "Disk-1", "2024-01-01", undefined],
        );
        assert.deepEqual(
            createBodies().map((b) => [
                b.sourceDiskName,
                b.restoreDate,
                b.useLatestRestorableAutoSnapshot,
                b.diskSnapshotName,
            ]),
            [["Disk-1", "2024-01-01", undefined, undefined]],
        );
        assert.deepEqual(
            operations(bed.emulator)
                .filter((o) => !o.startsWith("GetDisks"))
                .slice(0, 3),
            ["GetDisk", "GetAutoSnapshots", "CreateDiskFromSnapshot"],
            "the source disk and its automatic snapshots are read before the create",
        );
    });

    it("restores the newest restorable automatic snapshot when asked for the latest", async () => {
        takeTwoDays();
        const { outs } = await restoreAuto({ useLatestRestorableAutoSnapshot: true, sizeInGb: 40 });
        assert.deepEqual([outs.state, outs.sizeInGb, outs.useLatestRestorableAutoSnapshot], ["available", 40, true]);
        assert.deepEqual(
            createBodies().map((b) => [b.sourceDiskName, b.restoreDate, b.useLatestRestorableAutoSnapshot, b.sizeInGb]),
            [["Disk-1", undefined, true, 40]],
        );
    });

    it("refuses a size smaller than the disk whose automatic snapshot it restores, naming the day or the newest", async () => {
        takeTwoDays();
        await assert.rejects(restoreAuto({ restoreDate: "2024-01-02", sizeInGb: 16 }), {
            message:
                'DiskFromSnapshot "restored-1" in us-east-1: sizeInGb 16 is smaller than the automatic snapshot of disk "Disk-1" (2024-01-02) (32 GB); a restored disk is at least as large as its snapshot',
        });
        await assert.rejects(restoreAuto({ useLatestRestorableAutoSnapshot: true, sizeInGb: 16 }), {
            message:
                'DiskFromSnapshot "restored-1" in us-east-1: sizeInGb 16 is smaller than the automatic snapshot of disk "Disk-1" (the newest restorable day) (32 GB); a restored disk is at least as large as its snapshot',
        });
        assert.equal(count("CreateDiskFromSnapshot"), 0);
    });

    it("refuses a day with no restorable snapshot, listing the days there are, and creates nothing", async () => {
        takeTwoDays();
        await assert.rejects(restoreAuto({ restoreDate: "2023-12-31" }), {
            message:
                'DiskFromSnapshot "restored-1" in us-east-1: disk "Disk-1" has no restorable automatic snapshot of 2023-12-31; it has: 2024-01-02, 2024-01-01',
        });
        assert.equal(count("CreateDiskFromSnapshot"), 0);
    });

    it("counts an automatic snapshot still being taken as not restorable", async () => {
        takeTwoDays();
        // 06:10 on the third day: that day's snapshot started at 06:00 and takes 30 minutes.
        bed.emulator.advanceClock(24 * HOUR - 30 * MINUTE);
        bed.emulator.takeDueAutoSnapshots();
        await assert.rejects(restoreAuto({ restoreDate: "2024-01-03" }), {
            message:
                'DiskFromSnapshot "restored-1" in us-east-1: disk "Disk-1" has no restorable automatic snapshot of 2024-01-03; it has: 2024-01-02, 2024-01-01',
        });
        assert.equal(count("CreateDiskFromSnapshot"), 0);
        const { outs } = await restoreAuto({ restoreDate: "2024-01-02" });
        assert.equal(outs.state, "available");
    });

    it("refuses a disk that has no restorable automatic snapshot yet, for a day or for the newest", async () => {
        bed.emulator.advanceClock(HOUR + 10 * MINUTE); // the first one is still being taken
        bed.emulator.takeDueAutoSnapshots();
        await assert.rejects(restoreAuto({ restoreDate: "2024-01-01" }), {
            message:
                'DiskFromSnapshot "restored-1" in us-east-1: disk "Disk-1" has no restorable automatic snapshot of 2024-01-01; it has: none yet',
        });
        await assert.rejects(restoreAuto({ useLatestRestorableAutoSnapshot: true }), {
            message:
                'DiskFromSnapshot "restored-1" in us-east-1: disk "Disk-1" has no restorable automatic snapshot yet',
        });
        assert.equal(count("CreateDiskFromSnapshot"), 0);
    });

    it("refuses a source disk that does not exist: its automatic snapshots went with it", async () => {
        const inputs = await checkedDiskFromSnapshotInputs({
            sourceDiskName: "Gone-1",
            useLatestRestorableAutoSnapshot: true,
            availabilityZone: ZONE,
            diskName: "restored-1",
        });
        await assert.rejects(diskFromSnapshot.create(inputs), {
            message:
                'DiskFromSnapshot "restored-1" in us-east-1: disk "Gone-1" does not exist in us-east-1, and its automatic snapshots went with it',
        });
        assert.deepEqual(operations(bed.emulator), ["GetDisk"]);
    });

    it("a failed read of the automatic snapshots names the call and the resource", async () => {
        takeTwoDays();
        bed.emulator.setFault("GetAutoSnapshots", { kind: "denied" });
        await assert.rejects(
            restoreAuto({ restoreDate: "2024-01-01" }),
            /^Error: DiskFromSnapshot "restored-1" in us-east-1: GetAutoSnapshots failed: AccessDeniedException: /,
        );
        bed.emulator.clearFaults();
        bed.emulator.setFault("GetDisk", { kind: "denied" });
        await assert.rejects(
            restoreAuto({ restoreDate: "2024-01-01" }),
            /^Error: DiskFromSnapshot "restored-1" in us-east-1: GetDisk failed: AccessDeniedException: /,
        );
        assert.equal(count("CreateDiskFromSnapshot"), 0);
    });
});
