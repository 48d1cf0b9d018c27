/**
 * The Pulumi package schema (https://www.pulumi.com/docs/iac/extending-pulumi/schema/) of the
 * resources, emitted from their schemas: what a native provider plugin serves from `GetSchema`
 * and what Pulumi's SDK generators read. Pure.
 */

import type { ObjectType, PropertySpec, ResourceSchema, ValueType } from "./types";

/** A property or type reference in a Pulumi package schema. */
export interface PackageProperty {
    type?: "string" | "integer" | "number" | "boolean" | "object" | "array";
    $ref?: string;
    additionalProperties?: PackageProperty;
    items?: PackageProperty;
    description?: string;
    default?: unknown;
}

/** A resource in a Pulumi package schema. */
export interface PackageResource {
    description: string;
    properties: Record<string, PackageProperty>;
    /** Absent when empty, as Pulumi writes schemas. */
    required?: string[];
    inputProperties: Record<string, PackageProperty>;
    /** Absent when empty, as Pulumi writes schemas. */
    requiredInputs?: string[];
}

/** An object type in a Pulumi package schema. */
export interface PackageObjectType {
    type: "object";
    description: string;
    properties: Record<string, PackageProperty>;
    /** Absent when empty, as Pulumi writes schemas. */
    required?: string[];
}

/** A string enumeration in a Pulumi package schema (enums are named types there, never inline). */
export interface PackageEnumType {
    type: "string";
    description: string;
    enum: { value: string }[];
}

/** A function (an invoke) in a Pulumi package schema. */
export interface PackageFunction {
    description: string;
    inputs?: { properties: Record<string, PackageProperty>; required?: string[] };
    outputs?: { properties: Record<string, PackageProperty>; required?: string[] };
}

/** A Pulumi package schema, as far as these resources need one. */
export interface PackageSchema {
    name: string;
    displayName?: string;
    version?: string;
    description?: string;
    keywords?: string[];
    license?: string;
    repository?: string;
    /** `supportPack`: the SDK generators write each SDK as a package of its own (a go.mod for Go). */
    meta?: { supportPack?: boolean };
    config?: { variables: Record<string, PackageProperty> };
    provider?: { description: string; inputProperties: Record<string, PackageProperty> };
    resources: Record<string, PackageResource>;
    types: Record<string, PackageObjectType | PackageEnumType>;
    functions?: Record<string, PackageFunction>;
    language?: { nodejs?: object; go?: object; python?: object };
}

/** Package-level facts that are not about one resource. */
export interface PackageInfo {
    /** The package name in type tokens, e.g. `lightsail-snapshots`. */
    name: string;
    /** Its module in type tokens; `index` for the top level. */
    module?: string;
    /** The rest of the schema's top-level fields (version, description, config, provider, functions, language). */
    extra?: Omit<PackageSchema, "name" | "resources" | "types">;
}

/** The type token of a resource or type: `<package>:<module>:<name>`. */
export function typeToken(info: PackageInfo, name: string): string {
    return `${info.name}:${info.module ?? "index"}:${name}`;
}

/** Where a property is, for naming the enum types it needs: `AutoSnapshots` + `resourceType`. */
export interface PropertyPlace {
    owner: string;
    name: string;
}

/** A value of the schema vocabulary as a package schema property, defining the named types it needs in `types`. */
export function propertyOf(
    info: PackageInfo,
    type: ValueType,
    description: string,
    types: Record<string, PackageObjectType | PackageEnumType>,
    place: PropertyPlace,
): PackageProperty {
    switch (type.kind) {
        case "string": {
            if (!type.enum) return { type: "string", description };
            const token = typeToken(info, `${place.owner}${place.name[0]?.toUpperCase()}${place.name.slice(1)}`);
            types[token] = { type: "string", description, enum: type.enum.map((value) => ({ value })) };
            return { $ref: `#/types/${token}`, description };
        }
        case "integer":
            return { type: "integer", description };
        case "boolean":
            return { type: "boolean", description };
        case "stringMap":
            return { type: "object", additionalProperties: { type: "string" }, description };
        case "object":
            types[typeToken(info, type.name)] = objectTypeOf(info, type, types);
            return { $ref: `#/types/${typeToken(info, type.name)}`, description };
    }
}

/** An object type of the schema vocabulary as a package schema type, defining the types it needs in `types`. */
export function objectTypeOf(
    info: PackageInfo,
    type: ObjectType,
    types: Record<string, PackageObjectType | PackageEnumType>,
): PackageObjectType {
    const properties: Record<string, PackageProperty> = {};
    for (const [name, field] of Object.entries(type.fields)) {
        properties[name] = propertyOf(info, field.type, field.doc, types, { owner: type.name, name });
    }
    return {
        type: "object",
        description: type.doc,
        properties,
        ...nonEmpty(
            "required",
            Object.entries(type.fields)
                .filter(([, field]) => field.optional !== true)
                .map(([name]) => name),
        ),
    };
}

/** `{ [key]: names }`, or nothing when there are none (Pulumi omits empty lists from schemas). */
function nonEmpty<K extends string>(key: K, names: string[]): Partial<Record<K, string[]>> {
    return names.length > 0 ? ({ [key]: names } as Record<K, string[]>) : {};
}

/** A property's description in the package schema: its doc, what is allowed, its default, and whether it replaces. */
export function described(spec: PropertySpec): string {
    const parts = [spec.doc];
    if (spec.notes) parts.push(`Allowed: ${spec.notes}.`);
    if (spec.defaultDoc) parts.push(`Default: ${spec.defaultDoc}.`);
    if (spec.role === "input") parts.push(spec.replaces ? "Changing it replaces the resource." : "Changed in place.");
    return parts.join(" ");
}

/** Emits the package schema of `resources`. */
export function packageSchema(info: PackageInfo, resources: readonly ResourceSchema[]): PackageSchema {
    const types: Record<string, PackageObjectType | PackageEnumType> = {};
    const emitted: Record<string, PackageResource> = {};
    for (const resource of resources) {
        const properties: Record<string, PackageProperty> = {};
        const inputProperties: Record<string, PackageProperty> = {};
        for (const [name, spec] of Object.entries(resource.properties)) {
            const property = propertyOf(info, spec.type, described(spec), types, { owner: resource.name, name });
            properties[name] = property;
            if (spec.role === "input") inputProperties[name] = property;
        }
        const entries = Object.entries(resource.properties);
        emitted[typeToken(info, resource.name)] = {
            description: resource.doc,
            properties,
            // Outputs always present: every output Lightsail always reports, every input required or resolved by check.
            ...nonEmpty(
                "required",
                entries.filter(([, spec]) => spec.optional !== true || spec.resolved === true).map(([name]) => name),
            ),
            inputProperties,
            ...nonEmpty(
                "requiredInputs",
                entries.filter(([, spec]) => spec.role === "input" && spec.optional !== true).map(([name]) => name),
            ),
        };
    }
    return { name: info.name, ...info.extra, resources: emitted, types };
}
