/**
 * DiskSnapshotCopy against the emulator, the way the engine calls it: a manual snapshot copied
 * to another region (tagged right after CopySnapshot, which takes no tags), an automatic snapshot
 * kept as a manual one, refresh, a tag change, destroy of the copy only, a lost answer, a copy
 * Lightsail refuses, and a failed tag call that leaves the copy recorded.
 */

import assert from "node:assert/strict";
import { EnableAddOnCommand } from "@aws-sdk/client-lightsail";
import { REGION } from "../../harness/account";
import { lightsailClient } from "../../harness/emulatorClient";
import { checkedDiskSnapshotCopyInputs, checkedInputs, configureProvider } from "../../harness/providerCalls";
import { failureWithStderrLines } from "../../harness/stderr";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { diskSnapshot, diskSnapshotCopy } from "../../provider/engine";
import { PartialCreateError } from "../../provider/recovery";

const TARGET = "us-west-2";
const DAY = 86_400_000;

/** Checked copy inputs to the target region, as the engine hands them to `create` after `check`. */
const checkedCopyInputs = (news: Record<string, unknown>) => checkedDiskSnapshotCopyInputs({ region: TARGET, ...news });

describe("DiskSnapshotCopy against the emulator", function () {
    this.timeout(60_000);
    let bed: LightsailTestBed;
    const names = (region: string) =>
        bed.emulator
            .snapshots(region)
            .map((s) => s.name)
            .sort();
    const count = (operation: string) => operations(bed.emulator).filter((o) => o === operation).length;

    beforeEach(async () => {
        bed = await startTestBed({ startTime: Date.parse("2024-01-01T05:00:00Z"), snapshot: { durationMs: 300 } });
        bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
        await configureProvider();
        await diskSnapshot.create(await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "nightly-1" }));
        bed.emulator.clearRequests();
    });

    afterEach(async () => {
        await bed.stop();
    });

    it("copies a manual snapshot into its region only, tags it right after, and waits until completed", async () => {
        const inputs = await checkedCopyInputs({ sourceSnapshotName: "nightly-1", tags: { copy: "offsite" } });
        const { id, outs } = await diskSnapshotCopy.create(inputs);
        assert.deepEqual(
            operations(bed.emulator).filter((o) => !o.startsWith("Get")),
            ["CopySnapshot", "TagResource"],
        );
        assert.deepEqual([names(REGION), names(TARGET)], [["nightly-1"], [id]]);
        assert.deepEqual(
            [outs.state, outs.region, outs.sourceRegion, outs.fromDiskName, outs.isFromAutoSnapshot, outs.tags],
            ["completed", TARGET, REGION, "Disk-1", false, { copy: "offsite" }],
        );
        assert.match(String(outs.arn), new RegExp(`^arn:aws:lightsail:${TARGET}:`));
    });

    it("keeps a disk's automatic snapshot of a day as a manual one", async () => {
        const client = lightsailClient(bed.emulator.url, REGION);
        await client.send(
            new EnableAddOnCommand({
                resourceName: "Disk-1",
                addOnRequest: { addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:00" } },
            }),
        );
        bed.emulator.advanceClock(2 * DAY);
        const inputs = await checkedCopyInputs({ sourceDiskName: "Disk-1", restoreDate: "2024-01-02", region: REGION });
        const { outs } = await diskSnapshotCopy.create(inputs);
        assert.deepEqual([outs.state, outs.fromDiskName, outs.isFromAutoSnapshot], ["completed", "Disk-1", true]);
        client.destroy();
    });

    it("refresh sees tag drift and a copy deleted out of band; a tag change is one TagResource; destroy deletes only the copy", async () => {
        const inputs = await checkedCopyInputs({ sourceSnapshotName: "nightly-1", tags: { copy: "offsite" } });
        const { id, outs } = await diskSnapshotCopy.create(inputs);
        bed.emulator.setSnapshotTags(id, [{ key: "copy", value: "moved" }], TARGET);
        const refreshed = await diskSnapshotCopy.read(id, outs);
        assert.deepEqual(refreshed.props?.tags, { copy: "moved" });
        assert.equal((await diskSnapshotCopy.diff(id, refreshed.props ?? {}, inputs)).changes, true);
        bed.emulator.clearRequests();
        await diskSnapshotCopy.update(id, outs, { ...inputs, tags: { copy: "offsite", team: "dr" } });
        assert.equal(count("TagResource"), 1);
        await diskSnapshotCopy.delete(id, outs);
        assert.deepEqual([names(REGION), names(TARGET)], [["nightly-1"], []], "the source stays");
        assert.deepEqual(await diskSnapshotCopy.read(id, outs), { id: "" });
        await diskSnapshotCopy.delete(id, outs); // already gone: success
    });

    it("takes back the copy its lost answer made, instead of failing on the name", async () => {
        bed.emulator.setFault("CopySnapshot", { kind: "reset-after", count: 1 });
        const { id, outs } = await diskSnapshotCopy.create(
            await checkedCopyInputs({ sourceSnapshotName: "nightly-1", diskSnapshotName: "offsite-1" }),
        );
        assert.equal(count("CopySnapshot"), 2, "the SDK retried the copy Lightsail had made");
        assert.deepEqual([id, outs.state, names(TARGET)], ["offsite-1", "completed", ["offsite-1"]]);
    });

    it("fails clearly, making nothing, when Lightsail refuses the copy", async () => {
        const { error } = await failureWithStderrLines(async () =>
            diskSnapshotCopy.create(await checkedCopyInputs({ sourceSnapshotName: "missing-1" })),
        );
        assert.match(
            error.message,
            /^DiskSnapshotCopy "offsite-[a-z0-9]{7}" in us-west-2: CopySnapshot failed: NotFoundException: /,
        );
        assert.deepEqual(names(TARGET), []);
    });

    it("a tag call that fails after the copy leaves the copy recorded in the state, not leaked", async () => {
        bed.emulator.setFault("TagResource", { kind: "error" });
        const inputs = await checkedCopyInputs({ sourceSnapshotName: "nightly-1", tags: { copy: "offsite" } });
        const { error } = await failureWithStderrLines(() => diskSnapshotCopy.create(inputs));
        assert.ok(error instanceof PartialCreateError, String(error));
        assert.equal(error.id, inputs.diskSnapshotName);
        assert.match(
            error.message,
            /TagResource failed: ServiceException: .*the snapshot was copied and is recorded in the stack/,
        );
        assert.deepEqual(names(TARGET), [inputs.diskSnapshotName]);
    });
});
