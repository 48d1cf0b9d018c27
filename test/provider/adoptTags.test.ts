/**
 * A snapshot taken over with `adopt: true` gets the declared tags, sending only the difference
 * (CHANGELOG.md; found by the reliability suite's fault matrix, a duplicate name followed up with
 * `adopt: true`).
 */

import assert from "node:assert/strict";
import { REGION } from "../../harness/account";
import { checkedInputs, configureProvider } from "../../harness/providerCalls";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { diskSnapshot as provider } from "../../provider/engine";

describe("create: adopting a snapshot by name", function () {
    this.timeout(60_000);
    let bed: LightsailTestBed;

    beforeEach(async () => {
        bed = await startTestBed({ snapshot: { durationMs: 200 } });
        bed.emulator.seedDisk({ name: "Disk-1", region: REGION });
        await configureProvider();
    });

    afterEach(async () => {
        await bed.stop();
    });

    it("applies the declared tags to the snapshot it takes over", async () => {
        await provider.create(await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "taken-1", tags: {} }));
        const found = [
            { key: "team", value: "ops" },
            { key: "stray", value: "x" },
        ];
        bed.emulator.setSnapshotTags("taken-1", found, REGION);
        const adopted = await provider.create(
            await checkedInputs({
                diskName: "Disk-1",
                diskSnapshotName: "taken-1",
                adopt: true,
                tags: { team: "web" },
            }),
        );
        assert.deepEqual(adopted.outs.tags, { team: "web" });
        assert.deepEqual(bed.emulator.snapshots(REGION)[0]?.tags, [{ key: "team", value: "web" }]);
        const ops = operations(bed.emulator);
        assert.ok(ops.includes("TagResource") && ops.includes("UntagResource"), ops.join(","));
    });
});
