/**
 * DiskFromSnapshot's `check`: validation and normalisation of the program's inputs. Pure: no I/O,
 * no AWS calls, randomness injected. What only Lightsail knows (whether the snapshot exists and is
 * completed, its size, the instance's zone) is checked at `up`, before anything is created.
 */

import { GENERATED_NAME_KEYS, recordNameOrigin, resolveName } from "../../naming";
import { type EngineProperties, PROVIDER_KEY, propertyOf } from "../../outputs";
import {
    type CheckOutcome,
    copyDeclared,
    describe,
    type InputFailure,
    isAbsent,
    isUnknown,
    sortedTags,
    validateBoolean,
    validateExactlyOne,
    validateKnownProperties,
    validateName,
    validateRegion,
    validateTags,
    validateTimeouts,
} from "../../validation";
import { snapshotSources, sourceIdentity, validateAutoSnapshotChoice } from "../snapshotSource";
import { type DiskFromSnapshotInputs, diskFromSnapshotSchema } from "./schema";

/** Lightsail's block storage disk sizes, GB (service quotas: 8 GB to 16,000 GB per disk). */
export const DISK_SIZE_LIMITS_GB = { min: 8, max: 16_000 } as const;

/**
 * The device paths a disk may be attached at. Lightsail documents `/dev/xvdf` and at most 15
 * disks an instance, not the full set; see emulator/README.md for this choice.
 */
export const DISK_PATH_PATTERN = /^\/dev\/xvd[f-t]$/;

/** The two kinds of source. */
const SOURCES = snapshotSources("diskSnapshotName");

function validateAvailabilityZone(zone: unknown, region: unknown): InputFailure[] {
    if (isUnknown(zone)) return [];
    const allowed =
        isUnknown(region) || typeof region !== "string"
            ? "a zone of the region"
            : `a zone of ${region}, such as "${region}a"`;
    if (isAbsent(zone))
        return [{ property: "availabilityZone", reason: `availabilityZone is required; allowed: ${allowed}` }];
    if (
        typeof zone !== "string" ||
        (typeof region === "string" && !isUnknown(region) && !new RegExp(`^${region}[a-z]$`).test(zone))
    ) {
        return [
            {
                property: "availabilityZone",
                reason: `availabilityZone ${describe(zone)} is not in the disk's region; allowed: ${allowed}`,
            },
        ];
    }
    return [];
}

function validateSize(value: unknown): InputFailure[] {
    if (isAbsent(value) || isUnknown(value)) return [];
    const { min, max } = DISK_SIZE_LIMITS_GB;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        return [
            {
                property: "sizeInGb",
                reason: `sizeInGb ${typeof value === "number" ? value : describe(value)} is not a disk size Lightsail allows; allowed: a whole number of GB from ${min} to ${max}, at least the snapshot's size (the default)`,
            },
        ];
    }
    return [];
}

function validateAttachment(value: unknown): InputFailure[] {
    if (isAbsent(value) || isUnknown(value)) return [];
    if (typeof value !== "object" || Array.isArray(value)) {
        return [
            {
                property: "attachTo",
                reason: `attachTo ${describe(value)} is not an object; allowed: { instanceName, diskPath }`,
            },
        ];
    }
    const unknownKeys = Object.keys(value).filter((key) => key !== "instanceName" && key !== "diskPath");
    const failures: InputFailure[] = unknownKeys.map((key) => ({
        property: `attachTo.${key}`,
        reason: `attachTo.${key} is not an attachment setting; allowed: instanceName, diskPath`,
    }));
    const instanceName = propertyOf(value, "instanceName");
    failures.push(
        ...(isAbsent(instanceName)
            ? [
                  {
                      property: "attachTo.instanceName",
                      reason: "attachTo.instanceName is required: the instance to attach the disk to",
                  },
              ]
            : validateName("attachTo.instanceName", instanceName)),
    );
    const diskPath = propertyOf(value, "diskPath");
    if (!isUnknown(diskPath) && (typeof diskPath !== "string" || !DISK_PATH_PATTERN.test(diskPath))) {
        failures.push({
            property: "attachTo.diskPath",
            reason: `attachTo.diskPath ${describe(diskPath)} is not a disk path Lightsail accepts; allowed: "/dev/xvdf" to "/dev/xvdt"`,
        });
    }
    return failures;
}

/** What a generated name depends on besides the stack and resource name: the source and region. */
function nameIdentity(news: EngineProperties): unknown[] {
    return [sourceIdentity(news, "diskSnapshotName"), news.region];
}

/**
 * Validates and normalises the inputs of a DiskFromSnapshot, as the provider's `check` does.
 *
 * @param olds The previous checked inputs (empty on create, or when the engine re-checks for a replacement).
 * @param news The inputs the program declared, as the engine hands them over.
 * @param random Uniform numbers in [0, 1), used to generate a name when the program gave no scope.
 */
export function checkDiskFromSnapshot(
    olds: Partial<DiskFromSnapshotInputs> | undefined,
    news: EngineProperties,
    random: () => number,
): CheckOutcome<DiskFromSnapshotInputs> {
    const failures = [
        ...validateKnownProperties(diskFromSnapshotSchema, news, [...GENERATED_NAME_KEYS, PROVIDER_KEY]),
        ...validateExactlyOne(news, SOURCES),
        ...validateAutoSnapshotChoice(news, "diskSnapshotName"),
        ...validateAvailabilityZone(news.availabilityZone, news.region),
        ...validateSize(news.sizeInGb),
        ...validateAttachment(news.attachTo),
        ...(isAbsent(news.diskName) ? [] : validateName("diskName", news.diskName)),
        ...validateTags(news.tags),
        ...validateRegion(news.region),
        ...validateTimeouts(news.timeouts),
        ...validateBoolean("adopt", news.adopt),
    ];
    if (failures.length > 0) return { ok: false, failures };

    const name = resolveName(news.diskName, olds, olds?.diskName, news, nameIdentity(news), "disk", random);
    // Validated above: the casts only narrow what the checks established.
    const inputs: DiskFromSnapshotInputs = {
        diskName: name.name,
        availabilityZone: news.availabilityZone as string,
        tags: sortedTags(news.tags),
        region: news.region as string,
    };
    copyDeclared(diskFromSnapshotSchema, inputs, news);
    recordNameOrigin(inputs, name, news);
    return { ok: true, inputs };
}
