/**
 * What a create took over by name, so that the delete of the resource it replaces leaves it be.
 *
 * A replacement the engine forces without a diff (`pulumi up --replace <urn>`, `replaceWith`) checks
 * the new resource without its old inputs, so a generated name comes out as the old one's (names are
 * derived from the project, stack, resource name, source and region, so that a create interrupted
 * before its answer is found again). The create then finds the old resource under that name and
 * takes it over, and the engine deletes the old resource next, by the same ID, in the same plugin
 * process: the resource just recorded as the new one. So each takeover is recorded for the life of
 * the process, and a delete of a resource a create of this process took over is skipped (once).
 * Nothing else deletes a resource in the same `up` that created it.
 *
 * The record lives on `globalThis` under a registered symbol, written out in each function, because
 * this code is also serialized by value into dynamic providers (see ./diagnostics).
 */

import { tellUser } from "./diagnostics";
import type { ResourceRef } from "./errors";

/** What identifies a resource here: its kind, name and region, and the endpoint override in use. */
export type TakeoverRef = Pick<ResourceRef, "kind" | "name" | "region" | "endpoint">;

function takeovers(): Set<string> {
    const registry = globalThis as Record<symbol, Set<string> | undefined>;
    const key = Symbol.for("pulumi-lightsail-snapshots.takeovers");
    registry[key] ??= new Set();
    return registry[key];
}

function keyOf(ref: TakeoverRef): string {
    return JSON.stringify([ref.kind, ref.region, ref.name, ref.endpoint?.url ?? ""]);
}

/** Records that a create of this process took over the existing resource `ref`. */
export function recordTakeover(ref: TakeoverRef): void {
    takeovers().add(keyOf(ref));
}

/**
 * Whether a create of this process took over `ref`, in which case the delete being asked for is the
 * replaced resource's and must not touch it. Answers true once per takeover.
 */
function takenOverByReplacement(ref: TakeoverRef): boolean {
    return takeovers().delete(keyOf(ref));
}

/**
 * For a delete: when a create of this process took over `ref` (see {@link takenOverByReplacement}),
 * tells the user the resource is left to its replacement and returns true; otherwise false.
 */
export function leftToReplacement(ref: TakeoverRef): boolean {
    if (!takenOverByReplacement(ref)) return false;
    tellUser(
        `${ref.kind} "${ref.name}" (${ref.region}): not deleted: the resource replacing it took it over (for a new one on every replacement, set the deleteBeforeReplace option)`,
    );
    return true;
}
