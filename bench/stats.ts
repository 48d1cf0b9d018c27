/**
 * Small statistics helpers for the benchmark. Pure.
 */

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
