/**
 * DiskFromSnapshot's `diff`: no change, an in-place update (tags, the attachment; timeouts only
 * in state) or a replacement (Lightsail cannot rename, move, resize or re-source a disk). Pure.
 */

import { propertyChanges } from "../../diff";
import { AUTO_NAMED } from "../../naming";
import { isUnknown } from "../../validation";
import { type DiskFromSnapshotInputs, type DiskFromSnapshotOutputs, diskFromSnapshotSchema } from "./schema";

/** The decision {@link diffDiskFromSnapshot} returns, in the shape of the dynamic provider's DiffResult. */
export interface DiskDiff {
    /** True when anything changes. */
    changes: boolean;
    /** The properties that force a replacement; empty for an in-place update. */
    replaces: string[];
    /** Delete the old disk before creating the new one. */
    deleteBeforeReplace: boolean;
}

/**
 * Compares the state of a restored disk with the program's checked inputs.
 *
 * A replacement deletes the old disk first when the new one takes its explicit name, or is to be
 * attached (the old one holds the device path until it is detached).
 *
 * @param olds The state's outputs.
 * @param news The new checked inputs; values may be unknown during preview.
 */
export function diffDiskFromSnapshot(olds: Partial<DiskFromSnapshotOutputs>, news: DiskFromSnapshotInputs): DiskDiff {
    const { replaces, updates } = propertyChanges(diskFromSnapshotSchema, olds, news);
    const sameExplicitName = news[AUTO_NAMED] !== true && !isUnknown(news.diskName) && olds.diskName === news.diskName;
    return {
        changes: replaces.length > 0 || updates.length > 0,
        replaces,
        deleteBeforeReplace: replaces.length > 0 && (sameExplicitName || news.attachTo !== undefined),
    };
}
