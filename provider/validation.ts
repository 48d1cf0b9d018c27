/**
 * Input rules shared by every resource: Lightsail names, tags, regions, timeouts, and the
 * engine's placeholder for values not known yet. Pure: this is what `pulumi preview` runs, so
 * each rule Lightsail would enforce later is enforced here first, with a message that says what
 * is allowed.
 */

import { parseDuration } from "./duration";
import {
    MAX_TAG_KEY_LENGTH,
    MAX_TAG_VALUE_LENGTH,
    MAX_TAGS,
    RESERVED_TAG_PREFIX,
    TAG_CHARACTERS_RULE,
    type TagProblem,
    tagKeyProblem,
    tagValueProblem,
} from "./lightsail/tagRule";
import type { EngineProperties } from "./outputs";
import { inputNames, type ResourceSchema } from "./schema";

/** The value the Pulumi engine substitutes for inputs that are not known yet (during preview). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Lightsail resource names: 2 to 255 characters, letters, digits, underscores and dashes, not starting or ending with a dash. */
export const NAME_PATTERN = /^\w[\w-]*\w$/;
/** The rule {@link NAME_PATTERN} enforces, in words, for error messages. */
export const NAME_RULE =
    "2 to 255 characters: ASCII letters, digits, underscores and dashes, starting and ending with a letter, digit or underscore";

/** The tag rules, in words, for the README and error messages (the rule itself: `lightsail/tagRule.ts`). */
export const TAG_RULE = `at most ${MAX_TAGS}; keys up to ${MAX_TAG_KEY_LENGTH}, values up to ${MAX_TAG_VALUE_LENGTH} characters: letters, digits, spaces and \`+ - = . _ : / @\`; keys and values starting with \`${RESERVED_TAG_PREFIX}\` are reserved`;

/** AWS region names: `us-east-1`, `eu-west-3`, `us-gov-west-1`. */
export const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$/;
/** Regions where Lightsail is offered today (a hint in errors; any well-formed region is accepted). */
export const LIGHTSAIL_REGIONS = [
    "us-east-1",
    "us-east-2",
    "us-west-2",
    "ca-central-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-central-1",
    "eu-north-1",
    "ap-south-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
] as const;

/** Longest create or delete timeout accepted: snapshots of large disks take hours, not days. */
export const MAX_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/** What a resource's check decides: typed inputs, or the failures that prevent them. */
export type CheckOutcome<TInputs> = { ok: true; inputs: TInputs } | { ok: false; failures: InputFailure[] };

/** A problem with one input property, as `pulumi preview` shows it. */
export interface InputFailure {
    /** The property at fault (`tags.env`, `diskName`). */
    property: string;
    /** What is wrong and what is allowed. */
    reason: string;
}

/** True when `value` is the engine's placeholder for a value not known until apply. */
export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN_VALUE;
}

/** True when `value` or anything inside it is not known yet. */
export function containsUnknown(value: unknown): boolean {
    if (isUnknown(value)) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

/** A short description of a value for error messages: `"Disk 1"`, `a number`, `a list`. */
export function describe(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
    const type = typeof value;
    return type === "object" || type === "undefined" ? `an ${type}` : `a ${type}`;
}

/** Problems with a Lightsail resource name, or none. */
export function validateName(property: string, value: unknown): InputFailure[] {
    if (isUnknown(value)) return [];
    if (typeof value !== "string") {
        return [{ property, reason: `${property} must be a string, got ${describe(value)}; allowed: ${NAME_RULE}` }];
    }
    if (value.length < 2 || value.length > 255) {
        return [
            {
                property,
                reason: `${property} must be 2 to 255 characters long, got ${value.length}; allowed: ${NAME_RULE}`,
            },
        ];
    }
    if (!NAME_PATTERN.test(value)) {
        return [
            { property, reason: `${property} ${describe(value)} is not a valid Lightsail name; allowed: ${NAME_RULE}` },
        ];
    }
    return [];
}

/** A {@link TagProblem} in words: what is wrong with the key or value, and what is allowed. */
function tagProblemReason(problem: TagProblem, text: string): string {
    switch (problem.kind) {
        case "length":
            return problem.part === "key"
                ? `tag keys must be ${problem.min} to ${problem.max} characters long, got ${problem.length}`
                : `tag values must be at most ${problem.max} characters long, got ${problem.length}`;
        case "characters":
            return `tag ${problem.part} ${describe(text)} has characters that are not allowed; allowed: ${TAG_CHARACTERS_RULE}`;
        case "reserved":
            return `tag ${problem.part}s starting with "${RESERVED_TAG_PREFIX}" (in any case) are reserved by AWS`;
    }
}

/** Problems with a tag map, or none. */
export function validateTags(value: unknown): InputFailure[] {
    if (value === undefined || value === null || isUnknown(value)) return [];
    if (typeof value !== "object" || Array.isArray(value)) {
        return [
            {
                property: "tags",
                reason: `tags must be a map of string keys to string values, got ${describe(value)}`,
            },
        ];
    }
    const entries = Object.entries(value);
    const failures: InputFailure[] = [];
    if (entries.length > MAX_TAGS) {
        failures.push({
            property: "tags",
            reason: `at most ${MAX_TAGS} tags are allowed on a Lightsail resource, got ${entries.length}`,
        });
    }
    for (const [key, tagValue] of entries) {
        const property = `tags.${key}`;
        const keyProblem = tagKeyProblem(key);
        if (keyProblem) failures.push({ property, reason: tagProblemReason(keyProblem, key) });
        if (isUnknown(tagValue)) continue;
        if (typeof tagValue !== "string") {
            failures.push({ property, reason: `tag values must be strings, got ${describe(tagValue)}` });
            continue;
        }
        const valueProblem = tagValueProblem(tagValue);
        if (valueProblem) failures.push({ property, reason: tagProblemReason(valueProblem, tagValue) });
    }
    return failures;
}

/** Problems with a region, or none. */
export function validateRegion(value: unknown): InputFailure[] {
    if (isUnknown(value)) return [];
    const hint = `set the region input, the stack's aws:region config, or AWS_REGION; Lightsail regions: ${LIGHTSAIL_REGIONS.join(", ")}`;
    if (value === undefined || value === null || value === "") {
        return [{ property: "region", reason: `no region is set; ${hint}` }];
    }
    if (typeof value !== "string" || !REGION_PATTERN.test(value)) {
        return [{ property: "region", reason: `region ${describe(value)} is not an AWS region name; ${hint}` }];
    }
    return [];
}

/** Problems with the timeouts input, or none. */
export function validateTimeouts(value: unknown): InputFailure[] {
    if (value === undefined || value === null || isUnknown(value)) return [];
    if (typeof value !== "object" || Array.isArray(value)) {
        return [{ property: "timeouts", reason: `timeouts must be an object like { create: "2h", delete: "20m" }` }];
    }
    const failures: InputFailure[] = [];
    for (const [key, duration] of Object.entries(value)) {
        const property = `timeouts.${key}`;
        if (key !== "create" && key !== "delete") {
            failures.push({ property, reason: `unknown timeout "${key}"; allowed: create, delete` });
            continue;
        }
        if (isUnknown(duration)) continue;
        const parsed = typeof duration === "string" ? parseDuration(duration) : undefined;
        if (parsed === undefined || parsed <= 0 || parsed > MAX_TIMEOUT_MS) {
            failures.push({
                property,
                reason: `${property} must be a duration like "90s", "45m", "2h" or "1h30m", more than zero and at most 24h, got ${describe(duration)}`,
            });
        }
    }
    return failures;
}

/** True when the program gave no value (absent or null). */
export function isAbsent(value: unknown): value is undefined | null {
    return value === undefined || value === null;
}

/**
 * Copies into checked inputs every input of `schema` that the program declared and the check has
 * not set itself (the name, tags and region it resolves). Only for inputs already validated: the
 * values are taken as they are.
 */
export function copyDeclared<T extends object>(schema: ResourceSchema, inputs: T, news: EngineProperties): void {
    const target = inputs as Record<string, unknown>;
    for (const property of inputNames(schema)) {
        if (!(property in target) && !isAbsent(news[property])) target[property] = news[property];
    }
}

/** Problems with a boolean input, or none. */
export function validateBoolean(property: string, value: unknown): InputFailure[] {
    if (isAbsent(value) || isUnknown(value) || typeof value === "boolean") return [];
    return [{ property, reason: `${property} must be true or false, got ${describe(value)}` }];
}

/**
 * Properties the schema does not know, each a failure listing the allowed ones.
 *
 * @param internal Keys the resource class or the engine adds besides the schema's inputs.
 */
export function validateKnownProperties(
    schema: ResourceSchema,
    news: EngineProperties,
    internal: readonly string[],
): InputFailure[] {
    const allowed = Object.entries(schema.properties)
        .filter(([, spec]) => spec.role === "input")
        .map(([name]) => name);
    return Object.keys(news)
        .filter((key) => !allowed.includes(key) && !internal.includes(key))
        .map((key) => ({ property: key, reason: `unknown property "${key}"; allowed: ${allowed.join(", ")}` }));
}

/** Tags with their keys sorted, so that state and diffs do not depend on declaration order. */
export function sortedTags(tags: unknown): Record<string, string> {
    if (isAbsent(tags)) return {};
    if (isUnknown(tags)) return tags as unknown as Record<string, string>;
    const result: Record<string, string> = {};
    for (const key of Object.keys(tags as object).sort()) {
        result[key] = (tags as Record<string, string>)[key];
    }
    return result;
}

/** One of several mutually exclusive inputs, and what setting it means. */
export interface Alternative {
    /** The input's name. */
    property: string;
    /** What setting it means, e.g. `a block storage disk`. */
    means: string;
}

/**
 * Problems with a choice of exactly one of `alternatives` (each a Lightsail name), or none.
 * Both set is reported on the second, neither on the first.
 */
export function validateExactlyOne(news: EngineProperties, alternatives: readonly Alternative[]): InputFailure[] {
    const given = alternatives.filter((alternative) => !isAbsent(news[alternative.property]));
    const choices = alternatives.map((a) => `${a.property} (${a.means})`).join(" or ");
    if (given.length > 1) {
        return [
            {
                property: given[1].property,
                reason: `${given.map((a) => a.property).join(" and ")} are mutually exclusive: set ${choices}, not both`,
            },
        ];
    }
    if (given.length === 0) {
        return [{ property: alternatives[0].property, reason: `exactly one source is required: set ${choices}` }];
    }
    return validateName(given[0].property, news[given[0].property]);
}

/** Daily snapshot times: UTC, on the hour. */
export const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):00$/;

/** Problems with a daily snapshot time, or none. */
export function validateTimeOfDay(property: string, value: unknown): InputFailure[] {
    if (isUnknown(value)) return [];
    const allowed = 'allowed: "HH:00" in UTC, on the hour, from "00:00" to "23:00"';
    if (isAbsent(value)) return [{ property, reason: `${property} is required; ${allowed}` }];
    if (typeof value !== "string") {
        return [{ property, reason: `${property} must be a string, got ${describe(value)}; ${allowed}` }];
    }
    if (!TIME_OF_DAY_PATTERN.test(value)) {
        return [{ property, reason: `${property} ${describe(value)} is not a time on the hour; ${allowed}` }];
    }
    return [];
}
