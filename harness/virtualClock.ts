/**
 * A clock that moves only when told to or slept on, for the waiter's unit tests, the emulator's
 * tests and the benchmark's virtual-time section.
 *
 * @module
 */

import type { WaitClock } from "../provider/waiter";

/** The instant a {@link VirtualClock} starts at unless told otherwise: 2024-01-01T00:00:00Z. */
export const VIRTUAL_EPOCH_MS = Date.UTC(2024, 0, 1);

/** Virtual time: starts at a fixed instant and advances only through {@link advance} and {@link sleep}. */
export class VirtualClock implements WaitClock {
    /** The current time, ms. */
    nowMs: number;

    /** @param start - The initial time, ms (default {@link VIRTUAL_EPOCH_MS}). */
    constructor(start = VIRTUAL_EPOCH_MS) {
        this.nowMs = start;
    }

    /** The current time; bound, so it can be passed on as the emulator's `clock` option. */
    readonly now = (): number => this.nowMs;

    /** Moves time forward by `ms`. */
    advance(ms: number): void {
        this.nowMs += ms;
    }

    /** Moves time forward by `ms` (never back) at once; rejects when `signal` has aborted. */
    async sleep(ms: number, signal?: AbortSignal): Promise<void> {
        if (signal?.aborted) throw new Error("aborted");
        this.nowMs += Math.max(0, ms);
    }
}
