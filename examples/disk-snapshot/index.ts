// A snapshot of a Lightsail block storage disk, tagged in the CreateDiskSnapshot request itself.
import * as pulumi from "@pulumi/pulumi";
import { DiskSnapshot } from "pulumi-lightsail-disk-snapshot";

const config = new pulumi.Config();
// The disk to snapshot; it must already exist in the stack's region (`aws:region`).
const diskName = config.get("diskName") ?? "Disk-1";

const snapshot = new DiskSnapshot("data", {
    diskName,
    tags: { team: "web", env: pulumi.getStack() },
});

export const name = snapshot.diskSnapshotName;
export const arn = snapshot.arn;
export const state = snapshot.state;
export const sizeInGb = snapshot.sizeInGb;
export const tags = snapshot.tags;
