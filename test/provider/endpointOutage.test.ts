import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator } from "../../emulator";
import { checkedInputs, configureProvider } from "../../harness/providerCalls";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { sleep, waitFor } from "../../harness/time";
import { diskSnapshot as provider } from "../../provider/engine";

/**
 * An overridden endpoint that never answered fails fast (see provider.test.ts); one that answered
 * and then went away for a moment, as an emulator restarting in the middle of a wait, is an
 * outage the create rides out.
 */
describe("an endpoint that goes away during a wait", function () {
    this.timeout(60_000);
    let bed: LightsailTestBed;
    let dir: string;

    beforeEach(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "outage-"));
        bed = await startTestBed({ statePath: path.join(dir, "state.json"), snapshot: { durationMs: 4_000 } });
        bed.emulator.seedDisk({ name: "Disk-1", region: "us-east-1", sizeInGb: 32 });
        await configureProvider();
    });

    afterEach(async () => {
        await bed.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("keeps waiting across a restart of the emulator and returns the completed snapshot", async () => {
        const inputs = await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "across-restart" });
        const created = provider.create(inputs);
        await waitFor(() => operations(bed.emulator).includes("GetDiskSnapshot"), 10_000, "the first poll");

        const { port } = bed.emulator;
        await bed.emulator.stop();
        await sleep(2_000);
        bed.emulator = await startEmulator({
            port,
            statePath: path.join(dir, "state.json"),
            snapshot: { durationMs: 4_000 },
        });

        const result = await created;
        assert.equal(result.outs.state, "completed");
        assert.equal(result.id, "across-restart");
        // The restarted emulator answered the rest of the wait.
        assert.ok(operations(bed.emulator).includes("GetDiskSnapshot"));
    });
});
