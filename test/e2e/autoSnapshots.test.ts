/**
 * AutoSnapshots with the real engine, the packed package and the emulator: preview, up, refresh,
 * an in-place retime, drift from a change made outside Pulumi, a DiskSnapshot that waits out an
 * automatic snapshot of its source, and destroy.
 */

import assert from "node:assert/strict";
import {
    DisableAddOnCommand,
    GetAutoSnapshotsCommand,
    GetDiskCommand,
    type LightsailClient,
} from "@aws-sdk/client-lightsail";
import { REGION } from "../../harness/account";
import { lightsailClient } from "../../harness/emulatorClient";
import { changeSummary } from "../../harness/engine";
import { loggedOperations, type SnapshotStack, startSnapshotStack } from "../../harness/snapshotStack";

const MINUTE = 60_000;

describe("end to end: AutoSnapshots", function () {
    this.timeout(600_000);
    let stack: SnapshotStack;
    let client: LightsailClient;
    const nightly = { resourceName: "nightly", diskName: "Disk-1", snapshotTimeOfDay: "06:00" };

    /** The AWS operations since the log was last cleared, and clears it. */
    const calls = () => {
        const logged = loggedOperations(stack.bed);
        stack.bed.emulator.clearRequests();
        return logged;
    };
    const addOnOfDisk1 = async () =>
        (await client.send(new GetDiskCommand({ diskName: "Disk-1" }))).disk?.addOns?.find(
            (a) => a.name === "AutoSnapshot",
        );

    before(async () => {
        stack = await startSnapshotStack({
            emulator: {
                // The emulator's clock starts an hour before the first automatic snapshot is due.
                startTime: Date.parse("2024-01-01T05:00:00Z"),
                snapshot: { durationMs: 300 },
                autoSnapshot: { durationMs: 10 * MINUTE, addOnDurationMs: 300 },
            },
        });
        client = lightsailClient(stack.bed.emulator.url, REGION);
    });

    after(async () => {
        client?.destroy();
        await stack?.close();
    });

    it("preview rejects a time that is not on the hour, with no Lightsail call", async () => {
        await stack.declareAutoSnapshots([{ ...nightly, snapshotTimeOfDay: "06:30" }]);
        const preview = await stack.pulumi(["preview"], { allowFailure: true });
        assert.notEqual(preview.code, 0);
        assert.match(
            preview.stdout + preview.stderr,
            /snapshotTimeOfDay "06:30" is not a time on the hour; allowed: "HH:00" in UTC/,
        );
        assert.deepEqual(calls(), []);
    });

    it("up enables the add-on with one EnableAddOn and records it Enabled", async () => {
        await stack.declareAutoSnapshots([nightly]);
        const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal(changeSummary(up.stdout).created, 2, up.stdout);
        assert.equal(calls().filter((o) => o === "EnableAddOn").length, 1);
        const [recorded] = await stack.autoSnapshotsInState();
        assert.equal(recorded?.id, "Disk-1");
        assert.equal(recorded?.outputs?.status, "Enabled");
        assert.equal(recorded?.outputs?.resourceType, "Disk");
        assert.equal((await addOnOfDisk1())?.snapshotTimeOfDay, "06:00");
    });

    it("refresh with nothing changed reports no changes", async () => {
        const refresh = await stack.pulumi(["refresh", "--yes", "--skip-preview"]);
        assert.deepEqual(changeSummary(refresh.stdout), { unchanged: 2 }, refresh.stdout);
        const preview = await stack.pulumi(["preview"]);
        assert.deepEqual(changeSummary(preview.stdout), { unchanged: 2 }, preview.stdout);
        assert.ok(!calls().includes("EnableAddOn"));
    });

    it("a new time is an in-place update: exactly one EnableAddOn, no disable", async () => {
        await stack.declareAutoSnapshots([{ ...nightly, snapshotTimeOfDay: "09:00" }]);
        const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal(changeSummary(up.stdout).updated, 1, up.stdout);
        const made = calls();
        assert.equal(made.filter((o) => o === "EnableAddOn").length, 1, made.join(" "));
        assert.ok(!made.includes("DisableAddOn"));
        assert.equal((await addOnOfDisk1())?.snapshotTimeOfDay, "09:00");
    });

    it("an add-on disabled outside Pulumi shows as drift on refresh, and up turns it back on", async () => {
        await client.send(new DisableAddOnCommand({ resourceName: "Disk-1", addOnType: "AutoSnapshot" }));
        stack.bed.emulator.advanceClock(MINUTE); // past Disabling
        const refresh = await stack.pulumi(["refresh", "--yes", "--skip-preview"]);
        assert.equal(changeSummary(refresh.stdout).updated, 1, refresh.stdout);
        const [recorded] = await stack.autoSnapshotsInState();
        assert.equal(recorded?.outputs?.status, "Disabled");
        calls();
        const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal(changeSummary(up.stdout).updated, 1, up.stdout);
        assert.equal(calls().filter((o) => o === "EnableAddOn").length, 1);
        assert.equal((await addOnOfDisk1())?.status, "Enabled");
    });

    it("a DiskSnapshot declared while the automatic snapshot is being taken waits for it, then completes", async () => {
        stack.bed.emulator.advanceClockTo(Date.parse("2024-01-01T09:01:00Z"));
        assert.equal(stack.bed.emulator.takeDueAutoSnapshots().length, 1, "the 09:00 snapshot is under way");
        calls();
        // The automatic snapshot finishes once Lightsail has refused the manual one twice.
        const finisher = setInterval(() => {
            if (loggedOperations(stack.bed).filter((o) => o === "CreateDiskSnapshot").length >= 2) {
                clearInterval(finisher);
                stack.bed.emulator.advanceClock(10 * MINUTE);
            }
        }, 20);
        try {
            await stack.declare([{ resourceName: "manual", diskName: "Disk-1", diskSnapshotName: "manual-1" }]);
            const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
            assert.equal(changeSummary(up.stdout).created, 1, up.stdout);
            assert.match(
                up.stdout + up.stderr,
                /DiskSnapshot "manual-1" \(us-east-1\): waiting for the automatic snapshot of Disk-1 to finish/,
            );
        } finally {
            clearInterval(finisher);
        }
        assert.equal(calls().filter((o) => o === "CreateDiskSnapshot").length, 3, "refused twice, then accepted");
        await stack.assertStateMatchesEmulator();
    });

    it("destroy disables the add-on and leaves the automatic snapshots already taken", async () => {
        const destroy = await stack.pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.equal(changeSummary(destroy.stdout).deleted, 3, destroy.stdout);
        assert.ok(calls().includes("DisableAddOn"));
        assert.equal((await addOnOfDisk1())?.status, "Disabled");
        assert.deepEqual(await stack.autoSnapshotsInState(), []);
        const kept = await client.send(new GetAutoSnapshotsCommand({ resourceName: "Disk-1" }));
        assert.deepEqual(
            kept.autoSnapshots?.map((s) => [s.date, s.status]),
            [["2024-01-01", "Success"]],
        );
    });
});
