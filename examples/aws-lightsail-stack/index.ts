// A whole Lightsail setup with @pulumi/aws (instance, block storage disk, attachment) plus a
// snapshot of the disk from this package, taken once the disk is attached, and a disk restored
// from that snapshot and attached by @pulumi/aws too (the other way to attach: not `attachTo`).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DiskFromSnapshot, DiskSnapshot } from "pulumi-lightsail-disk-snapshot";

const config = new pulumi.Config();
const region = new pulumi.Config("aws").require("region");
const availabilityZone = config.get("availabilityZone") ?? `${region}a`;
const tags = { app: "wordpress", stack: pulumi.getStack() };

const instance = new aws.lightsail.Instance("web", {
    availabilityZone,
    blueprintId: config.get("blueprintId") ?? "wordpress",
    bundleId: config.get("bundleId") ?? "nano_3_0",
    tags,
});

const disk = new aws.lightsail.Disk("data", {
    availabilityZone,
    sizeInGb: config.getNumber("diskSizeInGb") ?? 8,
    tags,
});

const attachment = new aws.lightsail.Disk_attachment("data", {
    diskName: disk.name,
    instanceName: instance.name,
    diskPath: "/dev/xvdf",
});

// diskName comes from the Disk, so Pulumi orders the snapshot after it; dependsOn adds the
// attachment, so the snapshot is taken of the attached disk and deleted before it is detached.
const snapshot = new DiskSnapshot(
    "data",
    {
        diskName: disk.name,
        region,
        tags: { ...tags, source: "pulumi" },
    },
    { dependsOn: [attachment] },
);

// A restore drill: a disk made from the snapshot, in the instance's zone, attached by
// aws.lightsail.Disk_attachment. The attachment then belongs to @pulumi/aws, and the
// DiskFromSnapshot leaves it alone (it would refuse to delete the disk while it is attached).
const restored = new DiskFromSnapshot("restored", {
    diskSnapshotName: snapshot.diskSnapshotName,
    availabilityZone,
    region,
    tags: { ...tags, purpose: "restore-drill" },
});
const restoredAttachment = new aws.lightsail.Disk_attachment("restored", {
    diskName: restored.diskName,
    instanceName: instance.name,
    diskPath: "/dev/xvdg",
});

export const instanceName = instance.name;
export const diskName = disk.name;
export const snapshotName = snapshot.diskSnapshotName;
export const snapshotArn = snapshot.arn;
export const snapshotState = snapshot.state;
export const restoredDiskName = restored.diskName;
export const restoredAttachmentId = restoredAttachment.id;
