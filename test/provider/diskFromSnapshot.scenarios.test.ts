/**
 * DiskFromSnapshot's updates, refreshes and destroys against the emulator, in the situations a
 * user meets after the first `up`: a tags-only change of an attached disk, a move to another
 * instance, a detach by update, a disk deleted or re-attached outside Pulumi, an instance that is
 * stopped (or started by someone else meanwhile), and Lightsail refusing a stop, a detach or a
 * delete. Detaches here take longer than instance transitions, so an attachment that has not
 * settled yet is seen as such.
 */

import assert from "node:assert/strict";
import {
    AttachDiskCommand,
    DeleteDiskCommand,
    DetachDiskCommand,
    GetDiskCommand,
    StartInstanceCommand,
} from "@aws-sdk/client-lightsail";
import { REGION } from "../../harness/account";
import { lightsailClient } from "../../harness/emulatorClient";
import { checkedDiskFromSnapshotInputs, checkedInputs, configureProvider } from "../../harness/providerCalls";
import { failureWithStderrLines, withStderrLines } from "../../harness/stderr";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { diskFromSnapshot, diskSnapshot } from "../../provider/engine";
import type { DiskFromSnapshotOutputs } from "../../provider/resources/diskFromSnapshot/schema";

const ZONE = `${REGION}a`;
const AT_1 = { instanceName: "WordPress-1", diskPath: "/dev/xvdf" };
const AT_3 = { instanceName: "WordPress-3", diskPath: "/dev/xvdf" };
const LABEL = 'DiskFromSnapshot "restored-1" in us-east-1';

describe("DiskFromSnapshot after up: updates, refreshes and destroys", function () {
    this.timeout(30_000);
    let bed: LightsailTestBed;
    const client = () => lightsailClient(bed.emulator.url, REGION);
    const count = (operation: string) => operations(bed.emulator).filter((o) => o === operation).length;
    /** The calls that change something, in order (reads left out). */
    const changes = () => operations(bed.emulator).filter((o) => !o.startsWith("Get"));
    const liveDisk = async (name: string) =>
        (
            await client()
                .send(new GetDiskCommand({ diskName: name }))
                .catch(() => undefined)
        )?.disk;

    /** Polls the emulator until `condition` holds (at most five seconds). */
    async function until(condition: () => boolean): Promise<void> {
        for (let waited = 0; !condition(); waited += 20) {
            if (waited > 5_000) throw new Error("the emulator never reached the expected state");
            await new Promise((r) => setTimeout(r, 20));
        }
    }

    beforeEach(async () => {
        bed = await startTestBed({
            snapshot: { durationMs: 100 },
            resourceDurationMs: 100,
            instanceTransitionMs: 1,
            attachmentDurationMs: 600,
        });
        bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
        bed.emulator.seedInstance({ name: "WordPress-1", region: REGION });
        bed.emulator.seedInstance({ name: "WordPress-3", region: REGION, state: "stopped" });
        await configureProvider();
        await diskSnapshot.create(await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "nightly-1" }));
        bed.emulator.clearRequests();
    });

    afterEach(async () => {
        await bed.stop();
    });

    function declared(extra: Record<string, unknown> = {}) {
        return checkedDiskFromSnapshotInputs({
            diskSnapshotName: "nightly-1",
            availabilityZone: ZONE,
            diskName: "restored-1",
            tags: { purpose: "drill" },
            ...extra,
        });
    }

    async function restore(
        extra: Record<string, unknown> = {},
    ): Promise<{ id: string; outs: DiskFromSnapshotOutputs }> {
        const created = await diskFromSnapshot.create(await declared(extra));
        bed.emulator.clearRequests();
        return created;
    }

    it("create with attachTo returns only once the attachment has settled", async () => {
        const { outs } = await restore({ attachTo: AT_1 });
        assert.deepEqual(bed.emulator.diskAttachment("restored-1"), {
            instanceName: "WordPress-1",
            path: "/dev/xvdf",
            state: "attached",
        });
        assert.deepEqual([outs.state, outs.attachTo], ["in-use", AT_1]);
    });

    it("a tags-only update of an attached disk changes only its tags and leaves the attachment alone", async () => {
        const { id, outs } = await restore({ attachTo: AT_1, tags: { purpose: "drill", owner: "ops" } });
        const { outs: updated } = await diskFromSnapshot.update(id, outs, await declared({ attachTo: AT_1 }));
        assert.deepEqual(changes(), ["UntagResource"]);
        assert.deepEqual(
            [updated.tags, updated.attachTo, updated.attachedTo, updated.diskSnapshotName, updated.state],
            [{ purpose: "drill" }, AT_1, "WordPress-1", "nightly-1", "in-use"],
        );
        assert.equal(bed.emulator.instanceState("WordPress-1").name, "running");
    });

    it("a tags-only update of a disk with no attachment makes one TagResource and no attachment call", async () => {
        const { id, outs } = await restore();
        const { outs: updated } = await diskFromSnapshot.update(
            id,
            outs,
            await declared({ tags: { purpose: "drill", owner: "ops" } }),
        );
        assert.deepEqual(changes(), ["TagResource"]);
        assert.deepEqual(
            [updated.tags, updated.attachTo, updated.isAttached],
            [{ purpose: "drill", owner: "ops" }, undefined, false],
        );
    });

    it("moves the attachment to another instance of the zone: detaches (stopping and restarting the first), then attaches", async () => {
        const { id, outs } = await restore({ attachTo: AT_1 });
        const { outs: moved } = await diskFromSnapshot.update(id, outs, await declared({ attachTo: AT_3 }));
        assert.deepEqual(changes(), ["StopInstance", "DetachDisk", "StartInstance", "AttachDisk"]);
        assert.deepEqual(
            [moved.attachTo, moved.attachedTo, moved.path, moved.state],
            [AT_3, "WordPress-3", "/dev/xvdf", "in-use"],
        );
        assert.equal(bed.emulator.instanceState("WordPress-1").name, "running");
        assert.equal(bed.emulator.diskAttachment("restored-1")?.state, "attached");
    });

    it("an update that drops attachTo detaches the disk and reports it available", async () => {
        const { id, outs } = await restore({ attachTo: AT_1 });
        const { outs: updated } = await diskFromSnapshot.update(id, outs, await declared());
        assert.deepEqual(changes(), ["StopInstance", "DetachDisk", "StartInstance"]);
        assert.deepEqual(
            [updated.attachTo, updated.isAttached, updated.attachedTo, updated.state],
            [undefined, false, undefined, "available"],
        );
        assert.equal(bed.emulator.diskAttachment("restored-1"), undefined);
        assert.equal(bed.emulator.instanceState("WordPress-1").name, "running");
    });

    it("refresh drops a disk deleted outside Pulumi, and an update of it says to refresh", async () => {
        const { id, outs } = await restore();
        await client().send(new DeleteDiskCommand({ diskName: "restored-1" }));
        assert.deepEqual(await diskFromSnapshot.read(id, outs), { id: "" });
        await assert.rejects(diskFromSnapshot.update(id, outs, await declared()), {
            message: `${LABEL}: the disk was deleted outside Pulumi: run pulumi refresh`,
        });
    });

    it("an update cannot move an attachment something else made, and says who holds the disk", async () => {
        const { id, outs } = await restore();
        await client().send(
            new AttachDiskCommand({ diskName: "restored-1", instanceName: "WordPress-1", diskPath: "/dev/xvdh" }),
        );
        await assert.rejects(diskFromSnapshot.update(id, outs, await declared({ attachTo: AT_3 })), {
            message: `${LABEL}: cannot change the attachment: it is attached to instance "WordPress-1" by something other than this resource (for example aws.lightsail.Disk_attachment): detach it there first`,
        });
        assert.deepEqual(changes(), ["AttachDisk"], "only the attach made outside Pulumi");
    });

    it("destroy leaves alone a disk moved to another instance outside Pulumi", async () => {
        const { id, outs } = await restore({ attachTo: AT_3 });
        await client().send(new DetachDiskCommand({ diskName: "restored-1" }));
        await until(() => bed.emulator.diskAttachment("restored-1") === undefined);
        await client().send(
            new AttachDiskCommand({ diskName: "restored-1", instanceName: "WordPress-1", diskPath: "/dev/xvdg" }),
        );
        bed.emulator.clearRequests();
        await assert.rejects(diskFromSnapshot.delete(id, outs), {
            message: `${LABEL}: not deleted: it is attached to instance "WordPress-1" by something other than this resource (for example aws.lightsail.Disk_attachment): detach it there first`,
        });
        assert.deepEqual(changes(), []);
        assert.equal((await liveDisk("restored-1"))?.attachedTo, "WordPress-1");
    });

    it("destroy of a disk that was never attached is a single DeleteDisk", async () => {
        const { id, outs } = await restore();
        await diskFromSnapshot.delete(id, outs);
        assert.deepEqual(changes(), ["DeleteDisk"]);
        assert.equal(await liveDisk("restored-1"), undefined);
    });

    it("destroy of a disk attached to a stopped instance detaches it, waits for the detach, and leaves the instance stopped", async () => {
        const { id, outs } = await restore({ attachTo: AT_3 });
        const { lines } = await withStderrLines(() => diskFromSnapshot.delete(id, outs));
        assert.deepEqual(changes(), ["DetachDisk", "DeleteDisk"]);
        assert.equal(await liveDisk("restored-1"), undefined);
        assert.equal(bed.emulator.instanceState("WordPress-3").name, "stopped");
        assert.ok(!lines.some((l) => l.includes("stopping instance")), lines.join("\n"));
    });

    it("a stop or start whose answer was lost after the instance had already settled counts as done", async () => {
        const { id, outs } = await restore({ attachTo: AT_1 });
        bed.emulator.setFault("StopInstance", { kind: "reset-after", count: 1 });
        bed.emulator.setFault("StartInstance", { kind: "reset-after", count: 1 });
        const { lines } = await withStderrLines(() => diskFromSnapshot.delete(id, outs));
        assert.deepEqual([count("StopInstance"), count("StartInstance")], [2, 2], "each retried once");
        assert.ok(
            lines.includes('DiskFromSnapshot "restored-1" (us-east-1): instance WordPress-1 started again'),
            lines.join("\n"),
        );
        assert.equal(await liveDisk("restored-1"), undefined);
        assert.equal(bed.emulator.instanceState("WordPress-1").name, "running", "started again");
    });

    it("destroy does not start again an instance someone else started while the disk was detaching", async () => {
        const { id, outs } = await restore({ attachTo: AT_1 });
        const starter = setInterval(() => {
            if (count("DetachDisk") > 0) {
                clearInterval(starter);
                client()
                    .send(new StartInstanceCommand({ instanceName: "WordPress-1" }))
                    .catch(() => undefined);
            }
        }, 10);
        await diskFromSnapshot.delete(id, outs).finally(() => clearInterval(starter));
        assert.equal(count("StartInstance"), 1, "only the start made outside Pulumi");
        assert.equal(await liveDisk("restored-1"), undefined);
        assert.equal(bed.emulator.instanceState("WordPress-1").name, "running");
    });

    it("a detach Lightsail refuses (the instance was started meanwhile) fails destroy, naming the detach", async () => {
        const { id, outs } = await restore({ attachTo: AT_3, timeouts: { delete: "2s" } });
        // The detach reaches Lightsail only after someone else has started the instance.
        bed.emulator.setFault("DetachDisk", { kind: "latency", latencyMs: 400, count: 1 });
        const starter = setInterval(() => {
            if (count("DetachDisk") > 0) {
                clearInterval(starter);
                client()
                    .send(new StartInstanceCommand({ instanceName: "WordPress-3" }))
                    .catch(() => undefined);
            }
        }, 10);
        const failure = await diskFromSnapshot.delete(id, outs).then(
            () => undefined,
            (error: Error) => error,
        );
        clearInterval(starter);
        assert.match(
            String(failure?.message),
            /^DiskFromSnapshot "restored-1" in us-east-1: DetachDisk failed: InvalidInputException: .*\(detaching from instance "WordPress-3"\)$/,
        );
        assert.equal(count("DetachDisk"), 1, "refused, not retried");
        assert.equal(count("DeleteDisk"), 0);
        assert.equal(bed.emulator.diskAttachment("restored-1")?.state, "attached");
    });

    it("a stop Lightsail refuses fails destroy, naming the stop, and leaves the instance running", async () => {
        const { id, outs } = await restore({ attachTo: AT_1 });
        bed.emulator.setFault("StopInstance", { kind: "denied" });
        const { error } = await failureWithStderrLines(() => diskFromSnapshot.delete(id, outs));
        assert.match(
            error.message,
            /^DiskFromSnapshot "restored-1" in us-east-1: StopInstance failed: AccessDeniedException: .*\(stopping instance "WordPress-1" to detach the disk\)$/,
        );
        assert.deepEqual(changes(), ["StopInstance"]);
        assert.equal(bed.emulator.instanceState("WordPress-1").name, "running");
    });

    it("a delete Lightsail refuses names DeleteDisk and keeps the disk", async () => {
        const { id, outs } = await restore();
        bed.emulator.setFault("DeleteDisk", { kind: "denied" });
        await assert.rejects(diskFromSnapshot.delete(id, outs), (error: Error) =>
            error.message.startsWith(`${LABEL}: DeleteDisk failed: AccessDeniedException: `),
        );
        assert.ok(await liveDisk("restored-1"));
    });

    it("a tag change Lightsail refuses fails the update, naming the tag call", async () => {
        const { id, outs } = await restore();
        bed.emulator.setFault("TagResource", { kind: "denied" });
        await assert.rejects(
            diskFromSnapshot.update(id, outs, await declared({ tags: { owner: "ops" } })),
            (error: Error) => error.message.startsWith(`${LABEL}: TagResource failed: AccessDeniedException: `),
        );
    });

    it("a failed read of the disk on refresh names GetDisk and the resource", async () => {
        const { id, outs } = await restore();
        bed.emulator.setFault("GetDisk", { kind: "denied" });
        await assert.rejects(diskFromSnapshot.read(id, outs), (error: Error) =>
            error.message.startsWith(`${LABEL}: GetDisk failed: AccessDeniedException: `),
        );
    });

    it("destroy of the disk a replacement took over by name leaves it to the replacement", async () => {
        const { id, outs } = await restore();
        const replacement = await diskFromSnapshot.create(await declared({ adopt: true, tags: { purpose: "new" } }));
        assert.equal(replacement.id, "restored-1");
        bed.emulator.clearRequests();
        const { lines } = await withStderrLines(() => diskFromSnapshot.delete(id, outs));
        assert.deepEqual(changes(), []);
        assert.ok(
            lines.includes(
                'DiskFromSnapshot "restored-1" (us-east-1): not deleted: the resource replacing it took it over (for a new one on every replacement, set the deleteBeforeReplace option)',
            ),
            lines.join("\n"),
        );
        assert.deepEqual((await liveDisk("restored-1"))?.tags, [{ key: "purpose", value: "new" }]);
    });
});
