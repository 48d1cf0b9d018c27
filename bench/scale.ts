/**
 * Section 5's lifecycle row: one `pulumi up` of N snapshots, a cross-region copy of each and a disk
 * restored from each of the first N/2 (bench/programs.ts `lifecycle`), then `pulumi destroy`, with
 * the emulator's token bucket limiting every request, at the emulator's default durations. It
 * counts what the state holds and what the emulator holds after each command (nothing may be lost
 * or leaked), the calls accepted and throttled, the wall time against the lower bound the rate
 * sets, and the plugin's peak memory.
 */

import { DEFAULT_RESOURCE_DURATION_MS, DEFAULT_SNAPSHOT_BEHAVIOUR } from "../emulator";
import { REGION } from "../harness/account";
import type { RunResult } from "../harness/engine";
import { DISK_FROM_SNAPSHOT_TYPE, DISK_SNAPSHOT_COPY_TYPE, DISK_SNAPSHOT_TYPE } from "../provider";
import { countCalls, type EngineBed, type PhaseResult, timed, withStack } from "./engine";
import { procAvailable, sampleProviderRss } from "./procfs";
import { COPY_REGION } from "./programs";

/** Options of {@link runScale}. */
export interface ScaleOptions {
    /** Snapshots (and copies); half as many restored disks. */
    count: number;
    ratePerSecond: number;
    burst: number;
}

/** What each kind of resource came to after one command: in the state, in the emulator, leaked. */
export interface KindCount {
    /** Resources of the kind in the state. */
    inState: number;
    /** The emulator's resources of the kind (the seeded source disk not counted). */
    live: number;
    /** Live resources the state does not know. */
    leaked: number;
}

/** One command of the lifecycle row. */
export type ScalePhase = Pick<PhaseResult, "exitCode" | "wallMs" | "accepted" | "acceptedTotal" | "throttled"> & {
    /** (accepted − burst) / rate: no client could finish these calls sooner. */
    lowerBoundMs: number;
    snapshots: KindCount;
    copies: KindCount;
    restores: KindCount;
    /** Resources the command should have handled but did not (not in the state after `up`; left after `destroy`). */
    failures: number;
    /** The plugin's peak resident memory during the command, bytes (undefined without /proc). */
    pluginPeakRssBytes?: number;
};

/** The lifecycle row. */
export interface ScaleResult extends ScaleOptions {
    restoreCount: number;
    snapshotDurationMs: number;
    diskDurationMs: number;
    up: ScalePhase;
    destroy: ScalePhase;
}

const SOURCE_DISK = "Disk-1";

interface ExportedState {
    deployment?: { resources?: { type: string; id?: string }[] };
}

function kindCount(ids: Set<string>, live: string[]): KindCount {
    return { inState: ids.size, live: live.length, leaked: live.filter((name) => !ids.has(name)).length };
}

/** Runs the lifecycle row of section 5. */
export async function runScale(
    engine: EngineBed,
    options: ScaleOptions,
    log: (line: string) => void,
): Promise<ScaleResult> {
    const emulator = engine.bed.emulator;
    emulator.reset();
    emulator.seedDisk({ name: SOURCE_DISK, region: REGION, sizeInGb: 32 });
    // The emulator's defaults: the engine bed makes snapshots instant for the other sections.
    emulator.setSnapshotBehaviour(DEFAULT_SNAPSHOT_BEHAVIOUR);
    const restoreCount = Math.floor(options.count / 2);
    const expected = 2 * options.count + restoreCount;
    const cwd = engine.programs.lifecycle;
    const phase = async (
        pulumi: (args: string[], allowFailure?: boolean) => Promise<RunResult>,
        args: string[],
    ): Promise<ScalePhase> => {
        emulator.clearRequests();
        emulator.setRateLimit({ ratePerSecond: options.ratePerSecond, burst: options.burst });
        const sampler = procAvailable() ? sampleProviderRss(cwd) : undefined;
        const { ms, result } = await timed(() => pulumi(args, true));
        const pluginPeakRssBytes = sampler?.stop();
        emulator.setRateLimit(undefined);
        const calls = countCalls(emulator.requests());
        const state = JSON.parse((await pulumi(["stack", "export"])).stdout) as ExportedState;
        const ids = (type: string) =>
            new Set((state.deployment?.resources ?? []).filter((r) => r.type === type).map((r) => r.id ?? ""));
        const world = emulator.core.world.read(REGION);
        return {
            exitCode: result.code,
            wallMs: ms,
            ...calls,
            lowerBoundMs: (Math.max(0, calls.acceptedTotal - options.burst) / options.ratePerSecond) * 1000,
            snapshots: kindCount(
                ids(DISK_SNAPSHOT_TYPE),
                emulator.snapshots(REGION).map((s) => s.name),
            ),
            copies: kindCount(
                ids(DISK_SNAPSHOT_COPY_TYPE),
                emulator.snapshots(COPY_REGION).map((s) => s.name),
            ),
            restores: kindCount(
                ids(DISK_FROM_SNAPSHOT_TYPE),
                Object.keys(world.disks).filter((name) => name !== SOURCE_DISK),
            ),
            failures: 0,
            pluginPeakRssBytes,
        };
    };
    const kinds = (p: ScalePhase) => [p.snapshots, p.copies, p.restores];
    return withStack(engine, "lifecycle", options.count, async (pulumi) => {
        const up = await phase(pulumi, ["up", "--yes", "--skip-preview"]);
        up.failures = expected - kinds(up).reduce((sum, k) => sum + k.inState, 0);
        log(
            `scale: up of ${expected}: exit ${up.exitCode}, ${(up.wallMs / 1000).toFixed(1)} s, ${up.acceptedTotal} calls + ${up.throttled} throttled`,
        );
        const destroy = await phase(pulumi, ["destroy", "--yes", "--skip-preview"]);
        destroy.failures = kinds(destroy).reduce((sum, k) => sum + k.live, 0);
        log(
            `scale: destroy: exit ${destroy.exitCode}, ${(destroy.wallMs / 1000).toFixed(1)} s, ${destroy.acceptedTotal} calls + ${destroy.throttled} throttled`,
        );
        return {
            ...options,
            restoreCount,
            snapshotDurationMs: DEFAULT_SNAPSHOT_BEHAVIOUR.durationMs,
            diskDurationMs: DEFAULT_RESOURCE_DURATION_MS,
            up,
            destroy,
        };
    });
}
