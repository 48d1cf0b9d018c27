/**
 * The pure decisions of a resource (check, diff) in the shape of the engine's provider methods,
 * so that each resource's methods module holds only the calls to Lightsail.
 */

import type * as pulumi from "@pulumi/pulumi";
import type { EngineProperties } from "../outputs";
import type { CheckOutcome } from "../validation";

/**
 * A resource's check as the engine's `check` method. A failed check returns no inputs: the host
 * then keeps the program's, which is what a failed preview should show.
 */
export function checkMethod<TInputs>(
    decide: (olds: Partial<TInputs>, news: EngineProperties) => CheckOutcome<TInputs>,
): (olds: Partial<TInputs>, news: EngineProperties) => Promise<pulumi.dynamic.CheckResult<TInputs>> {
    return async (olds, news) => {
        const outcome = decide(olds, news);
        return outcome.ok ? { inputs: outcome.inputs, failures: [] } : { failures: outcome.failures };
    };
}

/** A resource's diff (no AWS call) as the engine's `diff` method. */
export function diffMethod<TOutputs, TInputs>(
    decide: (olds: Partial<TOutputs>, news: TInputs) => pulumi.dynamic.DiffResult,
): (id: string, olds: Partial<TOutputs>, news: TInputs) => Promise<pulumi.dynamic.DiffResult> {
    return async (_id, olds, news) => decide(olds, news);
}
