/**
 * DiskSnapshot scenarios against the emulator beyond the basic lifecycle: what a user sees when
 * Lightsail's reads or tag calls fail, when a snapshot ends in `error` with or without a readable
 * create operation, when the declared timeouts run out on a later update or destroy, when a
 * destroy is interrupted or finds the snapshot already gone, when no region is known, and how a
 * snapshot of an instance is adopted, refused and named in messages.
 */

import assert from "node:assert/strict";
import { REGION } from "../../harness/account";
import { checkedAutoSnapshotsInputs, checkedInputs, configureProvider } from "../../harness/providerCalls";
import { waitsOn } from "../../harness/providerTime";
import { failureWithStderrLines, withStderrLines } from "../../harness/stderr";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { VirtualClock } from "../../harness/virtualClock";
import { autoSnapshots, diskSnapshot as provider } from "../../provider/engine";
import { PartialCreateError } from "../../provider/recovery";
import type { DiskSnapshotOutputs } from "../../provider/resources/diskSnapshot/schema";

/** The tail of every message about a snapshot that exists but failed to complete. */
const RECORDED =
    "; the snapshot exists and is recorded in the stack: run pulumi up to retry or pulumi destroy to delete it";

/** The state a partial-create error records, as the engine hands it back later. */
function recorded(error: unknown): DiskSnapshotOutputs {
    assert.ok(error instanceof PartialCreateError, String(error));
    return error.properties as DiskSnapshotOutputs;
}

/** Runs `action` and returns what it threw; fails the test when it succeeds. */
async function failureOf(action: () => Promise<unknown>): Promise<Error> {
    const outcome = await action().then(
        () => undefined,
        (error: Error) => error,
    );
    assert.ok(outcome, "expected a failure");
    return outcome;
}

/**
 * Returns a function that delivers SIGTERM (a cancelled `pulumi up` or `destroy`) to the SIGTERM
 * listeners added since this call only: the provider's, not those of the test process.
 */
function sigtermToListenersFromNow(): () => void {
    const earlier = process.listeners("SIGTERM");
    return () => {
        for (const listener of process.listeners("SIGTERM")) {
            if (!earlier.includes(listener)) listener("SIGTERM");
        }
    };
}

/** Calls `then` once `ready` holds, polling every 10 ms; returns a function that stops the polling. */
function once(ready: () => boolean, then: () => void): () => void {
    const timer = setInterval(() => {
        if (ready()) {
            clearInterval(timer);
            then();
        }
    }, 10);
    return () => clearInterval(timer);
}

describe("DiskSnapshot scenarios against the emulator", function () {
    this.timeout(30_000);
    let bed: LightsailTestBed;
    const count = (operation: string) => operations(bed.emulator).filter((o) => o === operation).length;

    beforeEach(async () => {
        bed = await startTestBed({ snapshot: { durationMs: 200 } });
        bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
        bed.emulator.seedDisk({ name: "Disk-2", region: REGION, sizeInGb: 16 });
        bed.emulator.seedInstance({ name: "WordPress-1", region: REGION, systemDiskSizeInGb: 40 });
        bed.emulator.seedInstance({ name: "WordPress-2", region: REGION });
        await configureProvider();
    });

    afterEach(async () => {
        await bed.stop();
    });

    describe("a snapshot that ends in error", () => {
        it("quotes the error code and detail of Lightsail's create operation", async () => {
            bed.emulator.setSnapshotBehaviour({ errorPattern: "^doomed" });
            const inputs = await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "doomed-1" });
            const error = await failureOf(() => provider.create(inputs));
            assert.equal(
                error.message,
                `DiskSnapshot "doomed-1" in ${REGION}: the snapshot ended in state error: InternalError: The disk snapshot doomed-1 could not be created from disk Disk-1.${RECORDED}`,
            );
            assert.equal(count("GetOperation"), 1);
        });

        it("says the create operation could not be read when GetOperation fails, and still records the snapshot", async () => {
            bed.emulator.setSnapshotBehaviour({ errorPattern: "^doomed" });
            bed.emulator.setFault("GetOperation", { kind: "denied" });
            const inputs = await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "doomed-2" });
            const error = await failureOf(() => provider.create(inputs));
            assert.match(
                error.message,
                /^DiskSnapshot "doomed-2" in us-east-1: the snapshot ended in state error: the create operation could not be read \(AccessDeniedException: .+\); the snapshot exists/,
            );
            const state = recorded(error);
            assert.equal(state.state, "error");
            assert.equal(state.diskSnapshotName, "doomed-2");
        });

        it("says Lightsail gave no detail when a snapshot recorded while pending ends in error on the next update", async () => {
            bed.emulator.setSnapshotBehaviour({ errorPattern: "^doomed", durationMs: 1_500 });
            const inputs = await checkedInputs({
                diskName: "Disk-1",
                diskSnapshotName: "doomed-3",
                timeouts: { create: "100ms" },
            });
            const partial = await failureOf(() => provider.create(inputs));
            const news = await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "doomed-3" });
            bed.emulator.clearRequests();
            const error = await failureOf(() => provider.update("doomed-3", recorded(partial), news));
            assert.equal(
                error.message,
                `DiskSnapshot "doomed-3" in ${REGION}: the snapshot ended in state error: Lightsail gave no detail${RECORDED}`,
            );
            assert.equal(count("GetOperation"), 0, "the update knows no create operation to read");
            assert.equal(recorded(error).state, "error");
        });
    });

    describe("create", () => {
        it("records the snapshot's outputs, not only its inputs, when the create timeout runs out", async () => {
            bed.emulator.setSnapshotBehaviour({ durationMs: 60_000 });
            const inputs = await checkedInputs({
                diskName: "Disk-1",
                diskSnapshotName: "slow-2",
                tags: { env: "prod" },
                timeouts: { create: "300ms" },
            });
            const state = recorded(await failureOf(() => provider.create(inputs)));
            assert.equal(state.state, "pending");
            assert.equal(state.diskSnapshotName, "slow-2");
            assert.equal(state.diskName, "Disk-1");
            assert.equal(state.fromDiskName, "Disk-1");
            assert.equal(state.region, REGION);
            assert.deepEqual(state.tags, { env: "prod" });
            assert.deepEqual(state.timeouts, { create: "300ms" });
            assert.ok(!("name" in state), "Lightsail's own field names stay out of the state");
        });

        it("records the inputs, naming the failed read, when the snapshot cannot be read after its create", async () => {
            bed.emulator.setFault("GetDiskSnapshot", { kind: "denied" });
            bed.emulator.setFault("GetDiskSnapshots", { kind: "denied" });
            const inputs = await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "unread-1" });
            const error = await failureOf(() => provider.create(inputs));
            assert.match(
                error.message,
                /^DiskSnapshot "unread-1" in us-east-1: GetDiskSnapshot failed: AccessDeniedException: .+; the snapshot exists and is recorded in the stack/,
            );
            const state = recorded(error);
            assert.equal(state.diskSnapshotName, "unread-1");
            assert.equal(state.diskName, "Disk-1");
            assert.equal(state.state, undefined, "nothing was read back");
            assert.deepEqual(
                bed.emulator.snapshots(REGION).map((s) => s.name),
                ["unread-1"],
            );
        });

        it("explains a missing source instance, naming it", async () => {
            const inputs = await checkedInputs({ instanceName: "WordPress-404", diskSnapshotName: "snap-missing-2" });
            const error = await failureOf(() => provider.create(inputs));
            assert.match(error.message, /^DiskSnapshot "snap-missing-2" in us-east-1: CreateDiskSnapshot failed: /);
            assert.match(
                error.message,
                /\(check that instance "WordPress-404" exists in us-east-1: Lightsail names are per region\)$/,
            );
            assert.deepEqual(bed.emulator.snapshots(REGION), []);
        });

        it("keeps a snapshot whose create answer was lost without saying it takes anything over", async () => {
            bed.emulator.setFault("CreateDiskSnapshot", { kind: "reset-after", count: 1 });
            const inputs = await checkedInputs({
                diskName: "Disk-1",
                diskSnapshotName: "lost-1",
                tags: { env: "prod" },
            });
            const { result, lines } = await withStderrLines(() => provider.create(inputs));
            assert.equal(result.outs.state, "completed");
            assert.ok(!lines.some((line) => line.includes("taking over")), lines.join("\n"));
            assert.equal(count("TagResource") + count("UntagResource"), 0);
        });
    });

    describe("adopting a snapshot by name", () => {
        it("says it takes over the existing snapshot", async () => {
            await provider.create(await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "taken-3" }));
            const inputs = await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "taken-3", adopt: true });
            const { result, lines } = await withStderrLines(() => provider.create(inputs));
            assert.equal(result.id, "taken-3");
            assert.ok(
                lines.includes(`DiskSnapshot "taken-3" (${REGION}): taking over the existing snapshot of this name`),
                lines.join("\n"),
            );
        });

        it("a taken-over snapshot whose tagging fails stays recorded, saying it was taken over", async () => {
            await provider.create(await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "taken-5" }));
            bed.emulator.setFault("TagResource", { kind: "denied" });
            const inputs = await checkedInputs({
                diskName: "Disk-1",
                diskSnapshotName: "taken-5",
                adopt: true,
                tags: { team: "web" },
            });
            const { error } = await failureWithStderrLines(() => provider.create(inputs));
            assert.match(error.message, /^DiskSnapshot "taken-5" in us-east-1: TagResource failed: AccessDenied/);
            assert.ok(
                error.message.endsWith(
                    "; the snapshot was taken over and is recorded in the stack: run pulumi up to retry",
                ),
                error.message,
            );
            assert.equal(recorded(error).diskSnapshotName, "taken-5");
        });

        it("adopts a snapshot of the declared instance", async () => {
            await provider.create(await checkedInputs({ instanceName: "WordPress-1", diskSnapshotName: "wp-1" }));
            const adopted = await provider.create(
                await checkedInputs({ instanceName: "WordPress-1", diskSnapshotName: "wp-1", adopt: true }),
            );
            assert.equal(adopted.id, "wp-1");
            assert.equal(adopted.outs.fromInstanceName, "WordPress-1");
            assert.equal(bed.emulator.snapshots(REGION).length, 1);
        });

        it("refuses a snapshot of another disk, naming the disk it was taken from", async () => {
            await provider.create(await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "taken-4" }));
            const error = await failureOf(async () =>
                provider.create(await checkedInputs({ diskName: "Disk-2", diskSnapshotName: "taken-4", adopt: true })),
            );
            assert.equal(
                error.message,
                `DiskSnapshot "taken-4" in ${REGION}: cannot adopt the existing snapshot: it was taken from disk "Disk-1", not from the source declared`,
            );
        });

        it("refuses a snapshot of another instance, naming the instance it was taken from", async () => {
            await provider.create(await checkedInputs({ instanceName: "WordPress-1", diskSnapshotName: "wp-2" }));
            const error = await failureOf(async () =>
                provider.create(
                    await checkedInputs({ instanceName: "WordPress-2", diskSnapshotName: "wp-2", adopt: true }),
                ),
            );
            assert.equal(
                error.message,
                `DiskSnapshot "wp-2" in ${REGION}: cannot adopt the existing snapshot: it was taken from instance "WordPress-1", not from the source declared`,
            );
        });

        it("refuses an instance's snapshot for a disk, and names the instance when the name is taken", async () => {
            await provider.create(await checkedInputs({ instanceName: "WordPress-1", diskSnapshotName: "wp-3" }));
            const refused = await failureOf(async () =>
                provider.create(await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "wp-3", adopt: true })),
            );
            assert.match(refused.message, /it was taken from instance "WordPress-1", not from the source declared$/);
            const taken = await failureOf(async () =>
                provider.create(await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "wp-3" })),
            );
            assert.match(
                taken.message,
                /\(the existing snapshot of this name was taken from instance "WordPress-1", not from the source declared: choose another name, or leave it unset to generate one\)$/,
            );
        });

        it("offers adopt: true for a taken name holding a snapshot of the declared instance", async () => {
            await provider.create(await checkedInputs({ instanceName: "WordPress-1", diskSnapshotName: "wp-4" }));
            const error = await failureOf(async () =>
                provider.create(await checkedInputs({ instanceName: "WordPress-1", diskSnapshotName: "wp-4" })),
            );
            assert.match(
                error.message,
                /\(a snapshot of this name and source already exists: set adopt: true to take it over, or choose another name, or leave it unset to generate one\)$/,
            );
        });
    });

    describe("refresh", () => {
        it("names the failed read when Lightsail refuses it", async () => {
            const { id, outs } = await provider.create(
                await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "read-1" }),
            );
            bed.emulator.setFault("GetDiskSnapshot", { kind: "denied" });
            const error = await failureOf(() => provider.read(id, outs));
            assert.match(
                error.message,
                /^DiskSnapshot "read-1" in us-east-1: GetDiskSnapshot failed: AccessDeniedException: /,
            );
            assert.match(error.message, /check the AWS credentials/);
        });
    });

    describe("update", () => {
        it("says a snapshot whose tags cannot be changed was deleted outside Pulumi", async () => {
            const { id, outs } = await provider.create(
                await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "gone-1", tags: { a: "1" } }),
            );
            bed.emulator.deleteSnapshot(id, REGION);
            const news = await checkedInputs({ diskName: "Disk-1", diskSnapshotName: id, tags: { a: "2" } });
            const error = await failureOf(() => provider.update(id, outs, news));
            assert.match(
                error.message,
                /^DiskSnapshot "gone-1" in us-east-1: TagResource failed: NotFoundException: .+ \(it was deleted outside Pulumi: run pulumi refresh\)$/,
            );
        });

        it("names the failed tag call, with no refresh hint, when Lightsail denies it", async () => {
            const { id, outs } = await provider.create(
                await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "denied-1", tags: { a: "1" } }),
            );
            bed.emulator.setFault("UntagResource", { kind: "denied" });
            const news = await checkedInputs({ diskName: "Disk-1", diskSnapshotName: id, tags: {} });
            const error = await failureOf(() => provider.update(id, outs, news));
            assert.match(
                error.message,
                /^DiskSnapshot "denied-1" in us-east-1: UntagResource failed: AccessDeniedException: /,
            );
            assert.doesNotMatch(error.message, /deleted outside Pulumi/);
        });

        it("waits for a snapshot recorded while pending only as long as the declared create timeout", async () => {
            bed.emulator.setSnapshotBehaviour({ durationMs: 120_000 });
            const inputs = await checkedInputs({
                diskName: "Disk-1",
                diskSnapshotName: "slow-3",
                timeouts: { create: "100ms" },
            });
            const partial = await failureOf(() => provider.create(inputs));
            const news = await checkedInputs({
                diskName: "Disk-1",
                diskSnapshotName: "slow-3",
                timeouts: { create: "1s" },
            });
            const error = await failureOf(() => provider.update("slow-3", recorded(partial), news));
            assert.match(
                error.message,
                /^DiskSnapshot "slow-3" in us-east-1: the snapshot was still pending.* when the create timeout ran out; the snapshot exists/,
            );
            assert.equal(recorded(error).state, "pending");
        });
    });

    describe("destroy", () => {
        it("succeeds when a refused delete finds the snapshot already gone", async () => {
            const { id, outs } = await provider.create(
                await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "gone-2", timeouts: { delete: "20s" } }),
            );
            bed.emulator.deleteSnapshot(id, REGION);
            bed.emulator.setFault("DeleteDiskSnapshot", { kind: "denied" });
            bed.emulator.clearRequests();
            await provider.delete(id, outs);
            assert.deepEqual(operations(bed.emulator), ["DeleteDiskSnapshot", "GetDiskSnapshot"]);
        });

        it("fails with the delete's own error, at once, when the snapshot cannot be read after a refused delete", async () => {
            const { id, outs } = await provider.create(
                await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "kept-2", timeouts: { delete: "20s" } }),
            );
            bed.emulator.setFault("DeleteDiskSnapshot", { kind: "denied" });
            bed.emulator.setFault("GetDiskSnapshot", { kind: "denied" });
            bed.emulator.clearRequests();
            const error = await failureOf(() => provider.delete(id, outs));
            assert.match(
                error.message,
                /^DiskSnapshot "kept-2" in us-east-1: DeleteDiskSnapshot failed: AccessDeniedException: /,
            );
            assert.deepEqual(operations(bed.emulator), ["DeleteDiskSnapshot", "GetDiskSnapshot"]);
            assert.equal(bed.emulator.snapshots(REGION).length, 1);
        });

        it("gives up retrying a pending snapshot's delete at the declared delete timeout, naming the refused call", async () => {
            bed.emulator.setSnapshotBehaviour({ durationMs: 120_000, deletePending: "refuse" });
            const inputs = await checkedInputs({
                diskName: "Disk-1",
                diskSnapshotName: "busy-2",
                timeouts: { create: "100ms", delete: "1500ms" },
            });
            const partial = await failureOf(() => provider.create(inputs));
            bed.emulator.clearRequests();
            const error = await failureOf(() => provider.delete("busy-2", recorded(partial)));
            assert.match(error.message, /^DiskSnapshot "busy-2" in us-east-1: DeleteDiskSnapshot failed: \w+: /);
            assert.ok(count("DeleteDiskSnapshot") >= 2, "retried while pending");
            assert.equal(bed.emulator.snapshots(REGION).length, 1);
        });

        it("stops retrying when interrupted, and says to run destroy again", async () => {
            bed.emulator.setSnapshotBehaviour({ durationMs: 120_000, deletePending: "refuse" });
            const inputs = await checkedInputs({
                diskName: "Disk-1",
                diskSnapshotName: "busy-3",
                timeouts: { create: "100ms", delete: "20s" },
            });
            const partial = await failureOf(() => provider.create(inputs));
            bed.emulator.clearRequests();
            const interrupt = sigtermToListenersFromNow();
            const stop = once(() => count("GetDiskSnapshot") >= 1, interrupt);
            const error = await failureOf(() => provider.delete("busy-3", recorded(partial))).finally(stop);
            assert.equal(
                error.message,
                `DiskSnapshot "busy-3" in ${REGION}: the delete was interrupted; run pulumi destroy again`,
            );
            assert.equal(count("DeleteDiskSnapshot"), 1);
            assert.equal(bed.emulator.snapshots(REGION).length, 1);
        });
    });

    describe("with no region known", () => {
        const saved: Record<string, string | undefined> = {};

        beforeEach(async () => {
            for (const key of ["AWS_REGION", "AWS_DEFAULT_REGION"]) {
                saved[key] = process.env[key];
                delete process.env[key];
            }
            await configureProvider();
        });

        afterEach(async () => {
            for (const [key, value] of Object.entries(saved)) {
                if (value === undefined) delete process.env[key];
                else process.env[key] = value;
            }
            await configureProvider();
        });

        it("fails DiskSnapshot.get without a region, saying where to give one, with no Lightsail call", async () => {
            const error = await failureOf(() => provider.read("nightly-1", {}));
            assert.equal(
                error.message,
                'DiskSnapshot "nightly-1": no region known; pass region to DiskSnapshot.get, or set aws:region or AWS_REGION',
            );
            assert.deepEqual(operations(bed.emulator), []);
        });

        it("fails a delete of a snapshot whose state holds no region, with no Lightsail call", async () => {
            const error = await failureOf(() => provider.delete("nightly-2", {} as DiskSnapshotOutputs));
            assert.match(error.message, /^DiskSnapshot "nightly-2": no region known/);
            assert.deepEqual(operations(bed.emulator), []);
        });
    });
});

describe("DiskSnapshot while an automatic snapshot of its source is being taken, with an interruption or a short timeout", function () {
    this.timeout(30_000);
    const MINUTE = 60_000;
    let bed: LightsailTestBed;
    const creates = () => operations(bed.emulator).filter((o) => o === "CreateDiskSnapshot").length;

    beforeEach(async () => {
        // The automatic snapshot runs for ten minutes on the emulator's clock, which moves only when told.
        bed = await startTestBed({
            startTime: Date.parse("2024-01-01T05:00:00Z"),
            snapshot: { durationMs: 1_500 },
            autoSnapshot: { durationMs: 10 * MINUTE, addOnDurationMs: 100 },
        });
        bed.emulator.seedDisk({ name: "Disk-1", region: REGION });
        await configureProvider();
        await autoSnapshots.create(
            await checkedAutoSnapshotsInputs({ diskName: "Disk-1", snapshotTimeOfDay: "06:00" }),
        );
        bed.emulator.advanceClock(60 * MINUTE);
        bed.emulator.takeDueAutoSnapshots();
        bed.emulator.clearRequests();
    });

    afterEach(async () => {
        await bed.stop();
    });

    it("stops waiting when interrupted, says nothing was created, and leaves nothing behind", async () => {
        const inputs = await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "manual-3" });
        const interrupt = sigtermToListenersFromNow();
        const stop = once(() => creates() >= 1, interrupt);
        const { error } = await failureWithStderrLines(() => provider.create(inputs)).finally(stop);
        assert.equal(
            error.message,
            `DiskSnapshot "manual-3" in ${REGION}: interrupted while waiting for the automatic snapshot of Disk-1 to finish; nothing was created`,
        );
        assert.ok(!(error instanceof PartialCreateError));
        assert.deepEqual(
            operations(bed.emulator).filter((o) => o !== "GetDiskSnapshot"),
            ["CreateDiskSnapshot"],
            "no search for a snapshot that was never made",
        );
        assert.deepEqual(bed.emulator.snapshots(REGION), []);
    });

    it("counts the time spent waiting for the automatic snapshot against the create timeout", async () => {
        const inputs = await checkedInputs({
            diskName: "Disk-1",
            diskSnapshotName: "manual-4",
            timeouts: { create: "3s" },
        });
        // The automatic snapshot finishes once Lightsail has refused the manual one twice (about 1 s in).
        const stop = once(
            () => creates() >= 2,
            () => bed.emulator.advanceClock(10 * MINUTE),
        );
        const error = await failureOf(() => provider.create(inputs)).finally(stop);
        assert.equal(creates(), 3, "refused twice, then accepted");
        // Accepted about 2.5 s in: what is left of the 3 s is too little for a snapshot that takes 1.5 s.
        assert.match(
            error.message,
            /^DiskSnapshot "manual-4" in us-east-1: the snapshot was still pending.* when the create timeout ran out/,
        );
        assert.equal(recorded(error).state, "pending");
    });
});

describe("DiskSnapshot while an automatic snapshot of its source takes longer than the default create timeout", function () {
    this.timeout(60_000);
    const MINUTE = 60_000;

    it("gives up at the default create timeout, naming it, when none is declared", async () => {
        // Hours on a clock the emulator and the provider's waits share: no real waiting.
        const clock = new VirtualClock(Date.parse("2024-01-01T05:00:00Z"));
        const bed = await startTestBed({
            clock: clock.now,
            snapshot: { durationMs: 1_500 },
            autoSnapshot: { durationMs: 3 * 60 * MINUTE, addOnDurationMs: 100 },
        });
        bed.emulator.seedDisk({ name: "Disk-1", region: REGION });
        await configureProvider();
        const restore = waitsOn(clock);
        try {
            await autoSnapshots.create(
                await checkedAutoSnapshotsInputs({ diskName: "Disk-1", snapshotTimeOfDay: "06:00" }),
            );
            bed.emulator.advanceClock(60 * MINUTE);
            bed.emulator.takeDueAutoSnapshots();
            const inputs = await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "manual-5" });
            const { error } = await failureWithStderrLines(() => provider.create(inputs));
            assert.match(
                error.message,
                /automatic snapshot of Disk-1 was still being taken when the create timeout \(2h00m\) ran out: run pulumi up again later, or raise timeouts.create\)$/,
            );
            assert.deepEqual(bed.emulator.snapshots(REGION), []);
        } finally {
            restore();
            await bed.stop();
        }
    });
});
