/**
 * DiskSnapshotCopy's `check`: validation and normalisation of the program's inputs. Pure: no I/O,
 * no AWS calls, randomness injected. Whether the source exists and is completed, and whether the
 * name is free in the target region, only Lightsail knows: `up` finds out before waiting.
 */

import { GENERATED_NAME_KEYS, recordNameOrigin, resolveName } from "../../naming";
import { type EngineProperties, PROVIDER_KEY } from "../../outputs";
import {
    type CheckOutcome,
    copyDeclared,
    describe,
    type InputFailure,
    isAbsent,
    isUnknown,
    LIGHTSAIL_REGIONS,
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
import { type DiskSnapshotCopyInputs, diskSnapshotCopySchema } from "./schema";

/** The two kinds of source. */
const SOURCES = snapshotSources("sourceSnapshotName");

/** `sourceRegion` is required and must be a region Lightsail has (CopySnapshot's `sourceRegion`). */
function validateSourceRegion(value: unknown): InputFailure[] {
    if (isUnknown(value)) return [];
    const allowed = `allowed: a Lightsail region (${LIGHTSAIL_REGIONS.join(", ")})`;
    if (isAbsent(value)) {
        return [{ property: "sourceRegion", reason: `sourceRegion is required: where the source is; ${allowed}` }];
    }
    if (typeof value !== "string" || !(LIGHTSAIL_REGIONS as readonly string[]).includes(value)) {
        return [
            {
                property: "sourceRegion",
                reason: `sourceRegion ${describe(value)} is not a Lightsail region; ${allowed}`,
            },
        ];
    }
    return [];
}

/**
 * Validates and normalises the inputs of a DiskSnapshotCopy, as the provider's `check` does.
 *
 * @param olds The previous checked inputs (empty on create, or when the engine re-checks for a replacement).
 * @param news The inputs the program declared, as the engine hands them over.
 * @param random Uniform numbers in [0, 1), used to generate a name when the program gave no scope.
 */
export function checkDiskSnapshotCopy(
    olds: Partial<DiskSnapshotCopyInputs> | undefined,
    news: EngineProperties,
    random: () => number,
): CheckOutcome<DiskSnapshotCopyInputs> {
    const failures = [
        ...validateKnownProperties(diskSnapshotCopySchema, news, [...GENERATED_NAME_KEYS, PROVIDER_KEY]),
        // Also validates the name of the one source given.
        ...validateExactlyOne(news, SOURCES),
        ...validateAutoSnapshotChoice(news, "sourceSnapshotName"),
        ...validateSourceRegion(news.sourceRegion),
        ...(isAbsent(news.diskSnapshotName) ? [] : validateName("diskSnapshotName", news.diskSnapshotName)),
        ...validateTags(news.tags),
        ...validateRegion(news.region),
        ...validateTimeouts(news.timeouts),
        ...validateBoolean("adopt", news.adopt),
    ];
    if (failures.length > 0) return { ok: false, failures };

    const identity = [sourceIdentity(news, "sourceSnapshotName"), news.sourceRegion, news.region];
    const name = resolveName(
        news.diskSnapshotName,
        olds,
        olds?.diskSnapshotName,
        news,
        identity,
        "disk-snapshot",
        random,
    );
    // Validated above: the casts only narrow what the checks established.
    const inputs: DiskSnapshotCopyInputs = {
        diskSnapshotName: name.name,
        sourceRegion: news.sourceRegion as string,
        tags: sortedTags(news.tags),
        region: news.region as string,
    };
    copyDeclared(diskSnapshotCopySchema, inputs, news);
    recordNameOrigin(inputs, name, news);
    return { ok: true, inputs };
}
