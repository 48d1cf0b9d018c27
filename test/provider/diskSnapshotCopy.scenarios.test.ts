/**
 * DiskSnapshotCopy scenarios against the emulator beyond the plain copy: the request sent for an
 * automatic snapshot of a day or the newest one, a name already taken in the target region (taken
 * over with `adopt: true` or under a generated name, refused when it holds another disk, explained
 * otherwise), a copy that ends in error, a copy that cannot be read back or is gone before it is,
 * and a create timeout that counts the time the copy request took.
 */

import assert from "node:assert/strict";
import { CopySnapshotCommand, EnableAddOnCommand, type LightsailClient } from "@aws-sdk/client-lightsail";
import { REGION } from "../../harness/account";
import { lightsailClient } from "../../harness/emulatorClient";
import { checkedDiskSnapshotCopyInputs, checkedInputs, configureProvider } from "../../harness/providerCalls";
import { failureWithStderrLines, withStderrLines } from "../../harness/stderr";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { diskSnapshot, diskSnapshotCopy } from "../../provider/engine";
import { PROVIDER_KEY } from "../../provider/outputs";
import { PartialCreateError } from "../../provider/recovery";
import type { DiskSnapshotCopyOutputs } from "../../provider/resources/diskSnapshotCopy/schema";

const TARGET = "us-west-2";
const DAY = 86_400_000;
const RENAME = "choose another name, or leave it unset to generate one";

/** Checked copy inputs to the target region, as the engine hands them to `create` after `check`. */
const checkedCopyInputs = (news: Record<string, unknown>) => checkedDiskSnapshotCopyInputs({ region: TARGET, ...news });

describe("DiskSnapshotCopy scenarios against the emulator", function () {
    this.timeout(60_000);
    let bed: LightsailTestBed;
    let target: LightsailClient;

    const names = (region: string) =>
        bed.emulator
            .snapshots(region)
            .map((s) => s.name)
            .sort();
    const count = (operation: string) => operations(bed.emulator).filter((o) => o === operation).length;
    const copyRequests = () =>
        bed.emulator
            .requests()
            .filter((r) => r.operation === "CopySnapshot")
            .map((r) => r.body);

    /** Copies `sourceSnapshotName` (in the test region) to `name` in the target region, outside Pulumi. */
    async function copyOutOfBand(name: string, sourceSnapshotName: string): Promise<void> {
        await target.send(
            new CopySnapshotCommand({ targetSnapshotName: name, sourceRegion: REGION, sourceSnapshotName }),
        );
    }

    /**
     * Deletes, as the engine does next in a replacement, the resource whose copy a create took over
     * by name: the copy is left to the new resource.
     */
    async function deleteReplaced(id: string, props: DiskSnapshotCopyOutputs): Promise<void> {
        const { lines } = await withStderrLines(() => diskSnapshotCopy.delete(id, props));
        const notice = `DiskSnapshotCopy "${id}" (${TARGET}): not deleted: the resource replacing it took it over`;
        assert.ok(
            lines.some((line) => line.startsWith(notice)),
            lines.join("\n"),
        );
        assert.ok(names(TARGET).includes(id));
    }

    beforeEach(async () => {
        bed = await startTestBed({ startTime: Date.parse("2024-01-01T05:00:00Z"), snapshot: { durationMs: 300 } });
        bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
        bed.emulator.seedDisk({ name: "Disk-2", region: REGION, sizeInGb: 16 });
        await configureProvider();
        await diskSnapshot.create(await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "nightly-1" }));
        await diskSnapshot.create(await checkedInputs({ diskName: "Disk-2", diskSnapshotName: "other-1" }));
        target = lightsailClient(bed.emulator.url, TARGET);
        bed.emulator.clearRequests();
    });

    afterEach(async () => {
        target.destroy();
        await bed.stop();
    });

    describe("copying a disk's automatic snapshot", () => {
        beforeEach(async () => {
            const source = lightsailClient(bed.emulator.url, REGION);
            await source.send(
                new EnableAddOnCommand({
                    resourceName: "Disk-1",
                    addOnRequest: {
                        addOnType: "AutoSnapshot",
                        autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:00" },
                    },
                }),
            );
            source.destroy();
            bed.emulator.advanceClock(2 * DAY);
            bed.emulator.takeDueAutoSnapshots();
            bed.emulator.clearRequests();
        });

        it("asks Lightsail for the newest restorable one when no day is given", async () => {
            const inputs = await checkedCopyInputs({ sourceDiskName: "Disk-1", useLatestRestorableAutoSnapshot: true });
            const { id, outs } = await diskSnapshotCopy.create(inputs);
            assert.deepEqual(copyRequests(), [
                {
                    targetSnapshotName: id,
                    sourceRegion: REGION,
                    sourceResourceName: "Disk-1",
                    useLatestRestorableAutoSnapshot: true,
                },
            ]);
            assert.deepEqual([outs.state, outs.fromDiskName, outs.isFromAutoSnapshot], ["completed", "Disk-1", true]);
        });

        it("asks Lightsail for the automatic snapshot of the declared day", async () => {
            const inputs = await checkedCopyInputs({ sourceDiskName: "Disk-1", restoreDate: "2024-01-02" });
            const { id, outs } = await diskSnapshotCopy.create(inputs);
            assert.deepEqual(copyRequests(), [
                {
                    targetSnapshotName: id,
                    sourceRegion: REGION,
                    sourceResourceName: "Disk-1",
                    restoreDate: "2024-01-02",
                },
            ]);
            assert.deepEqual([outs.state, outs.isFromAutoSnapshot], ["completed", true]);
        });

        it("with adopt: true, takes over a snapshot of that name holding the same disk", async () => {
            await copyOutOfBand("offsite-1", "nightly-1");
            const inputs = await checkedCopyInputs({
                sourceDiskName: "Disk-1",
                useLatestRestorableAutoSnapshot: true,
                diskSnapshotName: "offsite-1",
                adopt: true,
            });
            const { id, outs } = await diskSnapshotCopy.create(inputs);
            assert.deepEqual([id, outs.state, outs.fromDiskName], ["offsite-1", "completed", "Disk-1"]);
            assert.deepEqual(names(TARGET), ["offsite-1"]);
            await deleteReplaced(id, outs);
        });

        it("with adopt: true, refuses a snapshot of that name holding another disk, naming the day declared", async () => {
            await copyOutOfBand("offsite-1", "other-1");
            const inputs = await checkedCopyInputs({
                sourceDiskName: "Disk-1",
                restoreDate: "2024-01-02",
                diskSnapshotName: "offsite-1",
                adopt: true,
            });
            await assert.rejects(diskSnapshotCopy.create(inputs), {
                message: `DiskSnapshotCopy "offsite-1" in ${TARGET}: cannot adopt the existing snapshot: it holds disk "Disk-2", not the automatic snapshot of disk "Disk-1" (2024-01-02) in ${REGION}`,
            });
        });

        it("with adopt: true, refuses a snapshot of that name holding another disk, naming the newest day", async () => {
            await copyOutOfBand("offsite-1", "other-1");
            const inputs = await checkedCopyInputs({
                sourceDiskName: "Disk-1",
                useLatestRestorableAutoSnapshot: true,
                diskSnapshotName: "offsite-1",
                adopt: true,
            });
            await assert.rejects(diskSnapshotCopy.create(inputs), {
                message: `DiskSnapshotCopy "offsite-1" in ${TARGET}: cannot adopt the existing snapshot: it holds disk "Disk-2", not the automatic snapshot of disk "Disk-1" (the newest restorable day) in ${REGION}`,
            });
        });
    });

    describe("a name already taken in the target region", () => {
        it("with adopt: true, takes over the snapshot holding the same disk, reading it once and tagging it", async () => {
            await copyOutOfBand("offsite-1", "nightly-1");
            bed.emulator.clearRequests();
            const inputs = await checkedCopyInputs({
                sourceSnapshotName: "nightly-1",
                diskSnapshotName: "offsite-1",
                adopt: true,
                tags: { copy: "offsite" },
            });
            const { id, outs } = await diskSnapshotCopy.create(inputs);
            assert.deepEqual([id, outs.state, outs.tags], ["offsite-1", "completed", { copy: "offsite" }]);
            const log = bed.emulator.requests();
            const untilTagged = log.slice(0, log.findIndex((r) => r.operation === "TagResource") + 1);
            assert.deepEqual(
                untilTagged.map((r) => [r.operation, r.region]),
                [
                    ["CopySnapshot", TARGET],
                    ["GetDiskSnapshot", REGION], // the source's disk
                    ["GetDiskSnapshot", TARGET], // what holds the name
                    ["TagResource", TARGET],
                ],
            );
            assert.equal(count("CopySnapshot"), 1);
            assert.deepEqual(names(TARGET), ["offsite-1"]);
            await deleteReplaced(id, outs);
        });

        it("a taken-over snapshot whose tagging fails stays recorded, saying it was taken over", async () => {
            await copyOutOfBand("offsite-1", "nightly-1");
            bed.emulator.setFault("TagResource", { kind: "denied" });
            const inputs = await checkedCopyInputs({
                sourceSnapshotName: "nightly-1",
                diskSnapshotName: "offsite-1",
                adopt: true,
                tags: { copy: "offsite" },
            });
            const { error } = await failureWithStderrLines(() => diskSnapshotCopy.create(inputs));
            assert.ok(error instanceof PartialCreateError, String(error));
            assert.equal(error.id, "offsite-1");
            assert.match(error.message, /^DiskSnapshotCopy "offsite-1" in us-west-2: TagResource failed: AccessDenied/);
            assert.ok(
                error.message.endsWith(
                    "; the snapshot was taken over and is recorded in the stack: run pulumi up to retry",
                ),
                error.message,
            );
            await deleteReplaced("offsite-1", error.properties as unknown as DiskSnapshotCopyOutputs);
        });

        it("with adopt: true, refuses a snapshot holding another disk, naming both, and leaves it untouched", async () => {
            await copyOutOfBand("offsite-1", "other-1");
            bed.emulator.clearRequests();
            const inputs = await checkedCopyInputs({
                sourceSnapshotName: "nightly-1",
                diskSnapshotName: "offsite-1",
                adopt: true,
                tags: { copy: "offsite" },
            });
            await assert.rejects(diskSnapshotCopy.create(inputs), {
                message: `DiskSnapshotCopy "offsite-1" in ${TARGET}: cannot adopt the existing snapshot: it holds disk "Disk-2", not snapshot "nightly-1" in ${REGION}`,
            });
            assert.equal(count("TagResource"), 0);
            const [existing] = bed.emulator.snapshots(TARGET);
            assert.deepEqual([existing?.name, existing?.tags], ["offsite-1", []]);
        });

        it("without adopt, fails on a snapshot of that name and source, suggesting adopt: true", async () => {
            await copyOutOfBand("offsite-1", "nightly-1");
            const inputs = await checkedCopyInputs({ sourceSnapshotName: "nightly-1", diskSnapshotName: "offsite-1" });
            const { error } = await failureWithStderrLines(() => diskSnapshotCopy.create(inputs));
            assert.match(
                error.message,
                /^DiskSnapshotCopy "offsite-1" in us-west-2: CopySnapshot failed: InvalidInputException: [^(]*offsite-1[^(]* \(/,
            );
            assert.ok(
                error.message.endsWith(
                    `(a snapshot of this name and source already exists: set adopt: true to take it over, or ${RENAME})`,
                ),
                error.message,
            );
            assert.equal(count("TagResource"), 0);
        });

        it("without adopt, fails on a snapshot of that name from another disk, saying which", async () => {
            await copyOutOfBand("offsite-1", "other-1");
            const inputs = await checkedCopyInputs({ sourceSnapshotName: "nightly-1", diskSnapshotName: "offsite-1" });
            const { error } = await failureWithStderrLines(() => diskSnapshotCopy.create(inputs));
            assert.match(error.message, /^DiskSnapshotCopy "offsite-1" in us-west-2: CopySnapshot failed: /);
            assert.ok(
                error.message.endsWith(
                    `(the existing snapshot of this name was taken from disk "Disk-2", not from the source declared: ${RENAME})`,
                ),
                error.message,
            );
        });

        it("takes back the copy an interrupted create made under the generated name", async () => {
            const inputs = await checkedCopyInputs({ sourceSnapshotName: "nightly-1" });
            assert.ok(inputs.diskSnapshotName);
            await copyOutOfBand(inputs.diskSnapshotName, "nightly-1");
            const { id, outs } = await diskSnapshotCopy.create(inputs);
            assert.deepEqual([id, outs.state, outs.fromDiskName], [inputs.diskSnapshotName, "completed", "Disk-1"]);
            assert.deepEqual(names(TARGET), [inputs.diskSnapshotName]);
            await deleteReplaced(id, outs);
        });
    });

    describe("after Lightsail accepted the copy", () => {
        it("a copy that ends in error says why, from the copy's operation, and stays recorded", async () => {
            bed.emulator.setSnapshotBehaviour({ errorPattern: "^broken-" });
            const inputs = await checkedCopyInputs({ sourceSnapshotName: "nightly-1", diskSnapshotName: "broken-1" });
            const { error } = await failureWithStderrLines(() => diskSnapshotCopy.create(inputs));
            assert.ok(error instanceof PartialCreateError, String(error));
            assert.equal(error.id, "broken-1");
            assert.equal(
                error.message,
                `DiskSnapshotCopy "broken-1" in ${TARGET}: the snapshot ended in state error: InternalError: The disk snapshot broken-1 could not be copied from ${REGION}:nightly-1.; the snapshot exists and is recorded in the stack: run pulumi up to retry or pulumi destroy to delete it`,
            );
        });

        it("a copy that cannot be read back is recorded with its inputs, saying what to run", async () => {
            bed.emulator.setFault("GetDiskSnapshot", { kind: "denied" });
            const inputs = await checkedCopyInputs({
                sourceSnapshotName: "nightly-1",
                diskSnapshotName: "offsite-1",
                tags: { copy: "offsite" },
            });
            const { error } = await failureWithStderrLines(() => diskSnapshotCopy.create(inputs));
            assert.ok(error instanceof PartialCreateError, String(error));
            assert.equal(error.id, "offsite-1");
            assert.match(
                error.message,
                /^DiskSnapshotCopy "offsite-1" in us-west-2: GetDiskSnapshot failed: AccessDeniedException: [^;]*; the copy exists and is recorded in the stack: run pulumi up to tag it and wait for it, or pulumi destroy to delete it$/,
            );
            const { [PROVIDER_KEY]: provider, ...recorded } = error.properties;
            assert.equal(provider, inputs[PROVIDER_KEY as keyof typeof inputs]);
            const { [PROVIDER_KEY as keyof typeof inputs]: _, ...declared } = inputs;
            assert.deepEqual(recorded, declared);
            assert.equal(count("TagResource"), 0);
            assert.deepEqual(names(TARGET), ["offsite-1"]);
        });

        it("a copy deleted before it could be read back fails saying so, without tagging it", async () => {
            bed.emulator.setFault("GetDiskSnapshot", { kind: "latency", latencyMs: 300, count: 1 });
            const remover = setInterval(() => {
                if (names(TARGET).includes("offsite-1")) {
                    clearInterval(remover);
                    bed.emulator.deleteSnapshot("offsite-1", TARGET);
                }
            }, 5);
            const inputs = await checkedCopyInputs({
                sourceSnapshotName: "nightly-1",
                diskSnapshotName: "offsite-1",
                tags: { copy: "offsite" },
            });
            const { error } = await failureWithStderrLines(() => diskSnapshotCopy.create(inputs)).finally(() =>
                clearInterval(remover),
            );
            assert.ok(!(error instanceof PartialCreateError), String(error));
            assert.equal(
                error.message,
                `DiskSnapshotCopy "offsite-1" in ${TARGET}: the snapshot was deleted while it was being created`,
            );
            assert.equal(count("TagResource"), 0);
        });

        it("the create timeout counts the time the copy request took", async () => {
            bed.emulator.setSnapshotBehaviour({ durationMs: 1_000 });
            bed.emulator.setFault("CopySnapshot", { kind: "latency", latencyMs: 800, count: 1 });
            const inputs = await checkedCopyInputs({
                sourceSnapshotName: "nightly-1",
                diskSnapshotName: "offsite-1",
                timeouts: { create: "1s" },
            });
            const { error } = await failureWithStderrLines(() => diskSnapshotCopy.create(inputs));
            assert.ok(error instanceof PartialCreateError, String(error));
            assert.match(
                error.message,
                /^DiskSnapshotCopy "offsite-1" in us-west-2: the snapshot was still pending.* when the create timeout ran out; the snapshot exists and is recorded in the stack/,
            );
        });
    });
});
