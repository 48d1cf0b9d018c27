/**
 * DiskFromSnapshot with the real engine, the packed package and the emulator: a snapshot and a
 * disk restored from it and attached, a clean refresh, a tags change in place, a replacement on a
 * size change, drift from a detach and a deletion made outside Pulumi, and a destroy that leaves
 * nothing.
 */

import assert from "node:assert/strict";
import {
    DeleteDiskCommand,
    DetachDiskCommand,
    GetDisksCommand,
    type LightsailClient,
    StopInstanceCommand,
} from "@aws-sdk/client-lightsail";
import { REGION } from "../../harness/account";
import { lightsailClient } from "../../harness/emulatorClient";
import { changeSummary } from "../../harness/engine";
import { loggedOperations, type SnapshotStack, startSnapshotStack } from "../../harness/snapshotStack";
import { waitFor } from "../../harness/time";

const SNAPSHOT = { resourceName: "data", diskName: "Disk-1" };
const RESTORE = {
    resourceName: "restored",
    fromSnapshot: "data",
    diskName: "restored-1",
    availabilityZone: `${REGION}a`,
    attachTo: { instanceName: "WordPress-1", diskPath: "/dev/xvdf" },
    tags: { team: "storage" },
};

describe("end to end: DiskFromSnapshot", function () {
    this.timeout(600_000);
    let stack: SnapshotStack;
    let client: LightsailClient;

    /** The AWS operations since the log was last cleared, and clears it. */
    const calls = () => {
        const logged = loggedOperations(stack.bed);
        stack.bed.emulator.clearRequests();
        return logged;
    };
    const restoredDisks = async () =>
        ((await client.send(new GetDisksCommand({}))).disks ?? []).filter((d) => d.name?.startsWith("restored"));
    /** Stops WordPress-1 (Lightsail detaches a disk only from a stopped instance), unless it is stopped. */
    const stopWordPress1 = async () => {
        if (stack.bed.emulator.instanceState("WordPress-1", REGION).name !== "stopped") {
            await client.send(new StopInstanceCommand({ instanceName: "WordPress-1" }));
        }
        await waitFor(() => stack.bed.emulator.instanceState("WordPress-1", REGION).name === "stopped", 10_000, "stop");
    };
    const up = async () => {
        const result = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        return changeSummary(result.stdout);
    };

    before(async () => {
        stack = await startSnapshotStack({
            emulator: {
                snapshot: { durationMs: 300 },
                resourceDurationMs: 300,
                instanceTransitionMs: 300,
                attachmentDurationMs: 300,
            },
        });
        client = lightsailClient(stack.bed.emulator.url, REGION);
        await stack.declare([SNAPSHOT]);
        await stack.declareRestores([RESTORE]);
    });

    after(async () => {
        client?.destroy();
        await stack?.close();
    });

    it("up restores the snapshot into a new disk, tagged in the create request, and attaches it", async () => {
        stack.bed.emulator.clearRequests();
        assert.equal((await up()).created, 3, "the stack, the snapshot and the disk");
        const ops = calls();
        assert.ok(ops.indexOf("CreateDiskSnapshot") < ops.indexOf("CreateDiskFromSnapshot"), ops.join(" "));
        assert.ok(!ops.includes("TagResource"), "tags go in the create request");
        const [disk] = await restoredDisks();
        assert.equal(disk?.name, "restored-1");
        assert.equal(disk?.sizeInGb, 16, "the snapshot's size by default");
        assert.deepEqual(disk?.tags, [{ key: "team", value: "storage" }]);
        assert.equal(disk?.attachedTo, "WordPress-1");
        assert.equal(disk?.path, "/dev/xvdf");
        const [recorded] = await stack.restoresInState();
        assert.equal(recorded?.id, "restored-1");
        assert.equal(recorded?.outputs?.attachedTo, "WordPress-1");
    });

    it("refresh finds nothing to change", async () => {
        await stack.pulumi(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
        const ops = calls();
        assert.ok(!ops.some((o) => /^(Create|Delete|Attach|Detach|Tag|Untag)/.test(o)), ops.join(" "));
    });

    it("a tags change is one TagResource, in place", async () => {
        await stack.declareRestores([{ ...RESTORE, tags: { team: "storage", tier: "restore" } }]);
        const summary = await up();
        assert.equal(summary.updated, 1);
        const ops = calls();
        assert.deepEqual(
            ops.filter((o) => /^(Create|Delete|Attach|Detach|Tag|Untag)/.test(o)),
            ["TagResource"],
        );
    });

    it("a size change replaces the disk, and the new one is attached where the old one was", async () => {
        await stack.declareRestores([{ ...RESTORE, tags: { team: "storage", tier: "restore" }, sizeInGb: 32 }]);
        const summary = await up();
        assert.equal(summary.replaced, 1);
        const ops = calls();
        assert.ok(ops.includes("CreateDiskFromSnapshot") && ops.includes("DeleteDisk"), ops.join(" "));
        const disks = await restoredDisks();
        assert.equal(disks.length, 1, "the old disk is gone");
        assert.equal(disks[0].sizeInGb, 32);
        assert.equal(disks[0].attachedTo, "WordPress-1");
    });

    it("a detach outside Pulumi shows on refresh, and up attaches the disk again", async () => {
        await stopWordPress1();
        await client.send(new DetachDiskCommand({ diskName: "restored-1" }));
        await waitFor(() => stack.bed.emulator.diskAttachment("restored-1", REGION) === undefined, 10_000, "detached");

        const refresh = await stack.pulumi(["refresh", "--yes", "--skip-preview"]);
        assert.equal(changeSummary(refresh.stdout).updated, 1, refresh.stdout);
        const [recorded] = await stack.restoresInState();
        assert.equal(recorded?.outputs?.isAttached, false);

        await up();
        const [disk] = await restoredDisks();
        assert.equal(disk?.attachedTo, "WordPress-1");
        assert.equal(disk?.path, "/dev/xvdf");
    });

    it("a deletion outside Pulumi drops the disk from the state on refresh, and up restores it again", async () => {
        await stopWordPress1();
        await client.send(new DetachDiskCommand({ diskName: "restored-1" }));
        await waitFor(() => stack.bed.emulator.diskAttachment("restored-1", REGION) === undefined, 10_000, "detached");
        await client.send(new DeleteDiskCommand({ diskName: "restored-1" }));
        assert.deepEqual(await restoredDisks(), []);

        const refresh = await stack.pulumi(["refresh", "--yes", "--skip-preview"]);
        assert.equal(changeSummary(refresh.stdout).deleted, 1, refresh.stdout);
        assert.deepEqual(await stack.restoresInState(), []);

        assert.equal((await up()).created, 1);
        const [disk] = await restoredDisks();
        assert.equal(disk?.name, "restored-1");
        assert.equal(disk?.attachedTo, "WordPress-1");
    });

    it("destroy detaches and deletes the disk and deletes the snapshot, leaving nothing", async () => {
        await stack.pulumi(["destroy", "--yes", "--skip-preview"]);
        const ops = calls();
        assert.ok(ops.indexOf("DetachDisk") < ops.indexOf("DeleteDisk"), ops.join(" "));
        assert.deepEqual(await restoredDisks(), []);
        assert.deepEqual(stack.bed.emulator.snapshots(REGION), []);
        assert.deepEqual(await stack.restoresInState(), []);
        // Stopped outside Pulumi above: destroy leaves the instance as it found it.
        assert.equal(stack.bed.emulator.instanceState("WordPress-1", REGION).name, "stopped");
    });
});
