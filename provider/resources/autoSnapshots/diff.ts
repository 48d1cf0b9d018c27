/**
 * AutoSnapshots' `diff`: a new source or region replaces; a new time, or an add-on found
 * disabled or retimed by a refresh, is an in-place update (one EnableAddOn). Pure.
 */

import { propertyChanges } from "../../diff";
import type { AutoSnapshotsInputs, AutoSnapshotsOutputs } from "./schema";
import { autoSnapshotsSchema } from "./schema";

/** The decision {@link diffAutoSnapshots} returns, in the shape of the dynamic provider's DiffResult. */
export interface AutoSnapshotsDiff {
    /** True when anything changes. */
    changes: boolean;
    /** The properties that force a replacement; empty for an in-place update. */
    replaces: string[];
}

/** Statuses in which the add-on is, or is about to be, taking snapshots. */
const WORKING_STATUSES: readonly string[] = ["Enabled", "Enabling"];

/**
 * Compares the state of the add-on with the program's checked inputs.
 *
 * @param olds The state's outputs (after a refresh: what Lightsail reports).
 * @param news The new checked inputs; values may be unknown during preview.
 */
export function diffAutoSnapshots(olds: Partial<AutoSnapshotsOutputs>, news: AutoSnapshotsInputs): AutoSnapshotsDiff {
    const { replaces, updates } = propertyChanges(autoSnapshotsSchema, olds, news);
    // Turned off outside Pulumi (seen by a refresh): the next up turns it on again.
    const disabled = olds.status !== undefined && !WORKING_STATUSES.includes(olds.status);
    return { changes: replaces.length > 0 || updates.length > 0 || disabled, replaces };
}
