/**
 * What the native provider plugin adds between the engine's requests and the resources' methods,
 * without I/O: the resource name and stack read from a URN, the internal inputs the dynamic face
 * sets in the program (the generated-name base and scope, the default region) set here instead,
 * the engine's `customTimeouts` laid over the `timeouts` input, the provider configuration in the
 * shape of the stack configuration the core reads, and the detailed diff the engine needs for
 * `replaceOnChanges`.
 */

import type { ConfigSource } from "../config";
import { propertyChanges } from "../diff";
import { AUTO_NAME_BASE, AUTO_NAME_SCOPE } from "../naming";
import type { EngineProperties } from "../outputs";
import type { ResourceSchema } from "../schema";

/** The package name in type tokens and configuration keys. */
export const PACKAGE_NAME = "lightsail-snapshots";

/** A resource's type token in the package: `lightsail-snapshots:index:<Name>`. */
export function resourceToken(schema: Pick<ResourceSchema, "name">): string {
    return `${PACKAGE_NAME}:index:${schema.name}`;
}

/**
 * The engine's address among the plugin's arguments: the first that is not a flag (the engine may
 * put logging and tracing flags first; `--tracing` takes the next argument as its value).
 */
export function engineAddressOf(args: readonly string[]): string | undefined {
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
        const arg = args[i] as string;
        if (arg === "--tracing") i++;
        else if (!arg.startsWith("-")) rest.push(arg);
    }
    return rest[0];
}

/** The provider's configuration variables, as `lightsail-snapshots:<key>` in the stack configuration. */
export const CONFIG_KEYS = ["region", "profile", "endpoint"] as const;
/** One of {@link CONFIG_KEYS}. */
export type ConfigKey = (typeof CONFIG_KEYS)[number];

/** What a URN tells: `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export interface UrnParts {
    stack: string;
    project: string;
    /** The type token (the last one, after any parent types). */
    type: string;
    name: string;
}

/**
 * Splits a URN into its parts.
 *
 * @throws Error when `urn` is not a Pulumi URN.
 */
export function parseUrn(urn: string): UrnParts {
    const match = /^urn:pulumi:([^:]*)::([^:]*)::(.+?)::(.*)$/s.exec(urn);
    if (!match) throw new Error(`not a Pulumi URN: ${urn}`);
    const [, stack = "", project = "", qualifiedType = "", name = ""] = match;
    return { stack, project, type: qualifiedType.split("$").pop() ?? qualifiedType, name };
}

/**
 * The program's inputs with what the dynamic face's class adds in the program: the resource name
 * and `project/stack` as the base and scope of a generated name (so that both faces generate the
 * same names), and the provider's default region when none is declared.
 */
export function declaredInputs(
    schema: ResourceSchema,
    urn: string,
    news: EngineProperties,
    defaultRegion: string | undefined,
): EngineProperties {
    const { name, project, stack } = parseUrn(urn);
    const declared: EngineProperties = { ...news };
    if ("region" in schema.properties && (declared.region === undefined || declared.region === null)) {
        if (defaultRegion !== undefined) declared.region = defaultRegion;
    }
    if (schema.properties[schema.idProperty]?.resolved === true) {
        declared[AUTO_NAME_BASE] = name;
        declared[AUTO_NAME_SCOPE] = `${project}/${stack}`;
    }
    return declared;
}

/**
 * Inputs with the engine's timeout for this operation (`customTimeouts`, in seconds; 0 when not
 * set) as the `timeouts` input's entry, which the methods honour. A declared `timeouts` entry
 * gives way: the resource option is the more specific.
 */
export function withEngineTimeout<T extends object>(inputs: T, operation: "create" | "delete", seconds: number): T {
    if (!(seconds > 0)) return inputs;
    const record = inputs as T & { timeouts?: Record<string, unknown> };
    return { ...record, timeouts: { ...(record.timeouts ?? {}), [operation]: `${seconds}s` } };
}

/**
 * The provider configuration (`lightsail-snapshots:region`, `:profile`, `:endpoint`, from the
 * stack configuration or an explicit provider resource's inputs) as the configuration source the
 * core's settings are resolved from: the `aws:` keys the dynamic face reads.
 */
export function configSourceOf(values: Partial<Record<ConfigKey, string>>): ConfigSource {
    return {
        endpointsSetting: `${PACKAGE_NAME}:endpoint`,
        get(key: string): string | undefined {
            switch (key) {
                case "aws:region":
                    return values.region;
                case "aws:profile":
                    return values.profile;
                case "aws:endpoints":
                    return values.endpoint === undefined ? undefined : JSON.stringify([{ lightsail: values.endpoint }]);
                default:
                    return undefined;
            }
        },
    };
}

/**
 * The configuration values in a Configure request: its `variables` (`lightsail-snapshots:config:region`
 * keys, from the stack configuration) and its `args` (an explicit provider's inputs), the latter winning.
 */
export function configValuesOf(
    variables: ReadonlyMap<string, string> | Record<string, string>,
    args: Record<string, unknown> | undefined,
): Partial<Record<ConfigKey, string>> {
    const entries = variables instanceof Map ? [...variables.entries()] : Object.entries(variables);
    const values: Partial<Record<ConfigKey, string>> = {};
    for (const key of CONFIG_KEYS) {
        const fromVariables = entries.find(
            ([name]) => name === `${PACKAGE_NAME}:config:${key}` || name === `${PACKAGE_NAME}:${key}`,
        )?.[1];
        const fromArgs = args?.[key];
        const value = typeof fromArgs === "string" && fromArgs !== "" ? fromArgs : fromVariables;
        if (value !== undefined && value !== "") values[key] = value;
    }
    return values;
}

/** The kinds of a property's difference, as the engine's `PropertyDiff.Kind` numbers them. */
export const DIFF_KIND = {
    ADD: 0,
    ADD_REPLACE: 1,
    DELETE: 2,
    DELETE_REPLACE: 3,
    UPDATE: 4,
    UPDATE_REPLACE: 5,
} as const;

/** One entry of a detailed diff. */
export interface DetailedDiffEntry {
    kind: (typeof DIFF_KIND)[keyof typeof DIFF_KIND];
    inputDiff: boolean;
}

/**
 * The detailed diff of a resource's decision: every property it replaces on, and every input it
 * changes in place (from the schema). The engine needs it to honour `replaceOnChanges` and to show
 * which properties change.
 *
 * @param replaces The properties the resource's diff replaces on.
 */
export function detailedDiff(
    schema: ResourceSchema,
    olds: object,
    news: object,
    replaces: readonly string[],
): Record<string, DetailedDiffEntry> {
    const entries: Record<string, DetailedDiffEntry> = {};
    const has = (props: object, key: string) => (props as Record<string, unknown>)[key] !== undefined;
    const kindOf = (key: string, replacing: boolean) => {
        if (!has(olds, key)) return replacing ? DIFF_KIND.ADD_REPLACE : DIFF_KIND.ADD;
        if (!has(news, key)) return replacing ? DIFF_KIND.DELETE_REPLACE : DIFF_KIND.DELETE;
        return replacing ? DIFF_KIND.UPDATE_REPLACE : DIFF_KIND.UPDATE;
    };
    for (const key of propertyChanges(schema, olds, news).updates) {
        entries[key] = { kind: kindOf(key, false), inputDiff: true };
    }
    for (const key of replaces) entries[key] = { kind: kindOf(key, true), inputDiff: true };
    return entries;
}
