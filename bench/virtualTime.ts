/**
 * Section 1: wait quality in virtual time. Each run draws a snapshot (its true duration around the
 * nominal one, and network round trips), then lets every poller wait for it on a virtual clock;
 * the snapshot's state and progress come from the emulator's own pure function, so the curves are
 * exactly the ones the emulator serves.
 */

import { diskStateAt } from "../emulator/lifecycle";
import { snapshotStatus } from "../emulator/progress";
import type { ProgressCurve } from "../emulator/types";
import { type Random, seededRandom, uniform } from "../harness/random";
import { VirtualClock } from "../harness/virtualClock";
import { diskReady } from "../provider/resources/diskFromSnapshot/methods";
import type { SnapshotStatus } from "../provider/waiter";
import type { Poller, PollTarget } from "./pollers";
import { type Summary, summarize } from "./stats";

/**
 * What is waited for: a disk snapshot (or a copy, which the emulator times exactly like one) on one
 * of the emulator's progress curves, or `restore`, a disk created from a snapshot, which reports no
 * progress, only its state (`pending`, then `available`).
 */
export type VirtualCurve = ProgressCurve | "restore";

/** Every progress curve the emulator knows, and the restored disk's wait. */
export const CURVES: readonly VirtualCurve[] = ["linear", "front-loaded", "stalled-then-jump", "none", "restore"];

/** What a read answers at `nowMs` for a resource of `curve` that settles at `durationMs` (created at 0). */
export function statusAt(curve: VirtualCurve, durationMs: number, nowMs: number): SnapshotStatus {
    if (curve === "restore") {
        // The emulator's disk state, mapped as DiskFromSnapshot's wait maps it.
        return { state: diskReady({ state: diskStateAt({ readyAtMs: durationMs }, nowMs) }) };
    }
    return snapshotStatus({ createdAtMs: 0, durationMs, curve, fails: false }, nowMs);
}

/** Options of {@link runVirtual}. */
export interface VirtualOptions {
    /** Nominal snapshot durations. */
    durationsMs: readonly number[];
    curves: readonly VirtualCurve[];
    pollers: readonly Poller[];
    /** Runs per duration and curve. */
    runs: number;
    seed: number;
    /** The true duration is drawn uniformly in nominal × [1 - spread, 1 + spread]. */
    durationSpread: number;
    /** Each request's round trip is drawn uniformly in this range (ms); the server reads the state half way. */
    roundTripMs: readonly [number, number];
}

/** What one poller did on one duration and curve, over all runs. */
export interface VirtualCell {
    durationMs: number;
    curve: VirtualCurve;
    poller: string;
    /** Time from `completed` to the poller returning, per run (ms). */
    lagsMs: number[];
    /** GetDiskSnapshot calls per run. */
    calls: number[];
    lag: Summary;
    call: Summary;
}

/** Defaults: ±20 % around the nominal duration, 40-160 ms round trips. */
export const VIRTUAL_DEFAULTS = { durationSpread: 0.2, roundTripMs: [40, 160] as const, seed: 20_240_601 };

function hash(...parts: number[]): number {
    let h = 2166136261;
    for (const part of parts) {
        h ^= part;
        h = Math.imul(h, 16777619) >>> 0;
    }
    return h;
}

/** One run of one poller on one drawn snapshot: its lag (ms) and calls. */
export async function simulate(
    poller: Poller,
    snapshot: { durationMs: number; curve: VirtualCurve },
    createRoundTripMs: number,
    network: Random,
    jitter: Random,
    roundTripMs: readonly [number, number],
): Promise<{ lagMs: number; calls: number }> {
    // The snapshot exists from the moment CreateDiskSnapshot reaches Lightsail (time 0); the waiter
    // starts when the answer is back.
    const clock = new VirtualClock(createRoundTripMs / 2);
    let calls = 0;
    const target: PollTarget = {
        clock,
        startedAtMs: clock.now(),
        random: jitter,
        read: async (): Promise<SnapshotStatus> => {
            const roundTrip = uniform(network, roundTripMs[0], roundTripMs[1]);
            clock.advance(roundTrip / 2);
            const status = statusAt(snapshot.curve, snapshot.durationMs, clock.now());
            clock.advance(roundTrip / 2);
            calls++;
            return status;
        },
    };
    await poller.wait(target);
    return { lagMs: clock.now() - snapshot.durationMs, calls };
}

/** Runs every poller on the same drawn snapshots (common random numbers: ratios compare like with like). */
export async function runVirtual(options: VirtualOptions): Promise<VirtualCell[]> {
    const cells: VirtualCell[] = [];
    for (const [d, nominal] of options.durationsMs.entries()) {
        for (const [c, curve] of options.curves.entries()) {
            const byPoller = new Map(
                options.pollers.map((p) => [p.id, { lagsMs: [] as number[], calls: [] as number[] }]),
            );
            for (let run = 0; run < options.runs; run++) {
                const draw = seededRandom(hash(options.seed, d, c, run));
                const durationMs = nominal * uniform(draw, 1 - options.durationSpread, 1 + options.durationSpread);
                const createRoundTrip = uniform(draw, options.roundTripMs[0], options.roundTripMs[1]);
                for (const [p, poller] of options.pollers.entries()) {
                    const outcome = await simulate(
                        poller,
                        { durationMs, curve },
                        createRoundTrip,
                        seededRandom(hash(options.seed, d, c, run, 1)),
                        seededRandom(hash(options.seed, d, c, run, 2, p)),
                        options.roundTripMs,
                    );
                    const cell = byPoller.get(poller.id);
                    cell?.lagsMs.push(outcome.lagMs);
                    cell?.calls.push(outcome.calls);
                }
            }
            for (const poller of options.pollers) {
                const cell = byPoller.get(poller.id) ?? { lagsMs: [], calls: [] };
                cells.push({
                    durationMs: nominal,
                    curve,
                    poller: poller.id,
                    ...cell,
                    lag: summarize(cell.lagsMs),
                    call: summarize(cell.calls),
                });
            }
        }
    }
    return cells;
}
