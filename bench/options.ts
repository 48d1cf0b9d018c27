/**
 * What a benchmark run measures and at what size: the sections, the full and quick sizes, and the
 * `BENCH_*` environment variables that change them.
 */

import type { ProgramKind } from "./programs";
import { CURVES, VIRTUAL_DEFAULTS, type VirtualCurve } from "./virtualTime";

/** The report's sections. */
export const SECTIONS = ["virtual", "realtime", "state", "engine", "throttle", "shared"] as const;
/** One of the report's sections. */
export type Section = (typeof SECTIONS)[number];

/** Everything a run can be told. */
export interface BenchOptions {
    /** The sections to run. */
    sections: readonly Section[];
    /** Section 1: nominal snapshot durations, progress curves, seeded runs per cell, the seed. */
    virtual: {
        durationsMs: readonly number[];
        curves: readonly VirtualCurve[];
        runs: number;
        seed: number;
    };
    /** Section 2: nominal snapshot durations and snapshots per duration and waiter. */
    realtime: { durationsMs: readonly number[]; runs: number };
    /** Section 2's restore rows: nominal disk (`pending`) and attachment (`attaching`) durations, and runs. */
    restore: { diskMs: number; attachMs: number; runs: number };
    /** Section 2's copy rows: nominal time a cross-region copy stays pending, and runs. */
    copy: { copyMs: number; runs: number };
    /** Section 4: resource counts and rounds per count. */
    engine: {
        counts: readonly number[];
        runs: number;
        /** The programs to compare (default: the no-op floor, the shaped no-op and ours). */
        kinds?: readonly ProgramKind[];
        /** Starts of each plugin for the start-up rows. */
        pluginStarts: number;
        /** Also try `pulumi up` with the package imported by path (default true). */
        probeSource?: boolean;
    };
    /** Section 5: snapshots, the emulator's rate limit and burst, and the snapshot duration. */
    throttle: { count: number; ratePerSecond: number; burst: number; snapshotDurationMs: number };
    /** Section 5's lifecycle row: snapshots (as many copies, half as many restores), rate limit and burst. */
    scale: { count: number; ratePerSecond: number; burst: number };
    /** Section 6: snapshots created together, `--parallel` values (undefined: the default), page sizes, duration. */
    shared: {
        counts: readonly number[];
        parallel: readonly (number | undefined)[];
        pageSizes: readonly number[];
        snapshotDurationMs: number;
    };
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
    restore: { diskMs: 20_000, attachMs: 5_000, runs: 5 },
    copy: { copyMs: 20_000, runs: 5 },
    engine: { counts: [1, 10, 100], runs: 5, pluginStarts: 20 },
    throttle: { count: 100, ratePerSecond: 5, burst: 10, snapshotDurationMs: 0 },
    scale: { count: 100, ratePerSecond: 5, burst: 10 },
    shared: { counts: [10, 100, 300], parallel: [undefined, 64], pageSizes: [5, 25, 100], snapshotDurationMs: 5_000 },
};

/** The sizes of `BENCH_QUICK=1`: every section, a few minutes. */
export const QUICK: Omit<BenchOptions, "log" | "sections"> = {
    virtual: { ...FULL.virtual, runs: 60 },
    realtime: { durationsMs: [5_000, 20_000], runs: 3 },
    restore: { diskMs: 5_000, attachMs: 2_000, runs: 2 },
    copy: { copyMs: 5_000, runs: 2 },
    engine: { counts: [1, 10], runs: 2, pluginStarts: 5 },
    throttle: { count: 20, ratePerSecond: 5, burst: 10, snapshotDurationMs: 0 },
    scale: { count: 10, ratePerSecond: 5, burst: 10 },
    shared: { counts: [10, 30], parallel: [undefined, 64], pageSizes: [5, 25], snapshotDurationMs: 2_000 },
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
 * `BENCH_THROTTLE_COUNT`, `BENCH_SCALE_COUNT` (snapshots of the lifecycle row), `BENCH_SHARED_COUNTS`
 * (snapshots created together in section 6), `BENCH_SEED`.
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
        restore: { ...base.restore, runs: runs ?? base.restore.runs },
        copy: { ...base.copy, runs: runs ?? base.copy.runs },
        engine: {
            counts: numbers(env.BENCH_ENGINE_COUNTS) ?? base.engine.counts,
            runs: runs ?? base.engine.runs,
            pluginStarts: base.engine.pluginStarts,
        },
        throttle: {
            ...base.throttle,
            count: integer(env.BENCH_THROTTLE_COUNT, "BENCH_THROTTLE_COUNT") ?? base.throttle.count,
        },
        scale: { ...base.scale, count: integer(env.BENCH_SCALE_COUNT, "BENCH_SCALE_COUNT") ?? base.scale.count },
        shared: { ...base.shared, counts: numbers(env.BENCH_SHARED_COUNTS) ?? base.shared.counts },
        log,
    };
}
