/**
 * Deleting disk snapshots and automatic snapshots that are still being made: which operations end,
 * how they end, and what Lightsail answers when deletion of pending snapshots is refused.
 */

import assert from "node:assert/strict";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { callApi } from "../../harness/emulatorClient";
import { VirtualClock } from "../../harness/virtualClock";

interface WireOperation {
    id: string;
    resourceName: string;
    operationType: string;
    operationDetails?: string;
    status: string;
    errorCode?: string;
    errorDetails?: string;
}

interface ErrorBody {
    __type: string;
    code?: string;
    message?: string;
}

async function ok(emu: RunningEmulator, operation: string, body: unknown): Promise<Record<string, unknown>> {
    const answer = await callApi(emu.url, operation, body);
    assert.equal(answer.status, 200, answer.text);
    return answer.json as Record<string, unknown>;
}

async function refused(emu: RunningEmulator, operation: string, body: unknown): Promise<ErrorBody> {
    const answer = await callApi(emu.url, operation, body);
    assert.equal(answer.status, 400, answer.text);
    return answer.json as ErrorBody;
}

async function allOperations(emu: RunningEmulator): Promise<WireOperation[]> {
    const all: WireOperation[] = [];
    let token: string | undefined;
    do {
        const out = await ok(emu, "GetOperations", token === undefined ? {} : { pageToken: token });
        all.push(...(out.operations as WireOperation[]));
        token = out.nextPageToken as string | undefined;
    } while (token !== undefined);
    return all;
}

const MINUTE = 60_000;

describe("deleting a disk snapshot that is still pending", () => {
    let clock: VirtualClock;
    let emu: RunningEmulator;

    beforeEach(async () => {
        clock = new VirtualClock();
        emu = await startEmulator({ clock: clock.now, snapshot: { durationMs: 10 * MINUTE } });
        emu.seedDisk({ name: "Disk-1", region: "us-west-2" });
        emu.seedDisk({ name: "Disk-2", region: "us-west-2" });
    });

    afterEach(async () => {
        await emu.stop();
    });

    async function pendingCopy(): Promise<void> {
        await ok(emu, "CreateDiskSnapshot", { diskName: "Disk-2", diskSnapshotName: "Base-1" });
        clock.advance(11 * MINUTE);
        await ok(emu, "CopySnapshot", {
            sourceSnapshotName: "Base-1",
            targetSnapshotName: "Copy-1",
            sourceRegion: "us-west-2",
        });
    }

    it("fails only the operations making that snapshot, on the snapshot and on its disk", async () => {
        await pendingCopy();
        await ok(emu, "CreateDiskSnapshot", { diskName: "Disk-1", diskSnapshotName: "Snap-A" });
        await ok(emu, "CreateDiskSnapshot", { diskName: "Disk-1", diskSnapshotName: "Snap-B" });
        await ok(emu, "CreateDisk", { diskName: "Snap-A", availabilityZone: "us-west-2a", sizeInGb: 8 });
        await ok(emu, "DeleteDiskSnapshot", { diskSnapshotName: "Snap-A" });

        const ops = await allOperations(emu);
        const making = ops.filter(
            (op) =>
                op.operationType === "CreateDiskSnapshot" &&
                (op.resourceName === "Snap-A" || op.operationDetails === "Snap-A"),
        );
        assert.equal(making.length, 2, JSON.stringify(ops));
        for (const op of making) {
            assert.equal(op.status, "Failed", JSON.stringify(op));
            assert.equal(op.errorCode, "ResourceDeleted");
            assert.equal(op.errorDetails, "The disk snapshot Snap-A was deleted before it completed.");
        }
        const others = ops.filter(
            (op) =>
                (op.operationType === "CreateDiskSnapshot" &&
                    (op.resourceName === "Snap-B" || op.operationDetails === "Snap-B")) ||
                op.operationType === "CopySnapshot" ||
                op.operationType === "CreateDisk",
        );
        assert.equal(others.length, 4, JSON.stringify(ops));
        for (const op of others) {
            assert.notEqual(op.status, "Failed", JSON.stringify(op));
            assert.equal(op.errorCode, undefined);
        }
    });

    it("fails the copy operation of a pending copy that is deleted", async () => {
        await pendingCopy();
        await ok(emu, "CreateDiskSnapshot", { diskName: "Disk-1", diskSnapshotName: "Snap-A" });
        await ok(emu, "DeleteDiskSnapshot", { diskSnapshotName: "Copy-1" });
        const ops = await allOperations(emu);
        const copy = ops.find((op) => op.operationType === "CopySnapshot");
        assert.equal(copy?.status, "Failed");
        assert.equal(copy?.errorCode, "ResourceDeleted");
        assert.equal(copy?.errorDetails, "The disk snapshot Copy-1 was deleted before it completed.");
        const snapA = ops.filter((op) => op.operationType === "CreateDiskSnapshot" && op.resourceName === "Snap-A");
        assert.equal(snapA.length, 1);
        assert.notEqual(snapA[0]?.status, "Failed");
    });

    it("reports why a copy matching the error pattern failed", async () => {
        await ok(emu, "CreateDiskSnapshot", { diskName: "Disk-2", diskSnapshotName: "Base-1" });
        clock.advance(11 * MINUTE);
        emu.setSnapshotBehaviour({ errorPattern: "^broken" });
        const out = await ok(emu, "CopySnapshot", {
            sourceSnapshotName: "Base-1",
            targetSnapshotName: "broken-1",
            sourceRegion: "us-west-2",
        });
        const [started] = out.operations as WireOperation[];
        clock.advance(11 * MINUTE);
        const op = (await ok(emu, "GetOperation", { operationId: started?.id })).operation as WireOperation;
        assert.equal(op.status, "Failed", JSON.stringify(op));
        assert.equal(op.errorDetails, "The disk snapshot broken-1 could not be copied from us-west-2:Base-1.");
    });
});

describe("deleting automatic snapshots", () => {
    let clock: VirtualClock;
    let emu: RunningEmulator;

    beforeEach(async () => {
        clock = new VirtualClock(Date.parse("2024-01-01T05:00:00Z"));
        emu = await startEmulator({
            clock: clock.now,
            autoSnapshot: { durationMs: 5 * MINUTE, addOnDurationMs: 2000 },
        });
        emu.seedDisk({ name: "Disk-1", region: "us-west-2" });
        await ok(emu, "EnableAddOn", {
            resourceName: "Disk-1",
            addOnRequest: { addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:00" } },
        });
    });

    afterEach(async () => {
        await emu.stop();
    });

    /** Moves to `iso` and lets the emulator take what is due by then. */
    async function at(iso: string): Promise<Array<{ date: string; status: string }>> {
        clock.nowMs = Date.parse(iso);
        const out = await ok(emu, "GetAutoSnapshots", { resourceName: "Disk-1" });
        return (out.autoSnapshots as Array<{ date: string; status: string }>).map(({ date, status }) => ({
            date,
            status,
        }));
    }

    it("refuses a date not in YYYY-MM-DD format", async () => {
        const error = await refused(emu, "DeleteAutoSnapshot", { resourceName: "Disk-1", date: "01/02/2024" });
        assert.equal(error.__type, "InvalidInputException");
        assert.equal(error.message, "The date '01/02/2024' is not valid. Specify it in YYYY-MM-DD format.");
    });

    it("answers NotFoundException for a date the resource has no snapshot of", async () => {
        assert.deepEqual(await at("2024-01-01T07:00:00Z"), [{ date: "2024-01-01", status: "Success" }]);
        const error = await refused(emu, "DeleteAutoSnapshot", { resourceName: "Disk-1", date: "2024-01-05" });
        assert.equal(error.__type, "NotFoundException");
        assert.equal(error.message, "The AutoSnapshot does not exist: Disk-1 2024-01-05");
        assert.equal((await at("2024-01-01T07:00:00Z")).length, 1);
    });

    it("deletes an automatic snapshot still in progress when pending deletes are allowed", async () => {
        assert.deepEqual(await at("2024-01-01T06:01:00Z"), [{ date: "2024-01-01", status: "InProgress" }]);
        await ok(emu, "DeleteAutoSnapshot", { resourceName: "Disk-1", date: "2024-01-01" });
        assert.deepEqual(await at("2024-01-01T06:02:00Z"), []);
    });

    it("refuses to delete an automatic snapshot in progress when pending deletes are refused", async () => {
        emu.setSnapshotBehaviour({ deletePending: "refuse" });
        await at("2024-01-01T06:01:00Z");
        const error = await refused(emu, "DeleteAutoSnapshot", { resourceName: "Disk-1", date: "2024-01-01" });
        assert.equal(error.__type, "InvalidInputException");
        assert.equal(error.code, "ResourceBusy");
        assert.equal(
            error.message,
            "The automatic snapshot 2024-01-01 of Disk-1 is being created and cannot be deleted until it completes. Try again later.",
        );
    });

    it("answers NotFoundException for a missing date while another snapshot is in progress and pending deletes are refused", async () => {
        emu.setSnapshotBehaviour({ deletePending: "refuse" });
        await at("2024-01-01T06:01:00Z");
        const error = await refused(emu, "DeleteAutoSnapshot", { resourceName: "Disk-1", date: "2024-01-05" });
        assert.equal(error.__type, "NotFoundException");
        assert.equal(error.message, "The AutoSnapshot does not exist: Disk-1 2024-01-05");
    });

    it("deletes a completed automatic snapshot even when pending deletes are refused", async () => {
        emu.setSnapshotBehaviour({ deletePending: "refuse" });
        await at("2024-01-01T07:00:00Z");
        await ok(emu, "DeleteAutoSnapshot", { resourceName: "Disk-1", date: "2024-01-01" });
        assert.deepEqual(await at("2024-01-01T07:01:00Z"), []);
    });

    it("does not restore from the latest automatic snapshot while it is in progress", async () => {
        await at("2024-01-01T06:01:00Z");
        const error = await refused(emu, "CreateDiskFromSnapshot", {
            diskName: "Disk-9",
            availabilityZone: "us-west-2a",
            sizeInGb: 8,
            sourceDiskName: "Disk-1",
            useLatestRestorableAutoSnapshot: true,
        });
        assert.equal(error.__type, "NotFoundException", JSON.stringify(error));
    });
});
