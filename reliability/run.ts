/**
 * The reliability suite: fault matrix, bad inputs, interruptions, secrets and emulator durability,
 * at a profile's size, with every stack ("lane") of every section in one pool so the machine stays
 * busy. `npm run reliability` runs the full profile and writes docs/RELIABILITY.md; the test command
 * runs the smoke profile through `test/reliability/reliability.smoke.test.ts`.
 *
 * ```
 * tsx reliability/run.ts [--profile full|smoke] [--out FILE] [--seed N]
 *     [--only faults,bad-inputs,interruptions,secrets,durability] [--log-dir DIR] [--render-only]
 * ```
 *
 * Exits 1 when a target is missed (the report is written anyway).
 *
 * @module
 */

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { BAD_INPUTS, type BadInput } from "../harness/badInputs";
import { PULUMI_VERSION } from "../harness/engine";
import { Rng } from "../harness/random";
import { DEV_PULUMI_VERSION, REPO_ROOT } from "../harness/repo";
import { REPORTS_DIR, writeReport } from "../harness/reportFile";
import { type BadInputsReport, badInputChunks, mergeBadInputs, runBadInputChunk } from "./badInputs";
import { type DurabilityReport, runDurability } from "./durability";
import { type CellResult, FAULT_KINDS, type Phase, runFaultKind } from "./faultMatrix";
import {
    type InterruptionRun,
    runAutoSnapshotsInterruptions,
    runCopyInterruptions,
    runInterruptionLane,
    runRestoreInterruptions,
} from "./interruptions";
import { pool } from "./pool";
import { renderReport } from "./report";
import { type SuiteResults, targetsMissed } from "./results";
import { runSecrets, type SecretsReport } from "./secrets";
import { SUBJECT_TYPES } from "./subjects";

/** The environment variables the test beds set. */
const ENV_KEYS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL_LIGHTSAIL", "AWS_REGION"];

/** The sections. */
export const SECTIONS = ["faults", "bad-inputs", "interruptions", "secrets", "durability"] as const;
/** A section. */
export type Section = (typeof SECTIONS)[number];

/** How big a run is. */
export interface Profile {
    name: string;
    /** Fault kinds (ids) to run; all when undefined. */
    faultKinds?: readonly string[];
    /** Phases of each fault kind; all when undefined. */
    faultPhases?: readonly Phase[];
    /** Bad-input cases: all, or a seeded sample of this many of each resource. */
    badInputs: "all" | number;
    /** Stacks the bad inputs are spread over. */
    badInputLanes: number;
    /** Interruption lanes and cycles per lane (each cycle interrupts up, refresh and destroy once). */
    interruptionLanes: number;
    interruptionCycles: number;
    /** Cycles of the AutoSnapshots interruption lane (each interrupts up and destroy once; 0: none). */
    autoSnapshotsInterruptionCycles: number;
    /** Cycles of the DiskFromSnapshot interruption lane (each interrupts up and destroy once; 0: none). */
    restoreInterruptionCycles: number;
    /** Cycles of the DiskSnapshotCopy interruption lane (each interrupts up and destroy once; 0: none). */
    copyInterruptionCycles: number;
    /** Credential ways (ids); all when undefined. */
    secretWays?: readonly string[];
    /** Emulator kills. */
    durabilityRounds: number;
}

/** The profiles. */
export const PROFILES: Record<string, Profile> = {
    full: {
        name: "full",
        badInputs: "all",
        badInputLanes: 3,
        interruptionLanes: 4,
        interruptionCycles: 10,
        autoSnapshotsInterruptionCycles: 3,
        restoreInterruptionCycles: 6,
        copyInterruptionCycles: 6,
        durabilityRounds: 100,
    },
    smoke: {
        name: "smoke",
        faultKinds: [
            "reset-after",
            "snapshot-error",
            "auto-wait-error",
            "restore-wait-error",
            "copy-tag-error",
            "native-reset-after",
        ],
        faultPhases: ["create", "delete"],
        badInputs: 2,
        badInputLanes: 1,
        interruptionLanes: 1,
        interruptionCycles: 1,
        autoSnapshotsInterruptionCycles: 1,
        restoreInterruptionCycles: 1,
        copyInterruptionCycles: 0,
        secretWays: ["config-secret"],
        durabilityRounds: 5,
    },
};

/** A seeded sample of the bad-input corpus: `perResource` cases of each resource. */
export function sampleBadInputs(perResource: number, seed: number): BadInput[] {
    const shuffled = new Rng(seed).shuffle(BAD_INPUTS);
    const resources = [...new Set(BAD_INPUTS.map((c) => c.resource))];
    return resources.flatMap((resource) => shuffled.filter((c) => c.resource === resource).slice(0, perResource));
}

/** Options of {@link runSuite}. */
export interface SuiteOptions {
    seed?: number;
    /** Sections to run (default all). */
    only?: readonly Section[];
    /** Lanes at once (default `RELIABILITY_CONCURRENCY` or 3). */
    concurrency?: number;
    /** Where each lane's commands go. */
    logDir?: string;
    /** Progress lines. */
    log?: (line: string) => void;
}

/** Runs the suite at a profile's size. */
export async function runSuite(profile: Profile, options: SuiteOptions = {}): Promise<SuiteResults> {
    const seed = options.seed ?? 20_261_129;
    const only = new Set<Section>(options.only ?? SECTIONS);
    const concurrency = options.concurrency ?? (Number(process.env.RELIABILITY_CONCURRENCY) || 3);
    const started = Date.now();
    const log = options.log ?? (() => undefined);
    const section = { log, ...(options.logDir ? { logDir: options.logDir } : {}) };
    const sectionStart: Record<string, number> = {};
    const sectionEnd: Record<string, number> = {};
    const harnessErrors: string[] = [];
    const timed = (name: string, task: () => Promise<void>) => async () => {
        sectionStart[name] ??= Date.now();
        try {
            await task();
        } catch (error) {
            // One lane failing outright must not lose the others' results.
            harnessErrors.push(`${name}: ${(error as Error).message.split("\n")[0]}`);
            log(`${name}: ${(error as Error).stack ?? error}`);
        } finally {
            sectionEnd[name] = Date.now();
        }
    };

    const faults: CellResult[] = [];
    const interruptions: InterruptionRun[] = [];
    const badReports: BadInputsReport[] = [];
    let secrets: SecretsReport | undefined;
    let durability: DurabilityReport | undefined;

    // Longest tasks first, so the pool ends evenly.
    const tasks: (() => Promise<void>)[] = [];
    if (only.has("interruptions")) {
        for (let lane = 0; lane < profile.interruptionLanes; lane++) {
            tasks.push(
                timed("interruptions", async () => {
                    interruptions.push(
                        ...(await runInterruptionLane(lane, {
                            ...section,
                            cycles: profile.interruptionCycles,
                            lanes: 1,
                            seed,
                        })),
                    );
                }),
            );
        }
    }
    if (only.has("interruptions") && profile.autoSnapshotsInterruptionCycles > 0) {
        tasks.push(
            timed("interruptions", async () => {
                interruptions.push(
                    ...(await runAutoSnapshotsInterruptions({
                        ...section,
                        cycles: profile.autoSnapshotsInterruptionCycles,
                        seed,
                    })),
                );
            }),
        );
    }
    if (only.has("interruptions") && profile.restoreInterruptionCycles > 0) {
        tasks.push(
            timed("interruptions", async () => {
                interruptions.push(
                    ...(await runRestoreInterruptions({ ...section, cycles: profile.restoreInterruptionCycles, seed })),
                );
            }),
        );
    }
    if (only.has("interruptions") && profile.copyInterruptionCycles > 0) {
        tasks.push(
            timed("interruptions", async () => {
                interruptions.push(
                    ...(await runCopyInterruptions({ ...section, cycles: profile.copyInterruptionCycles, seed })),
                );
            }),
        );
    }
    if (only.has("faults")) {
        const kinds = FAULT_KINDS.filter((k) => !profile.faultKinds || profile.faultKinds.includes(k.id));
        for (const kind of kinds) {
            tasks.push(
                timed("faults", async () => {
                    faults.push(
                        ...(await runFaultKind(kind, {
                            ...section,
                            ...(profile.faultPhases ? { phases: profile.faultPhases } : {}),
                        })),
                    );
                }),
            );
        }
    }
    if (only.has("secrets")) {
        tasks.push(
            timed("secrets", async () => {
                secrets = await runSecrets({ ...section, ...(profile.secretWays ? { ways: profile.secretWays } : {}) });
            }),
        );
    }
    if (only.has("bad-inputs")) {
        const cases = profile.badInputs === "all" ? BAD_INPUTS : sampleBadInputs(profile.badInputs, seed);
        for (const chunk of badInputChunks(cases, profile.badInputLanes)) {
            tasks.push(
                timed("bad-inputs", async () => {
                    badReports.push(await runBadInputChunk(chunk, section));
                }),
            );
        }
    }
    if (only.has("durability")) {
        tasks.push(
            timed("durability", async () => {
                durability = await runDurability(profile.durabilityRounds, seed, section);
            }),
        );
    }
    // Lanes point process.env at their emulators while they live (harness/testBed.ts) and
    // restore it when they stop; side by side they may restore out of order, so put it back here.
    const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
    try {
        await pool(tasks, concurrency, (task) => task());
    } finally {
        for (const [key, value] of Object.entries(saved)) {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
        }
    }

    const order = new Map(FAULT_KINDS.map((k, i) => [k.id, i]));
    faults.sort((a, b) => (order.get(a.kind) ?? 0) - (order.get(b.kind) ?? 0));
    interruptions.sort(
        (a, b) =>
            SUBJECT_TYPES.indexOf(a.resource) - SUBJECT_TYPES.indexOf(b.resource) ||
            a.lane - b.lane ||
            a.cycle - b.cycle,
    );
    return {
        profile: profile.name,
        seed,
        startedAt: new Date(started).toISOString().replace(/\.\d+Z$/, "Z"),
        durationMs: Date.now() - started,
        sectionMs: Object.fromEntries(
            Object.keys(sectionStart).map((k) => [k, (sectionEnd[k] ?? Date.now()) - (sectionStart[k] ?? 0)]),
        ),
        environment: {
            pulumi: PULUMI_VERSION,
            "@pulumi/pulumi": DEV_PULUMI_VERSION,
            node: process.version,
            cores: String(os.cpus().length),
            "load average at the end": os
                .loadavg()
                .map((n) => n.toFixed(1))
                .join(" / "),
            "lanes at once": String(concurrency),
        },
        faults,
        ...(badReports.length > 0 ? { badInputs: mergeBadInputs(badReports) } : {}),
        interruptions,
        ...(secrets ? { secrets } : {}),
        ...(durability ? { durability } : {}),
        ...(harnessErrors.length > 0 ? { harnessErrors } : {}),
    };
}

/** Writes the report, saying when it could not be formatted. */
function report(out: string, markdown: string): void {
    const problem = writeReport(out, markdown);
    if (problem) process.stderr.write(`reliability: ${out} left unformatted: ${problem}\n`);
}

/** The command line. */
async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            profile: { type: "string", default: "full" },
            out: { type: "string" },
            seed: { type: "string" },
            only: { type: "string" },
            "log-dir": { type: "string" },
            "render-only": { type: "boolean", default: false },
        },
    });
    const profile = PROFILES[values.profile ?? "full"];
    if (!profile) throw new Error(`unknown profile ${values.profile}; one of ${Object.keys(PROFILES).join(", ")}`);
    const out = path.resolve(values.out ?? path.join(REPORTS_DIR, "RELIABILITY.md"));
    const resultsFile = path.join(REPO_ROOT, ".cache", "reliability", `results-${profile.name}.json`);
    if (values["render-only"]) {
        const saved = JSON.parse(fs.readFileSync(resultsFile, "utf8")) as SuiteResults;
        report(out, renderReport(saved));
        return;
    }
    const logDir = path.resolve(values["log-dir"] ?? path.join(REPO_ROOT, ".cache", "reliability", "logs"));
    fs.rmSync(logDir, { recursive: true, force: true });
    const only = values.only?.split(",").map((s) => s.trim()) as Section[] | undefined;
    for (const s of only ?? []) if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s}`);
    const t0 = Date.now();
    const results = await runSuite(profile, {
        ...(values.seed ? { seed: Number(values.seed) } : {}),
        ...(only ? { only } : {}),
        logDir,
        log: (line) => process.stderr.write(`[${Math.round((Date.now() - t0) / 1000)}s] ${line}\n`),
    });
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 1)}\n`);
    report(out, renderReport(results));

    const missed = targetsMissed(results);
    process.stderr.write(`reliability: wrote ${out} (${Math.round(results.durationMs / 1000)} s)\n`);
    for (const m of missed) process.stderr.write(`reliability: target missed: ${m}\n`);
    process.exitCode = missed.length > 0 ? 1 : 0;
}

if (require.main === module) {
    main().then(
        () => process.exit(),
        (error) => {
            process.stderr.write(`reliability: ${(error as Error).stack ?? error}\n`);
            process.exit(2);
        },
    );
}
