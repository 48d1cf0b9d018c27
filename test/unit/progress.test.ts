import assert from "node:assert/strict";
import { ProgressReporter } from "../../provider/progress";

describe("progress: ProgressReporter", () => {
    it("prints at most one line per 10 % of progress", () => {
        const reporter = new ProgressReporter(`DiskSnapshot "s" (us-east-1)`, 0);
        const lines: string[] = [];
        for (let percent = 0; percent < 100; percent++) {
            const line = reporter.observe(percent * 1_000, "pending", percent);
            if (line) lines.push(line);
        }
        assert.equal(lines.length, 9);
        assert.equal(lines[0], `DiskSnapshot "s" (us-east-1): pending, 10%, 10s elapsed`);
        assert.match(lines[8], /90%, 1m30s elapsed$/);
    });

    it("prints every 30 s when progress does not move or is not reported", () => {
        const reporter = new ProgressReporter("s", 0);
        const lines = [5_000, 29_000, 31_000, 45_000, 61_000, 62_000].map((t) =>
            reporter.observe(t, "pending", undefined),
        );
        assert.deepEqual(
            lines.map((l) => l !== undefined),
            [false, false, true, false, true, false],
        );
        assert.match(lines[2] ?? "", /progress not reported, 31s elapsed/);
    });

    it("stays quiet for a snapshot that completes quickly", () => {
        const reporter = new ProgressReporter("s", 0);
        assert.equal(reporter.observe(100, "pending", 0), undefined);
        assert.equal(reporter.observe(900, "completed", 100), undefined);
    });

    it("counts the 30 s from its own start, on any clock, and from exactly 30 s", () => {
        const start = 5_000_000;
        const reporter = new ProgressReporter("s", start);
        assert.equal(reporter.observe(start + 29_999, undefined, undefined), undefined);
        assert.equal(
            reporter.observe(start + 30_000, undefined, undefined),
            "s: pending, progress not reported, 30s elapsed",
        );
        assert.equal(reporter.observe(start + 59_999, "pending", undefined), undefined);
        assert.equal(
            reporter.observe(start + 60_000, "pending", undefined),
            "s: pending, progress not reported, 1m00s elapsed",
        );
    });

    it("keeps the progress step it reached when a later answer reports none", () => {
        const reporter = new ProgressReporter("s", 0);
        assert.equal(reporter.observe(1_000, "pending", 20), "s: pending, 20%, 1s elapsed");
        assert.equal(reporter.observe(2_000, "pending", undefined), undefined, "no news in an answer without progress");
        assert.equal(reporter.observe(3_000, "pending", 25), undefined, "still the 20 % step");
        assert.equal(reporter.observe(4_000, "pending", 30.4), "s: pending, 30%, 4s elapsed");
    });

    it("prints the next step at once after a line that reported no progress", () => {
        const reporter = new ProgressReporter("s", 0);
        assert.equal(reporter.observe(31_000, "pending", undefined), "s: pending, progress not reported, 31s elapsed");
        assert.equal(reporter.observe(32_000, "pending", 40), "s: pending, 40%, 32s elapsed");
    });

    it("stays quiet in the first step before 30 s, on a clock far from zero", () => {
        const start = 5_000_000;
        const reporter = new ProgressReporter("s", start);
        assert.equal(reporter.observe(start + 1_000, "pending", 5), undefined);
        assert.equal(reporter.observe(start + 29_999, "pending", 9), undefined);
        assert.equal(reporter.observe(start + 30_000, "pending", 9), "s: pending, 9%, 30s elapsed");
    });

    it("after 30 s quiet, prints even when progress has not left its first step", () => {
        const reporter = new ProgressReporter("s", 0);
        assert.equal(reporter.observe(30_000, "pending", 5), "s: pending, 5%, 30s elapsed");
    });
});
