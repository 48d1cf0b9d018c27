/**
 * Reading a resource schema (see ./types): the lists that code used to spell out by hand.
 */

import type { PropertySpec, ResourceSchema } from "./types";

export * from "./types";

/**
 * Declares a resource schema, keeping its literal types so the derived TypeScript types
 * ({@link ArgsOf}, {@link InputsOf}, {@link OutputsOf}) know each property.
 */
export function defineResource<const S extends ResourceSchema>(schema: S): S {
    return schema;
}

function namesWhere(schema: ResourceSchema, keep: (spec: PropertySpec) => boolean): string[] {
    return Object.entries(schema.properties)
        .filter(([, spec]) => keep(spec))
        .map(([name]) => name);
}

/**
 * The `timeouts` input's type of a resource: create and delete timeouts as duration strings.
 *
 * @param name The type's name in the package schema.
 * @param createDoc What the create timeout bounds, with its default.
 * @param deleteDoc What the delete timeout bounds, with its default.
 */
export function timeoutsType<const N extends string>(name: N, createDoc: string, deleteDoc: string) {
    return {
        kind: "object",
        name,
        doc: 'Create and delete timeouts, as durations: `"90s"`, `"45m"`, `"2h"`, `"1h30m"`.',
        fields: {
            create: { type: { kind: "string" }, optional: true, doc: createDoc },
            delete: { type: { kind: "string" }, optional: true, doc: deleteDoc },
        },
    } as const;
}

/** The properties a program declares. */
export function inputNames(schema: ResourceSchema): string[] {
    return namesWhere(schema, (spec) => spec.role === "input");
}

/** The inputs whose change replaces the resource. */
export function replacingInputNames(schema: ResourceSchema): string[] {
    return namesWhere(schema, (spec) => spec.role === "input" && spec.replaces === true);
}

/** The inputs changed in place. */
export function inPlaceInputNames(schema: ResourceSchema): string[] {
    return namesWhere(schema, (spec) => spec.role === "input" && spec.replaces !== true);
}

/** Every property: the outputs the resource class declares. */
export function propertyNames(schema: ResourceSchema): string[] {
    return Object.keys(schema.properties);
}
export * from "./packageSchema";
