/**
 * Every resource's schema, in the order the README and the package schema list them.
 */

import type { ResourceSchema } from "../schema";
import { autoSnapshotsSchema } from "./autoSnapshots/schema";
import { diskFromSnapshotSchema } from "./diskFromSnapshot/schema";
import { diskSnapshotSchema } from "./diskSnapshot/schema";
import { diskSnapshotCopySchema } from "./diskSnapshotCopy/schema";

/** The schemas of all resources of the package. */
export const RESOURCE_SCHEMAS: readonly ResourceSchema[] = [
    diskSnapshotSchema,
    autoSnapshotsSchema,
    diskFromSnapshotSchema,
    diskSnapshotCopySchema,
];
