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
});
