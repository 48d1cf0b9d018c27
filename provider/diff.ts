/**
 * What changed between a resource's state and the program's new inputs, read off its schema:
 * which changed inputs replace it and which are updated in place. Pure.
 */

import { propertyOf } from "./outputs";
import { inPlaceInputNames, type PropertySpec, type ResourceSchema, replacingInputNames } from "./schema";
import { containsUnknown, isUnknown } from "./validation";

/** Plain JSON values compare by content: key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && deepEqual(propertyOf(a, key), propertyOf(b, key)));
}

/** Whether two values of a property are the same, an absent value standing for the schema's `absentValue`. */
export function sameValue(spec: PropertySpec, a: unknown, b: unknown): boolean {
    return deepEqual(a ?? spec.absentValue, b ?? spec.absentValue);
}

/** The inputs that differ, split by how the change is applied. */
export interface PropertyChanges {
    /** Changed inputs that force a replacement. */
    replaces: string[];
    /** Changed inputs applied in place. */
    updates: string[];
}

/**
 * Compares the state's outputs (which echo the inputs they were made from) with new checked
 * inputs. A value still unknown (during preview) counts as changed: it may turn out different.
 */
export function propertyChanges(schema: ResourceSchema, olds: object, news: object): PropertyChanges {
    const changed = (property: string, unknown: (value: unknown) => boolean) => {
        const spec = schema.properties[property];
        const next = propertyOf(news, property);
        if (next === undefined && spec.chosenWhenAbsent) return false;
        return unknown(next) || !sameValue(spec, propertyOf(olds, property), next);
    };
    return {
        replaces: replacingInputNames(schema).filter((property) => changed(property, isUnknown)),
        updates: inPlaceInputNames(schema).filter((property) => changed(property, containsUnknown)),
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
