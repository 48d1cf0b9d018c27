/**
 * Mocha reporter: the usual Spec output, then one plain line counted from mocha's own statistics:
 *
 *     12 passed, 0 failed
 *     10 passed, 1 failed, 2 skipped
 *
 * "failed" counts failed tests and failed hooks (mocha's `stats.failures`); "skipped" counts pending
 * tests (`it.skip`, `this.skip()`, tests without a body) and is omitted when zero. When the environment
 * variable MOCHA_SUMMARY_FILE is set, the same line is also written to that file (scripts/test.sh uses it
 * to notice a run that never finished).
 *
 * Usage: mocha --reporter ./harness/summary-reporter.js 'test/**\/*.test.ts'
 */
const { writeFileSync } = require("node:fs");
const Mocha = require("mocha");

const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

/**
 * Formats the summary line.
 *
 * @param {{passes: number, failures: number, pending: number}} stats mocha run statistics
 * @returns {string} e.g. "3 passed, 1 failed, 2 skipped"
 */
function summaryLine(stats) {
    const parts = [`${stats.passes} passed`, `${stats.failures} failed`];
    if (stats.pending > 0) {
        parts.push(`${stats.pending} skipped`);
    }
    return parts.join(", ");
}

class SummaryReporter extends Spec {
    constructor(runner, options) {
        super(runner, options);
        // Registered after Spec's own handler, so the line comes after its epilogue.
        runner.once(EVENT_RUN_END, () => {
            const line = summaryLine(this.stats);
            process.stdout.write(`${line}\n`);
            const file = process.env.MOCHA_SUMMARY_FILE;
            if (file) {
                writeFileSync(file, `${line}\n`);
            }
        });
    }
}

module.exports = SummaryReporter;
module.exports.summaryLine = summaryLine;
