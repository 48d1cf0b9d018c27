/**
 * Validation and normalisation of DiskSnapshot inputs. Pure: no I/O, no AWS calls, randomness
 * injected. This is what `pulumi preview` runs, so every rule Lightsail would enforce later is
 * enforced here first, with a message that says what is allowed.
 */

import { parseDuration } from "./duration";
import { autoName, seededRandom } from "./naming";

/** The value the Pulumi engine substitutes for inputs that are not known yet (during preview). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Lightsail resource names: 2 to 255 characters, letters, digits, underscores and dashes, not starting or ending with a dash. */
export const NAME_PATTERN = /^\w[\w-]*\w$/;
/** The rule {@link NAME_PATTERN} enforces, in words, for error messages. */
export const NAME_RULE =
    "2 to 255 characters: ASCII letters, digits, underscores and dashes, starting and ending with a letter, digit or underscore";

/** Tag keys and values: letters, digits and spaces in UTF-8, and `+ - = . _ : / @`. */
export const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}+\-=._:/@]*$/u;
/** At most this many tags on a Lightsail resource. */
export const MAX_TAGS = 50;
/** Longest tag key, in characters. */
export const MAX_TAG_KEY_LENGTH = 128;
/** Longest tag value, in characters. */
export const MAX_TAG_VALUE_LENGTH = 256;

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

/** Internal input: the Pulumi resource name, used as the base of a generated snapshot name. */
export const AUTO_NAME_BASE = "__autoNameBase";
/** Internal input: the project and stack, so generated names differ between stacks. */
export const AUTO_NAME_SCOPE = "__autoNameScope";
/** Internal input: set when `diskSnapshotName` was generated rather than given. */
export const AUTO_NAMED = "__autoNamed";
/** Input the dynamic-provider host reserves for the serialized provider. */
export const PROVIDER_KEY = "__provider";

/** Create and delete timeouts as duration strings (`"90s"`, `"45m"`, `"2h"`, `"1h30m"`). */
export interface Timeouts {
    /** How long `pulumi up` waits for a new snapshot to reach `completed`. */
    create?: string;
    /** How long `pulumi destroy` keeps retrying a snapshot Lightsail will not delete yet. */
    delete?: string;
}

/** DiskSnapshot inputs after validation, as stored in the Pulumi state. */
export interface DiskSnapshotInputs {
    /** The snapshot's Lightsail name (given, or generated once). */
    diskSnapshotName: string;
    /** Source block storage disk; exactly one of this and `instanceName`. */
    diskName?: string;
    /** Source instance, whose system volume is snapshotted; exactly one of this and `diskName`. */
    instanceName?: string;
    /** Tags, applied in the CreateDiskSnapshot request itself. Keys sorted. */
    tags: Record<string, string>;
    /** AWS region of the snapshot. */
    region: string;
    /** Create and delete timeouts, when given. */
    timeouts?: Timeouts;
    /** Take over an existing snapshot of the same name and source instead of failing. */
    adopt?: boolean;
    /** Set when the name was generated. */
    [AUTO_NAMED]?: boolean;
    /** The resource name a generated name is based on. */
    [AUTO_NAME_BASE]?: string;
    /** The project and stack a generated name is scoped to. */
    [AUTO_NAME_SCOPE]?: string;
}

/** A problem with one input property, as `pulumi preview` shows it. */
export interface InputFailure {
    /** The property at fault (`tags.env`, `diskName`). */
    property: string;
    /** What is wrong and what is allowed. */
    reason: string;
}

/** The outcome of {@link checkInputs}. */
export interface CheckOutcome {
    /** The normalised inputs (or the raw ones, when there are failures). */
    inputs: Record<string, unknown>;
    /** Every problem found; empty when the inputs are valid. */
    failures: InputFailure[];
}

// An array, not a Set: see LOOPBACK_HOSTS in config.ts (a Set does not survive serialization by value).
const KNOWN_PROPERTIES: readonly string[] = [
    "diskSnapshotName",
    "diskName",
    "instanceName",
    "tags",
    "region",
    "timeouts",
    "adopt",
    AUTO_NAME_BASE,
    AUTO_NAME_SCOPE,
    AUTO_NAMED,
    PROVIDER_KEY,
];
const PUBLIC_PROPERTIES = ["diskSnapshotName", "diskName", "instanceName", "tags", "region", "timeouts", "adopt"];

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

function describe(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
    return `a ${typeof value}`;
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
    const allowed = "letters, digits and spaces (UTF-8) and + - = . _ : / @";
    for (const [key, tagValue] of entries) {
        const property = `tags.${key}`;
        if (key.length === 0 || key.length > MAX_TAG_KEY_LENGTH) {
            failures.push({
                property,
                reason: `tag keys must be 1 to ${MAX_TAG_KEY_LENGTH} characters long, got ${key.length}`,
            });
        } else if (!TAG_CHARACTERS.test(key)) {
            failures.push({
                property,
                reason: `tag key ${describe(key)} has characters that are not allowed; allowed: ${allowed}`,
            });
        } else if (key.toLowerCase().startsWith("aws:")) {
            failures.push({ property, reason: `tag keys starting with "aws:" are reserved by AWS` });
        }
        if (isUnknown(tagValue)) continue;
        if (typeof tagValue !== "string") {
            failures.push({ property, reason: `tag values must be strings, got ${describe(tagValue)}` });
        } else if (tagValue.length > MAX_TAG_VALUE_LENGTH) {
            failures.push({
                property,
                reason: `tag values must be at most ${MAX_TAG_VALUE_LENGTH} characters long, got ${tagValue.length}`,
            });
        } else if (!TAG_CHARACTERS.test(tagValue)) {
            failures.push({
                property,
                reason: `tag value ${describe(tagValue)} has characters that are not allowed; allowed: ${allowed}`,
            });
        }
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

function validateSource(news: Record<string, unknown>): InputFailure[] {
    const hasDisk = news.diskName !== undefined && news.diskName !== null;
    const hasInstance = news.instanceName !== undefined && news.instanceName !== null;
    if (hasDisk && hasInstance) {
        return [
            {
                property: "instanceName",
                reason: "diskName and instanceName are mutually exclusive: set diskName to snapshot a block storage disk, or instanceName to snapshot an instance's system volume, not both",
            },
        ];
    }
    if (!hasDisk && !hasInstance) {
        return [
            {
                property: "diskName",
                reason: "exactly one source is required: set diskName (a block storage disk) or instanceName (an instance's system volume)",
            },
        ];
    }
    return hasDisk ? validateName("diskName", news.diskName) : validateName("instanceName", news.instanceName);
}

function sortedTags(tags: unknown): Record<string, string> {
    if (tags === undefined || tags === null) return {};
    if (isUnknown(tags)) return tags as unknown as Record<string, string>;
    const result: Record<string, string> = {};
    for (const key of Object.keys(tags as object).sort()) {
        result[key] = (tags as Record<string, string>)[key];
    }
    return result;
}

/**
 * A name for a snapshot declared without one. With a scope (the program passes its project and
 * stack), the suffix is derived from the scope, resource name, source and region (see
 * {@link seededRandom}); without one, from `random`. Unknown while the source or region is.
 */
function generatedName(news: Record<string, unknown>, random: () => number): string {
    const base = typeof news[AUTO_NAME_BASE] === "string" ? (news[AUTO_NAME_BASE] as string) : "disk-snapshot";
    const scope = news[AUTO_NAME_SCOPE];
    if (typeof scope !== "string") return autoName(base, random);
    const identity = [news.diskName, news.instanceName, news.region];
    if (identity.some(isUnknown)) return UNKNOWN_VALUE;
    const source =
        news.diskName !== undefined && news.diskName !== null
            ? `disk:${news.diskName}`
            : `instance:${news.instanceName}`;
    return autoName(base, seededRandom([scope, base, source, String(news.region)]));
}

/**
 * Validates and normalises the inputs of a DiskSnapshot, as the provider's `check` does.
 *
 * @param olds The previous checked inputs (empty on create, or when the engine re-checks for a replacement).
 * @param news The inputs the program declared.
 * @param random A source of uniform numbers in [0, 1), used to generate a name when the program gave no scope.
 */
export function checkInputs(
    olds: Record<string, unknown> | undefined,
    news: Record<string, unknown>,
    random: () => number,
): CheckOutcome {
    const failures: InputFailure[] = [];
    for (const key of Object.keys(news)) {
        if (!KNOWN_PROPERTIES.includes(key)) {
            failures.push({
                property: key,
                reason: `unknown property "${key}"; allowed: ${PUBLIC_PROPERTIES.join(", ")}`,
            });
        }
    }
    failures.push(...validateSource(news));
    if (news.diskSnapshotName !== undefined && news.diskSnapshotName !== null) {
        failures.push(...validateName("diskSnapshotName", news.diskSnapshotName));
    }
    failures.push(...validateTags(news.tags));
    failures.push(...validateRegion(news.region));
    failures.push(...validateTimeouts(news.timeouts));
    if (news.adopt !== undefined && news.adopt !== null && !isUnknown(news.adopt) && typeof news.adopt !== "boolean") {
        failures.push({ property: "adopt", reason: `adopt must be true or false, got ${describe(news.adopt)}` });
    }
    if (failures.length > 0) return { inputs: news, failures };

    const inputs: Record<string, unknown> = {};
    const explicitName = news.diskSnapshotName ?? undefined;
    if (explicitName !== undefined) {
        inputs.diskSnapshotName = explicitName;
    } else if (olds?.[AUTO_NAMED] === true && typeof olds.diskSnapshotName === "string") {
        // Generated once, then kept: a new name on every run would replace the snapshot every time.
        inputs.diskSnapshotName = olds.diskSnapshotName;
        inputs[AUTO_NAMED] = true;
    } else {
        inputs.diskSnapshotName = generatedName(news, random);
        inputs[AUTO_NAMED] = true;
    }
    if (news.diskName !== undefined && news.diskName !== null) inputs.diskName = news.diskName;
    if (news.instanceName !== undefined && news.instanceName !== null) inputs.instanceName = news.instanceName;
    inputs.tags = sortedTags(news.tags);
    inputs.region = news.region;
    if (news.timeouts !== undefined && news.timeouts !== null) inputs.timeouts = news.timeouts;
    if (news.adopt !== undefined && news.adopt !== null) inputs.adopt = news.adopt;
    if (news[AUTO_NAME_BASE] !== undefined) inputs[AUTO_NAME_BASE] = news[AUTO_NAME_BASE];
    if (news[AUTO_NAME_SCOPE] !== undefined) inputs[AUTO_NAME_SCOPE] = news[AUTO_NAME_SCOPE];
    if (news[PROVIDER_KEY] !== undefined) inputs[PROVIDER_KEY] = news[PROVIDER_KEY];
    return { inputs, failures: [] };
}
