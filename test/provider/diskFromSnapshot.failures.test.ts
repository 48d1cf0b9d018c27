/**
 * DiskFromSnapshot's create and destroy when something goes wrong, against the emulator: an attach
 * Lightsail refuses once the disk exists (recorded in the stack, not leaked), a name held by
 * another disk, a refused create, a generated name an earlier create already took, a failed read,
 * a new disk Lightsail reports in error, an instance deleted during the attach, a refused detach
 * whose check fails too, and the create and delete timeouts (of a create and of an update that
 * attaches) running out while the disk, the attachment, the instance or the detach is under way.
 */

import assert from "node:assert/strict";
import {
    AttachDiskCommand,
    CreateDiskFromSnapshotCommand,
    DeleteDiskCommand,
    DeleteInstanceCommand,
    type GetDiskCommandOutput,
    type GetDisksCommandOutput,
    StartInstanceCommand,
    StopInstanceCommand,
} from "@aws-sdk/client-lightsail";
import { REGION } from "../../harness/account";
import { lightsailClient } from "../../harness/emulatorClient";
import {
    checkedDiskFromSnapshotInputs,
    checkedInputs,
    configureProvider,
    PROVIDER_TEXT,
} from "../../harness/providerCalls";
import { aroundCalls, rewriteAnswers } from "../../harness/providerClient";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { diskFromSnapshot, diskSnapshot } from "../../provider/engine";
import { SHARED_READS_ENV } from "../../provider/lightsail/wait";
import { PartialCreateError } from "../../provider/recovery";

const ZONE = `${REGION}a`;
const AT_1 = { instanceName: "WordPress-1", diskPath: "/dev/xvdf" };
const LABEL = 'DiskFromSnapshot "restored-1" in us-east-1';
const RECORDED =
    "; the disk exists and is recorded in the stack: run pulumi up to retry or pulumi destroy to delete it";

/** A test bed with Disk-1 (32 GB), its snapshot nightly-1, and instances WordPress-1 (running) and WordPress-3 (stopped). */
async function bedWith(timing: {
    resourceDurationMs: number;
    attachmentDurationMs: number;
    instanceTransitionMs: number;
}): Promise<LightsailTestBed> {
    const bed = await startTestBed({ snapshot: { durationMs: 100 }, ...timing });
    bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
    bed.emulator.seedInstance({ name: "WordPress-1", region: REGION });
    bed.emulator.seedInstance({ name: "WordPress-3", region: REGION, state: "stopped" });
    await configureProvider();
    await diskSnapshot.create(await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "nightly-1" }));
    bed.emulator.clearRequests();
    return bed;
}

function declared(extra: Record<string, unknown> = {}) {
    return checkedDiskFromSnapshotInputs({
        diskSnapshotName: "nightly-1",
        availabilityZone: ZONE,
        diskName: "restored-1",
        tags: { purpose: "drill" },
        ...extra,
    });
}

/** The create's failure, which must leave the disk recorded in the stack. */
async function partialCreate(extra: Record<string, unknown>): Promise<PartialCreateError> {
    const failure = await diskFromSnapshot.create(await declared(extra)).then(
        () => undefined,
        (error: unknown) => error,
    );
    assert.ok(failure instanceof PartialCreateError, String(failure));
    return failure;
}

describe("DiskFromSnapshot create failures", function () {
    this.timeout(30_000);
    let bed: LightsailTestBed;
    const client = () => lightsailClient(bed.emulator.url, REGION);
    const count = (operation: string) => operations(bed.emulator).filter((o) => o === operation).length;
    const makeOutOfBand = (diskName: string, availabilityZone: string) =>
        client().send(
            new CreateDiskFromSnapshotCommand({
                diskName,
                diskSnapshotName: "nightly-1",
                availabilityZone,
                sizeInGb: 32,
            }),
        );

    beforeEach(async () => {
        bed = await bedWith({ resourceDurationMs: 100, attachmentDurationMs: 200, instanceTransitionMs: 1 });
    });

    afterEach(async () => {
        delete process.env[SHARED_READS_ENV];
        await bed.stop();
    });

    it("an attach Lightsail refuses leaves the available disk recorded in the stack, with what it was made from", async () => {
        bed.emulator.setFault("AttachDisk", { kind: "denied" });
        const failure = await partialCreate({ attachTo: AT_1 });
        assert.ok(failure.message.startsWith(`${LABEL}: AttachDisk failed: AccessDeniedException: `), failure.message);
        assert.ok(
            failure.message.endsWith(`(attaching to instance "WordPress-1" at /dev/xvdf)${RECORDED}`),
            failure.message,
        );
        assert.equal(failure.id, "restored-1");
        const recorded = failure.properties;
        assert.deepEqual(
            [
                recorded.diskName,
                recorded.diskSnapshotName,
                recorded.availabilityZone,
                recorded.state,
                recorded.isAttached,
                recorded.attachTo,
                recorded.tags,
                recorded.__provider,
            ],
            ["restored-1", "nightly-1", ZONE, "available", false, undefined, { purpose: "drill" }, PROVIDER_TEXT],
        );
        assert.match(String(recorded.arn), /^arn:aws:lightsail:us-east-1:/);
    });

    /** Creates with attachTo WordPress-1 at /dev/xvdf while someone else attaches the disk at `elsewhere` first. */
    async function attachRacedBy(elsewhere: { instanceName: string; diskPath: string }): Promise<PartialCreateError> {
        // The provider's attach reaches Lightsail only after the other one.
        bed.emulator.setFault("AttachDisk", { kind: "latency", latencyMs: 400, count: 1 });
        const racer = setInterval(() => {
            if (count("AttachDisk") > 0) {
                clearInterval(racer);
                client()
                    .send(new AttachDiskCommand({ diskName: "restored-1", ...elsewhere }))
                    .catch(() => undefined);
            }
        }, 10);
        try {
            return await partialCreate({ attachTo: AT_1, timeouts: { create: "3s" } });
        } finally {
            clearInterval(racer);
        }
    }

    for (const elsewhere of [
        { instanceName: "WordPress-1", diskPath: "/dev/xvdg" },
        { instanceName: "WordPress-3", diskPath: "/dev/xvdf" },
    ]) {
        it(`an attach refused because the disk was attached to ${elsewhere.instanceName} at ${elsewhere.diskPath} meanwhile is not taken as done`, async () => {
            const failure = await attachRacedBy(elsewhere);
            assert.ok(
                failure.message.startsWith(`${LABEL}: AttachDisk failed: InvalidInputException: `),
                failure.message,
            );
            assert.ok(
                failure.message.endsWith(`(attaching to instance "WordPress-1" at /dev/xvdf)${RECORDED}`),
                failure.message,
            );
            assert.equal(count("AttachDisk"), 2, "the provider's, refused, and the other one");
        });
    }

    it("a name held by a disk in another zone is refused with a hint to choose another name, not to adopt", async () => {
        await makeOutOfBand("restored-1", `${REGION}b`);
        bed.emulator.clearRequests();
        await assert.rejects(
            diskFromSnapshot.create(await declared()),
            (error: Error) =>
                error.message.startsWith(`${LABEL}: CreateDiskFromSnapshot failed: InvalidInputException: `) &&
                error.message.endsWith(
                    "(another disk in this region already has this name: choose another name, or leave it unset to generate one)",
                ),
        );
        assert.equal(count("CreateDiskFromSnapshot"), 1);
    });

    it("a create Lightsail refuses for the credentials says to check them", async () => {
        bed.emulator.setFault("CreateDiskFromSnapshot", { kind: "denied" });
        await assert.rejects(
            diskFromSnapshot.create(await declared()),
            (error: Error) =>
                !(error instanceof PartialCreateError) &&
                error.message.startsWith(`${LABEL}: CreateDiskFromSnapshot failed: AccessDeniedException: `) &&
                error.message.endsWith(
                    "(check the AWS credentials: environment variables, AWS_PROFILE or aws:profile, or aws:accessKey/aws:secretKey in the stack config)",
                ),
        );
    });

    it("keeps the disk an earlier, interrupted create of the same generated name made, and gives it the declared tags", async () => {
        const inputs = await checkedDiskFromSnapshotInputs({
            diskSnapshotName: "nightly-1",
            availabilityZone: ZONE,
            tags: { purpose: "drill" },
        });
        assert.match(String(inputs.diskName), /^restored-/);
        await makeOutOfBand(String(inputs.diskName), ZONE);
        bed.emulator.clearRequests();
        const { id, outs } = await diskFromSnapshot.create(inputs);
        assert.equal(id, inputs.diskName);
        assert.deepEqual([outs.state, outs.tags], ["available", { purpose: "drill" }]);
        assert.deepEqual([count("CreateDiskFromSnapshot"), count("TagResource")], [1, 1]);
    });

    it("an adopted disk whose tags Lightsail refuses to change stays recorded in the stack", async () => {
        await makeOutOfBand("restored-1", ZONE);
        bed.emulator.setFault("TagResource", { kind: "denied" });
        const failure = await partialCreate({ adopt: true });
        assert.ok(failure.message.startsWith(`${LABEL}: TagResource failed: AccessDeniedException: `), failure.message);
        assert.ok(failure.message.endsWith(RECORDED), failure.message);
        assert.equal(failure.properties.diskName, "restored-1");
    });

    it("a failed read of the snapshot or of the instance to attach to names the call, and nothing is created", async () => {
        bed.emulator.setFault("GetDiskSnapshot", { kind: "denied" });
        await assert.rejects(diskFromSnapshot.create(await declared()), (error: Error) =>
            error.message.startsWith(`${LABEL}: GetDiskSnapshot failed: AccessDeniedException: `),
        );
        bed.emulator.clearFaults();
        bed.emulator.setFault("GetInstance", { kind: "denied" });
        await assert.rejects(diskFromSnapshot.create(await declared({ attachTo: AT_1 })), (error: Error) =>
            error.message.startsWith(`${LABEL}: GetInstance failed: AccessDeniedException: `),
        );
        assert.equal(count("CreateDiskFromSnapshot"), 0);
    });

    it("a failed read while waiting for the new disk names GetDisk and leaves the disk recorded", async () => {
        bed.emulator.setFault("GetDisk", { kind: "denied" });
        bed.emulator.setFault("GetDisks", { kind: "denied" });
        const failure = await partialCreate({});
        assert.ok(failure.message.startsWith(`${LABEL}: GetDisk failed: AccessDeniedException: `), failure.message);
        assert.ok(failure.message.endsWith(RECORDED), failure.message);
        assert.equal(count("CreateDiskFromSnapshot"), 1);
    });

    it("a new disk Lightsail reports in error fails the create at once, leaving it recorded", async () => {
        // The emulator's disks never end in error; Lightsail's can.
        const asError = (disk: { name?: string; state?: string } | undefined) => {
            if (disk?.name === "restored-1") disk.state = "error";
        };
        const hooks = [
            rewriteAnswers(REGION, "GetDiskCommand", (output: GetDiskCommandOutput) => asError(output.disk)),
            rewriteAnswers(REGION, "GetDisksCommand", (output: GetDisksCommandOutput) =>
                output.disks?.forEach(asError),
            ),
        ];
        try {
            const failure = await partialCreate({ timeouts: { create: "3s" } });
            assert.equal(failure.message, `${LABEL}: the disk ended in state error${RECORDED}`);
            assert.equal(failure.properties.state, "error");
        } finally {
            for (const unhook of hooks) unhook();
        }
    });

    it("waits for the new disk with reads of its own when shared reads are off", async () => {
        process.env[SHARED_READS_ENV] = "off";
        const { outs } = await diskFromSnapshot.create(await declared());
        assert.equal(outs.state, "available");
        assert.ok(count("GetDisk") > 0);
        assert.equal(count("GetDisks"), 0);
    });
});

describe("DiskFromSnapshot create and delete timeouts", function () {
    this.timeout(30_000);
    let bed: LightsailTestBed;

    beforeEach(async () => {
        bed = await bedWith({ resourceDurationMs: 1_500, attachmentDurationMs: 2_000, instanceTransitionMs: 6_000 });
    });

    afterEach(async () => {
        await bed.stop();
    });

    it("a disk still pending when the create timeout runs out is recorded as pending", async () => {
        const failure = await partialCreate({ timeouts: { create: "1s" } });
        assert.equal(
            failure.message,
            `${LABEL}: the disk was still pending when the create timeout ran out${RECORDED}`,
        );
        assert.deepEqual([failure.id, failure.properties.state], ["restored-1", "pending"]);
    });

    it("the attach gets only what is left of the create timeout", async () => {
        const failure = await partialCreate({ attachTo: AT_1, timeouts: { create: "3s" } });
        assert.equal(
            failure.message,
            `${LABEL}: the attachment to instance "WordPress-1" was still attaching when the create timeout ran out${RECORDED}`,
        );
        assert.deepEqual(
            [failure.properties.state, failure.properties.attachedTo, failure.properties.attachTo],
            ["in-use", "WordPress-1", undefined],
        );
    });

    it("an instance still stopping when the create timeout runs out is named in the failure", async () => {
        await lightsailClient(bed.emulator.url, REGION).send(new StopInstanceCommand({ instanceName: "WordPress-1" }));
        const failure = await partialCreate({ attachTo: AT_1, timeouts: { create: "3s" } });
        assert.equal(
            failure.message,
            `${LABEL}: instance "WordPress-1" was still stopping when the create timeout ran out${RECORDED}`,
        );
        assert.equal(failure.id, "restored-1");
        assert.equal(bed.emulator.instanceState("WordPress-1").name, "stopping");
        // What is recorded is the disk, as it was before the attach, with its declared tags.
        assert.deepEqual(
            [failure.properties.diskName, failure.properties.state, failure.properties.tags],
            ["restored-1", "available", { purpose: "drill" }],
        );
        assert.match(String(failure.properties.arn), /:Disk\//);
    });

    it("an instance deleted while the attach waits for it to stop fails the create, leaving the disk recorded", async () => {
        const lightsail = lightsailClient(bed.emulator.url, REGION);
        await lightsail.send(new StopInstanceCommand({ instanceName: "WordPress-1" }));
        // Deleted while the new disk is still pending, before the attach looks at the instance.
        const remover = setInterval(() => {
            if (operations(bed.emulator).includes("CreateDiskFromSnapshot")) {
                clearInterval(remover);
                void lightsail.send(new DeleteInstanceCommand({ instanceName: "WordPress-1" }));
            }
        }, 10);
        try {
            const failure = await partialCreate({ attachTo: AT_1, timeouts: { create: "10s" } });
            assert.equal(
                failure.message,
                `${LABEL}: instance "WordPress-1" was deleted before it was running or stopped${RECORDED}`,
            );
            assert.deepEqual([failure.id, failure.properties.state], ["restored-1", "available"]);
        } finally {
            clearInterval(remover);
        }
    });

    it("an update that attaches gives up at the declared create timeout", async () => {
        const { id, outs } = await diskFromSnapshot.create(await declared());
        const news = await declared({ attachTo: AT_1, timeouts: { create: "1s" } });
        await assert.rejects(diskFromSnapshot.update(id, outs, news), {
            message: 'the attachment to instance "WordPress-1" was still attaching when the create timeout ran out',
        });
    });

    it("a detach Lightsail refuses fails destroy with that refusal, also when the disk cannot be read after it", async () => {
        const { id, outs } = await diskFromSnapshot.create(
            await declared({ attachTo: { instanceName: "WordPress-3", diskPath: "/dev/xvdf" } }),
        );
        // Someone starts the instance just before the detach (Lightsail refuses it), and reads fail after it.
        const lightsail = lightsailClient(bed.emulator.url, REGION);
        const unhook = aroundCalls(REGION, "DetachDiskCommand", {
            before: () => lightsail.send(new StartInstanceCommand({ instanceName: "WordPress-3" })),
            after: () => bed.emulator.setFault("GetDisk", { kind: "denied" }),
        });
        try {
            await assert.rejects(diskFromSnapshot.delete(id, outs), (error: Error) => {
                assert.ok(
                    error.message.startsWith(`${LABEL}: DetachDisk failed: InvalidInputException: `),
                    error.message,
                );
                assert.ok(error.message.endsWith('(detaching from instance "WordPress-3")'), error.message);
                return true;
            });
        } finally {
            unhook();
        }
        assert.equal(operations(bed.emulator).filter((o) => o === "DeleteDisk").length, 0);
    });

    /** Deletes restored-1 out of band once it is detached, just before the provider's next read of it. */
    function deleteOnceDetached(): { stop: () => void; deleted: () => boolean } {
        const lightsail = lightsailClient(bed.emulator.url, REGION);
        let deleted = false;
        const stop = aroundCalls(REGION, "GetDiskCommand", {
            before: async () => {
                if (deleted || bed.emulator.diskAttachment("restored-1") !== undefined) return;
                deleted = true;
                await lightsail.send(new DeleteDiskCommand({ diskName: "restored-1" }));
            },
        });
        return { stop, deleted: () => deleted };
    }

    it("destroy succeeds when someone else deletes the disk once it is detached, before the wait sees it", async () => {
        const { id, outs } = await diskFromSnapshot.create(
            await declared({ attachTo: { instanceName: "WordPress-3", diskPath: "/dev/xvdf" } }),
        );
        const remover = deleteOnceDetached();
        try {
            await diskFromSnapshot.delete(id, outs);
        } finally {
            remover.stop();
        }
        assert.ok(remover.deleted(), "the disk was deleted out of band");
        assert.equal(
            operations(bed.emulator).filter((o) => o === "DeleteDisk").length,
            1,
            "the out-of-band delete only",
        );
    });

    it("an update that detaches fails saying so when someone else deletes the disk once it is detached", async () => {
        const { id, outs } = await diskFromSnapshot.create(
            await declared({ attachTo: { instanceName: "WordPress-3", diskPath: "/dev/xvdf" } }),
        );
        const remover = deleteOnceDetached();
        try {
            await assert.rejects(diskFromSnapshot.update(id, outs, await declared()), {
                message: 'the disk was deleted while it was being detached from instance "WordPress-3"',
            });
        } finally {
            remover.stop();
        }
    });

    it("destroy gives up at the delete timeout while the instance is still stopping", async () => {
        const { id, outs } = await diskFromSnapshot.create(
            await declared({ attachTo: AT_1, timeouts: { delete: "1s" } }),
        );
        await assert.rejects(diskFromSnapshot.delete(id, outs), {
            message: 'instance "WordPress-1" was still stopping when the delete timeout ran out',
        });
        assert.equal(bed.emulator.diskAttachment("restored-1")?.state, "attached");
    });

    it("destroy gives up at the delete timeout while the detach is still under way", async () => {
        const { id, outs } = await diskFromSnapshot.create(
            await declared({
                attachTo: { instanceName: "WordPress-3", diskPath: "/dev/xvdf" },
                timeouts: { delete: "1s" },
            }),
        );
        bed.emulator.clearRequests();
        await assert.rejects(diskFromSnapshot.delete(id, outs), {
            message: "the detach was still detaching when the delete timeout ran out",
        });
        assert.equal(operations(bed.emulator).filter((o) => o === "DeleteDisk").length, 0);
        assert.equal(bed.emulator.diskAttachment("restored-1")?.state, "detaching");
    });
});
