/**
 * Calling the provider's methods in this process the way the engine does: configure it, and check
 * inputs before a create.
 *
 * @module
 */

import { autoSnapshots, configure, diskFromSnapshot, diskSnapshot, diskSnapshotCopy } from "../provider/engine";
import { AUTO_NAME_BASE } from "../provider/naming";
import type { AutoSnapshotsInputs } from "../provider/resources/autoSnapshots/schema";
import type { DiskFromSnapshotInputs } from "../provider/resources/diskFromSnapshot/schema";
import type { DiskSnapshotInputs } from "../provider/resources/diskSnapshot/schema";
import type { DiskSnapshotCopyInputs } from "../provider/resources/diskSnapshotCopy/schema";
import { REGION } from "./account";

/** The serialized provider the engine would pass along with checked inputs (any text will do here). */
export const PROVIDER_TEXT = "exports.handler = () => ({});";

/** Configures the provider with `config` as the stack's configuration (default: none). */
export async function configureProvider(config: Record<string, string> = {}): Promise<void> {
    await configure({ config: { get: (key) => config[key], require: (key) => config[key] ?? "" } });
}

/** Options of {@link checkedInputs}. */
export interface CheckOptions {
    /** The inputs of the previous run (default: none, a new resource). */
    olds?: Record<string, unknown>;
    /** The resource name a generated snapshot name starts with (default `data`). */
    nameBase?: string;
}

/** What `check` answers, whichever resource it belongs to. */
interface CheckAnswer<T> {
    inputs?: T;
    failures?: { property: string; reason: string }[];
}

function accepted<T>(result: CheckAnswer<T>): T & { __provider: string } {
    if (result.failures?.length || !result.inputs) {
        throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
    }
    return { ...result.inputs, __provider: PROVIDER_TEXT };
}

/**
 * Runs DiskSnapshot's `check` on `news` (in the test region unless they name one) and returns the
 * checked inputs as the engine passes them to `create`.
 *
 * @throws Error when `check` reports a failure.
 */
export async function checkedInputs(
    news: Record<string, unknown>,
    options: CheckOptions = {},
): Promise<DiskSnapshotInputs> {
    const declared = { [AUTO_NAME_BASE]: options.nameBase ?? "data", region: REGION, ...news };
    return accepted(await diskSnapshot.check(options.olds ?? {}, declared));
}

/**
 * Runs AutoSnapshots' `check` on `news` (in the test region unless they name one) and returns the
 * checked inputs as the engine passes them to `create`.
 *
 * @throws Error when `check` reports a failure.
 */
export async function checkedAutoSnapshotsInputs(
    news: Record<string, unknown>,
    options: Pick<CheckOptions, "olds"> = {},
): Promise<AutoSnapshotsInputs> {
    return accepted(await autoSnapshots.check(options.olds ?? {}, { region: REGION, ...news }));
}

/**
 * Runs DiskFromSnapshot's `check` on `news` (in the test region unless they name one) and returns
 * the checked inputs as the engine passes them to `create`.
 *
 * @throws Error when `check` reports a failure.
 */
export async function checkedDiskFromSnapshotInputs(
    news: Record<string, unknown>,
    options: CheckOptions = {},
): Promise<DiskFromSnapshotInputs> {
    const declared = { [AUTO_NAME_BASE]: options.nameBase ?? "restored", region: REGION, ...news };
    return accepted(await diskFromSnapshot.check(options.olds ?? {}, declared));
}

/**
 * Runs DiskSnapshotCopy's `check` on `news` (copying from the test region unless they name a
 * `sourceRegion`) and returns the checked inputs as the engine passes them to `create`.
 *
 * @throws Error when `check` reports a failure.
 */
export async function checkedDiskSnapshotCopyInputs(
    news: Record<string, unknown>,
    options: CheckOptions = {},
): Promise<DiskSnapshotCopyInputs> {
    const declared = { [AUTO_NAME_BASE]: options.nameBase ?? "offsite", sourceRegion: REGION, ...news };
    return accepted(await diskSnapshotCopy.check(options.olds ?? {}, declared));
}
