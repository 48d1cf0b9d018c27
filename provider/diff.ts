/**
 * What changed between a snapshot's state and the program's new inputs, and whether the change
 * replaces it. Pure.
 */

import { AUTO_NAMED, containsUnknown, isUnknown } from "./inputs";

/** Properties whose change needs a new snapshot: Lightsail cannot rename, move or re-source one. */
export const REPLACE_PROPERTIES = ["diskSnapshotName", "diskName", "instanceName", "region"] as const;
/** Properties changed in place: tags through TagResource/UntagResource; timeouts and adopt only in state. */
export const UPDATE_PROPERTIES = ["tags", "timeouts", "adopt"] as const;

/** The decision {@link diffSnapshot} returns, in the shape of the dynamic provider's DiffResult. */
export interface SnapshotDiff {
    /** True when anything changes. */
    changes: boolean;
    /** The properties that force a replacement; empty for an in-place update. */
    replaces: string[];
    /** Delete the old snapshot before creating the new one (its explicit name stays the same). */
    deleteBeforeReplace: boolean;
}

/** Tag maps compare by content: key order and missing-versus-empty do not matter. */
export function tagsEqual(a: unknown, b: unknown): boolean {
    const left = (a ?? {}) as Record<string, unknown>;
    const right = (b ?? {}) as Record<string, unknown>;
    const leftKeys = Object.keys(left);
    if (leftKeys.length !== Object.keys(right).length) return false;
    return leftKeys.every((key) => Object.hasOwn(right, key) && left[key] === right[key]);
}

function valuesEqual(property: string, a: unknown, b: unknown): boolean {
    if (property === "tags") return tagsEqual(a, b);
    if (property === "timeouts") return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
    if (property === "adopt") return (a ?? false) === (b ?? false);
    return (a ?? undefined) === (b ?? undefined);
}

/**
 * Compares the state of a snapshot with the program's checked inputs.
 *
 * A snapshot recorded in state `error` is replaced (deleting it first): `pulumi up` is how users
 * retry a snapshot Lightsail failed.
 *
 * @param olds The state's outputs (which echo the inputs they were made from).
 * @param news The new checked inputs; values may be unknown during preview.
 */
export function diffSnapshot(olds: Record<string, unknown>, news: Record<string, unknown>): SnapshotDiff {
    const replaces: string[] = [];
    for (const property of REPLACE_PROPERTIES) {
        // An unknown source or name may turn out different: plan the replacement it would need.
        if (isUnknown(news[property]) || !valuesEqual(property, olds[property], news[property])) {
            replaces.push(property);
        }
    }
    const updates = UPDATE_PROPERTIES.filter(
        (property) => containsUnknown(news[property]) || !valuesEqual(property, olds[property], news[property]),
    );
    const sameExplicitName =
        news[AUTO_NAMED] !== true &&
        !isUnknown(news.diskSnapshotName) &&
        olds.diskSnapshotName === news.diskSnapshotName;
    if (olds.state === "error") {
        // Lightsail failed this snapshot: it will never complete, so retrying means a new one. The
        // failed one goes first: it is worthless, and the new one may want its name (an explicit
        // name, or a generated one, which depends only on the resource's identity).
        return { changes: true, replaces: [...replaces, "state"], deleteBeforeReplace: true };
    }
    return {
        changes: replaces.length > 0 || updates.length > 0,
        replaces,
        deleteBeforeReplace: replaces.length > 0 && sameExplicitName,
    };
}

/** The tag operations that turn `current` into `desired`: only the difference. */
export function tagChanges(
    current: Record<string, string>,
    desired: Record<string, string>,
): { toSet: Record<string, string>; toRemove: string[] } {
    const toSet: Record<string, string> = {};
    for (const [key, value] of Object.entries(desired)) {
        if (current[key] !== value) toSet[key] = value;
    }
    const toRemove = Object.keys(current).filter((key) => !Object.hasOwn(desired, key));
    return { toSet, toRemove };
}
