/**
 * The benchmark run: the sections it is asked for, and their results, which report.ts turns into
 * docs/BENCHMARKS.md. `npm run bench` (scripts/bench.sh → bench/index.ts) runs it at full size;
 * test/bench/bench.smoke.test.ts runs it at tiny sizes so that it cannot rot.
 */

import * as os from "node:os";
import { pulumiBinDir } from "../harness/engine";
import { consumerWithPackage } from "../harness/packageInstall";
import { type CopyWaitRow, runCopyWait } from "./copyWait";
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
import type { BenchOptions, Section } from "./options";
import { type PluginStartupRow, runPluginStartup } from "./pluginStartup";
import { PEERS, type Poller, productionWaiter } from "./pollers";
import { previousWaiter } from "./previousSchedule";
import { type RealTimeRow, runRealTime } from "./realTime";
import { type RestoreWaitRow, runRestoreWait } from "./restoreWait";
import { runScale, type ScaleResult } from "./scale";
import { runSharedPolling, type SharedPollingRow } from "./sharedPolling";
import { type SerializedProvider, serializeFromPackage, serializeFromSource } from "./stateSize";
import { runVirtual, VIRTUAL_DEFAULTS, type VirtualCell } from "./virtualTime";

/** Section 3's per-resource numbers. */
export interface StateSizes {
    /** Serialized in this process, the package imported from its TypeScript source. */
    fromSource: SerializedProvider;
    /** Serialized in a consumer folder with the packed package installed. */
    fromPackage: SerializedProvider;
}

/** Everything a run measured. */
export interface BenchReport {
    /** What the run was told. */
    options: Omit<BenchOptions, "log">;
    /** What it ran on. */
    machine: MachineInfo;
    /** The pollers of section 1, ours first. */
    pollers: Poller[];
    /** Section 1, one cell per duration, curve and poller. */
    virtual?: VirtualCell[];
    /** Section 2, one row per duration and waiter. */
    realtime?: RealTimeRow[];
    /** Section 2's restore rows, one per waiter. */
    restore?: RestoreWaitRow[];
    /** Section 2's copy rows, one per waiter. */
    copy?: CopyWaitRow[];
    /** Section 3. */
    state?: StateSizes;
    /** Section 4, one row per program and count. */
    engine?: EngineRow[];
    /** Section 4's plugin start-up rows, one per plugin. */
    pluginStartup?: PluginStartupRow[];
    /** Whether the provider imported by path survives a real `pulumi up`. */
    sourceProbe?: SourceProbe;
    /** Section 5. */
    throttle?: ThrottleResult;
    /** Section 5's lifecycle row. */
    scale?: ScaleResult;
    /** Section 6, one row per `pulumi up`. */
    shared?: SharedPollingRow[];
    /** Wall time of each section, ms. */
    sectionMs: Partial<Record<Section, number>>;
    /** When the run ended (ISO 8601). */
    finishedAt?: string;
}

/** The pollers section 1 compares, ours first. */
export function virtualPollers(): Poller[] {
    return [productionWaiter(), previousWaiter, ...PEERS];
}

/** Runs the sections asked for. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
    const wants = (section: Section) => options.sections.includes(section);
    const needsEngine = wants("engine") || wants("throttle") || wants("shared");
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
        report.realtime = await timed("realtime", async () => {
            const rows = await runRealTime({ ...options.realtime, log });
            report.restore = await runRestoreWait({ ...options.restore, log });
            report.copy = await runCopyWait({ ...options.copy, log });
            return rows;
        });
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
            report.engine = await timed("engine", async () => {
                const rows = await runEngineOverhead(bed, { ...options.engine, log });
                report.pluginStartup = await runPluginStartup({ runs: options.engine.pluginStarts, log });
                return rows;
            });
            if (options.engine.probeSource !== false) report.sourceProbe = await probeSource(bed);
        }
        if (engine && wants("throttle")) {
            const bed = engine;
            report.throttle = await timed("throttle", async () => {
                const result = await runThrottled(bed, options.throttle, log);
                report.scale = await runScale(bed, options.scale, log);
                return result;
            });
        }
        if (engine && wants("shared")) {
            const bed = engine;
            report.shared = await timed("shared", () => runSharedPolling(bed, { ...options.shared, log }));
        }
    } finally {
        await engine?.stop();
    }
    report.machine.loadAtEnd = os.loadavg();
    report.finishedAt = new Date().toISOString();
    return report;
}
