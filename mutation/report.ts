/**
 * Renders `docs/MUTATION.md` from Stryker's JSON reports (`reports/mutation/<chunk>.json`, one per
 * chunk of a scope), and merges them into `reports/mutation/mutation.json`.
 *
 * Scores are counted as Stryker counts them: killed plus timed out over valid mutants (killed,
 * timed out, survived, no coverage). Every mutant that survived, or that no test covers, is listed
 * with its account from `mutation/accounts.json` (the test that now kills it, or why it is
 * equivalent), or as not yet accounted for.
 *
 * Usage: `tsx mutation/report.ts` (run by `npm run mutation`); `tsx mutation/report.ts --chunks`
 * prints the chunks of every scope, in the order `npm run mutation` runs them;
 * `tsx mutation/report.ts --keep-other-files <chunk> <previous report>` completes a chunk's report
 * after a run over some of its files (`MUTATION_FILES`).
 */

import * as fs from "node:fs";
import * as path from "node:path";
import { REPORTS_DIR, writeReport } from "../harness/reportFile";

const ROOT = path.resolve(__dirname, "..");
const REPORTS = path.join(ROOT, "reports", "mutation");
const SCOPES = ["provider", "emulator"] as const;
/**
 * The Stryker runs (one JSON report each) that make up each scope: provider/ runs in the modules the
 * unit suite covers on its own (`provider-unit`) and the four parts of the AWS side.
 */
const CHUNKS: Record<(typeof SCOPES)[number], string[]> = {
    provider: ["provider-unit", "provider-lightsail", "provider-resources", "provider-native", "provider-core"],
    emulator: ["emulator"],
};
/** The score each scope is held to. */
const TARGETS: Record<(typeof SCOPES)[number], number> = { provider: 90, emulator: 80 };

/** One mutant, as Stryker's mutation-testing-report-schema writes it (the members read here). */
interface Mutant {
    id: string;
    mutatorName: string;
    replacement?: string;
    status: "Killed" | "Survived" | "NoCoverage" | "Timeout" | "CompileError" | "RuntimeError" | "Ignored" | "Pending";
    location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** A Stryker JSON report. */
interface Report {
    schemaVersion: string;
    thresholds: { high: number; low: number };
    files: Record<string, { language: string; source: string; mutants: Mutant[] }>;
    [key: string]: unknown;
}

/** Why a surviving mutant is acceptable, or which test kills it now. */
interface Account {
    /** Repository-relative file. */
    file: string;
    /** Line of the mutant. */
    line: number;
    /** Stryker's mutator name. */
    mutator: string;
    /** The mutant's column, for a line with mutants of one mutator that need different accounts. */
    column?: number;
    /** `equivalent`: no behaviour changes; `killed`: a test added since kills it. */
    verdict: "equivalent" | "killed";
    /** The reason (equivalent) or the test (killed). */
    note: string;
}

/** Counts of one file or folder. */
interface Tally {
    killed: number;
    timeout: number;
    survived: number;
    noCoverage: number;
    ignored: number;
}

/** The source files each scope mutates (as its Stryker configuration's `mutate` globs say). */
function scopeFiles(scope: (typeof SCOPES)[number]): string[] {
    const under = (folder: string) =>
        fs
            .readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })
            .filter((name) => name.endsWith(".ts"))
            .map((name) => path.posix.join(folder, name.split(path.sep).join("/")));
    return scope === "provider" ? under("provider") : ["emulator/validation.ts", ...under("emulator/handlers")];
}

const emptyTally = (): Tally => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 });

function add(tally: Tally, mutant: Mutant): void {
    if (mutant.status === "Killed") tally.killed++;
    else if (mutant.status === "Timeout") tally.timeout++;
    else if (mutant.status === "Survived") tally.survived++;
    else if (mutant.status === "NoCoverage") tally.noCoverage++;
    else tally.ignored++;
}

/** Killed plus timed out over valid mutants, in percent; undefined without valid mutants. */
export function score(tally: Tally): number | undefined {
    const valid = tally.killed + tally.timeout + tally.survived + tally.noCoverage;
    return valid === 0 ? undefined : (100 * (tally.killed + tally.timeout)) / valid;
}

const percent = (value: number | undefined) => (value === undefined ? "n/a" : `${value.toFixed(2)} %`);

/**
 * A scope's report: the files of all its chunks' reports, and whether every chunk has one; undefined
 * when none has run.
 */
function readReport(scope: (typeof SCOPES)[number]): { report: Report; complete: boolean } | undefined {
    const reports = CHUNKS[scope]
        .map((chunk) => path.join(REPORTS, `${chunk}.json`))
        .filter((file) => fs.existsSync(file))
        .map((file) => JSON.parse(fs.readFileSync(file, "utf8")) as Report);
    const [first] = reports;
    if (!first) return undefined;
    return {
        report: { ...first, files: Object.assign({}, ...reports.map((report) => report.files)) },
        complete: reports.length === CHUNKS[scope].length,
    };
}

function readAccounts(): Account[] {
    const file = path.join(__dirname, "accounts.json");
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Account[]) : [];
}

function tableRow(cells: (string | number)[]): string {
    return `| ${cells.join(" | ")} |`;
}

function sourceLine(source: string, line: number): string {
    return (source.split("\n")[line - 1] ?? "").trim().replace(/\|/g, "\\|").slice(0, 100);
}

function main(): void {
    const accounts = readAccounts();
    const accountOf = (file: string, mutant: Mutant) =>
        accounts.find(
            (a) =>
                a.file === file &&
                a.line === mutant.location.start.line &&
                a.mutator === mutant.mutatorName &&
                (a.column === undefined || a.column === mutant.location.start.column),
        );
    let mergedReport: Report | undefined;
    const lines: string[] = [];
    const summary: string[] = [];
    const survivorLines: string[] = [];
    const notes: string[] = [];
    let unaccounted = 0;
    const used = new Set<Account>();
    let allComplete = true;
    /** Files whose source is no longer what their run mutated: their results are out of date. */
    const changedSince: string[] = [];

    for (const scope of SCOPES) {
        const run = readReport(scope);
        if (!run) {
            summary.push(
                tableRow([
                    `\`${scope}/\``,
                    `0 of ${scopeFiles(scope).length}`,
                    "not run",
                    `${TARGETS[scope]} %`,
                    "-",
                    "-",
                    "-",
                    "-",
                ]),
            );
            allComplete = false;
            continue;
        }
        const { report, complete } = run;
        if (!complete) allComplete = false;
        mergedReport ??= { ...report, files: {} };
        const scopeTally = emptyTally();
        const fileRows: string[] = [];
        for (const [file, entry] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
            mergedReport.files[file] = entry;
            const current = path.join(ROOT, file);
            if (!fs.existsSync(current) || fs.readFileSync(current, "utf8") !== entry.source) changedSince.push(file);
            const tally = emptyTally();
            for (const mutant of entry.mutants) {
                add(tally, mutant);
                add(scopeTally, mutant);
                if (mutant.status !== "Survived" && mutant.status !== "NoCoverage") continue;
                const account = accountOf(file, mutant);
                if (account) used.add(account);
                else unaccounted++;
                const what = `\`${file}:${mutant.location.start.line}\` ${mutant.mutatorName}${mutant.status === "NoCoverage" ? " (no coverage)" : ""}`;
                const change =
                    mutant.replacement === undefined
                        ? ""
                        : ` → \`${mutant.replacement.replace(/\s+/g, " ").slice(0, 60)}\``;
                const verdict = account ? `${account.verdict}: ${account.note}` : "**not yet accounted for**";
                survivorLines.push(
                    `- ${what}: \`${sourceLine(entry.source, mutant.location.start.line)}\`${change}. ${verdict}`,
                );
            }
            fileRows.push(
                tableRow([
                    `\`${file}\``,
                    percent(score(tally)),
                    tally.killed,
                    tally.timeout,
                    tally.survived,
                    tally.noCoverage,
                ]),
            );
        }
        const value = score(scopeTally);
        const expected = scopeFiles(scope);
        const measured = expected.filter((file) => file in report.files).length;
        // Stryker leaves out a file it found nothing to mutate in (types and re-exports only).
        const empty = expected.filter((file) => !(file in report.files));
        if (complete && empty.length > 0) {
            notes.push(
                `Nothing to mutate in ${empty.map((file) => `\`${file}\``).join(", ")}: types and re-exports only.`,
            );
        }
        summary.push(
            tableRow([
                `\`${scope}/\``,
                `${measured} of ${expected.length}`,
                percent(value),
                `${TARGETS[scope]} %`,
                !complete ? "**partial run**" : value !== undefined && value >= TARGETS[scope] ? "met" : "**not met**",
                scopeTally.killed + scopeTally.timeout,
                scopeTally.survived,
                scopeTally.noCoverage,
            ]),
        );
        lines.push(`### \`${scope}/\``, "");
        lines.push(tableRow(["file", "score", "killed", "timed out", "survived", "no coverage"]));
        lines.push(tableRow(["---", "---:", "---:", "---:", "---:", "---:"]));
        lines.push(...fileRows, "");
    }

    if (mergedReport) {
        fs.mkdirSync(REPORTS, { recursive: true });
        fs.writeFileSync(path.join(REPORTS, "mutation.json"), JSON.stringify(mergedReport));
    }
    const method = fs.readFileSync(path.join(__dirname, "METHOD.md"), "utf8").trim();
    const document = [
        "# Mutation testing",
        "",
        "Generated by `npm run mutation` (`mutation/report.ts`) from Stryker's JSON reports; do not edit by hand.",
        "",
        "## Summary",
        "",
        tableRow(["scope", "files mutated", "score", "target", "", "detected", "survived", "no coverage"]),
        tableRow(["---", "---:", "---:", "---:", "---", "---:", "---:", "---:"]),
        ...summary,
        "",
        `Surviving and uncovered mutants not yet accounted for: ${unaccounted}.`,
        "",
        changedSince.length === 0
            ? "Every file's results are of its source as it is now."
            : `**Out of date:** ${changedSince.map((file) => `\`${file}\``).join(", ")} changed since their run (rerun them with \`MUTATION_FILES\`).`,
        "",
        ...notes.flatMap((note) => [note, ""]),
        method,
        "",
        "## Scores per file",
        "",
        ...lines,
        "## Surviving and uncovered mutants",
        "",
        ...(survivorLines.length > 0 ? survivorLines : ["None."]),
        "",
    ].join("\n");
    const problem = writeReport(path.join(REPORTS_DIR, "MUTATION.md"), document);
    if (problem) process.stderr.write(`docs/MUTATION.md left unformatted: ${problem}\n`);
    process.stdout.write(`${summary.join("\n")}\nnot yet accounted for: ${unaccounted}\n`);
    // An account no mutant needs (killed since, or its code moved) could later match an unrelated one.
    const unused = accounts.filter((account) => !used.has(account));
    if (allComplete && unused.length > 0) {
        const where = unused.map((a) => `${a.file}:${a.line} ${a.mutator}`).join(", ");
        process.stdout.write(`accounts no surviving mutant matches (remove them): ${where}\n`);
    }
}

/**
 * After a run of `chunk` over some of its files only: puts the other files of `previous` (the
 * chunk's report before the run) back into the chunk's report, so that it covers the whole chunk
 * again. A file another chunk's report has is refused: each module is mutated by one chunk.
 */
function keepOtherFiles(chunk: string, previous: string): void {
    const current = path.join(REPORTS, `${chunk}.json`);
    const rerun = JSON.parse(fs.readFileSync(current, "utf8")) as Report;
    for (const other of SCOPES.flatMap((scope) => CHUNKS[scope]).filter((name) => name !== chunk)) {
        const file = path.join(REPORTS, `${other}.json`);
        if (!fs.existsSync(file)) continue;
        const theirs = (JSON.parse(fs.readFileSync(file, "utf8")) as Report).files;
        const taken = Object.keys(rerun.files).filter((name) => name in theirs);
        if (taken.length > 0) {
            fs.copyFileSync(previous, current);
            throw new Error(
                `${taken.join(", ")}: mutated by the ${other} chunk, not ${chunk}; its report is left as it was`,
            );
        }
    }
    const before = JSON.parse(fs.readFileSync(previous, "utf8")) as Report;
    rerun.files = { ...before.files, ...rerun.files };
    fs.writeFileSync(current, JSON.stringify(rerun));
}

const keepIndex = process.argv.indexOf("--keep-other-files");
if (process.argv.includes("--chunks")) process.stdout.write(`${SCOPES.flatMap((scope) => CHUNKS[scope]).join(" ")}\n`);
else if (keepIndex >= 0) keepOtherFiles(process.argv[keepIndex + 1], process.argv[keepIndex + 2]);
else main();
