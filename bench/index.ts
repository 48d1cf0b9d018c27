/**
 * `npm run bench` (through scripts/bench.sh): runs the benchmark and writes BENCHMARKS.md.
 * Sizes come from the environment (see {@link optionsFromEnv}); `BENCH_OUT` changes where the
 * report goes and `BENCH_JSON` also writes the raw results there.
 */

import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../test/support/packageInstall";
import { optionsFromEnv, runBench } from "./harness";
import { renderReport } from "./report";

async function main(): Promise<void> {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const options = optionsFromEnv(process.env, log);
    const started = performance.now();
    const report = await runBench(options);
    const out = path.resolve(REPO_ROOT, process.env.BENCH_OUT ?? "BENCHMARKS.md");
    fs.writeFileSync(out, renderReport(report));
    if (process.env.BENCH_JSON) {
        const { pollers, ...raw } = report;
        fs.writeFileSync(
            path.resolve(REPO_ROOT, process.env.BENCH_JSON),
            JSON.stringify({ ...raw, pollers: pollers.map((p) => p.id) }, null, 2),
        );
    }
    log(`bench: wrote ${path.relative(process.cwd(), out)} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().then(
    () => process.exit(0),
    (error: unknown) => {
        process.stderr.write(
            `bench: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
        process.exit(1);
    },
);
