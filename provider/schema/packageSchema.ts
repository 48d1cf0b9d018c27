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
    enum?: { value: string }[];
    description?: string;
    default?: unknown;
}

/** A resource in a Pulumi package schema. */
export interface PackageResource {
    description: string;
    properties: Record<string, PackageProperty>;
    required: string[];
    inputProperties: Record<string, PackageProperty>;
    requiredInputs: string[];
}

/** An object type in a Pulumi package schema. */
export interface PackageObjectType {
    type: "object";
    description: string;
    properties: Record<string, PackageProperty>;
    required: string[];
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
    config?: { variables: Record<string, PackageProperty> };
    provider?: { description: string; inputProperties: Record<string, PackageProperty> };
    resources: Record<string, PackageResource>;
    types: Record<string, PackageObjectType>;
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

function propertyOf(
    info: PackageInfo,
    type: ValueType,
    description: string,
    types: Record<string, PackageObjectType>,
): PackageProperty {
    switch (type.kind) {
        case "string":
            return type.enum
                ? { type: "string", enum: type.enum.map((value) => ({ value })), description }
                : { type: "string", description };
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

function objectTypeOf(
    info: PackageInfo,
    type: ObjectType,
    types: Record<string, PackageObjectType>,
): PackageObjectType {
    const properties: Record<string, PackageProperty> = {};
    for (const [name, field] of Object.entries(type.fields)) {
        properties[name] = propertyOf(info, field.type, field.doc, types);
    }
    return {
        type: "object",
        description: type.doc,
        properties,
        required: Object.entries(type.fields)
            .filter(([, field]) => field.optional !== true)
            .map(([name]) => name),
    };
}

function described(spec: PropertySpec): string {
    const parts = [spec.doc];
    if (spec.notes) parts.push(`Allowed: ${spec.notes}.`);
    if (spec.defaultDoc) parts.push(`Default: ${spec.defaultDoc}.`);
    if (spec.role === "input") parts.push(spec.replaces ? "Changing it replaces the resource." : "Changed in place.");
    return parts.join(" ");
}

/** Emits the package schema of `resources`. */
export function packageSchema(info: PackageInfo, resources: readonly ResourceSchema[]): PackageSchema {
    const types: Record<string, PackageObjectType> = {};
    const emitted: Record<string, PackageResource> = {};
    for (const resource of resources) {
        const properties: Record<string, PackageProperty> = {};
        const inputProperties: Record<string, PackageProperty> = {};
        for (const [name, spec] of Object.entries(resource.properties)) {
            const property = propertyOf(info, spec.type, described(spec), types);
            properties[name] = property;
            if (spec.role === "input") inputProperties[name] = property;
        }
        const entries = Object.entries(resource.properties);
        emitted[typeToken(info, resource.name)] = {
            description: resource.doc,
            properties,
            // Outputs always present: every output Lightsail always reports, every input required or resolved by check.
            required: entries
                .filter(([, spec]) => spec.optional !== true || spec.resolved === true)
                .map(([name]) => name),
            inputProperties,
            requiredInputs: entries
                .filter(([, spec]) => spec.role === "input" && spec.optional !== true)
                .map(([name]) => name),
        };
    }
    return { name: info.name, ...info.extra, resources: emitted, types };
}
