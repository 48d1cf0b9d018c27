/**
 * The benchmark harness at tiny sizes, so that `npm run bench` cannot rot. It asserts that every
 * section runs and that the report has its tables; it asserts nothing about the numbers
 * (benchmarks never decide whether tests pass). The engine sections run the real Pulumi CLI at
 * N = 1 with two programs and one round, and the throttled section with one snapshot: about half
 * a minute, most of it the engine starting up for each command.
 */

import assert from "node:assert/strict";
import type { BenchOptions } from "../../bench/options";
import { renderReport } from "../../bench/report";
import { benchResults } from "../../bench/results";
import { type BenchReport, runBench } from "../../bench/runBench";
import { scorePollers } from "../../bench/targets";
import { pulumiBinDir } from "../../harness/engine";

const quiet = () => {};

const TINY: Omit<BenchOptions, "sections"> = {
    virtual: { durationsMs: [5_000, 60_000], curves: ["linear", "none"], runs: 5, seed: 1 },
    realtime: { durationsMs: [300, 600], runs: 1 },
    restore: { diskMs: 300, attachMs: 300, runs: 1 },
    copy: { copyMs: 300, runs: 1 },
    engine: { counts: [1], runs: 1, kinds: ["noop", "package"], probeSource: false, pluginStarts: 1 },
    throttle: { count: 1, ratePerSecond: 5, burst: 10, snapshotDurationMs: 0 },
    scale: { count: 2, ratePerSecond: 5, burst: 10 },
    shared: { counts: [3], parallel: [undefined], pageSizes: [5], snapshotDurationMs: 1_000 },
    log: quiet,
};

describe("benchmark harness (tiny sizes)", function () {
    this.timeout(120_000);

    it("runs the virtual-time, real-time and state sections and renders their tables", async function () {
        this.timeout(300_000); // packing and installing the package, when no other suite has yet
        const report: BenchReport = await runBench({ ...TINY, sections: ["virtual", "realtime", "state"] });
        assert.equal(report.virtual?.length, 2 * 2 * report.pollers.length);
        for (const cell of report.virtual ?? []) {
            assert.equal(cell.lagsMs.length, 5);
            assert.ok(cell.lag.median >= 0 && cell.call.median >= 1, `${cell.poller} ${cell.curve}`);
        }
        const ids = report.pollers.map((p) => p.id);
        for (const peer of [
            "ours",
            "ours-before",
            "ansible-5s",
            "terraform",
            "aws-native",
            "smithy-waiter",
            "grucloud-10s",
        ]) {
            assert.ok(ids.includes(peer), peer);
        }
        assert.equal(scorePollers(report.virtual ?? [], ids).find((s) => s.poller === "ansible-5s")?.additive, 2);
        assert.deepEqual(
            report.realtime?.map((r) => [r.durationMs, r.waiter, r.lagsMs.length]),
            [
                [300, "provider", 1],
                [300, "fixed-5s", 1],
                [600, "provider", 1],
                [600, "fixed-5s", 1],
            ],
        );
        assert.deepEqual(
            report.restore?.map((r) => [r.waiter, r.attachedLagsMs.length, r.attachedLag.median >= 0]),
            [
                ["provider", 1, true],
                ["fixed-5s", 1, true],
            ],
        );
        // A copy's lag can be negative by at most the emulator's clock granularity, never by a poll.
        assert.deepEqual(
            report.copy?.map((r) => [r.waiter, r.lagsMs.length, r.lag.median >= 0, r.call.median >= 1]),
            [
                ["provider", 1, true, true],
                ["fixed-5s", 1, true, true],
            ],
        );
        assert.ok(report.state && report.state.fromPackage.bytes > 0 && report.state.fromSource.bytes > 0);

        // docs/benchmarks.json: one cell per curve, duration and schedule, ours included, and the count of beaten cells.
        const results = benchResults(report);
        assert.equal(results.cells.length, report.virtual?.length);
        const ours = results.cells.filter((c) => c.schedule === "ours");
        assert.deepEqual(
            ours.map((c) => [c.curve, c.durationS]),
            [
                ["linear", 5],
                ["none", 5],
                ["linear", 60],
                ["none", 60],
            ],
        );
        for (const c of ours) assert.ok(c.lagP95S >= c.lagP50S && c.callsP50 >= 1, JSON.stringify(c));
        assert.equal(results.beatenCells?.of, 4);

        const markdown = renderReport(report);
        for (const heading of [
            "### Against every peer",
            "# Benchmarks",
            "## Summary",
            "## Machine",
            "## 1. Wait quality in virtual time",
            "### Our waiter against the targets",
            "### Weighted result",
            "## 2. Real time against the emulator",
            "### Restore and attach (DiskFromSnapshot)",
            "### Cross-region copy (DiskSnapshotCopy)",
            "## 3. State size",
        ]) {
            assert.ok(markdown.includes(heading), heading);
        }
        assert.match(markdown, /\| curve \| duration \| lag p50 \| lag p95 \| lag max \| calls \|/);
        assert.match(markdown, /\| linear \| 1 min \| \d+\.\d\d \| \d+\.\d\d \|/);
        assert.match(markdown, /\| `__provider` bytes per resource \| \d+ B \|/);
        assert.doesNotMatch(markdown, /NaN|undefined/);
    });

    it("drives the real engine at N = 1, one throttled snapshot, a small lifecycle and shared polling, and renders their tables", async function () {
        this.timeout(20 * 60_000); // a cold engine build happens here when no other suite did it
        pulumiBinDir();
        const report = await runBench({ ...TINY, sections: ["engine", "throttle", "shared"] });
        assert.deepEqual(
            report.engine?.map((r) => [r.kind, r.count, r.runs]),
            [
                ["noop", 1, 1],
                ["package", 1, 1],
            ],
        );
        const ours = report.engine?.find((r) => r.kind === "package");
        assert.ok(ours && ours.upMs > 0 && ours.previewMs > 0 && (ours.stateBytes ?? 0) > 0);
        // Both plugins started and printed a port; the figures themselves are not judged.
        assert.deepEqual(
            report.pluginStartup?.map((r) => [r.plugin, r.readyMs.length, r.rss.median > 0]),
            [
                ["native", 1, true],
                ["dynamic", 1, true],
            ],
        );
        const throttle = report.throttle;
        assert.ok(throttle);
        assert.equal(throttle.up.exitCode, 0);
        assert.equal(throttle.up.resourcesInState, 1);
        assert.equal(throttle.up.leaked, 0);
        assert.equal(throttle.destroy.snapshotsInEmulator, 0);
        // The lifecycle row: 2 snapshots, 2 copies, 1 restore, all in the state, then all gone.
        const scale = report.scale;
        assert.ok(scale);
        assert.deepEqual(
            [scale.up.exitCode, scale.up.snapshots, scale.up.copies, scale.up.restores, scale.up.failures],
            [
                0,
                { inState: 2, live: 2, leaked: 0 },
                { inState: 2, live: 2, leaked: 0 },
                { inState: 1, live: 1, leaked: 0 },
                0,
            ],
        );
        assert.deepEqual(
            [
                scale.destroy.exitCode,
                scale.destroy.snapshots.live,
                scale.destroy.copies.live,
                scale.destroy.restores.live,
            ],
            [0, 0, 0, 0],
        );
        assert.match(JSON.stringify(benchResults(report).scale), /"inState":2/);
        // Shared polling: the same three snapshots alone and shared, all in the state, every lag measured.
        assert.deepEqual(
            report.shared?.map((r) => [r.mode, r.count, r.exitCode, r.inState, r.singleReads + r.pageReads > 0]),
            [
                ["alone", 3, 0, 3, true],
                ["shared", 3, 0, 3, true],
            ],
        );
        assert.equal(report.shared?.[0].pageReads, 0, "alone reads no list");
        for (const row of report.shared ?? []) assert.ok(Number.isFinite(row.lagP50Ms), `${row.mode} lag`);

        const markdown = renderReport(report);
        assert.match(markdown, /## 4\. Engine overhead/);
        assert.match(markdown, /## 6\. Shared polling/);
        assert.match(markdown, /### The whole lifecycle at scale/);
        assert.match(markdown, /\| 1 \| `pulumi up` \| \d+\.\d \| – \| \d+\.\d \| \d+\.\d\d× \|/);
        assert.match(markdown, /### Plugin start-up: the native plugin and the dynamic-provider plugin/);
        assert.match(markdown, /## 5\. Scale under throttling/);
        assert.match(markdown, /\| up \| 0 \| \d+\.\d \| CreateDiskSnapshot 1, GetDiskSnapshot 1 \|/);
        assert.doesNotMatch(markdown, /NaN|undefined/);
    });
});
