/**
 * Input validation for Lightsail requests (pure functions, no I/O).
 *
 * Two layers, as on the real service:
 * - JSON types: a member of the wrong JSON type is a `SerializationException` (the front end cannot
 *   deserialize it). `null` counts as absent. Unknown members are ignored.
 * - Lightsail rules (required members, name pattern, tag rules, ranges): `InvalidInputException`.
 *
 * @module
 */

import {
    MAX_TAG_KEY_LENGTH,
    MAX_TAG_VALUE_LENGTH,
    MAX_TAGS,
    RESERVED_TAG_PREFIX,
    type TagProblem,
    tagKeyProblem,
    tagValueProblem,
} from "../provider/lightsail/tagRule";
import { type AwsError, errors } from "./protocol";
import type { Tag } from "./types";

/** Lightsail's `ResourceName` pattern, anchored (the model's pattern is `\w[\w\-]*\w`). */
export const RESOURCE_NAME_PATTERN = /^\w[\w-]*\w$/;

/** Maximum length the emulator accepts for resource names. */
export const MAX_NAME_LENGTH = 255;

function typeError(member: string, expected: string): AwsError {
    return errors.serialization(`Cannot deserialize member '${member}': expected ${expected}`);
}

/** Reads an optional string member. @throws AwsError `SerializationException` on a non-string. */
export function optionalString(input: Record<string, unknown>, member: string): string | undefined {
    const value = input[member];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== "string") {
        throw typeError(member, "a string");
    }
    return value;
}

/** Reads a required string member. @throws AwsError `InvalidInputException` when absent or empty. */
export function requiredString(input: Record<string, unknown>, member: string): string {
    const value = optionalString(input, member);
    if (value === undefined || value === "") {
        throw errors.invalidInput(`The ${member} parameter is required and must not be empty.`, "MissingParameter");
    }
    return value;
}

/**
 * Reads a required member of the model's `NonEmptyString` (pattern `.*\S.*`): present, and not
 * only whitespace.
 *
 * @throws AwsError `InvalidInputException` when absent, empty or blank.
 */
export function requiredNonBlankString(input: Record<string, unknown>, member: string): string {
    const value = requiredString(input, member);
    if (!/\S/.test(value)) {
        throw errors.invalidInput(`The ${member} parameter must not be blank.`);
    }
    return value;
}

/** Reads an optional integer member. @throws AwsError `SerializationException` on a non-integer. */
export function optionalInteger(input: Record<string, unknown>, member: string): number | undefined {
    const value = input[member];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== "number" || !Number.isInteger(value)) {
        throw typeError(member, "an integer");
    }
    return value;
}

/** Reads a required integer member. */
export function requiredInteger(input: Record<string, unknown>, member: string): number {
    const value = optionalInteger(input, member);
    if (value === undefined) {
        throw errors.invalidInput(`The ${member} parameter is required.`, "MissingParameter");
    }
    return value;
}

/** Reads an optional boolean member. */
export function optionalBoolean(input: Record<string, unknown>, member: string): boolean | undefined {
    const value = input[member];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== "boolean") {
        throw typeError(member, "a boolean");
    }
    return value;
}

/** Reads an optional list of strings. */
export function optionalStringList(input: Record<string, unknown>, member: string): string[] | undefined {
    const value = input[member];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
        throw typeError(member, "a list of strings");
    }
    return value as string[];
}

/** Reads an optional structure member. @throws AwsError `SerializationException` on a non-object. */
export function optionalStructure(input: Record<string, unknown>, member: string): Record<string, unknown> | undefined {
    const value = input[member];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        throw typeError(member, "a structure");
    }
    return value as Record<string, unknown>;
}

/** Reads an optional list of structures. @throws AwsError `SerializationException` on anything else. */
export function optionalStructures(
    input: Record<string, unknown>,
    member: string,
): Record<string, unknown>[] | undefined {
    optionalStructureList(input, member);
    return (input[member] ?? undefined) as Record<string, unknown>[] | undefined;
}

/** Checks an optional list of structures is a list of objects (members are not interpreted). */
export function optionalStructureList(input: Record<string, unknown>, member: string): void {
    const value = input[member];
    if (value === undefined || value === null) {
        return;
    }
    if (!Array.isArray(value) || value.some((v) => v === null || typeof v !== "object" || Array.isArray(v))) {
        throw typeError(member, "a list of structures");
    }
}

/**
 * Reads an optional `TagList` member, checking JSON types only (see {@link validateTags} for the rules).
 */
export function optionalTagList(input: Record<string, unknown>, member: string): Tag[] | undefined {
    const value = input[member];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (!Array.isArray(value)) {
        throw typeError(member, "a list of tags");
    }
    return value.map((entry, i) => {
        if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
            throw typeError(`${member}.${i + 1}`, "a tag structure");
        }
        const record = entry as Record<string, unknown>;
        const key = optionalString(record, "key");
        const tagValue = optionalString(record, "value");
        const tag: Tag = { key: key ?? "" };
        if (tagValue !== undefined) {
            tag.value = tagValue;
        }
        return tag;
    });
}

/**
 * Checks a resource name against Lightsail's rules.
 *
 * @param member Request member name, for the message.
 * @throws AwsError `InvalidInputException`.
 */
export function validateResourceName(member: string, name: string): void {
    if (name.length < 2 || name.length > MAX_NAME_LENGTH || !RESOURCE_NAME_PATTERN.test(name)) {
        throw errors.invalidInput(
            `The ${member} '${truncate(name)}' is not valid. Names must be 2 to ${MAX_NAME_LENGTH} characters, ` +
                "start and end with a letter or number, and contain only letters, numbers, underscores (_) and hyphens (-).",
        );
    }
}

/** Lightsail's tag limits, shared with the provider's `check()` (`provider/lightsail/tagRule.ts`). */
export { MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, MAX_TAGS };

/** The answer to a tag that breaks the rule: `InvalidInputException` naming the tag. */
function tagError(problem: TagProblem, key: string): AwsError {
    const which = problem.part === "key" ? `The tag key '${truncate(key)}'` : `The value of tag '${truncate(key)}'`;
    switch (problem.kind) {
        case "length":
            return problem.part === "key"
                ? errors.invalidInput(`Tag keys must be 1 to ${MAX_TAG_KEY_LENGTH} characters; got ${problem.length}.`)
                : errors.invalidInput(`${which} is longer than ${MAX_TAG_VALUE_LENGTH} characters.`);
        case "characters":
            return errors.invalidInput(
                `${which} contains characters that are not allowed. Use letters, numbers, spaces and + - = . _ : / @.`,
            );
        case "reserved":
            return errors.invalidInput(`${which} starts with '${RESERVED_TAG_PREFIX}', which is reserved for AWS use.`);
    }
}

/**
 * Checks tags against Lightsail's rule (`provider/lightsail/tagRule.ts`): at most 50, keys of 1 to
 * 128 and values of at most 256 letters, digits, spaces and `+ - = . _ : / @`, no `aws:` prefix
 * on either, no duplicate keys.
 *
 * @throws AwsError `InvalidInputException` naming the offending tag.
 */
export function validateTags(tags: readonly Tag[], maxTags = MAX_TAGS): void {
    if (tags.length > maxTags) {
        throw errors.invalidInput(`A resource can have at most ${maxTags} tags; the request has ${tags.length}.`);
    }
    const seen = new Set<string>();
    for (const tag of tags) {
        validateTagKey(tag.key);
        if (seen.has(tag.key)) {
            throw errors.invalidInput(`The tag key '${truncate(tag.key)}' appears more than once.`);
        }
        seen.add(tag.key);
        const problem = tagValueProblem(tag.value);
        if (problem) throw tagError(problem, tag.key);
    }
}

/** Checks one tag key (used for `UntagResource` keys too). @throws AwsError `InvalidInputException`. */
export function validateTagKey(key: string): void {
    const problem = tagKeyProblem(key);
    if (problem) throw tagError(problem, key);
}

/**
 * Checks an availability zone belongs to the region (`<region>` followed by one letter a-f).
 *
 * @throws AwsError `InvalidInputException`.
 */
export function validateAvailabilityZone(region: string, zone: string): void {
    if (!(zone.startsWith(region) && /^[a-f]$/.test(zone.slice(region.length)))) {
        throw errors.invalidInput(
            `The Availability Zone '${truncate(zone)}' is not valid in the region ${region}. Use a zone such as ${region}a.`,
        );
    }
}

/**
 * Lightsail's regions: the model's `RegionName` enum (botocore 1.43; older models lack the last two).
 * Only members of that type are checked against it; the region of the credential scope is not.
 */
export const REGION_NAMES: readonly string[] = [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-central-1",
    "eu-north-1",
    "ca-central-1",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-southeast-3",
    "ap-southeast-5",
];

/**
 * Checks a `RegionName` member against the model's enum.
 *
 * @throws AwsError `InvalidInputException`.
 */
export function validateRegionName(member: string, region: string): void {
    if (!REGION_NAMES.includes(region)) {
        throw errors.invalidInput(
            `The ${member} '${truncate(region)}' is not valid. Specify a Lightsail region such as us-east-1.`,
        );
    }
}

/** The model's `ResourceArn` pattern. */
export const RESOURCE_ARN_PATTERN =
    /^arn:(aws[^:]*):([a-zA-Z0-9-]+):([a-z0-9-]+):([0-9]+):([a-zA-Z]+)\/([a-zA-Z0-9-]+)$/;

/** Shortens user input quoted in messages. */
export function truncate(text: string, max = 64): string {
    return text.length > max ? `${text.slice(0, max)}...` : text;
}
