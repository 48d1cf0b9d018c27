/**
 * DiskSnapshot's `diff`: no change, an in-place update (tags; timeouts and adopt only in state)
 * or a replacement (Lightsail cannot rename, move or re-source a snapshot). Pure.
 */

import { propertyChanges } from "../../diff";
import { AUTO_NAMED } from "../../naming";
import type { ResourceSchema } from "../../schema";
import { isUnknown } from "../../validation";
import { type DiskSnapshotInputs, type DiskSnapshotOutputs, diskSnapshotSchema } from "./schema";

/** The decision {@link diffDiskSnapshot} returns, in the shape of the dynamic provider's DiffResult. */
export interface SnapshotDiff {
    /** True when anything changes. */
    changes: boolean;
    /** The properties that force a replacement; empty for an in-place update. */
    replaces: string[];
    /** Delete the old snapshot before creating the new one (its explicit name stays the same). */
    deleteBeforeReplace: boolean;
}

/**
 * Compares the state of a snapshot with the program's checked inputs.
 *
 * A snapshot recorded in state `error` is replaced (deleting it first): `pulumi up` is how users
 * retry a snapshot Lightsail failed.
 *
 * @param olds The state's outputs.
 * @param news The new checked inputs; values may be unknown during preview.
 */
export function diffDiskSnapshot(olds: Partial<DiskSnapshotOutputs>, news: DiskSnapshotInputs): SnapshotDiff {
    return diffSnapshotOf(diskSnapshotSchema, olds, news);
}

/**
 * The diff of any resource that is a disk snapshot (a DiskSnapshot, a DiskSnapshotCopy), by its
 * schema: see {@link diffDiskSnapshot}.
 */
export function diffSnapshotOf(
    schema: ResourceSchema,
    olds: { state?: string; diskSnapshotName?: string },
    news: { diskSnapshotName?: string; [AUTO_NAMED]?: boolean },
): SnapshotDiff {
    const { replaces, updates } = propertyChanges(schema, olds, news);
    if (olds.state === "error") {
        // Lightsail failed this snapshot: it will never complete, so retrying means a new one. The
        // failed one goes first: it is worthless, and the new one may want its name (an explicit
        // name, or a generated one, which depends only on the resource's identity).
        return { changes: true, replaces: [...replaces, "state"], deleteBeforeReplace: true };
    }
    const sameExplicitName =
        news[AUTO_NAMED] !== true &&
        !isUnknown(news.diskSnapshotName) &&
        olds.diskSnapshotName === news.diskSnapshotName;
    return {
        changes: replaces.length > 0 || updates.length > 0,
        replaces,
        deleteBeforeReplace: replaces.length > 0 && sameExplicitName,
    };
}
