/**
 * DiskFromSnapshot against the emulator, the way the engine calls it: restore from a manual or an
 * automatic snapshot, attach, refresh, move the attachment, and destroy (detaching from a running
 * instance, which Lightsail allows only while it is stopped).
 */

import assert from "node:assert/strict";
import {
    AttachDiskCommand,
    CreateDiskFromSnapshotCommand,
    DetachDiskCommand,
    GetDiskCommand,
    GetInstanceCommand,
    StopInstanceCommand,
} from "@aws-sdk/client-lightsail";
import { REGION } from "../../harness/account";
import { lightsailClient } from "../../harness/emulatorClient";
import { checkedDiskFromSnapshotInputs, checkedInputs, configureProvider } from "../../harness/providerCalls";
import { failureWithStderrLines, withStderrLines } from "../../harness/stderr";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { diskFromSnapshot, diskSnapshot } from "../../provider/engine";
import type { DiskFromSnapshotOutputs } from "../../provider/resources/diskFromSnapshot/schema";

const ZONE = `${REGION}a`;
const AT_XVDF = { instanceName: "WordPress-1", diskPath: "/dev/xvdf" };

describe("DiskFromSnapshot against the emulator", function () {
    this.timeout(90_000);
    let bed: LightsailTestBed;
    const client = () => lightsailClient(bed.emulator.url, REGION);
    const count = (operation: string) => operations(bed.emulator).filter((o) => o === operation).length;
    const liveDisk = async (name: string) => (await client().send(new GetDiskCommand({ diskName: name }))).disk;
    const instanceState = async (name: string) =>
        (await client().send(new GetInstanceCommand({ instanceName: name }))).instance?.state?.name;

    beforeEach(async () => {
        bed = await startTestBed({
            snapshot: { durationMs: 200 },
            resourceDurationMs: 200,
            instanceTransitionMs: 200,
            attachmentDurationMs: 200,
        });
        bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
        bed.emulator.seedInstance({ name: "WordPress-1", region: REGION });
        bed.emulator.seedInstance({ name: "WordPress-2", region: REGION, availabilityZone: `${REGION}b` });
        await configureProvider();
        await diskSnapshot.create(await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "nightly-1" }));
        bed.emulator.clearRequests();
    });

    afterEach(async () => {
        await bed.stop();
    });

    async function restore(
        extra: Record<string, unknown> = {},
    ): Promise<{ id: string; outs: DiskFromSnapshotOutputs }> {
        const inputs = await checkedDiskFromSnapshotInputs({
            diskSnapshotName: "nightly-1",
            availabilityZone: ZONE,
            diskName: "restored-1",
            tags: { purpose: "drill" },
            ...extra,
        });
        return diskFromSnapshot.create(inputs);
    }

    it("restores a manual snapshot at its size, with the tags in the request, and waits until available", async () => {
        const { id, outs } = await restore();
        assert.equal(id, "restored-1");
        assert.deepEqual(
            [outs.state, outs.sizeInGb, outs.isAttached, outs.availabilityZone, outs.tags],
            ["available", 32, false, ZONE, { purpose: "drill" }],
        );
        assert.equal(count("CreateDiskFromSnapshot"), 1);
        assert.equal(count("TagResource"), 0, "tags went in the create request");
        const read = await diskFromSnapshot.read(id, outs);
        assert.equal(
            (
                await diskFromSnapshot.diff(
                    id,
                    read.props ?? {},
                    await checkedDiskFromSnapshotInputs({
                        diskSnapshotName: "nightly-1",
                        availabilityZone: ZONE,
                        diskName: "restored-1",
                        tags: { purpose: "drill" },
                    }),
                )
            ).changes,
            false,
            "refresh is clean; the size left out is no change",
        );
    });

    it("attaches when asked and reports the attachment", async () => {
        const { outs } = await restore({ sizeInGb: 64, attachTo: AT_XVDF });
        assert.deepEqual(
            [outs.state, outs.sizeInGb, outs.isAttached, outs.attachedTo, outs.path, outs.attachTo],
            ["in-use", 64, true, "WordPress-1", "/dev/xvdf", AT_XVDF],
        );
    });

    it("fails before creating anything on a snapshot not completed, a smaller size, or an instance missing or in another zone", async () => {
        bed.emulator.setSnapshotBehaviour({ durationMs: 60_000 });
        await diskSnapshot
            .create(await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "slow-1", timeouts: { create: "1s" } }))
            .catch(() => undefined);
        const cases: [Record<string, unknown>, RegExp][] = [
            [
                { diskSnapshotName: "slow-1" },
                /snapshot "slow-1" is pending: a disk can be restored only from a completed snapshot/,
            ],
            [{ diskSnapshotName: "no-such-1" }, /snapshot "no-such-1" does not exist in us-east-1/],
            [{ sizeInGb: 16 }, /sizeInGb 16 is smaller than snapshot "nightly-1" \(32 GB\)/],
            [
                { attachTo: { instanceName: "WordPress-404", diskPath: "/dev/xvdf" } },
                /instance "WordPress-404" \(attachTo\) does not exist in us-east-1$/,
            ],
            [
                { attachTo: { instanceName: "WordPress-2", diskPath: "/dev/xvdf" } },
                /instance "WordPress-2" is in us-east-1b, the disk in us-east-1a: .* set availabilityZone to "us-east-1b"/,
            ],
        ];
        for (const [extra, message] of cases) {
            await assert.rejects(restore(extra), message);
        }
        assert.equal(count("CreateDiskFromSnapshot"), 0);
    });

    it("changes tags with one TagResource and moves the attachment in place", async () => {
        const { id, outs } = await restore({ attachTo: AT_XVDF });
        bed.emulator.clearRequests();
        const news = await checkedDiskFromSnapshotInputs({
            diskSnapshotName: "nightly-1",
            availabilityZone: ZONE,
            diskName: "restored-1",
            tags: { purpose: "drill", owner: "ops" },
            attachTo: { instanceName: "WordPress-1", diskPath: "/dev/xvdg" },
        });
        const decision = await diskFromSnapshot.diff(id, outs, news);
        assert.deepEqual([decision.changes, decision.replaces], [true, []]);
        const { result, lines } = await withStderrLines(() => diskFromSnapshot.update(id, outs, news));
        assert.equal(count("TagResource"), 1);
        assert.deepEqual(
            [result.outs.path, result.outs.attachedTo, result.outs.tags],
            ["/dev/xvdg", "WordPress-1", { purpose: "drill", owner: "ops" }],
        );
        assert.ok(
            lines.some((l) => /stopping instance WordPress-1 to detach the disk/.test(l)),
            lines.join("\n"),
        );
        assert.deepEqual(
            operations(bed.emulator).filter((o) => /Instance$|Disk$/.test(o) && !o.startsWith("Get")),
            ["StopInstance", "DetachDisk", "StartInstance", "AttachDisk"],
        );
        assert.equal(await instanceState("WordPress-1"), "running", "started again");
    });

    it("sees a detach made outside Pulumi as drift, and update attaches again", async () => {
        const { id, outs } = await restore({ attachTo: AT_XVDF });
        await client().send(new StopInstanceCommand({ instanceName: "WordPress-1" }));
        await new Promise((r) => setTimeout(r, 400));
        await client().send(new DetachDiskCommand({ diskName: "restored-1" }));
        await new Promise((r) => setTimeout(r, 400));
        const refreshed = await diskFromSnapshot.read(id, outs);
        assert.ok(refreshed.props);
        assert.equal(refreshed.props.attachTo, undefined);
        const declared = await checkedDiskFromSnapshotInputs({
            diskSnapshotName: "nightly-1",
            availabilityZone: ZONE,
            diskName: "restored-1",
            tags: { purpose: "drill" },
            attachTo: AT_XVDF,
        });
        assert.equal((await diskFromSnapshot.diff(id, refreshed.props, declared)).changes, true);
        const { outs: again } = await diskFromSnapshot.update(id, refreshed.props, declared);
        assert.deepEqual([again.attachedTo, again.state], ["WordPress-1", "in-use"]);
    });

    it("an attach, stop, detach or start whose answer was lost counts as done, not as the retry's refusal", async () => {
        bed.emulator.setFault("AttachDisk", { kind: "reset-after", count: 1 });
        const { id, outs } = await restore({ attachTo: AT_XVDF });
        assert.equal(count("AttachDisk"), 2, "the SDK retried the attach Lightsail had accepted");
        assert.deepEqual([outs.attachedTo, outs.path, outs.state], ["WordPress-1", "/dev/xvdf", "in-use"]);
        for (const operation of ["StopInstance", "DetachDisk", "StartInstance", "DeleteDisk"]) {
            bed.emulator.setFault(operation, { kind: "reset-after", count: 1 });
        }
        bed.emulator.clearRequests();
        await diskFromSnapshot.delete(id, outs);
        assert.deepEqual(
            ["StopInstance", "DetachDisk", "StartInstance", "DeleteDisk"].map(count),
            [2, 2, 2, 2],
            "each retried once",
        );
        assert.equal(await liveDisk("restored-1").catch(() => undefined), undefined);
        assert.equal(await instanceState("WordPress-1"), "running", "started again");
    });

    it("a disk moved to another path of the declared instance stays this resource's: refresh shows the path, destroy deletes it", async () => {
        const { id, outs } = await restore({ attachTo: AT_XVDF });
        await client().send(new StopInstanceCommand({ instanceName: "WordPress-1" }));
        await new Promise((r) => setTimeout(r, 400));
        await client().send(new DetachDiskCommand({ diskName: "restored-1" }));
        await new Promise((r) => setTimeout(r, 400));
        await client().send(
            new AttachDiskCommand({ diskName: "restored-1", instanceName: "WordPress-1", diskPath: "/dev/xvdg" }),
        );
        await new Promise((r) => setTimeout(r, 400));
        const refreshed = await diskFromSnapshot.read(id, outs);
        assert.deepEqual(refreshed.props?.attachTo, { instanceName: "WordPress-1", diskPath: "/dev/xvdg" });
        assert.ok(refreshed.props);
        await diskFromSnapshot.delete(id, refreshed.props);
        assert.equal(await liveDisk("restored-1").catch(() => undefined), undefined);
    });

    it("takes over a disk of the declared name and zone only with adopt: true, and gives it the declared tags", async () => {
        const makeOutOfBand = (diskName: string, availabilityZone: string) =>
            client().send(
                new CreateDiskFromSnapshotCommand({
                    diskName,
                    diskSnapshotName: "nightly-1",
                    availabilityZone,
                    sizeInGb: 32,
                }),
            );
        await makeOutOfBand("restored-1", ZONE);
        const refused = await restore().then(
            () => undefined,
            (error: Error) => error,
        );
        assert.match(String(refused?.message), /restored-1.*CreateDiskFromSnapshot failed.*set adopt: true/s);
        const { id, outs } = await restore({ adopt: true });
        assert.equal(id, "restored-1");
        assert.deepEqual([outs.state, outs.tags], ["available", { purpose: "drill" }]);

        await makeOutOfBand("restored-b", `${REGION}b`);
        const elsewhere = await restore({ diskName: "restored-b", adopt: true }).then(
            () => undefined,
            (error: Error) => error,
        );
        assert.match(
            String(elsewhere?.message),
            /cannot adopt the existing disk: it is in us-east-1b, not in the declared us-east-1a/,
        );
    });

    it("takes over a disk an earlier attempt already attached as declared, counting it in use as ready", async () => {
        await client().send(
            new CreateDiskFromSnapshotCommand({
                diskName: "restored-1",
                diskSnapshotName: "nightly-1",
                availabilityZone: ZONE,
                sizeInGb: 32,
            }),
        );
        bed.emulator.advanceClock(1_000);
        await client().send(
            new AttachDiskCommand({ diskName: "restored-1", instanceName: "WordPress-1", diskPath: "/dev/xvdf" }),
        );
        bed.emulator.advanceClock(1_000);
        const { id, outs } = await restore({ adopt: true, attachTo: AT_XVDF, timeouts: { create: "5s" } });
        assert.equal(id, "restored-1");
        assert.deepEqual([outs.state, outs.attachTo], ["in-use", AT_XVDF]);
    });

    it("destroy detaches from a running instance (stopping and starting it) and deletes the disk", async () => {
        const { id, outs } = await restore({ attachTo: AT_XVDF });
        await diskFromSnapshot.delete(id, outs);
        assert.equal(await liveDisk("restored-1").catch(() => undefined), undefined);
        assert.equal(await instanceState("WordPress-1"), "running");
        await diskFromSnapshot.delete(id, outs); // already gone: success
    });

    it("destroy leaves alone a disk something else attached, naming the instance", async () => {
        const { id, outs } = await restore();
        await client().send(
            new AttachDiskCommand({ diskName: "restored-1", instanceName: "WordPress-1", diskPath: "/dev/xvdh" }),
        );
        await new Promise((r) => setTimeout(r, 400));
        const { error } = await failureWithStderrLines(() => diskFromSnapshot.delete(id, outs));
        assert.match(
            error.message,
            /not deleted: it is attached to instance "WordPress-1" by something other than this resource/,
        );
        assert.equal((await liveDisk("restored-1"))?.attachedTo, "WordPress-1");
        assert.equal(count("StopInstance"), 0);
    });
});
