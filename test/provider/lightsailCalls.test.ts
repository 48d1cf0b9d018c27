/**
 * The thin Lightsail calls of `provider/lightsail` against the emulator, one by one: what each
 * answers when the resource is there, when it is gone, and when Lightsail refuses the call for
 * another reason (which must reach the caller, never be taken for "gone"); the paging of the
 * region's lists, tag changes sent as only their difference, and the progress lines of a wait.
 */

import assert from "node:assert/strict";
import type { LightsailClient } from "@aws-sdk/client-lightsail";
import { REGION } from "../../harness/account";
import { lightsailClient } from "../../harness/emulatorClient";
import { withStderrLines } from "../../harness/stderr";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import {
    copySnapshot,
    createDiskFromSnapshot,
    createDiskSnapshot,
    deleteDisk,
    deleteDiskSnapshot,
    disableAutoSnapshots,
    diskSnapshotsPage,
    disksPage,
    enableAutoSnapshots,
    findAutoSnapshotSource,
    findDisk,
    findDiskSnapshot,
    findInstance,
    findOperation,
    listAutoSnapshots,
    listDiskSnapshots,
    sharedDiskReads,
    syncTags,
    TagCallError,
    waitForSnapshot,
} from "../../provider/lightsail";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const ACCESS_DENIED = /^User: arn:aws:iam::\d+:user\/emulator is not authorized to perform: lightsail:/;

/** Asserts that `call` fails with the emulator's AccessDeniedException for `operation`. */
async function rejectsDenied(call: Promise<unknown>, operation: string): Promise<void> {
    await assert.rejects(call, (error: Error) => {
        assert.equal(error.name, "AccessDeniedException");
        assert.match(error.message, ACCESS_DENIED);
        assert.ok(error.message.endsWith(`lightsail:${operation}`), error.message);
        return true;
    });
}

describe("the Lightsail calls against the emulator", function () {
    this.timeout(30_000);
    let bed: LightsailTestBed;
    let client: LightsailClient;

    beforeEach(async () => {
        bed = await startTestBed({
            startTime: Date.parse("2024-01-01T05:00:00Z"),
            snapshot: { durationMs: 200, curve: "linear" },
            resourceDurationMs: 0,
            autoSnapshot: { durationMs: 1_000, addOnDurationMs: 0 },
            pageSize: 2,
        });
        bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
        bed.emulator.seedInstance({ name: "WordPress-1", region: REGION });
        client = lightsailClient(bed.emulator.url, REGION);
    });

    afterEach(async () => {
        client.destroy();
        await bed.stop();
    });

    /** Takes a manual snapshot of Disk-1 and waits for it to complete. */
    async function completedSnapshot(name: string, tags: Record<string, string> = {}) {
        await createDiskSnapshot(client, { diskSnapshotName: name, diskName: "Disk-1", tags });
        return waitForSnapshot(client, name, { label: `DiskSnapshot "${name}"`, timeoutMs: 10_000, report: () => {} });
    }

    describe("the AutoSnapshot add-on", () => {
        it("finds a disk and an instance that never had the add-on, without one", async () => {
            assert.deepEqual(await findAutoSnapshotSource(client, "Disk", "Disk-1"), {
                resourceName: "Disk-1",
                resourceType: "Disk",
            });
            assert.deepEqual(await findAutoSnapshotSource(client, "Instance", "WordPress-1"), {
                resourceName: "WordPress-1",
                resourceType: "Instance",
            });
        });

        it("finds the add-on once it is enabled, and answers undefined for a disk or instance that does not exist", async () => {
            const enabled = await enableAutoSnapshots(client, "Disk-1", "06:00");
            assert.deepEqual(
                enabled.map((o) => [o.operationType, o.resourceName]),
                [["EnableAddOn", "Disk-1"]],
            );
            const found = await findAutoSnapshotSource(client, "Disk", "Disk-1");
            assert.equal(found?.addOn?.name, "AutoSnapshot");
            assert.equal(found?.addOn?.snapshotTimeOfDay, "06:00");
            assert.equal(await findAutoSnapshotSource(client, "Disk", "Disk-9"), undefined);
            assert.equal(await findAutoSnapshotSource(client, "Instance", "WordPress-9"), undefined);
        });

        it("throws a refused read of the source instead of taking it for gone", async () => {
            bed.emulator.setFault("GetDisk", { kind: "denied" });
            await rejectsDenied(findAutoSnapshotSource(client, "Disk", "Disk-1"), "GetDisk");
            bed.emulator.setFault("GetInstance", { kind: "denied" });
            await rejectsDenied(findAutoSnapshotSource(client, "Instance", "WordPress-1"), "GetInstance");
        });

        it("disabling answers Lightsail's operation and keeps the automatic snapshots already taken", async () => {
            await enableAutoSnapshots(client, "Disk-1", "06:00");
            assert.deepEqual(await listAutoSnapshots(client, "Disk-1"), []);
            bed.emulator.advanceClock(HOUR + 10 * MINUTE);
            const taken = await listAutoSnapshots(client, "Disk-1");
            assert.deepEqual(
                taken.map((s) => [s.date, s.status]),
                [["2024-01-01", "Success"]],
            );
            const disabled = await disableAutoSnapshots(client, "Disk-1");
            assert.deepEqual(
                disabled.map((o) => [o.operationType, o.resourceName]),
                [["DisableAddOn", "Disk-1"]],
            );
            assert.deepEqual(
                (await listAutoSnapshots(client, "Disk-1")).map((s) => s.date),
                ["2024-01-01"],
            );
            assert.deepEqual(
                operations(bed.emulator).filter((o) => o === "GetAutoSnapshots"),
                ["GetAutoSnapshots", "GetAutoSnapshots", "GetAutoSnapshots"],
            );
        });
    });

    describe("disks and instances", () => {
        it("finds a disk and an instance, undefined when they do not exist", async () => {
            assert.equal((await findDisk(client, "Disk-1"))?.sizeInGb, 32);
            assert.equal(await findDisk(client, "Disk-9"), undefined);
            assert.equal((await findInstance(client, "WordPress-1"))?.name, "WordPress-1");
            assert.equal(await findInstance(client, "WordPress-9"), undefined);
        });

        it("throws refused reads of a disk and an instance instead of taking them for gone", async () => {
            bed.emulator.setFault("GetDisk", { kind: "denied" });
            await rejectsDenied(findDisk(client, "Disk-1"), "GetDisk");
            bed.emulator.setFault("GetInstance", { kind: "denied" });
            await rejectsDenied(findInstance(client, "WordPress-1"), "GetInstance");
        });

        it("restores a disk from a snapshot, answering Lightsail's operation", async () => {
            await completedSnapshot("snap-1");
            const restored = await createDiskFromSnapshot(client, {
                diskName: "Restored-1",
                availabilityZone: `${REGION}a`,
                sizeInGb: 64,
                source: { diskSnapshotName: "snap-1" },
                tags: { env: "test" },
            });
            assert.deepEqual(
                restored.map((o) => [o.operationType, o.resourceName]),
                [["CreateDiskFromSnapshot", "Restored-1"]],
            );
            const disk = await findDisk(client, "Restored-1");
            assert.equal(disk?.sizeInGb, 64);
            assert.deepEqual(disk?.tags, [{ key: "env", value: "test" }]);
        });

        it("pages through the region's disks, with a token only while more follow", async () => {
            for (const name of ["Disk-2", "Disk-3"]) bed.emulator.seedDisk({ name, region: REGION });
            const first = await disksPage(client, undefined);
            assert.equal(first.items.length, 2);
            assert.equal(typeof first.nextPageToken, "string");
            const second = await disksPage(client, first.nextPageToken);
            assert.equal(second.items.length, 1);
            assert.equal(second.nextPageToken, undefined);
            assert.deepEqual([...first.items, ...second.items].map((d) => d.name).sort(), [
                "Disk-1",
                "Disk-2",
                "Disk-3",
            ]);
        });

        it("deletes a disk: true when it was there, false when it was already gone, and a refusal is thrown", async () => {
            bed.emulator.seedDisk({ name: "Disk-2", region: REGION });
            assert.equal(await deleteDisk(client, "Disk-2"), true);
            assert.equal(await findDisk(client, "Disk-2"), undefined);
            assert.equal(await deleteDisk(client, "Disk-2"), false);
            bed.emulator.setFault("DeleteDisk", { kind: "denied" });
            await rejectsDenied(deleteDisk(client, "Disk-1"), "DeleteDisk");
            assert.equal((await findDisk(client, "Disk-1"))?.name, "Disk-1");
        });

        it("shared disk reads held together are answered by one walk of GetDisks", async () => {
            bed.emulator.seedDisk({ name: "Disk-2", region: REGION });
            bed.emulator.clearRequests();
            const reads = sharedDiskReads(client);
            const [one, two] = await Promise.all([reads.read("Disk-1", 200), reads.read("Disk-2", 200)]);
            assert.deepEqual([one?.name, two?.name], ["Disk-1", "Disk-2"]);
            assert.deepEqual(operations(bed.emulator), ["GetDisks"]);
            assert.equal(reads.stats.answeredByWalks, 2);
        });
    });

    describe("disk snapshots", () => {
        it("finds a snapshot, undefined when it does not exist, and throws a refused read", async () => {
            await completedSnapshot("snap-1");
            assert.equal((await findDiskSnapshot(client, "snap-1"))?.state, "completed");
            assert.equal(await findDiskSnapshot(client, "snap-9"), undefined);
            bed.emulator.setFault("GetDiskSnapshot", { kind: "denied" });
            await rejectsDenied(findDiskSnapshot(client, "snap-1"), "GetDiskSnapshot");
        });

        it("pages through the region's snapshots, with a token only while more follow", async () => {
            for (const name of ["snap-1", "snap-2", "snap-3"]) {
                await createDiskSnapshot(client, { diskSnapshotName: name, diskName: "Disk-1", tags: {} });
            }
            const first = await diskSnapshotsPage(client, undefined);
            assert.deepEqual(
                first.items.map((s) => s.name),
                ["snap-3", "snap-2"],
            );
            assert.equal(typeof first.nextPageToken, "string");
            const second = await diskSnapshotsPage(client, first.nextPageToken);
            assert.deepEqual(
                second.items.map((s) => s.name),
                ["snap-1"],
            );
            assert.equal(second.nextPageToken, undefined);
        });

        it("lists every snapshot of the region, through all its pages", async () => {
            for (const name of ["snap-1", "snap-2", "snap-3"]) {
                await createDiskSnapshot(client, { diskSnapshotName: name, diskName: "Disk-1", tags: {} });
            }
            assert.deepEqual(
                (await listDiskSnapshots(client)).map((s) => s.name),
                ["snap-3", "snap-2", "snap-1"],
            );
            assert.equal(
                operations(bed.emulator).filter((o) => o === "GetDiskSnapshots").length,
                2,
                "a request per page of two",
            );
        });

        it("copies a snapshot, answering Lightsail's operation", async () => {
            await completedSnapshot("snap-1");
            const copied = await copySnapshot(client, {
                targetSnapshotName: "copy-1",
                sourceRegion: REGION,
                source: { sourceSnapshotName: "snap-1" },
            });
            assert.deepEqual(
                copied.map((o) => [o.operationType, o.resourceName]),
                [["CopySnapshot", "copy-1"]],
            );
            assert.equal((await findDiskSnapshot(client, "copy-1"))?.name, "copy-1");
        });

        it("deletes a snapshot: true when it was there, false when it was already gone, and a refusal is thrown", async () => {
            await completedSnapshot("snap-1");
            await completedSnapshot("snap-2");
            assert.equal(await deleteDiskSnapshot(client, "snap-1"), true);
            assert.equal(await findDiskSnapshot(client, "snap-1"), undefined);
            assert.equal(await deleteDiskSnapshot(client, "snap-1"), false);
            bed.emulator.setFault("DeleteDiskSnapshot", { kind: "denied" });
            await rejectsDenied(deleteDiskSnapshot(client, "snap-2"), "DeleteDiskSnapshot");
            assert.deepEqual(
                bed.emulator.snapshots(REGION).map((s) => s.name),
                ["snap-2"],
            );
        });

        it("finds an operation by id, undefined when Lightsail does not know it, and throws a refused read", async () => {
            const [created] = await createDiskSnapshot(client, {
                diskSnapshotName: "snap-1",
                diskName: "Disk-1",
                tags: {},
            });
            assert.ok(created?.id);
            const found = await findOperation(client, created.id);
            assert.equal(found?.id, created.id);
            assert.equal(found?.operationType, "CreateDiskSnapshot");
            assert.equal(await findOperation(client, "00000000-0000-4000-8000-000000000000"), undefined);
            bed.emulator.setFault("GetOperation", { kind: "denied" });
            await rejectsDenied(findOperation(client, created.id), "GetOperation");
        });
    });

    describe("tag changes", () => {
        const tagsOf = async (name: string) =>
            Object.fromEntries(((await findDiskSnapshot(client, name))?.tags ?? []).map((t) => [t.key, t.value]));

        it("a removal alone is one UntagResource, with no TagResource", async () => {
            await completedSnapshot("snap-1", { env: "test", team: "data" });
            bed.emulator.clearRequests();
            await syncTags(client, "snap-1", { env: "test", team: "data" }, { env: "test" });
            assert.deepEqual(operations(bed.emulator), ["UntagResource"]);
            assert.deepEqual(await tagsOf("snap-1"), { env: "test" });
        });

        it("an addition alone is one TagResource, and equal tags send nothing", async () => {
            await completedSnapshot("snap-1", { env: "test" });
            bed.emulator.clearRequests();
            await syncTags(client, "snap-1", { env: "test" }, { env: "test", team: "data" });
            await syncTags(client, "snap-1", { env: "test", team: "data" }, { env: "test", team: "data" });
            assert.deepEqual(operations(bed.emulator), ["TagResource"]);
            assert.deepEqual(await tagsOf("snap-1"), { env: "test", team: "data" });
        });

        for (const operation of ["TagResource", "UntagResource"] as const) {
            it(`a refused ${operation} fails naming it, with Lightsail's error as the cause`, async () => {
                await completedSnapshot("snap-1", { env: "test" });
                bed.emulator.setFault(operation, { kind: "denied" });
                const desired: Record<string, string> = operation === "TagResource" ? { env: "prod" } : {};
                await assert.rejects(syncTags(client, "snap-1", { env: "test" }, desired), (error: Error) => {
                    assert.ok(error instanceof TagCallError);
                    assert.equal(error.name, "TagCallError");
                    assert.equal(error.message, `${operation} failed`);
                    assert.equal(error.action, operation);
                    assert.equal((error.cause as Error).name, "AccessDeniedException");
                    return true;
                });
                assert.deepEqual(await tagsOf("snap-1"), { env: "test" });
            });
        }
    });

    describe("progress lines of a wait", () => {
        beforeEach(() => {
            bed.emulator.setSnapshotBehaviour({ durationMs: 1_500, curve: "linear" });
        });

        const PROGRESS_LINE = /^DiskSnapshot "snap-1" \(us-east-1\): pending, \d+%, \d+s elapsed$/;

        it("go to the report callback when one is given, one line per step of progress and none empty", async () => {
            await createDiskSnapshot(client, { diskSnapshotName: "snap-1", diskName: "Disk-1", tags: {} });
            const lines: unknown[] = [];
            const { result, lines: stderr } = await withStderrLines(() =>
                waitForSnapshot(client, "snap-1", {
                    label: 'DiskSnapshot "snap-1" (us-east-1)',
                    timeoutMs: 20_000,
                    report: (line) => lines.push(line),
                }),
            );
            assert.equal(result.state, "completed");
            assert.ok(lines.length > 0, "at least one progress line");
            for (const line of lines) assert.match(String(line), PROGRESS_LINE);
            assert.ok(lines.every((line) => typeof line === "string"));
            assert.deepEqual(
                stderr.filter((line) => line.includes("snap-1")),
                [],
            );
        });

        it("go to stderr when no report callback is given", async () => {
            await createDiskSnapshot(client, { diskSnapshotName: "snap-1", diskName: "Disk-1", tags: {} });
            const { result, lines } = await withStderrLines(() =>
                waitForSnapshot(client, "snap-1", { label: 'DiskSnapshot "snap-1" (us-east-1)', timeoutMs: 20_000 }),
            );
            assert.equal(result.state, "completed");
            const progress = lines.filter((line) => line.includes("snap-1"));
            assert.ok(progress.length > 0, "at least one progress line on stderr");
            for (const line of progress) assert.match(line, PROGRESS_LINE);
        });
    });
});
