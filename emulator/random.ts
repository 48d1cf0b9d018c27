/**
 * Seeded pseudo-random numbers (mulberry32), so fault probabilities are reproducible.
 *
 * @module
 */

/** A function returning uniformly distributed numbers in [0, 1). */
export type Random = () => number;

/** Creates a mulberry32 generator from a 32-bit seed. The same seed yields the same sequence. */
export function seededRandom(seed: number): Random {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
