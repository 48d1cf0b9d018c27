/**
 * AWS Lightsail disk snapshots as Pulumi resources.
 *
 * @packageDocumentation
 */

export {
    DISK_SNAPSHOT_TYPE,
    DiskSnapshot,
    type DiskSnapshotArgs,
    type DiskSnapshotLookupState,
    type DiskSnapshotTimeouts,
} from "./diskSnapshot";
export {
    type GetDiskSnapshotArgs,
    type GetLatestDiskSnapshotArgs,
    getDiskSnapshot,
    getLatestDiskSnapshot,
} from "./lookups";
export { diskSnapshotProvider } from "./resourceProvider";
export type { DiskSnapshotInfo, SnapshotLocation } from "./types";
