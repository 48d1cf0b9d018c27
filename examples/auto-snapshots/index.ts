// Daily automatic snapshots of a Lightsail block storage disk: the AutoSnapshot add-on, declared.
import * as pulumi from "@pulumi/pulumi";
import { AutoSnapshots, getAutoSnapshotsOutput } from "pulumi-lightsail-disk-snapshot";

const config = new pulumi.Config();
// The disk to snapshot every day; it must already exist in the stack's region (`aws:region`).
const diskName = config.get("diskName") ?? "Disk-1";

const daily = new AutoSnapshots("daily", {
    diskName,
    snapshotTimeOfDay: config.get("snapshotTimeOfDay") ?? "06:00", // UTC, on the hour
});

// What Lightsail has taken so far, newest first (it keeps the seven newest).
const taken = getAutoSnapshotsOutput({ diskName: daily.resourceName });

export const resourceName = daily.resourceName;
export const status = daily.status;
export const snapshotTimeOfDay = daily.snapshotTimeOfDay;
export const nextSnapshotTimeOfDay = daily.nextSnapshotTimeOfDay;
export const takenDates = taken.apply((snapshots) => snapshots.map((s) => s.date));
