/**
 * Assertions the standard `assert` lacks.
 *
 * @module
 */

import assert from "node:assert/strict";

/**
 * Awaits `promise`, asserts that it rejects with an instance of `type`, and returns the error
 * (typed), so the test can go on to check its fields.
 */
export async function rejectsWith<T extends Error>(
    promise: Promise<unknown>,
    type: new (...args: never[]) => T,
): Promise<T> {
    try {
        await promise;
    } catch (err) {
        assert.ok(err instanceof type, `expected ${type.name}, got ${(err as Error).name}: ${(err as Error).message}`);
        return err as T;
    }
    assert.fail(`expected ${type.name}, but the call succeeded`);
}
