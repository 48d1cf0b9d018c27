/**
 * Small statistics helpers and a seeded random source for the benchmark. Pure.
 */

/** A source of uniform numbers in [0, 1), like `Math.random`. */
export type Random = () => number;

/** A seeded generator (mulberry32): the same seed gives the same runs on every machine. */
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

/** A uniform number in [min, max). */
export function uniform(random: Random, min: number, max: number): number {
    return min + random() * (max - min);
}

/** The q-quantile (0..1) of the values, by linear interpolation between order statistics. */
export function quantile(values: readonly number[], q: number): number {
    if (values.length === 0) return Number.NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const position = (sorted.length - 1) * q;
    const low = Math.floor(position);
    const high = Math.ceil(position);
    return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/** The median. */
export function median(values: readonly number[]): number {
    return quantile(values, 0.5);
}

/** The largest value. */
export function max(values: readonly number[]): number {
    return values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
}

/** The arithmetic mean. */
export function mean(values: readonly number[]): number {
    return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Median, 95th percentile and maximum of a sample. */
export interface Summary {
    n: number;
    median: number;
    p95: number;
    max: number;
    mean: number;
}

/** Summarizes a sample. */
export function summarize(values: readonly number[]): Summary {
    return {
        n: values.length,
        median: median(values),
        p95: quantile(values, 0.95),
        max: max(values),
        mean: mean(values),
    };
}
