/**
 * What happens once the provider may have created something: every failure after that point
 * must leave the resource recorded in the state, and a create whose answer was lost must find
 * what it made instead of failing or making another. One place for both.
 */

import { isAuthError, isNameTaken, mayHaveReachedService } from "./lightsail/errors";
import { type EngineProperties, PROVIDER_KEY, propertyOf, toPlainJson, withoutProvider } from "./outputs";
import { recordTakeover, type TakeoverRef } from "./takeovers";

/**
 * An error after the resource exists. The dynamic-provider host reads `id` and `properties` and
 * records the resource as created but failed, so it stays in the state (a later `up` or
 * `destroy` deals with it) instead of leaking.
 */
export class PartialCreateError extends Error {
    /** The resource's ID. */
    readonly id: string;
    /** The outputs to record, including the serialized provider. */
    readonly properties: EngineProperties;
    /** Why the resource failed to initialise, as the engine shows it. */
    readonly reasons: string[];

    constructor(message: string, id: string, properties: EngineProperties) {
        super(message);
        this.name = "PartialCreateError";
        this.id = id;
        this.properties = properties;
        this.reasons = [message];
    }
}

/**
 * A {@link PartialCreateError} recording `outputs` (or, when nothing was read back, the inputs)
 * with the serialized provider of `inputs`, which the engine needs to manage the resource later.
 */
export function partialCreate(
    message: string,
    id: string,
    inputs: object,
    outputs: object | undefined,
): PartialCreateError {
    const recorded = {
        ...toPlainJson(withoutProvider(outputs ?? inputs)),
        [PROVIDER_KEY]: propertyOf(inputs, PROVIDER_KEY),
    };
    return new PartialCreateError(message, id, recorded);
}

/** What {@link claimAfterFailedCreate} needs to know about the create that failed. */
export interface FailedCreate<T> {
    /** The resource being created (a claim is recorded against it, see ./takeovers). */
    ref: TakeoverRef;
    /** The create's error. */
    error: unknown;
    /** The program asked to take over an existing resource of this name. */
    adoptAsked: boolean;
    /** The name was generated for this very resource (see `resolveName`). */
    generatedName: boolean;
    /** Reads the resource of the requested name; undefined when there is none. */
    find(): Promise<T | undefined>;
    /** Whether an existing resource was made from the declared source. */
    sameSource(existing: T): boolean;
    /** Throws when adoption was asked for and the existing resource has another source. */
    refuseAdoption(existing: T): never;
}

/** The outcome of {@link claimAfterFailedCreate}. */
export type Claim<T> =
    /** Ours to keep: `adopted` when taken over by name, otherwise made by this very create. */
    | { claimed: true; adopted: boolean; existing: T }
    /** Not ours; `existing` is what holds the name, when the name was taken and it could be read. */
    | { claimed: false; existing?: T };

/**
 * After a create that failed, finds the resource if it is nevertheless ours to keep: adoption was
 * asked for, or the name was generated for this resource (taken, it is what an earlier,
 * interrupted create of this very resource made), or the request may have reached Lightsail
 * before failing (a retried call whose first attempt created it).
 */
export async function claimAfterFailedCreate<T>(failed: FailedCreate<T>): Promise<Claim<T>> {
    const nameTaken = isNameTaken(failed.error);
    const adopt = (failed.adoptAsked || failed.generatedName) && nameTaken;
    const ambiguous = !isAuthError(failed.error) && mayHaveReachedService(failed.error);
    if (!adopt && !ambiguous && !nameTaken) return { claimed: false };
    let existing: T | undefined;
    try {
        existing = await failed.find();
    } catch {
        return { claimed: false };
    }
    if (!existing) return { claimed: false };
    if (!failed.sameSource(existing)) {
        if (adopt && failed.adoptAsked) failed.refuseAdoption(existing);
        return { claimed: false, existing };
    }
    if (!adopt && !ambiguous) return { claimed: false, existing };
    // Taken over (or possibly made by a retried attempt): a delete of it later in this process is
    // the replaced resource's, and must leave it be.
    recordTakeover(failed.ref);
    // Same source but not asked to adopt: ours only because this create may have made it.
    return { claimed: true, adopted: adopt, existing };
}
