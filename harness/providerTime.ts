/**
 * The provider's waits on a {@link VirtualClock}: the system clock of provider/waiter.ts made to
 * read and sleep on it, so a wait of hours (a default timeout, progress lines every 30 s) runs at
 * once. Give the emulator the same clock (its `clock` option) so both see the same time.
 *
 * @module
 */

import { systemClock } from "../provider/waiter";
import type { VirtualClock } from "./virtualClock";

/** Makes the provider's waits run on `clock` until the returned function is called. */
export function waitsOn(clock: VirtualClock): () => void {
    const { now, sleep } = systemClock;
    systemClock.now = clock.now;
    systemClock.sleep = (ms, signal) => clock.sleep(ms, signal);
    return () => {
        systemClock.now = now;
        systemClock.sleep = sleep;
    };
}
