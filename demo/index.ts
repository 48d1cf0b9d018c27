// The demo stack: two Lightsail disk snapshots, declared with pulumi-lightsail-disk-snapshot.
//   data    a snapshot of the block storage disk Disk-1, with tags
//   system  a snapshot of the instance WordPress-1's system volume
// `npm run demo` runs it against the local Lightsail emulator; with AWS credentials and no endpoint
// override it runs against your AWS account unchanged (see docs/demo.md).
import * as pulumi from "@pulumi/pulumi";
import { DiskSnapshot } from "pulumi-lightsail-disk-snapshot";

const config = new pulumi.Config();
const diskName = config.get("diskName") ?? "Disk-1";
const instanceName = config.get("instanceName") ?? "WordPress-1";

const data = new DiskSnapshot("data", {
    diskName,
    // Sent with CreateDiskSnapshot; edit them and run `npm run demo` again to see an in-place update.
    tags: { team: "web", env: "demo" },
});

const system = new DiskSnapshot("system", {
    instanceName,
    tags: { team: "web", env: "demo", volume: "system" },
});

/** What each snapshot is, for `pulumi stack output`. */
function describe(snapshot: DiskSnapshot, source: pulumi.Output<string>) {
    return {
        name: snapshot.diskSnapshotName,
        arn: snapshot.arn,
        state: snapshot.state,
        sizeInGb: snapshot.sizeInGb,
        source,
    };
}

export const diskSnapshot = describe(data, pulumi.interpolate`disk ${data.fromDiskName}`);
export const systemSnapshot = describe(system, pulumi.interpolate`instance ${system.fromInstanceName} (system volume)`);
