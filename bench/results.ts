/**
 * docs/benchmarks.json: the figures of a run in a form other tools can read, taken from the same
 * {@link BenchReport} that report.ts renders docs/BENCHMARKS.md from. Per-run samples are left out
 * (they are in the raw report `BENCH_JSON` writes); every figure here is a median, a percentile or a
 * count. Times are in seconds, sizes in bytes. Pure.
 */

import type { PhaseResult } from "./engine";
import type { BenchReport } from "./runBench";
import type { ScalePhase, ScaleResult } from "./scale";
import type { SharedPollingRow } from "./sharedPolling";
import type { Summary } from "./stats";
import { frontierCells } from "./targets";

/** One duration × curve cell of one schedule, as the consumers read it. */
export interface ResultCell {
    curve: string;
    /** The nominal duration, s. */
    durationS: number;
    /** The schedule's id (`ours`, `ours-before`, or a peer's). */
    schedule: string;
    lagP50S: number;
    lagP95S: number;
    callsP50: number;
}

/** Every figure of a run, machine-readable. */
export interface BenchResults {
    /** The commit measured and when the run ended. */
    commit: string;
    finishedAt?: string;
    /** Sections run and their sizes. */
    sections: readonly string[];
    virtualRunsPerCell?: number;
    /** Cells where a peer beats ours (lower-or-equal median lag and calls, one strictly), and of how many. */
    beatenCells?: { count: number; of: number; cells: { curve: string; durationS: number; by: string[] }[] };
    cells: ResultCell[];
    realtime: { durationS: number; waiter: string; lagP50S: number; lagP95S: number; callsP50: number }[];
    restore: {
        waiter: string;
        availableLagP50S: number;
        attachedLagP50S: number;
        attachedLagP95S: number;
        callsP50: number;
    }[];
    copy: { waiter: string; lagP50S: number; lagP95S: number; callsP50: number }[];
    state?: { providerBytesFromPackage: number; providerBytesFromSource: number };
    engine: {
        kind: string;
        count: number;
        runs: number;
        previewS: number;
        upS: number;
        pluginPeakRssBytes?: number;
        stateBytes?: number;
    }[];
    pluginStartup: { plugin: string; readyP50S: number; rssP50Bytes: number }[];
    throttle?: {
        count: number;
        ratePerSecond: number;
        burst: number;
        up: PhaseFigures;
        destroy: PhaseFigures;
    };
    /** Section 6: one row per `pulumi up` of snapshots created together, alone or shared. */
    shared: (Omit<SharedPollingRow, "wallMs" | "lagP50Ms" | "lagP95Ms"> & {
        readCalls: number;
        wallS: number;
        lagP50S: number;
        lagP95S: number;
    })[];
    /** The lifecycle row: snapshots, copies and restores under the same rate limit. */
    scale?: Omit<ScaleResult, "up" | "destroy" | "snapshotDurationMs" | "diskDurationMs"> & {
        snapshotDurationS: number;
        diskDurationS: number;
        up: ScaleFigures;
        destroy: ScaleFigures;
    };
}

/** The figures of one command of the lifecycle row. */
export type ScaleFigures = Omit<ScalePhase, "wallMs" | "lowerBoundMs"> & { wallS: number; lowerBoundS: number };

/** The figures of one throttled command. */
export type PhaseFigures = Omit<PhaseResult, "wallMs" | "lowerBoundMs" | "minimumLowerBoundMs"> & {
    wallS: number;
    lowerBoundS: number;
};

const s = (ms: number) => Math.round(ms) / 1000;
const p50 = (summary: Summary) => s(summary.median);
const p95 = (summary: Summary) => s(summary.p95);

function scalePhase(result: ScalePhase): ScaleFigures {
    const { wallMs, lowerBoundMs, ...rest } = result;
    return { ...rest, wallS: s(wallMs), lowerBoundS: s(lowerBoundMs) };
}

function phase(result: PhaseResult): PhaseFigures {
    const { wallMs, lowerBoundMs, minimumLowerBoundMs: _, ...rest } = result;
    return { ...rest, wallS: s(wallMs), lowerBoundS: s(lowerBoundMs) };
}

/** The machine-readable figures of `report`. */
export function benchResults(report: BenchReport): BenchResults {
    const virtual = report.virtual ?? [];
    const frontier = report.virtual
        ? frontierCells(
              virtual,
              report.pollers.map((p) => p.id),
          )
        : undefined;
    const beaten = frontier?.filter((f) => f.beatenBy.length > 0);
    return {
        commit: report.machine.commit,
        finishedAt: report.finishedAt,
        sections: report.options.sections,
        virtualRunsPerCell: report.virtual ? report.options.virtual.runs : undefined,
        beatenCells:
            frontier && beaten
                ? {
                      count: beaten.length,
                      of: frontier.length,
                      cells: beaten.map((f) => ({ curve: f.curve, durationS: f.durationMs / 1000, by: f.beatenBy })),
                  }
                : undefined,
        cells: virtual.map((c) => ({
            curve: c.curve,
            durationS: c.durationMs / 1000,
            schedule: c.poller,
            lagP50S: p50(c.lag),
            lagP95S: p95(c.lag),
            callsP50: c.call.median,
        })),
        realtime: (report.realtime ?? []).map((r) => ({
            durationS: r.durationMs / 1000,
            waiter: r.waiter,
            lagP50S: p50(r.lag),
            lagP95S: p95(r.lag),
            callsP50: r.call.median,
        })),
        restore: (report.restore ?? []).map((r) => ({
            waiter: r.waiter,
            availableLagP50S: p50(r.availableLag),
            attachedLagP50S: p50(r.attachedLag),
            attachedLagP95S: p95(r.attachedLag),
            callsP50: r.call.median,
        })),
        copy: (report.copy ?? []).map((r) => ({
            waiter: r.waiter,
            lagP50S: p50(r.lag),
            lagP95S: p95(r.lag),
            callsP50: r.call.median,
        })),
        state: report.state
            ? {
                  providerBytesFromPackage: report.state.fromPackage.bytes,
                  providerBytesFromSource: report.state.fromSource.bytes,
              }
            : undefined,
        engine: (report.engine ?? []).map((r) => ({
            kind: r.kind,
            count: r.count,
            runs: r.runs,
            previewS: s(r.previewMs),
            upS: s(r.upMs),
            pluginPeakRssBytes: r.pluginPeakRssBytes,
            stateBytes: r.stateBytes,
        })),
        pluginStartup: (report.pluginStartup ?? []).map((r) => ({
            plugin: r.plugin,
            readyP50S: p50(r.ready),
            rssP50Bytes: r.rss.median,
        })),
        throttle: report.throttle
            ? {
                  count: report.throttle.count,
                  ratePerSecond: report.throttle.ratePerSecond,
                  burst: report.throttle.burst,
                  up: phase(report.throttle.up),
                  destroy: phase(report.throttle.destroy),
              }
            : undefined,
        scale: report.scale ? scaleFigures(report.scale) : undefined,
        shared: (report.shared ?? []).map(({ wallMs, lagP50Ms, lagP95Ms, ...row }) => ({
            ...row,
            readCalls: row.singleReads + row.pageReads,
            wallS: s(wallMs),
            lagP50S: s(lagP50Ms),
            lagP95S: s(lagP95Ms),
        })),
    };
}

function scaleFigures(sc: ScaleResult): NonNullable<BenchResults["scale"]> {
    const { up, destroy, snapshotDurationMs, diskDurationMs, ...rest } = sc;
    return {
        ...rest,
        snapshotDurationS: s(snapshotDurationMs),
        diskDurationS: s(diskDurationMs),
        up: scalePhase(up),
        destroy: scalePhase(destroy),
    };
}
