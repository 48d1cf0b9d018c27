// Reads (does not manage) the newest completed snapshot of a disk, e.g. to restore from it elsewhere.
import * as pulumi from "@pulumi/pulumi";
import { getLatestDiskSnapshot } from "pulumi-lightsail-disk-snapshot";

const config = new pulumi.Config();
const diskName = config.get("diskName") ?? "Disk-1";

// Rejects, failing the update, when the disk has no completed snapshot in the region.
const latest = pulumi.output(getLatestDiskSnapshot({ diskName }));

export const name = latest.diskSnapshotName;
export const arn = latest.arn;
export const createdAt = latest.createdAt;
export const sizeInGb = latest.sizeInGb;
