// Restore the system volume of a broken instance onto a healthy one: snapshot the broken
// instance's system volume, create a disk from the snapshot in the healthy instance's zone, and
// attach it there, where its files can be read and copied back.
import * as pulumi from "@pulumi/pulumi";
import { DiskFromSnapshot, DiskSnapshot } from "pulumi-lightsail-disk-snapshot";

const config = new pulumi.Config();
const brokenInstance = config.get("brokenInstance") ?? "WordPress-1";
const healthyInstance = config.get("healthyInstance") ?? "WordPress-2";
// The healthy instance's availability zone: a disk attaches only to an instance of its own zone.
const zone = config.get("availabilityZone") ?? "us-east-1a";

const systemVolume = new DiskSnapshot("broken-system", {
    instanceName: brokenInstance,
    tags: { purpose: "recovery" },
});

const recovered = new DiskFromSnapshot("recovered", {
    diskSnapshotName: systemVolume.diskSnapshotName,
    availabilityZone: zone,
    // sizeInGb left out: the snapshot's size.
    attachTo: { instanceName: healthyInstance, diskPath: "/dev/xvdf" },
    tags: { purpose: "recovery" },
});

export const snapshotName = systemVolume.diskSnapshotName;
export const diskName = recovered.diskName;
export const sizeInGb = recovered.sizeInGb;
export const attachedTo = recovered.attachedTo;
export const path = recovered.path;
export const state = recovered.state;
