/**
 * Bounded concurrency for the suite's independent lanes.
 *
 * @module
 */

/** Runs `task` over `items`, at most `concurrency` at once; the results keep the items' order. */
export async function pool<T, R>(
    items: readonly T[],
    concurrency: number,
    task: (item: T) => Promise<R>,
): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await task(items[index] as T);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
    return results;
}
