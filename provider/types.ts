/** Plain shapes shared by the resource and the lookups. */

/** Where a snapshot lives. */
export interface SnapshotLocation {
    /** `all` for snapshots, which are regional. */
    availabilityZone?: string;
    /** The AWS region. */
    regionName?: string;
}

/** A Lightsail disk snapshot, as the lookups return it and the resource's outputs describe it. */
export interface DiskSnapshotInfo {
    /** The snapshot's name, unique in its region. */
    diskSnapshotName: string;
    /** Its ARN. */
    arn: string;
    /** `pending`, `completed`, `error` or `unknown`. */
    state: string;
    /** Progress of the snapshot as Lightsail reports it, e.g. `"100%"`. */
    progress?: string;
    /** Size of the source disk in GB. */
    sizeInGb?: number;
    /** When it was created, ISO 8601. */
    createdAt?: string;
    /** Source disk's name, for a snapshot of a block storage disk. */
    fromDiskName?: string;
    /** Source disk's ARN. */
    fromDiskArn?: string;
    /** Source instance's name, for a snapshot of a system volume. */
    fromInstanceName?: string;
    /** Source instance's ARN. */
    fromInstanceArn?: string;
    /** Whether an automatic snapshot made it. */
    isFromAutoSnapshot: boolean;
    /** Region and availability zone. */
    location?: SnapshotLocation;
    /** Always `DiskSnapshot`. */
    resourceType?: string;
    /** The code AWS Support asks for. */
    supportCode?: string;
    /** Its tags. */
    tags: Record<string, string>;
    /** Its region. */
    region: string;
}
