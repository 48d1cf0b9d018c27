/**
 * The reliability suite (`npm run reliability`, docs/RELIABILITY.md) at its smoke size: two DiskSnapshot
 * fault kinds, the AutoSnapshots and DiskFromSnapshot wait failures through create and delete, a
 * DiskSnapshotCopy whose tagging fails after the copy, a lost answer through the native plugin, a
 * few bad inputs of each resource, one interrupted up, refresh and destroy of snapshots and one
 * interrupted up and destroy of AutoSnapshots and of DiskFromSnapshot with their recoveries, credentials from secret stack config, and a few emulator kills. Every target of the
 * full run must hold here too; the report it would write is checked to render.
 */

import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { renderReport } from "../../reliability/report";
import { targetsMissed } from "../../reliability/results";
import { PROFILES, runSuite } from "../../reliability/run";

describe("reliability suite (smoke profile)", function () {
    this.timeout(600_000);

    it("meets every target: no leak, nothing dangling, no crash, clear messages, no secret, no lost write", async () => {
        const profile = PROFILES.smoke;
        assert.ok(profile);
        const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "reliability-smoke-"));
        try {
            const results = await runSuite(profile, { logDir });
            const report = renderReport(results);
            assert.match(report, /## 1\. Fault matrix/);
            assert.ok(results.faults.filter((c) => c.applicable).length >= 3, "fault cells ran");
            assert.deepEqual(
                results.faults.filter((c) => c.resource === "AutoSnapshots" && c.applicable).map((c) => c.phase),
                ["create", "delete"],
                "the AutoSnapshots wait cells ran",
            );
            assert.deepEqual(
                results.faults.filter((c) => c.resource === "DiskFromSnapshot" && c.applicable).map((c) => c.phase),
                ["create", "delete"],
                "the DiskFromSnapshot wait cells ran",
            );
            assert.deepEqual(
                results.faults.filter((c) => c.resource === "DiskSnapshotCopy" && c.applicable).map((c) => c.phase),
                ["create"],
                "the DiskSnapshotCopy tag-failure cell ran",
            );
            assert.deepEqual(
                results.faults.filter((c) => c.kind === "native-reset-after" && c.applicable).map((c) => c.phase),
                ["create", "delete"],
                "the native plugin's answer-lost cells ran",
            );
            assert.deepEqual(
                results.badInputs?.results.map((r) => r.resource),
                [
                    "DiskSnapshot",
                    "DiskSnapshot",
                    "AutoSnapshots",
                    "AutoSnapshots",
                    "DiskFromSnapshot",
                    "DiskFromSnapshot",
                    "DiskSnapshotCopy",
                    "DiskSnapshotCopy",
                ],
            );
            assert.deepEqual(
                results.interruptions.map((r) => `${r.resource} ${r.command}`),
                [
                    "DiskSnapshot up",
                    "DiskSnapshot refresh",
                    "DiskSnapshot destroy",
                    "AutoSnapshots up",
                    "AutoSnapshots destroy",
                    "DiskFromSnapshot up",
                    "DiskFromSnapshot destroy",
                ],
            );
            assert.equal(results.durability?.rounds, 5);
            // One engine problem is tolerated here (docs/RELIABILITY.md reports it): kill -9 of the CLI can
            // leave the file backend's metadata sidecar empty; the run still has to converge once
            // the harness removed it.
            const engineOnly = results.interruptions.every((r) => r.converged || r.convergedWithExtraStep === true);
            const missed = targetsMissed(results).filter(
                (m) => !(engineOnly && m.startsWith("interruptions:") && m.includes("metadata sidecar")),
            );
            assert.deepEqual(missed, [], `${missed.join("\n")}\n(lane logs in ${logDir})`);
            fs.rmSync(logDir, { recursive: true, force: true });
        } catch (error) {
            process.stderr.write(`reliability smoke: lane logs kept in ${logDir}\n`);
            throw error;
        }
    });
});
