// The demo stack: a disk's backup from snapshot to disaster recovery, declared with
// pulumi-lightsail-disk-snapshot.
//   nightly       automatic daily snapshots of the disk Disk-1 (AutoSnapshots)
//   data          a snapshot of Disk-1, with tags
//   system        a snapshot of the instance WordPress-1's system volume
//   offsite       a copy of `data` in the standby region (DiskSnapshotCopy)
//   standby-data  a disk restored there from the copy, attached to the standby instance (DiskFromSnapshot)
// `npm run demo` runs it against the local Lightsail emulator; with AWS credentials and no endpoint
// override it runs against your AWS account unchanged (see docs/demo.md).
import * as pulumi from "@pulumi/pulumi";
import { AutoSnapshots, DiskFromSnapshot, DiskSnapshot, DiskSnapshotCopy } from "pulumi-lightsail-disk-snapshot";

const config = new pulumi.Config();
const diskName = config.get("diskName") ?? "Disk-1";
const instanceName = config.get("instanceName") ?? "WordPress-1";
const homeRegion = new pulumi.Config("aws").require("region");
const standbyRegion = config.get("standbyRegion") ?? "us-west-2";
const standbyInstance = config.get("standbyInstance") ?? "Standby-1";

const nightly = new AutoSnapshots("nightly", { diskName, snapshotTimeOfDay: "06:00" });

const data = new DiskSnapshot("data", {
    diskName,
    // Sent with CreateDiskSnapshot; edit them and run `npm run demo` again to see an in-place update.
    tags: { team: "web", env: "demo" },
});

const system = new DiskSnapshot("system", {
    instanceName,
    tags: { team: "web", env: "demo", volume: "system" },
});

const offsite = new DiskSnapshotCopy("offsite", {
    sourceSnapshotName: data.diskSnapshotName,
    sourceRegion: homeRegion,
    region: standbyRegion,
    tags: { team: "web", env: "demo", copy: "offsite" },
});

const standby = new DiskFromSnapshot("standby-data", {
    diskSnapshotName: offsite.diskSnapshotName,
    region: standbyRegion,
    availabilityZone: config.get("standbyZone") ?? `${standbyRegion}a`,
    attachTo: { instanceName: standbyInstance, diskPath: "/dev/xvdf" },
    tags: { team: "web", env: "demo" },
});

/** What each snapshot is, for `pulumi stack output`. */
function describe(snapshot: DiskSnapshot | DiskSnapshotCopy, source: pulumi.Output<string>) {
    return {
        name: snapshot.diskSnapshotName,
        region: snapshot.region,
        state: snapshot.state,
        sizeInGb: snapshot.sizeInGb,
        source,
    };
}

export const autoSnapshots = { disk: nightly.resourceName, status: nightly.status, at: nightly.snapshotTimeOfDay };
export const diskSnapshot = describe(data, pulumi.interpolate`disk ${data.fromDiskName}`);
export const systemSnapshot = describe(system, pulumi.interpolate`instance ${system.fromInstanceName} (system volume)`);
export const offsiteCopy = describe(offsite, pulumi.interpolate`${offsite.sourceRegion}:${data.diskSnapshotName}`);
export const standbyDisk = {
    name: standby.diskName,
    region: standby.region,
    state: standby.state,
    attachedTo: standby.attachedTo,
    path: standby.path,
};
