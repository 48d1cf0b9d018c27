/**
 * DiskSnapshot's `check`: validation and normalisation of the program's inputs. Pure: no I/O, no
 * AWS calls, randomness injected.
 */

import { GENERATED_NAME_KEYS, recordNameOrigin, resolveName } from "../../naming";
import { type EngineProperties, PROVIDER_KEY } from "../../outputs";
import {
    type CheckOutcome,
    copyDeclared,
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
import { type DiskSnapshotInputs, diskSnapshotSchema } from "./schema";

/** The two sources of a snapshot. */
const SOURCES = [
    { property: "diskName", means: "a block storage disk" },
    { property: "instanceName", means: "an instance's system volume" },
] as const;

/** What a generated name depends on besides the stack and resource name: the source and region. */
function nameIdentity(news: EngineProperties): unknown[] {
    const source = isAbsent(news.diskName) ? news.instanceName : news.diskName;
    const tagged = isUnknown(source) ? source : `${isAbsent(news.diskName) ? "instance" : "disk"}:${source}`;
    return [tagged, news.region];
}

/**
 * Validates and normalises the inputs of a DiskSnapshot, as the provider's `check` does.
 *
 * @param olds The previous checked inputs (empty on create, or when the engine re-checks for a replacement).
 * @param news The inputs the program declared, as the engine hands them over.
 * @param random Uniform numbers in [0, 1), used to generate a name when the program gave no scope.
 */
export function checkDiskSnapshot(
    olds: Partial<DiskSnapshotInputs> | undefined,
    news: EngineProperties,
    random: () => number,
): CheckOutcome<DiskSnapshotInputs> {
    const failures = [
        ...validateKnownProperties(diskSnapshotSchema, news, [...GENERATED_NAME_KEYS, PROVIDER_KEY]),
        ...validateExactlyOne(news, SOURCES),
        ...(isAbsent(news.diskSnapshotName) ? [] : validateName("diskSnapshotName", news.diskSnapshotName)),
        ...validateTags(news.tags),
        ...validateRegion(news.region),
        ...validateTimeouts(news.timeouts),
        ...validateBoolean("adopt", news.adopt),
    ];
    if (failures.length > 0) return { ok: false, failures };

    const name = resolveName(
        news.diskSnapshotName,
        olds,
        olds?.diskSnapshotName,
        news,
        nameIdentity(news),
        "disk-snapshot",
        random,
    );
    // Validated above: the casts only narrow what the checks established.
    const inputs: DiskSnapshotInputs = {
        diskSnapshotName: name.name,
        tags: sortedTags(news.tags),
        region: news.region as string,
    };
    copyDeclared(diskSnapshotSchema, inputs, news);
    recordNameOrigin(inputs, name, news);
    return { ok: true, inputs };
}
