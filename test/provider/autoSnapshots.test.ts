/**
 * AutoSnapshots against the emulator, the way the engine calls it (check, then create, read,
 * update, delete), and a DiskSnapshot taken while an automatic snapshot of its source runs.
 */

import assert from "node:assert/strict";
import {
    DeleteDiskCommand,
    DisableAddOnCommand,
    GetAutoSnapshotsCommand,
    GetDiskCommand,
} from "@aws-sdk/client-lightsail";
import { REGION } from "../../harness/account";
import { lightsailClient } from "../../harness/emulatorClient";
import { checkedAutoSnapshotsInputs, checkedInputs, configureProvider } from "../../harness/providerCalls";
import { failureWithStderrLines, withStderrLines } from "../../harness/stderr";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { autoSnapshots, diskSnapshot } from "../../provider/engine";

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** A test bed whose clock starts an hour before a 06:00 automatic snapshot, with Disk-1 and WordPress-1. */
async function autoSnapshotBed(autoSnapshot: {
    durationMs: number;
    addOnDurationMs: number;
}): Promise<LightsailTestBed> {
    const bed = await startTestBed({
        startTime: Date.parse("2024-01-01T05:00:00Z"),
        snapshot: { durationMs: 300 },
        autoSnapshot,
    });
    bed.emulator.seedDisk({ name: "Disk-1", region: REGION });
    bed.emulator.seedInstance({ name: "WordPress-1", region: REGION });
    await configureProvider();
    return bed;
}

describe("AutoSnapshots against the emulator", function () {
    this.timeout(60_000);
    let bed: LightsailTestBed;

    beforeEach(async () => {
        bed = await autoSnapshotBed({ durationMs: 2_500, addOnDurationMs: 300 });
    });

    afterEach(async () => {
        await bed.stop();
    });

    const client = () => lightsailClient(bed.emulator.url, REGION);
    const count = (operation: string) => operations(bed.emulator).filter((o) => o === operation).length;

    it("up enables the add-on at the declared time and returns once Lightsail reports it Enabled", async () => {
        const inputs = await checkedAutoSnapshotsInputs({ diskName: "Disk-1", snapshotTimeOfDay: "06:00" });
        const { id, outs } = await autoSnapshots.create(inputs);
        assert.equal(id, "Disk-1");
        assert.deepEqual(
            {
                resourceName: outs.resourceName,
                resourceType: outs.resourceType,
                status: outs.status,
                snapshotTimeOfDay: outs.snapshotTimeOfDay,
                region: outs.region,
            },
            {
                resourceName: "Disk-1",
                resourceType: "Disk",
                status: "Enabled",
                snapshotTimeOfDay: "06:00",
                region: REGION,
            },
        );
        assert.equal(count("EnableAddOn"), 1);
        const disk = (await client().send(new GetDiskCommand({ diskName: "Disk-1" }))).disk;
        assert.deepEqual(
            disk?.addOns?.map((a) => [a.name, a.status, a.snapshotTimeOfDay]),
            [["AutoSnapshot", "Enabled", "06:00"]],
        );
    });

    it("refresh with nothing changed shows no changes; retiming is one EnableAddOn in place", async () => {
        const inputs = await checkedAutoSnapshotsInputs({ instanceName: "WordPress-1", snapshotTimeOfDay: "06:00" });
        const { id, outs } = await autoSnapshots.create(inputs);
        const refreshed = await autoSnapshots.read(id, outs);
        assert.equal(refreshed.id, "WordPress-1");
        assert.equal(refreshed.props?.resourceType, "Instance");
        assert.equal((await autoSnapshots.diff(id, refreshed.props ?? {}, inputs)).changes, false);

        const retimed = await checkedAutoSnapshotsInputs({ instanceName: "WordPress-1", snapshotTimeOfDay: "09:00" });
        const decision = await autoSnapshots.diff(id, outs, retimed);
        assert.equal(decision.changes, true);
        assert.deepEqual(decision.replaces ?? [], [], "a new time is an in-place update");
        bed.emulator.clearRequests();
        const updated = await autoSnapshots.update(id, outs, retimed);
        assert.equal(updated.outs.snapshotTimeOfDay, "09:00");
        assert.equal(count("EnableAddOn"), 1, "exactly one EnableAddOn");
        assert.equal(count("DisableAddOn"), 0);
    });

    it("an add-on disabled outside Pulumi shows as drift, and up turns it back on", async () => {
        const inputs = await checkedAutoSnapshotsInputs({ diskName: "Disk-1", snapshotTimeOfDay: "06:00" });
        const { id, outs } = await autoSnapshots.create(inputs);
        await client().send(new DisableAddOnCommand({ resourceName: "Disk-1", addOnType: "AutoSnapshot" }));
        bed.emulator.advanceClock(MINUTE); // past Disabling
        const refreshed = await autoSnapshots.read(id, outs);
        assert.ok(refreshed.props);
        assert.equal(refreshed.props.status, "Disabled");
        const decision = await autoSnapshots.diff(id, refreshed.props, inputs);
        assert.equal(decision.changes, true);
        assert.deepEqual(decision.replaces ?? [], []);
        const again = await autoSnapshots.update(id, refreshed.props, inputs);
        assert.equal(again.outs.status, "Enabled");
    });

    it("a disk deleted outside Pulumi drops the resource on refresh", async () => {
        const inputs = await checkedAutoSnapshotsInputs({ diskName: "Disk-1", snapshotTimeOfDay: "06:00" });
        const { id, outs } = await autoSnapshots.create(inputs);
        await client().send(new DeleteDiskCommand({ diskName: "Disk-1" }));
        assert.deepEqual(await autoSnapshots.read(id, outs), { id: "" });
        await autoSnapshots.delete(id, outs); // destroy tolerates what is already gone
    });

    it("destroy disables the add-on and keeps the automatic snapshots already taken", async () => {
        const inputs = await checkedAutoSnapshotsInputs({ diskName: "Disk-1", snapshotTimeOfDay: "06:00" });
        const { id, outs } = await autoSnapshots.create(inputs);
        bed.emulator.advanceClock(HOUR + 10 * MINUTE);
        bed.emulator.takeDueAutoSnapshots();
        await autoSnapshots.delete(id, outs);
        const disk = (await client().send(new GetDiskCommand({ diskName: "Disk-1" }))).disk;
        assert.equal(disk?.addOns?.[0]?.status, "Disabled");
        const kept = await client().send(new GetAutoSnapshotsCommand({ resourceName: "Disk-1" }));
        assert.deepEqual(
            kept.autoSnapshots?.map((s) => s.date),
            ["2024-01-01"],
        );
        // A second destroy (an add-on already off) is success too.
        await autoSnapshots.delete(id, outs);
    });
});

describe("DiskSnapshot while an automatic snapshot of its source is being taken", function () {
    this.timeout(60_000);
    let bed: LightsailTestBed;

    beforeEach(async () => {
        // Ten minutes on the emulator's clock, which moves only when a test says so.
        bed = await autoSnapshotBed({ durationMs: 10 * MINUTE, addOnDurationMs: 100 });
        await autoSnapshots.create(
            await checkedAutoSnapshotsInputs({ diskName: "Disk-1", snapshotTimeOfDay: "06:00" }),
        );
        bed.emulator.advanceClock(HOUR);
        bed.emulator.takeDueAutoSnapshots();
        bed.emulator.clearRequests();
    });

    afterEach(async () => {
        await bed.stop();
    });

    it("waits, says so, and creates exactly one snapshot once the automatic one is done", async () => {
        const inputs = await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "manual-1" });
        // The automatic snapshot finishes once Lightsail has refused the manual one twice.
        const finisher = setInterval(() => {
            if (operations(bed.emulator).filter((o) => o === "CreateDiskSnapshot").length >= 2) {
                clearInterval(finisher);
                bed.emulator.advanceClock(10 * MINUTE);
            }
        }, 20);
        const { result, lines } = await withStderrLines(() => diskSnapshot.create(inputs)).finally(() =>
            clearInterval(finisher),
        );
        assert.equal(result.outs.state, "completed");
        assert.ok(
            lines.includes(
                `DiskSnapshot "manual-1" (${REGION}): waiting for the automatic snapshot of Disk-1 to finish`,
            ),
            lines.join("\n"),
        );
        assert.equal(lines.filter((l) => l.includes("waiting for the automatic snapshot")).length, 1, "said once");
        const creates = operations(bed.emulator).filter((o) => o === "CreateDiskSnapshot").length;
        assert.equal(creates, 3, "refused twice, then accepted");
        assert.deepEqual(
            bed.emulator.snapshots(REGION).map((s) => s.name),
            ["manual-1"],
            "one snapshot, nothing leaked",
        );
    });

    it("gives up at its create timeout with nothing created, saying why and what to do", async () => {
        const inputs = await checkedInputs({
            diskName: "Disk-1",
            diskSnapshotName: "manual-2",
            timeouts: { create: "2s" },
        });
        const { error } = await failureWithStderrLines(() => diskSnapshot.create(inputs));
        assert.match(
            error.message,
            /automatic snapshot of Disk-1 was still being taken when the create timeout \(2s\) ran out/,
        );
        assert.match(error.message, /raise timeouts\.create/);
        assert.deepEqual(bed.emulator.snapshots(REGION), [], "nothing created");
    });
});
