/**
 * AWS Lightsail disk snapshots as Pulumi resources.
 *
 * @packageDocumentation
 */

export {
    type AutoSnapshotInfo,
    type GetAutoSnapshotsArgs,
    type GetDiskSnapshotArgs,
    type GetLatestDiskSnapshotArgs,
    getAutoSnapshots,
    getAutoSnapshotsOutput,
    getDiskSnapshot,
    getDiskSnapshotOutput,
    getLatestDiskSnapshot,
    getLatestDiskSnapshotOutput,
    type OutputArgs,
} from "./lookups";
export { AUTO_SNAPSHOTS_TYPE, AutoSnapshots } from "./resources/autoSnapshots/resource";
export type {
    AutoSnapshotsArgs,
    AutoSnapshotsOutputs,
} from "./resources/autoSnapshots/schema";
export { autoSnapshotsSchema } from "./resources/autoSnapshots/schema";
export { autoSnapshotsProvider } from "./resources/autoSnapshots/serializedProvider";
export { DISK_FROM_SNAPSHOT_TYPE, DiskFromSnapshot } from "./resources/diskFromSnapshot/resource";
export type {
    DiskAttachment,
    DiskFromSnapshotArgs,
    DiskFromSnapshotOutputs,
} from "./resources/diskFromSnapshot/schema";
export { diskFromSnapshotSchema } from "./resources/diskFromSnapshot/schema";
export { diskFromSnapshotProvider } from "./resources/diskFromSnapshot/serializedProvider";
export { DISK_SNAPSHOT_TYPE, DiskSnapshot, type DiskSnapshotLookupState } from "./resources/diskSnapshot/resource";
export type {
    DiskSnapshotArgs,
    DiskSnapshotInfo,
    DiskSnapshotOutputs,
    DiskSnapshotTimeouts,
    SnapshotLocation,
} from "./resources/diskSnapshot/schema";
export { diskSnapshotSchema } from "./resources/diskSnapshot/schema";
export { diskSnapshotProvider } from "./resources/diskSnapshot/serializedProvider";
export { DISK_SNAPSHOT_COPY_TYPE, DiskSnapshotCopy } from "./resources/diskSnapshotCopy/resource";
export type {
    DiskSnapshotCopyArgs,
    DiskSnapshotCopyOutputs,
} from "./resources/diskSnapshotCopy/schema";
export { diskSnapshotCopySchema } from "./resources/diskSnapshotCopy/schema";
export { diskSnapshotCopyProvider } from "./resources/diskSnapshotCopy/serializedProvider";
