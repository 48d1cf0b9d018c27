/**
 * AutoSnapshots' `check`: validation and normalisation of the program's inputs. Pure.
 */

import { type EngineProperties, PROVIDER_KEY } from "../../outputs";
import {
    type CheckOutcome,
    copyDeclared,
    validateExactlyOne,
    validateKnownProperties,
    validateRegion,
    validateTimeOfDay,
    validateTimeouts,
} from "../../validation";
import { type AutoSnapshotsInputs, autoSnapshotsSchema } from "./schema";

/** The two kinds of resource Lightsail takes automatic snapshots of. */
const SOURCES = [
    { property: "diskName", means: "a block storage disk" },
    { property: "instanceName", means: "an instance" },
] as const;

/**
 * Validates and normalises the inputs of an AutoSnapshots resource.
 *
 * @param news The inputs the program declared, as the engine hands them over.
 */
export function checkAutoSnapshots(news: EngineProperties): CheckOutcome<AutoSnapshotsInputs> {
    const failures = [
        ...validateKnownProperties(autoSnapshotsSchema, news, [PROVIDER_KEY]),
        ...validateExactlyOne(news, SOURCES),
        ...validateTimeOfDay("snapshotTimeOfDay", news.snapshotTimeOfDay),
        ...validateRegion(news.region),
        ...validateTimeouts(news.timeouts),
    ];
    if (failures.length > 0) return { ok: false, failures };
    // Validated above: the casts only narrow what the checks established.
    const inputs: AutoSnapshotsInputs = {
        snapshotTimeOfDay: news.snapshotTimeOfDay as string,
        region: news.region as string,
    };
    copyDeclared(autoSnapshotsSchema, inputs, news);
    return { ok: true, inputs };
}
