// A snapshot of an instance's system volume: `instanceName` instead of `diskName`.
import * as pulumi from "@pulumi/pulumi";
import { DiskSnapshot } from "pulumi-lightsail-disk-snapshot";

const config = new pulumi.Config();
// The instance whose system (boot) volume to snapshot; it must exist in the stack's region.
const instanceName = config.get("instanceName") ?? "WordPress-1";

const snapshot = new DiskSnapshot("system", {
    instanceName,
    // An explicit name instead of "system-<random suffix>"; changing it replaces the snapshot.
    diskSnapshotName: `${instanceName}-system-${pulumi.getStack().replace(/[^A-Za-z0-9_-]/g, "-")}`,
    tags: { purpose: "before-upgrade" },
    // Large system volumes can take a while; fail `pulumi up` if it takes longer than this.
    timeouts: { create: "45m" },
});

export const name = snapshot.diskSnapshotName;
export const arn = snapshot.arn;
export const state = snapshot.state;
export const sizeInGb = snapshot.sizeInGb;
export const fromInstanceName = snapshot.fromInstanceName;
