/**
 * AWS Lightsail disk snapshots as Pulumi resources.
 *
 * @packageDocumentation
 */

export {
    type GetDiskSnapshotArgs,
    type GetLatestDiskSnapshotArgs,
    getDiskSnapshot,
    getDiskSnapshotOutput,
    getLatestDiskSnapshot,
    getLatestDiskSnapshotOutput,
    type OutputArgs,
} from "./lookups";
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
