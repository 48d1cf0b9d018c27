/**
 * What every resource's provider methods say about the resource they work on: the reference its
 * errors name, the label of its progress lines, a plain failure, and its declared timeouts.
 */

import { parseDuration } from "../duration";
import { endpointOverride, type ResourceRef } from "../errors";
import { currentSettings } from "../runtime";

/**
 * The reference a resource's errors name: its kind and Lightsail name, its region (the declared
 * one, else the provider's default), what it is made from, and the endpoint override in use.
 *
 * @param source What it is made from, in words (`disk "Disk-1"`), when known.
 */
export function resourceRef(kind: string, name: string, region: string | undefined, source?: string): ResourceRef {
    const { client, defaultRegion } = currentSettings();
    const ref: ResourceRef = { kind, name, region: region ?? defaultRegion ?? "", endpoint: endpointOverride(client) };
    if (source) ref.source = source;
    return ref;
}

/** The resource as progress lines name it: `DiskSnapshot "nightly-1" (us-east-1)`. */
export function labelOf(ref: ResourceRef): string {
    return `${ref.kind} "${ref.name}" (${ref.region})`;
}

/** An error about the resource that is not an AWS error: `DiskSnapshot "nightly-1" in us-east-1: ...`. */
export function resourceFailure(ref: ResourceRef, message: string): Error {
    return new Error(`${ref.kind} "${ref.name}" in ${ref.region}: ${message}`);
}

/** The declared timeout of `kind` (a duration such as `"30m"`), else `fallbackMs`. */
export function declaredTimeoutMs(
    timeouts: { create?: string; delete?: string } | undefined,
    kind: "create" | "delete",
    fallbackMs: number,
): number {
    const text = timeouts?.[kind];
    return (text && parseDuration(text)) || fallbackMs;
}
