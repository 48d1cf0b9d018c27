/**
 * `npm run bench` (through scripts/bench.sh): runs the benchmark and writes docs/BENCHMARKS.md and,
 * from the same results, docs/benchmarks.json (bench/results.ts). Sizes come from the environment
 * (see {@link optionsFromEnv}); `BENCH_OUT` changes where the report goes (the JSON goes beside it,
 * as `benchmarks.json`) and `BENCH_JSON` also writes the raw results, every sample included, there.
 * `BENCH_RENDER=<file>` renders both again from such raw results, without measuring anything.
 */

import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../harness/repo";
import { REPORTS_DIR, writeReport } from "../harness/reportFile";
import { optionsFromEnv } from "./options";
import { renderReport } from "./report";
import { benchResults } from "./results";
import { type BenchReport, runBench, virtualPollers } from "./runBench";

async function main(): Promise<void> {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const started = performance.now();
    let report: BenchReport;
    if (process.env.BENCH_RENDER) {
        const raw = JSON.parse(fs.readFileSync(path.resolve(REPO_ROOT, process.env.BENCH_RENDER), "utf8")) as Omit<
            BenchReport,
            "pollers"
        > & { pollers: string[] };
        const known = virtualPollers();
        report = { ...raw, pollers: raw.pollers.map((id) => known.find((p) => p.id === id) ?? known[0]) };
    } else {
        report = await runBench(optionsFromEnv(process.env, log));
    }
    const out = path.resolve(REPO_ROOT, process.env.BENCH_OUT ?? path.join(REPORTS_DIR, "BENCHMARKS.md"));
    const problem = writeReport(out, renderReport(report));
    if (problem) log(`bench: could not format ${out} with biome: ${problem}`);
    const results = path.join(path.dirname(out), "benchmarks.json");
    const jsonProblem = writeReport(results, `${JSON.stringify(benchResults(report), null, 4)}\n`);
    if (jsonProblem) log(`bench: could not format ${results} with biome: ${jsonProblem}`);
    if (process.env.BENCH_JSON && !process.env.BENCH_RENDER) {
        const { pollers, ...raw } = report;
        fs.writeFileSync(
            path.resolve(REPO_ROOT, process.env.BENCH_JSON),
            JSON.stringify({ ...raw, pollers: pollers.map((p) => p.id) }, null, 2),
        );
    }
    log(
        `bench: wrote ${path.relative(process.cwd(), out)} and ${path.relative(process.cwd(), results)} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
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
