/**
 * Sections 3 (state bytes), 4 (engine overhead) and 5 (scale under throttling): the real Pulumi
 * CLI with a temporary file backend, programs in a consumer folder where the packed package is
 * installed as users install it, and the emulator in this process.
 */

import * as fs from "node:fs";
import * as path from "node:path";
import type { RequestLogEntry } from "../emulator";
import { REGION } from "../harness/account";
import { createPulumiWorkspace, type PulumiWorkspace, type RunResult } from "../harness/engine";
import { consumerWithPackage } from "../harness/packageInstall";
import { REPO_ROOT } from "../harness/repo";
import { type LightsailTestBed, startTestBed } from "../harness/testBed";
import { DISK_SNAPSHOT_TYPE } from "../provider";
import { procAvailable, sampleProviderRss } from "./procfs";
import { type ProgramKind, writeProgram } from "./programs";
import { median } from "./stats";

/** Everything the engine sections share. */
export interface EngineBed {
    bed: LightsailTestBed;
    ws: PulumiWorkspace;
    programs: Record<ProgramKind, string>;
    consumer: string;
    stop(): Promise<void>;
}

/** Starts the emulator (instant snapshots, Disk-1), installs the package and writes the programs. */
export async function startEngineBed(log: (line: string) => void): Promise<EngineBed> {
    log("engine: packing and installing the package into a consumer folder");
    const consumer = consumerWithPackage();
    const bed = await startTestBed({ snapshot: { durationMs: 0, curve: "linear" }, requestLogLimit: 1_000_000 });
    bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
    const sourceParent = path.join(REPO_ROOT, ".cache");
    const programs: Record<ProgramKind, string> = {
        package: writeProgram(consumer, "package"),
        noop: writeProgram(consumer, "noop"),
        "noop-shaped": writeProgram(consumer, "noop-shaped"),
        lifecycle: writeProgram(consumer, "lifecycle"),
        source: writeProgram(sourceParent, "source", path.join(REPO_ROOT, "dist", "provider", "index.js")),
    };
    const ws = createPulumiWorkspace({
        prefix: "bench-engine-",
        env: { ...bed.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    return {
        bed,
        ws,
        programs,
        consumer,
        stop: async () => {
            await ws.cleanup();
            await bed.stop();
            for (const dir of Object.values(programs)) fs.rmSync(dir, { recursive: true, force: true });
        },
    };
}

/** Wall time of one command, with its result. */
export async function timed(run: () => Promise<RunResult>): Promise<{ ms: number; result: RunResult }> {
    const started = performance.now();
    const result = await run();
    return { ms: performance.now() - started, result };
}

let stackCounter = 0;

/** A stack of one program, created fresh and removed (state only: `stack rm --force`) when done. */
export async function withStack<T>(
    engine: EngineBed,
    kind: ProgramKind,
    count: number,
    body: (pulumi: (args: string[], allowFailure?: boolean) => Promise<RunResult>) => Promise<T>,
): Promise<T> {
    const cwd = engine.programs[kind];
    const stack = `b${process.pid}-${kind}-${count}-${++stackCounter}`;
    const env = { BENCH_COUNT: String(count) };
    await engine.ws.run(["stack", "init", stack, "--secrets-provider", "passphrase"], { cwd, env });
    const pulumi = (args: string[], allowFailure = false) =>
        engine.ws.run([...args, "--stack", stack], { cwd, env, allowFailure, timeoutMs: 15 * 60_000 });
    try {
        return await body(pulumi);
    } finally {
        await engine.ws.run(["stack", "rm", stack, "--yes", "--force"], { cwd, env, allowFailure: true });
    }
}

/** One engine measurement: preview and up of N resources of one program. */
export interface EngineSample {
    kind: ProgramKind;
    count: number;
    previewMs: number;
    upMs: number;
    /** Peak RSS of the dynamic-provider plugin during `up`, bytes. */
    pluginPeakRssBytes?: number;
    /** `pulumi stack export` after `up`, bytes (measured on the first run of each size). */
    stateBytes?: number;
    /** Facts about that state. */
    state?: StateFacts;
}

interface ExportedState {
    deployment?: {
        resources?: {
            type: string;
            id?: string;
            inputs?: Record<string, unknown>;
            outputs?: Record<string, unknown>;
        }[];
    };
}

/** Facts about an exported state. */
export interface StateFacts {
    /** `pulumi stack export` bytes. */
    bytes: number;
    /** Resources other than the stack and default providers. */
    resources: number;
    /** Mean `__provider` bytes per resource (the serialized text, once). */
    providerBytes?: number;
    /** Mean copies of `__provider` per resource (inputs and outputs). */
    providerCopies?: number;
    /** Mean bytes per resource that the `__provider` copies take in the export (JSON-escaped). */
    providerExportBytes?: number;
}

function stateFacts(exported: string): StateFacts {
    const state = JSON.parse(exported) as ExportedState;
    const resources = (state.deployment?.resources ?? []).filter(
        (r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"),
    );
    const copies = resources.flatMap((r) =>
        [r.inputs?.__provider, r.outputs?.__provider].filter((p): p is string => typeof p === "string"),
    );
    const n = resources.length;
    return {
        bytes: Buffer.byteLength(exported),
        resources: n,
        providerBytes: n ? copies.reduce((a, p) => a + Buffer.byteLength(p), 0) / copies.length : undefined,
        providerCopies: n ? copies.length / n : undefined,
        providerExportBytes: n ? copies.reduce((a, p) => a + Buffer.byteLength(JSON.stringify(p)), 0) / n : undefined,
    };
}

/** `pulumi preview` then `pulumi up --yes --skip-preview` of N resources on a fresh stack. */
export async function measureEngine(
    engine: EngineBed,
    kind: ProgramKind,
    count: number,
    options: { exportState: boolean },
): Promise<EngineSample> {
    return withStack(engine, kind, count, async (pulumi) => {
        const preview = await timed(() => pulumi(["preview"]));
        const sampler = procAvailable() ? sampleProviderRss(engine.programs[kind]) : undefined;
        const up = await timed(() => pulumi(["up", "--yes", "--skip-preview"]));
        const pluginPeakRssBytes = sampler?.stop();
        const sample: EngineSample = { kind, count, previewMs: preview.ms, upMs: up.ms, pluginPeakRssBytes };
        if (options.exportState) {
            const facts = stateFacts((await pulumi(["stack", "export"])).stdout);
            if (facts.resources !== count) {
                throw new Error(`${kind} N=${count}: ${facts.resources} resources in the state after up`);
            }
            sample.stateBytes = facts.bytes;
            sample.state = facts;
        }
        return sample;
    });
}

/** Options of {@link runEngineOverhead}. */
export interface EngineOverheadOptions {
    counts: readonly number[];
    runs: number;
    /** The programs to compare (default {@link OVERHEAD_KINDS}). */
    kinds?: readonly ProgramKind[];
    log: (line: string) => void;
}

/** The programs section 4 compares, in the order of the first round. */
export const OVERHEAD_KINDS = ["noop", "noop-shaped", "package"] as const;

/** Medians per program and size. */
export interface EngineRow {
    kind: ProgramKind;
    count: number;
    runs: number;
    previewMs: number;
    upMs: number;
    pluginPeakRssBytes?: number;
    stateBytes?: number;
    state?: StateFacts;
    samples: EngineSample[];
}

function summarizeEngine(samples: EngineSample[]): EngineRow {
    const [first] = samples;
    const defined = (values: (number | undefined)[]) => values.filter((v): v is number => v !== undefined);
    const rss = defined(samples.map((s) => s.pluginPeakRssBytes));
    return {
        kind: first.kind,
        count: first.count,
        runs: samples.length,
        previewMs: median(samples.map((s) => s.previewMs)),
        upMs: median(samples.map((s) => s.upMs)),
        pluginPeakRssBytes: rss.length ? median(rss) : undefined,
        stateBytes: samples.find((s) => s.stateBytes !== undefined)?.stateBytes,
        state: samples.find((s) => s.state !== undefined)?.state,
        samples,
    };
}

/**
 * Section 4 (and the state bytes of section 3): for each size, `runs` rounds in which the
 * programs take turns (the order rotates every round), each on a fresh stack.
 */
export async function runEngineOverhead(engine: EngineBed, options: EngineOverheadOptions): Promise<EngineRow[]> {
    const rows: EngineRow[] = [];
    for (const count of options.counts) {
        const kinds = options.kinds ?? OVERHEAD_KINDS;
        const samples = new Map<ProgramKind, EngineSample[]>(kinds.map((k) => [k, []]));
        for (let run = 0; run < options.runs; run++) {
            const order = kinds.map((_, i) => kinds[(i + run) % kinds.length]);
            for (const kind of order) {
                const sample = await measureEngine(engine, kind, count, { exportState: run === 0 });
                samples.get(kind)?.push(sample);
                options.log(
                    `engine: ${kind} N=${count} run ${run + 1}/${options.runs}: preview ${(sample.previewMs / 1000).toFixed(1)} s, up ${(sample.upMs / 1000).toFixed(1)} s`,
                );
            }
        }
        for (const kind of kinds) rows.push(summarizeEngine(samples.get(kind) ?? []));
    }
    return rows;
}

/** Whether a program importing the package by path (serialized by value) survives `pulumi up`. */
export interface SourceProbe {
    ok: boolean;
    /** The first error line, when it failed. */
    error?: string;
    state?: StateFacts;
}

/** `pulumi up` of one snapshot from the program that imports the repository's build by path. */
export async function probeSource(engine: EngineBed): Promise<SourceProbe> {
    return withStack(engine, "source", 1, async (pulumi) => {
        const up = await pulumi(["up", "--yes", "--skip-preview"], true);
        if (up.code !== 0) {
            const error = /error: (.+)/.exec(up.stdout)?.[1] ?? `exit code ${up.code}`;
            return { ok: false, error: error.trim() };
        }
        return { ok: true, state: stateFacts((await pulumi(["stack", "export"])).stdout) };
    });
}

/** Section 5: one `up` and one `destroy` of N snapshots with the emulator rate-limited. */
export interface ThrottleResult {
    count: number;
    ratePerSecond: number;
    burst: number;
    snapshotDurationMs: number;
    up: PhaseResult;
    destroy: PhaseResult;
}

/** What one throttled command did. */
export interface PhaseResult {
    exitCode: number;
    wallMs: number;
    /** Requests the emulator answered (not throttled), by operation. */
    accepted: Record<string, number>;
    acceptedTotal: number;
    /** Requests refused with ThrottlingException. */
    throttled: number;
    /** The fewest calls the phase could make (Create + one Get per snapshot; one Delete per snapshot). */
    minimumCalls: number;
    /** (accepted − burst) / rate: no client could finish these calls sooner. */
    lowerBoundMs: number;
    /** (minimum calls − burst) / rate. */
    minimumLowerBoundMs: number;
    /** Resources in the state after the phase. */
    resourcesInState: number;
    /** Snapshots in the emulator after the phase. */
    snapshotsInEmulator: number;
    /** Snapshots in the emulator the state does not know (leaks). */
    leaked: number;
    /** Snapshots the phase should have handled but did not (not in the state after up; left after destroy). */
    failures: number;
}

/** Requests the emulator answered, by operation, and those it refused with ThrottlingException. */
export function countCalls(entries: RequestLogEntry[]): Pick<PhaseResult, "accepted" | "acceptedTotal" | "throttled"> {
    const accepted: Record<string, number> = {};
    let throttled = 0;
    for (const entry of entries) {
        if (entry.errorType === "ThrottlingException") {
            throttled++;
            continue;
        }
        const op = entry.operation ?? "?";
        accepted[op] = (accepted[op] ?? 0) + 1;
    }
    return { accepted, throttled, acceptedTotal: Object.values(accepted).reduce((a, b) => a + b, 0) };
}

/** Runs section 5. */
export async function runThrottled(
    engine: EngineBed,
    options: { count: number; ratePerSecond: number; burst: number; snapshotDurationMs: number },
    log: (line: string) => void,
): Promise<ThrottleResult> {
    const emulator = engine.bed.emulator;
    emulator.reset();
    emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
    emulator.setSnapshotBehaviour({ durationMs: options.snapshotDurationMs, curve: "linear" });
    const limit = { ratePerSecond: options.ratePerSecond, burst: options.burst };
    const phase = async (
        pulumi: (args: string[], allowFailure?: boolean) => Promise<RunResult>,
        args: string[],
        minimumCalls: number,
    ): Promise<PhaseResult> => {
        emulator.clearRequests();
        emulator.setRateLimit(limit);
        const { ms, result } = await timed(() => pulumi(args, true));
        emulator.setRateLimit(undefined);
        const calls = countCalls(emulator.requests());
        const state = JSON.parse((await pulumi(["stack", "export"])).stdout) as ExportedState;
        const ids = new Set(
            (state.deployment?.resources ?? []).filter((r) => r.type === DISK_SNAPSHOT_TYPE).map((r) => r.id ?? ""),
        );
        const live = emulator.snapshots(REGION).map((s) => s.name);
        const rate = options.ratePerSecond / 1000;
        return {
            exitCode: result.code,
            wallMs: ms,
            ...calls,
            minimumCalls,
            lowerBoundMs: Math.max(0, calls.acceptedTotal - options.burst) / rate,
            minimumLowerBoundMs: Math.max(0, minimumCalls - options.burst) / rate,
            resourcesInState: ids.size,
            snapshotsInEmulator: live.length,
            leaked: live.filter((name) => !ids.has(name)).length,
            failures: 0,
        };
    };
    return withStack(engine, "package", options.count, async (pulumi) => {
        const up = await phase(pulumi, ["up", "--yes", "--skip-preview"], 2 * options.count);
        up.failures = options.count - up.resourcesInState;
        log(
            `throttle: up of ${options.count}: exit ${up.exitCode}, ${(up.wallMs / 1000).toFixed(1)} s, ${up.acceptedTotal} calls + ${up.throttled} throttled`,
        );
        const destroy = await phase(pulumi, ["destroy", "--yes", "--skip-preview"], options.count);
        destroy.failures = destroy.resourcesInState;
        log(
            `throttle: destroy: exit ${destroy.exitCode}, ${(destroy.wallMs / 1000).toFixed(1)} s, ${destroy.acceptedTotal} calls + ${destroy.throttled} throttled`,
        );
        return { ...options, up, destroy };
    });
}
