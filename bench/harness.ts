/**
 * The benchmark harness: runs the sections it is asked for and returns their results, which
 * report.ts turns into BENCHMARKS.md. `npm run bench` (scripts/bench.sh → bench/index.ts) runs it
 * at full size; test/bench/bench.smoke.test.ts runs it at tiny sizes so that it cannot rot.
 */

import * as os from "node:os";
import type { ProgressCurve } from "../emulator/types";
import { pulumiBinDir } from "../harness/engine";
import { consumerWithPackage } from "../harness/packageInstall";
import {
    type EngineBed,
    type EngineRow,
    probeSource,
    runEngineOverhead,
    runThrottled,
    type SourceProbe,
    startEngineBed,
    type ThrottleResult,
} from "./engine";
import { type MachineInfo, machineInfo } from "./machine";
import { PEERS, type Poller, productionWaiter } from "./pollers";
import { previousWaiter } from "./previousSchedule";
import type { ProgramKind } from "./programs";
import { type RealTimeRow, runRealTime } from "./realTime";
import { type SerializedProvider, serializeFromPackage, serializeFromSource } from "./stateSize";
import { CURVES, runVirtual, VIRTUAL_DEFAULTS, type VirtualCell } from "./virtualTime";

/** The report's sections. */
export const SECTIONS = ["virtual", "realtime", "state", "engine", "throttle"] as const;
export type Section = (typeof SECTIONS)[number];

/** Everything a run can be told. */
export interface BenchOptions {
    sections: readonly Section[];
    virtual: {
        durationsMs: readonly number[];
        curves: readonly ProgressCurve[];
        runs: number;
        seed: number;
    };
    realtime: { durationsMs: readonly number[]; runs: number };
    engine: {
        counts: readonly number[];
        runs: number;
        /** The programs to compare (default: the no-op floor, the shaped no-op and ours). */
        kinds?: readonly ProgramKind[];
        /** Also try `pulumi up` with the package imported by path (default true). */
        probeSource?: boolean;
    };
    throttle: { count: number; ratePerSecond: number; burst: number; snapshotDurationMs: number };
    /** Progress lines (stderr by default). */
    log: (line: string) => void;
}

/** The sizes of a full run (`npm run bench`). */
export const FULL: Omit<BenchOptions, "log" | "sections"> = {
    virtual: {
        durationsMs: [5_000, 20_000, 60_000, 300_000, 1_200_000, 3_600_000],
        curves: CURVES,
        runs: 400,
        seed: VIRTUAL_DEFAULTS.seed,
    },
    realtime: { durationsMs: [5_000, 20_000, 60_000], runs: 5 },
    engine: { counts: [1, 10, 100], runs: 5 },
    throttle: { count: 100, ratePerSecond: 5, burst: 10, snapshotDurationMs: 0 },
};

/** The sizes of `BENCH_QUICK=1`: every section, a few minutes. */
export const QUICK: Omit<BenchOptions, "log" | "sections"> = {
    virtual: { ...FULL.virtual, runs: 60 },
    realtime: { durationsMs: [5_000, 20_000], runs: 3 },
    engine: { counts: [1, 10], runs: 2 },
    throttle: { count: 20, ratePerSecond: 5, burst: 10, snapshotDurationMs: 0 },
};

function numbers(text: string | undefined): number[] | undefined {
    if (!text) return undefined;
    const values = text.split(",").map((v) => Number(v.trim()));
    if (values.some((v) => !Number.isFinite(v) || v < 0)) throw new Error(`not a list of numbers: ${text}`);
    return values;
}

function integer(text: string | undefined, name: string): number | undefined {
    if (text === undefined || text === "") return undefined;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not ${text}`);
    return value;
}

/**
 * Options from the environment:
 * `BENCH_QUICK=1` (smaller sizes), `BENCH_SECTIONS=virtual,realtime,state,engine,throttle`,
 * `BENCH_RUNS` (real-time and engine runs, default 5), `BENCH_VIRTUAL_RUNS` (default 400),
 * `BENCH_DURATIONS_S` (virtual), `BENCH_REALTIME_DURATIONS_S`, `BENCH_ENGINE_COUNTS`,
 * `BENCH_THROTTLE_COUNT`, `BENCH_SEED`.
 */
export function optionsFromEnv(env: Record<string, string | undefined>, log: (line: string) => void): BenchOptions {
    const base = env.BENCH_QUICK === "1" ? QUICK : FULL;
    const sections = (env.BENCH_SECTIONS ?? SECTIONS.join(","))
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    for (const section of sections) {
        if (!SECTIONS.includes(section as Section)) {
            throw new Error(`unknown section "${section}" in BENCH_SECTIONS; known: ${SECTIONS.join(", ")}`);
        }
    }
    const runs = integer(env.BENCH_RUNS, "BENCH_RUNS");
    const seconds = (list: number[] | undefined) => list?.map((s) => s * 1000);
    return {
        sections: sections as Section[],
        virtual: {
            ...base.virtual,
            runs: integer(env.BENCH_VIRTUAL_RUNS, "BENCH_VIRTUAL_RUNS") ?? base.virtual.runs,
            durationsMs: seconds(numbers(env.BENCH_DURATIONS_S)) ?? base.virtual.durationsMs,
            seed: integer(env.BENCH_SEED, "BENCH_SEED") ?? base.virtual.seed,
        },
        realtime: {
            durationsMs: seconds(numbers(env.BENCH_REALTIME_DURATIONS_S)) ?? base.realtime.durationsMs,
            runs: runs ?? base.realtime.runs,
        },
        engine: { counts: numbers(env.BENCH_ENGINE_COUNTS) ?? base.engine.counts, runs: runs ?? base.engine.runs },
        throttle: {
            ...base.throttle,
            count: integer(env.BENCH_THROTTLE_COUNT, "BENCH_THROTTLE_COUNT") ?? base.throttle.count,
        },
        log,
    };
}

/** Section 3's per-resource numbers. */
export interface StateSizes {
    fromSource: SerializedProvider;
    fromPackage: SerializedProvider;
}

/** Everything a run measured. */
export interface BenchReport {
    options: Omit<BenchOptions, "log">;
    machine: MachineInfo;
    pollers: Poller[];
    virtual?: VirtualCell[];
    realtime?: RealTimeRow[];
    state?: StateSizes;
    engine?: EngineRow[];
    sourceProbe?: SourceProbe;
    throttle?: ThrottleResult;
    /** Wall time of each section, ms. */
    sectionMs: Partial<Record<Section, number>>;
    finishedAt?: string;
}

/** The pollers section 1 compares, ours first. */
export function virtualPollers(): Poller[] {
    return [productionWaiter(), previousWaiter, ...PEERS];
}

/** Runs the sections asked for. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
    const wants = (section: Section) => options.sections.includes(section);
    const needsEngine = wants("engine") || wants("throttle");
    const binDir = needsEngine ? pulumiBinDir() : undefined;
    const { log, ...rest } = options;
    const report: BenchReport = {
        options: rest,
        machine: machineInfo(binDir),
        pollers: virtualPollers(),
        sectionMs: {},
    };
    const timed = async <T>(section: Section, body: () => Promise<T>): Promise<T> => {
        const started = performance.now();
        log(`bench: ${section}...`);
        try {
            return await body();
        } finally {
            report.sectionMs[section] = performance.now() - started;
            log(`bench: ${section} done in ${((report.sectionMs[section] ?? 0) / 1000).toFixed(1)} s`);
        }
    };

    if (wants("virtual")) {
        report.virtual = await timed("virtual", () =>
            runVirtual({ ...VIRTUAL_DEFAULTS, ...options.virtual, pollers: report.pollers }),
        );
    }
    if (wants("realtime")) {
        report.realtime = await timed("realtime", () => runRealTime({ ...options.realtime, log }));
    }
    let engine: EngineBed | undefined;
    try {
        if (needsEngine) engine = await startEngineBed(log);
        if (wants("state")) {
            const consumer = engine?.consumer ?? consumerWithPackage();
            report.state = await timed("state", async () => ({
                fromSource: await serializeFromSource(),
                fromPackage: await serializeFromPackage(consumer),
            }));
        }
        if (engine && wants("engine")) {
            const bed = engine;
            report.engine = await timed("engine", () => runEngineOverhead(bed, { ...options.engine, log }));
            if (options.engine.probeSource !== false) report.sourceProbe = await probeSource(bed);
        }
        if (engine && wants("throttle")) {
            const bed = engine;
            report.throttle = await timed("throttle", () => runThrottled(bed, options.throttle, log));
        }
    } finally {
        await engine?.stop();
    }
    report.machine.loadAtEnd = os.loadavg();
    report.finishedAt = new Date().toISOString();
    return report;
}
