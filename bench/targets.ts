/**
 * The benchmark's targets and how results are judged against them: lag and calls per cell of the
 * virtual-time section, the pollers' weighted scores, and the engine rows they are read from. Pure.
 */

import type { EngineRow, ThrottleResult } from "./engine";
import type { RealTimeRow } from "./realTime";
import type { ScaleResult } from "./scale";
import type { VirtualCell } from "./virtualTime";

/** The targets of the issue. */
export const TARGETS = {
    lagMedianMs: 500,
    lagP95Ms: 2_000,
    /** Fewer calls than the fixed 5 s poller from this duration on. */
    fewerCallsFromMs: 60_000,
    engineRatio: 1.15,
} as const;

/** The poller every ratio is taken against: Ansible's fixed 5 s. */
export const BASELINE = "ansible-5s";

/** The cell of one duration, curve and poller. */
export function findCell(
    cells: VirtualCell[],
    durationMs: number,
    curve: string,
    poller: string,
): VirtualCell | undefined {
    return cells.find((c) => c.durationMs === durationMs && c.curve === curve && c.poller === poller);
}

/** The schedules ours is judged against: every peer, not ours and not ours-before. */
export function peerIds(pollers: readonly string[]): string[] {
    return pollers.filter((id) => id !== "ours" && id !== "ours-before");
}

/**
 * Whether `peer` beats `ours` on a cell: a median lag and median calls both lower or equal, at
 * least one of them strictly lower (it is better on one count and no worse on the other).
 */
export function beats(peer: VirtualCell, ours: VirtualCell): boolean {
    const lag = peer.lag.median <= ours.lag.median;
    const calls = peer.call.median <= ours.call.median;
    return lag && calls && (peer.lag.median < ours.lag.median || peer.call.median < ours.call.median);
}

/** A duration × curve cell of ours and the peers that beat it there (none: ours is on their frontier). */
export interface FrontierCell {
    durationMs: number;
    curve: string;
    /** The peers that beat ours on this cell. */
    beatenBy: string[];
}

/** For every cell of ours, the peers that beat it (see {@link beats}). */
export function frontierCells(cells: VirtualCell[], pollers: readonly string[]): FrontierCell[] {
    const peers = peerIds(pollers);
    return cells
        .filter((c) => c.poller === "ours")
        .map((ours) => ({
            durationMs: ours.durationMs,
            curve: ours.curve,
            beatenBy: peers.filter((id) => {
                const peer = findCell(cells, ours.durationMs, ours.curve, id);
                return peer !== undefined && beats(peer, ours);
            }),
        }));
}

/** Whether a cell meets the lag target. */
export function lagMet(c: VirtualCell): boolean {
    return c.lag.median <= TARGETS.lagMedianMs && c.lag.p95 <= TARGETS.lagP95Ms;
}

/** Whether a cell meets the calls target (undefined below one minute, where there is none). */
export function callsMet(c: VirtualCell, baseline: VirtualCell): boolean | undefined {
    if (c.durationMs < TARGETS.fewerCallsFromMs) return undefined;
    return c.call.median < baseline.call.median;
}

/** Per poller: the weighted result over every duration and curve, and targets met. */
export interface PollerScore {
    /** The poller's id. */
    poller: string;
    /** Mean over cells of lag/lag₅ₛ + calls/calls₅ₛ (medians); the 5 s poller scores 2. */
    additive: number;
    /** Geometric mean over cells of (lag/lag₅ₛ)·(calls/calls₅ₛ); every fixed interval scores about 1 where progress tells nothing. */
    geometric: number;
    /** Cells where the lag target was met. */
    lagMet: number;
    /** Cells where the calls target was met. */
    callsMet: number;
    /** Cells the calls target applies to (durations from one minute on). */
    callsCells: number;
    /** Cells scored. */
    cells: number;
}

/** Scores every poller of section 1. */
export function scorePollers(cells: VirtualCell[], pollers: readonly string[]): PollerScore[] {
    return pollers.map((poller) => {
        const mine = cells.filter((c) => c.poller === poller);
        let additive = 0;
        let logSum = 0;
        let lagOk = 0;
        let callsOk = 0;
        let callsCells = 0;
        for (const c of mine) {
            const base = findCell(cells, c.durationMs, c.curve, BASELINE);
            if (!base) continue;
            const lagRatio = c.lag.median / base.lag.median;
            const callRatio = c.call.median / base.call.median;
            additive += lagRatio + callRatio;
            logSum += Math.log(lagRatio * callRatio);
            if (lagMet(c)) lagOk++;
            const calls = callsMet(c, base);
            if (calls !== undefined) {
                callsCells++;
                if (calls) callsOk++;
            }
        }
        return {
            poller,
            additive: additive / mine.length,
            geometric: Math.exp(logSum / mine.length),
            lagMet: lagOk,
            callsMet: callsOk,
            callsCells,
            cells: mine.length,
        };
    });
}

/** The engine row of one program and size. */
export function engineRow(rows: EngineRow[], kind: string, n: number): EngineRow | undefined {
    return rows.find((r) => r.kind === kind && r.count === n);
}

/** Whether a real-time row meets the lag target. */
export function realTimeLagMet(row: RealTimeRow): boolean {
    return row.lag.median <= TARGETS.lagMedianMs && row.lag.p95 <= TARGETS.lagP95Ms;
}

/** Whether the throttled run lost nothing: `up` succeeded with every snapshot in the state, none leaked, none left after `destroy`. */
export function throttleMet(t: ThrottleResult): boolean {
    return t.up.exitCode === 0 && t.up.failures === 0 && t.up.leaked === 0 && t.destroy.failures === 0;
}

/** Whether the lifecycle row lost nothing: both commands succeeded, every resource was in the state after `up`, none leaked, none left after `destroy`. */
export function scaleMet(sc: ScaleResult): boolean {
    const leaked = [sc.up, sc.destroy].flatMap((p) => [p.snapshots, p.copies, p.restores]).some((k) => k.leaked > 0);
    return (
        sc.up.exitCode === 0 &&
        sc.destroy.exitCode === 0 &&
        sc.up.failures === 0 &&
        sc.destroy.failures === 0 &&
        !leaked
    );
}
