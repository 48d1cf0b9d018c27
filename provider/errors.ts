/**
 * Errors a user sees. Each names the resource, the region, the AWS error name and Lightsail's own
 * message, with a hint where one helps. Pure.
 */

import type { ClientSettings, EndpointSource } from "./config";
import { awsErrorMessage, awsErrorName, isAuthError, isNotFound, isUnreachable } from "./lightsail/errors";

/** Which resource an error is about. */
export interface ResourceRef {
    /** The resource's kind, as users declare it: `DiskSnapshot`. */
    kind: string;
    /** Its Lightsail name. */
    name: string;
    /** Its region. */
    region: string;
    /** What it is made from, in words (`disk "Disk-1"`), for hints about a missing source. */
    source?: string;
    /** The endpoint override in use, and the setting it came from. */
    endpoint?: { url: string; source: EndpointSource };
}

/** The endpoint override a reference names: none when the client uses Lightsail's own endpoint. */
export function endpointOverride(client: ClientSettings): ResourceRef["endpoint"] {
    return client.endpoint && client.endpointSource
        ? { url: client.endpoint, source: client.endpointSource }
        : undefined;
}

/** A hint for a known failure, or undefined. */
export function hintFor(action: string, ref: ResourceRef, error: unknown): string | undefined {
    if (isNotFound(error) && ref.source && action.startsWith("Create")) {
        return `check that ${ref.source} exists in ${ref.region}: Lightsail names are per region`;
    }
    if (isUnreachable(error) && ref.endpoint) {
        return `the endpoint ${ref.endpoint.url} (from ${ref.endpoint.source}) could not be reached: check that it is running, or unset ${ref.endpoint.source} to use AWS`;
    }
    if (isAuthError(error)) {
        return "check the AWS credentials: environment variables, AWS_PROFILE or aws:profile, or aws:accessKey/aws:secretKey in the stack config";
    }
    if (awsErrorName(error) === "ThrottlingException") {
        return "Lightsail kept throttling requests after every retry; try again later or with fewer resources at once (pulumi up --parallel)";
    }
    return undefined;
}

/**
 * The message for a failed Lightsail call.
 *
 * @param hint Overrides the generic hint, when the caller knows more (who holds a name).
 */
export function describeFailure(action: string, ref: ResourceRef, error: unknown, hint?: string): string {
    const chosen = hint ?? hintFor(action, ref, error);
    const base = `${ref.kind} "${ref.name}" in ${ref.region}: ${action} failed: ${awsErrorName(error)}: ${awsErrorMessage(error)}`;
    return chosen ? `${base} (${chosen})` : base;
}

/** An error for a failed Lightsail call, keeping the original as its cause. */
export function resourceError(action: string, ref: ResourceRef, error: unknown, hint?: string): Error {
    return new Error(describeFailure(action, ref, error, hint), { cause: error });
}

/**
 * The hint for a create refused because the name is taken, from what holds the name.
 *
 * @param sameSource Whether the existing resource was made from the declared source; undefined when it could not be read.
 * @param existingSource The existing resource's source, in words.
 */
export function nameTakenHint(
    kind: string,
    sameSource: boolean | undefined,
    existingSource: string | undefined,
): string {
    const rename = "choose another name, or leave it unset to generate one";
    if (sameSource === true) {
        return `a ${kind} of this name and source already exists: set adopt: true to take it over, or ${rename}`;
    }
    if (sameSource === false) {
        return `the existing ${kind} of this name was taken from ${existingSource ?? "another source"}, not from the source declared: ${rename}`;
    }
    return `another ${kind} in this region already has this name: ${rename}`;
}
