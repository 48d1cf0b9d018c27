// Disaster recovery across regions: snapshot a disk in its home region, copy the snapshot to a
// second region, and restore the copy there as a disk attached to a standby instance. If the
// home region is lost, the standby region has the data.
import * as pulumi from "@pulumi/pulumi";
import { DiskFromSnapshot, DiskSnapshot, DiskSnapshotCopy } from "pulumi-lightsail-disk-snapshot";

const config = new pulumi.Config();
const homeRegion = config.get("homeRegion") ?? "us-east-1";
const standbyRegion = config.get("standbyRegion") ?? "us-west-2";
const standbyInstance = config.get("standbyInstance") ?? "Standby-1";
// The standby instance's availability zone: a disk attaches only to an instance of its own zone.
const standbyZone = config.get("standbyZone") ?? `${standbyRegion}a`;

const snapshot = new DiskSnapshot("data", {
    diskName: config.get("diskName") ?? "Disk-1",
    region: homeRegion,
    tags: { purpose: "dr" },
});

const offsite = new DiskSnapshotCopy("offsite", {
    sourceSnapshotName: snapshot.diskSnapshotName,
    sourceRegion: homeRegion,
    region: standbyRegion,
    tags: { purpose: "dr", copy: "offsite" },
});

const restored = new DiskFromSnapshot("standby-data", {
    diskSnapshotName: offsite.diskSnapshotName,
    region: standbyRegion,
    availabilityZone: standbyZone,
    attachTo: { instanceName: standbyInstance, diskPath: "/dev/xvdf" },
    tags: { purpose: "dr" },
});

export const snapshotName = snapshot.diskSnapshotName;
export const copyName = offsite.diskSnapshotName;
export const copyRegion = offsite.region;
export const copyFromDisk = offsite.fromDiskName;
export const diskName = restored.diskName;
export const attachedTo = restored.attachedTo;
export const state = restored.state;
