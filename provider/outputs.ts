/**
 * Outputs as the Pulumi state holds them, read off a resource's schema. Pure. Everything returned
 * crosses gRPC: no `undefined`, `Date` or `BigInt` may appear (they fail the host after the
 * resource exists), so absent fields are left out and times become ISO 8601 strings.
 */

import { GENERATED_NAME_KEYS } from "./naming";
import { inPlaceInputNames, inputNames, type ResourceSchema } from "./schema";

/**
 * Properties as they cross the engine boundary: the program's inputs before `check` has
 * validated them, and the properties of a partial-create error. Everything past `check` is typed
 * by the resource's schema.
 */
export type EngineProperties = Record<string, unknown>;

/** Input the dynamic-provider host reserves for the serialized provider; never part of what the provider returns. */
export const PROVIDER_KEY = "__provider";

/** Lightsail's tag list as a map with sorted keys; a tag without a value maps to "". */
export function tagMap(tags: readonly { key?: string; value?: string }[] | undefined): Record<string, string> {
    const result: Record<string, string> = {};
    const pairs = (tags ?? []).flatMap((t) => (t.key === undefined ? [] : [[t.key, t.value ?? ""] as const]));
    for (const [key, value] of pairs.sort(([a], [b]) => (a < b ? -1 : 1))) result[key] = value;
    return result;
}

/** Converts a value to plain JSON: Dates to ISO strings, bigints to numbers, undefined dropped. */
export function toPlainJson<T>(value: T): PlainJson<T> {
    return plain(value) as PlainJson<T>;
}

/** The type {@link toPlainJson} returns: Dates become strings. */
export type PlainJson<T> = T extends Date
    ? string
    : T extends bigint
      ? number
      : T extends readonly (infer E)[]
        ? PlainJson<E>[]
        : T extends object
          ? { [K in keyof T]: PlainJson<T[K]> }
          : T;

function plain(value: unknown): unknown {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === "bigint") return Number(value);
    if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(plain);
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(
            Object.entries(value)
                .filter(([, v]) => v !== undefined && typeof v !== "function")
                .map(([key, v]) => [key, plain(v)]),
        );
    }
    return value;
}

/** The value of `key` in `props`, whatever their declared type (schema code reads properties by name). */
export function propertyOf(props: object, key: string): unknown {
    return Object.getOwnPropertyDescriptor(props, key)?.value;
}

/** The state's properties without the serialized provider (the host adds it back). */
export function withoutProvider<T extends object>(props: T): Omit<T, typeof PROVIDER_KEY> {
    const { [PROVIDER_KEY]: _provider, ...rest } = props as T & { [PROVIDER_KEY]?: unknown };
    return rest;
}

/** The keys a resource's state echoes from its inputs: the schema's inputs and the generated-name keys. */
export function stateInputKeys(schema: ResourceSchema): string[] {
    return [...inputNames(schema), ...GENERATED_NAME_KEYS];
}

/** The inputs a refreshed resource implies: its state's inputs, as the refreshed outputs now say. */
export function refreshedInputs<T extends object>(schema: ResourceSchema, outputs: T): Partial<T> {
    return pick(outputs, stateInputKeys(schema)) as Partial<T>;
}

/** The properties `keys` of `props` that have a value. */
export function pick(props: object, keys: readonly string[]): object {
    return Object.fromEntries(
        keys.map((key) => [key, propertyOf(props, key)] as const).filter(([, value]) => value !== undefined),
    );
}

/**
 * The outputs after an in-place update: the previous outputs with the new values of the inputs
 * changed in place laid over them (an input no longer given is dropped).
 */
export function updatedOutputs<T extends object>(schema: ResourceSchema, olds: T, news: object): T {
    const kept = Object.entries(withoutProvider(olds)).filter(([key]) => !inPlaceInputNames(schema).includes(key));
    return toPlainJson({ ...Object.fromEntries(kept), ...pick(news, inPlaceInputNames(schema)) }) as T;
}

/** The properties of `outputs` that Lightsail reports (see `ReportedOf`): what a lookup returns. */
export function pickReported(schema: ResourceSchema, outputs: object): object {
    const reported = Object.entries(schema.properties)
        .filter(([, spec]) => spec.role === "output" || spec.reported === true)
        .map(([key]) => key);
    return pick(outputs, reported);
}
