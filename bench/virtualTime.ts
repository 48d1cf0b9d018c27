/**
 * Section 1: wait quality in virtual time. Each run draws a snapshot (its true duration around the
 * nominal one, and network round trips), then lets every poller wait for it on a virtual clock;
 * the snapshot's state and progress come from the emulator's own pure function, so the curves are
 * exactly the ones the emulator serves.
 */

import { snapshotStatus } from "../emulator/progress";
import type { ProgressCurve } from "../emulator/types";
import { type Random, seededRandom, uniform } from "../harness/random";
import { VirtualClock } from "../harness/virtualClock";
import type { SnapshotStatus } from "../provider/waiter";
import type { Poller, PollTarget } from "./pollers";
import { type Summary, summarize } from "./stats";

/** Every progress curve the emulator knows. */
export const CURVES: readonly ProgressCurve[] = ["linear", "front-loaded", "stalled-then-jump", "none"];

/** Options of {@link runVirtual}. */
export interface VirtualOptions {
    /** Nominal snapshot durations. */
    durationsMs: readonly number[];
    curves: readonly ProgressCurve[];
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
    curve: ProgressCurve;
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
    snapshot: { durationMs: number; curve: ProgressCurve },
    createRoundTripMs: number,
    network: Random,
    jitter: Random,
    roundTripMs: readonly [number, number],
): Promise<{ lagMs: number; calls: number }> {
    // The snapshot exists from the moment CreateDiskSnapshot reaches Lightsail (time 0); the waiter
    // starts when the answer is back.
    const clock = new VirtualClock(createRoundTripMs / 2);
    const record = { createdAtMs: 0, durationMs: snapshot.durationMs, curve: snapshot.curve, fails: false };
    let calls = 0;
    const target: PollTarget = {
        clock,
        startedAtMs: clock.now(),
        random: jitter,
        read: async (): Promise<SnapshotStatus> => {
            const roundTrip = uniform(network, roundTripMs[0], roundTripMs[1]);
            clock.advance(roundTrip / 2);
            const status = snapshotStatus(record, clock.now());
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
