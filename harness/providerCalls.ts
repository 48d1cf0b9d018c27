/**
 * Calling the provider's methods in this process the way the engine does: configure it, and check
 * inputs before a create.
 *
 * @module
 */

import { AUTO_NAME_BASE } from "../provider/inputs";
import * as provider from "../provider/provider";
import { REGION } from "./account";

/** The serialized provider the engine would pass along with checked inputs (any text will do here). */
export const PROVIDER_TEXT = "exports.handler = () => ({});";

/** Configures the provider with `config` as the stack's configuration (default: none). */
export async function configureProvider(config: Record<string, string> = {}): Promise<void> {
    await provider.configure({ config: { get: (key) => config[key], require: (key) => config[key] ?? "" } });
}

/** Options of {@link checkedInputs}. */
export interface CheckOptions {
    /** The inputs of the previous run (default: none, a new resource). */
    olds?: Record<string, unknown>;
    /** The resource name a generated snapshot name starts with (default `data`). */
    nameBase?: string;
}

/**
 * Runs `check` on `news` (in the test region unless they name one) and returns the checked inputs
 * as the engine passes them to `create`.
 *
 * @throws Error when `check` reports a failure.
 */
export async function checkedInputs(
    news: Record<string, unknown>,
    options: CheckOptions = {},
): Promise<Record<string, unknown>> {
    const declared = { [AUTO_NAME_BASE]: options.nameBase ?? "data", region: REGION, ...news };
    const result = await provider.check(options.olds ?? {}, declared);
    if (result.failures?.length) throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
    return { ...result.inputs, __provider: PROVIDER_TEXT };
}
