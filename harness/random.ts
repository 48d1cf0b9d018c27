/**
 * Seeded randomness, so that a run can be repeated: the emulator's generator (mulberry32) and a
 * few ways of drawing from it.
 *
 * @module
 */

import { type Random, seededRandom } from "../emulator/random";

export { type Random, seededRandom };

/** A number drawn uniformly in [min, max). */
export function uniform(random: Random, min: number, max: number): number {
    return min + random() * (max - min);
}

/** A seeded source with the draws the reliability suite makes. */
export class Rng {
    private readonly next: Random;

    /** @param seed - The same seed gives the same draws. */
    constructor(seed: number) {
        this.next = seededRandom(seed);
    }

    /** Uniform in [0, 1). */
    random(): number {
        return this.next();
    }

    /** A uniform integer in [min, max]. */
    int(min: number, max: number): number {
        return min + Math.floor(this.next() * (max - min + 1));
    }

    /** A shuffled copy of `items`. */
    shuffle<T>(items: readonly T[]): T[] {
        const copy = [...items];
        for (let i = copy.length - 1; i > 0; i--) {
            const j = Math.floor(this.next() * (i + 1));
            [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
        }
        return copy;
    }
}
