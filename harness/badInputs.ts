/**
 * The bad-input corpus: DiskSnapshot, AutoSnapshots and DiskFromSnapshot inputs that `check` must reject (and so
 * `pulumi preview`), each with the resource it is declared as, the property the failure must be
 * reported on and what its reason must say, without any call to Lightsail. The unit tests of both
 * checks, the provider tests and the reliability suite (one `pulumi preview` per case through the
 * real engine) all run it.
 *
 * @module
 */

import { REGION } from "./account";

/** The resources the corpus has cases for. */
export type BadInputResource = "DiskSnapshot" | "AutoSnapshots" | "DiskFromSnapshot" | "DiskSnapshotCopy";

/** One invalid input and what the user must be told. */
export interface BadInput {
    /** The resource the inputs are declared as. */
    resource: BadInputResource;
    /** What the case is about. */
    title: string;
    /** The inputs as the program would declare them (region included unless the case is about it). */
    inputs: Record<string, unknown>;
    /** The property the failure must be reported on. */
    property: string;
    /** A fragment of the reason: what it must say. */
    reason: RegExp;
}

/** A DiskSnapshot case: what it is about, the inputs, the property that must fail and what its reason must say. */
function bad(title: string, inputs: Record<string, unknown>, property: string, reason: RegExp): BadInput {
    return { resource: "DiskSnapshot", title, inputs, property, reason };
}

/** An AutoSnapshots case, as {@link bad}. */
function badAuto(title: string, inputs: Record<string, unknown>, property: string, reason: RegExp): BadInput {
    return { resource: "AutoSnapshots", title, inputs, property, reason };
}

/** A DiskFromSnapshot case, as {@link bad}. */
function badRestore(title: string, inputs: Record<string, unknown>, property: string, reason: RegExp): BadInput {
    return { resource: "DiskFromSnapshot", title, inputs, property, reason };
}

/** A DiskSnapshotCopy case, as {@link bad}. */
function badCopy(title: string, inputs: Record<string, unknown>, property: string, reason: RegExp): BadInput {
    return { resource: "DiskSnapshotCopy", title, inputs, property, reason };
}

const base = { region: REGION };
const disk = { ...base, diskName: "Disk-1" };
const long = (n: number, ch = "a") => ch.repeat(n);
const daily = { ...base, diskName: "Disk-1", snapshotTimeOfDay: "06:00" };
const onTheHour = /is not a time on the hour; allowed: "HH:00" in UTC/;
const restore = { ...base, diskSnapshotName: "nightly-1", availabilityZone: `${REGION}a` };
const fromAuto = { ...base, sourceDiskName: "Disk-1", availabilityZone: `${REGION}a` };
const copy = { ...base, sourceSnapshotName: "nightly-1", sourceRegion: REGION };
const copyFromAuto = { ...base, sourceDiskName: "Disk-1", sourceRegion: REGION };
const manyTags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));

/** Every case (81 DiskSnapshot, 18 AutoSnapshots, 19 DiskFromSnapshot, 13 DiskSnapshotCopy), each with the failure it must produce; the order gives the resources their numbers. */
export const BAD_INPUTS: readonly BadInput[] = [
    bad("no source", { ...base }, "diskName", /exactly one source/),
    bad(
        "both sources",
        { ...base, diskName: "Disk-1", instanceName: "WordPress-1" },
        "instanceName",
        /mutually exclusive/,
    ),
    bad("empty disk name", { ...base, diskName: "" }, "diskName", /2 to 255/),
    bad("one-character disk name", { ...base, diskName: "a" }, "diskName", /2 to 255/),
    bad("disk name too long", { ...base, diskName: long(256) }, "diskName", /2 to 255/),
    bad("disk name with space", { ...base, diskName: "my disk" }, "diskName", /not a valid Lightsail name/),
    bad("disk name starting with dash", { ...base, diskName: "-disk" }, "diskName", /not a valid/),
    bad("disk name ending with dash", { ...base, diskName: "disk-" }, "diskName", /not a valid/),
    bad("disk name with dot", { ...base, diskName: "disk.1" }, "diskName", /not a valid/),
    bad("disk name with unicode", { ...base, diskName: "dísk-1" }, "diskName", /not a valid/),
    bad("disk name with emoji", { ...base, diskName: "disk-💾" }, "diskName", /not a valid/),
    bad("disk name is a number", { ...base, diskName: 42 }, "diskName", /must be a string/),
    bad("disk name is a list", { ...base, diskName: ["Disk-1"] }, "diskName", /must be a string/),
    bad("disk name is an object", { ...base, diskName: { name: "x" } }, "diskName", /must be a string, got an object/),
    bad("instance name with slash", { ...base, instanceName: "web/1" }, "instanceName", /not a valid/),
    bad("instance name empty", { ...base, instanceName: "" }, "instanceName", /2 to 255/),
    bad("instance name boolean", { ...base, instanceName: true }, "instanceName", /must be a string/),
    bad("snapshot name empty", { ...disk, diskSnapshotName: "" }, "diskSnapshotName", /2 to 255/),
    bad("snapshot name too long", { ...disk, diskSnapshotName: long(300) }, "diskSnapshotName", /2 to 255/),
    bad(
        "snapshot name with underscore-dash end",
        { ...disk, diskSnapshotName: "snap-" },
        "diskSnapshotName",
        /not a valid/,
    ),
    bad("snapshot name with colon", { ...disk, diskSnapshotName: "snap:1" }, "diskSnapshotName", /not a valid/),
    bad("snapshot name with newline", { ...disk, diskSnapshotName: "snap\n1" }, "diskSnapshotName", /not a valid/),
    bad("snapshot name with CJK", { ...disk, diskSnapshotName: "快照-1" }, "diskSnapshotName", /not a valid/),
    bad("snapshot name is a number", { ...disk, diskSnapshotName: 7 }, "diskSnapshotName", /must be a string/),
    bad("tags is a string", { ...disk, tags: "env=prod" }, "tags", /map of string keys/),
    bad("tags is a list", { ...disk, tags: [{ key: "env", value: "prod" }] }, "tags", /map of string keys/),
    bad("51 tags", { ...disk, tags: manyTags(51) }, "tags", /at most 50 tags/),
    bad("tag key too long", { ...disk, tags: { [long(129)]: "v" } }, `tags.${long(129)}`, /1 to 128/),
    bad("empty tag key", { ...disk, tags: { "": "v" } }, "tags.", /1 to 128/),
    bad("tag value too long", { ...disk, tags: { env: long(257) } }, "tags.env", /at most 256/),
    bad("tag key with #", { ...disk, tags: { "cost#centre": "v" } }, "tags.cost#centre", /not allowed/),
    bad("tag value with *", { ...disk, tags: { env: "prod*" } }, "tags.env", /not allowed/),
    bad("tag value with emoji", { ...disk, tags: { env: "🚀" } }, "tags.env", /not allowed/),
    bad("tag value with newline", { ...disk, tags: { env: "a\nb" } }, "tags.env", /not allowed/),
    bad("tag value is a number", { ...disk, tags: { env: 3 } }, "tags.env", /must be strings/),
    bad("tag value is null", { ...disk, tags: { env: null } }, "tags.env", /must be strings/),
    bad("tag key reserved aws:", { ...disk, tags: { "aws:owner": "me" } }, "tags.aws:owner", /reserved/),
    bad("no region", { diskName: "Disk-1" }, "region", /no region is set/),
    bad("empty region", { diskName: "Disk-1", region: "" }, "region", /no region is set/),
    bad("region typo", { diskName: "Disk-1", region: "us-east1" }, "region", /not an AWS region/),
    bad("region upper case", { diskName: "Disk-1", region: "US-EAST-1" }, "region", /not an AWS region/),
    bad("region is a number", { diskName: "Disk-1", region: 1 }, "region", /not an AWS region/),
    bad("unknown property", { ...disk, disk_name: "Disk-1" }, "disk_name", /unknown property/),
    bad("timeouts not an object", { ...disk, timeouts: "1h" }, "timeouts", /must be an object/),
    bad("create timeout not a duration", { ...disk, timeouts: { create: "soon" } }, "timeouts.create", /duration/),
    bad("create timeout zero", { ...disk, timeouts: { create: "0s" } }, "timeouts.create", /more than zero/),
    bad("delete timeout over a day", { ...disk, timeouts: { delete: "25h" } }, "timeouts.delete", /at most 24h/),
    bad("unknown timeout", { ...disk, timeouts: { update: "1m" } }, "timeouts.update", /allowed: create, delete/),
    bad("adopt is a string", { ...disk, adopt: "yes" }, "adopt", /true or false/),
    bad(
        "snapshot name starting with dash",
        { ...disk, diskSnapshotName: "-snap" },
        "diskSnapshotName",
        /not a valid Lightsail name/,
    ),
    bad(
        "snapshot name with space",
        { ...disk, diskSnapshotName: "my snap" },
        "diskSnapshotName",
        /not a valid Lightsail name/,
    ),
    bad("snapshot name 256 characters", { ...disk, diskSnapshotName: long(256) }, "diskSnapshotName", /2 to 255/),
    bad("snapshot name is a boolean", { ...disk, diskSnapshotName: true }, "diskSnapshotName", /must be a string/),
    bad("disk name with tab", { ...base, diskName: "disk\t1" }, "diskName", /not a valid Lightsail name/),
    bad("disk name with trailing newline", { ...base, diskName: "Disk-1\n" }, "diskName", /not a valid Lightsail name/),
    bad("disk name of spaces", { ...base, diskName: "   " }, "diskName", /not a valid Lightsail name/),
    bad("disk name null, no instance", { ...base, diskName: null }, "diskName", /exactly one source/),
    bad("instance name too long", { ...base, instanceName: long(256, "w") }, "instanceName", /2 to 255/),
    bad("instance name is a number", { ...base, instanceName: 5 }, "instanceName", /must be a string/),
    bad(
        "instance name with unicode",
        { ...base, instanceName: "wörd-press" },
        "instanceName",
        /not a valid Lightsail name/,
    ),
    bad("empty instance name beside a disk name", { ...disk, instanceName: "" }, "instanceName", /mutually exclusive/),
    bad("tags is a number", { ...disk, tags: 5 }, "tags", /map of string keys/),
    bad("tags is a boolean", { ...disk, tags: true }, "tags", /map of string keys/),
    bad("tag key reserved, upper case AWS:", { ...disk, tags: { "AWS:owner": "me" } }, "tags.AWS:owner", /reserved/),
    bad("tag key with tab", { ...disk, tags: { "cost\tcentre": "v" } }, "tags.cost\tcentre", /not allowed/),
    bad("tag value is a list", { ...disk, tags: { env: ["prod"] } }, "tags.env", /must be strings/),
    bad("tag value is an object", { ...disk, tags: { env: { name: "prod" } } }, "tags.env", /must be strings/),
    bad("tag value is a boolean", { ...disk, tags: { enabled: true } }, "tags.enabled", /must be strings/),
    bad("tag value with tab", { ...disk, tags: { env: "a\tb" } }, "tags.env", /not allowed/),
    bad("tag value with a line separator", { ...disk, tags: { env: "a\u2028b" } }, "tags.env", /not allowed/),
    bad("tag value reserved aws:", { ...disk, tags: { owner: "aws:me" } }, "tags.owner", /reserved/),
    bad("region with trailing space", { diskName: "Disk-1", region: "us-east-1 " }, "region", /not an AWS region/),
    bad("region is a list", { diskName: "Disk-1", region: ["us-east-1"] }, "region", /not an AWS region/),
    bad("region is an availability zone", { diskName: "Disk-1", region: "us-east-1a" }, "region", /not an AWS region/),
    bad("timeouts is a list", { ...disk, timeouts: ["1h"] }, "timeouts", /must be an object/),
    bad("create timeout empty", { ...disk, timeouts: { create: "" } }, "timeouts.create", /duration/),
    bad("create timeout is a number", { ...disk, timeouts: { create: 3600 } }, "timeouts.create", /duration/),
    bad("delete timeout negative", { ...disk, timeouts: { delete: "-5m" } }, "timeouts.delete", /duration/),
    bad("create timeout in days", { ...disk, timeouts: { create: "2d" } }, "timeouts.create", /duration/),
    bad("create timeout just over a day", { ...disk, timeouts: { create: "24h1s" } }, "timeouts.create", /at most 24h/),
    bad("adopt is a number", { ...disk, adopt: 1 }, "adopt", /true or false/),
    bad("unknown property, camel-case typo", { ...disk, diskname: "Disk-1" }, "diskname", /unknown property/),
    bad("unknown property name", { ...disk, name: "nightly" }, "name", /unknown property/),
    badAuto("time not on the hour", { ...daily, snapshotTimeOfDay: "06:30" }, "snapshotTimeOfDay", onTheHour),
    badAuto("time without a leading zero", { ...daily, snapshotTimeOfDay: "6:00" }, "snapshotTimeOfDay", onTheHour),
    badAuto("time 24:00", { ...daily, snapshotTimeOfDay: "24:00" }, "snapshotTimeOfDay", onTheHour),
    badAuto("time with seconds", { ...daily, snapshotTimeOfDay: "06:00:00" }, "snapshotTimeOfDay", onTheHour),
    badAuto(
        "time is a number",
        { ...daily, snapshotTimeOfDay: 600 },
        "snapshotTimeOfDay",
        /must be a string, got a number/,
    ),
    badAuto("no time", { ...base, diskName: "Disk-1" }, "snapshotTimeOfDay", /snapshotTimeOfDay is required/),
    badAuto(
        "both sources",
        { ...daily, instanceName: "WordPress-1" },
        "instanceName",
        /diskName and instanceName are mutually exclusive/,
    ),
    badAuto("no source", { ...base, snapshotTimeOfDay: "06:00" }, "diskName", /exactly one source is required/),
    badAuto("disk name with space", { ...daily, diskName: "my disk" }, "diskName", /not a valid Lightsail name/),
    badAuto("empty disk name", { ...daily, diskName: "" }, "diskName", /must be 2 to 255 characters long/),
    badAuto("disk name is a number", { ...daily, diskName: 42 }, "diskName", /must be a string, got a number/),
    badAuto(
        "instance name with slash",
        { ...base, instanceName: "web/1", snapshotTimeOfDay: "06:00" },
        "instanceName",
        /"web\/1" is not a valid Lightsail name/,
    ),
    badAuto("region typo", { ...daily, region: "us-east1" }, "region", /"us-east1" is not an AWS region name/),
    badAuto("no region", { diskName: "Disk-1", snapshotTimeOfDay: "06:00" }, "region", /no region is set/),
    badAuto("unknown property tags", { ...daily, tags: { team: "web" } }, "tags", /unknown property "tags"/),
    badAuto(
        "unknown property, snake case",
        { ...daily, snapshot_time_of_day: "06:00" },
        "snapshot_time_of_day",
        /unknown property "snapshot_time_of_day"; allowed: diskName, instanceName, snapshotTimeOfDay/,
    ),
    badAuto("unknown timeout", { ...daily, timeouts: { update: "1m" } }, "timeouts.update", /allowed: create, delete/),
    badAuto("create timeout not a duration", { ...daily, timeouts: { create: "soon" } }, "timeouts.create", /duration/),
    badRestore("no source", { ...base, availabilityZone: `${REGION}a` }, "diskSnapshotName", /exactly one source/),
    badRestore(
        "both sources",
        { ...restore, sourceDiskName: "Disk-1", restoreDate: "2026-11-30" },
        "sourceDiskName",
        /diskSnapshotName and sourceDiskName are mutually exclusive/,
    ),
    badRestore("adopt is a string", { ...restore, adopt: "yes" }, "adopt", /true or false/),
    badRestore("no availability zone", { ...base, diskSnapshotName: "nightly-1" }, "availabilityZone", /is required/),
    badRestore(
        "zone of another region",
        { ...restore, availabilityZone: "eu-west-1a" },
        "availabilityZone",
        /is not in the disk's region; allowed: a zone of us-east-1/,
    ),
    badRestore("restore date not a date", { ...fromAuto, restoreDate: "30/11/2026" }, "restoreDate", /YYYY-MM-DD/),
    badRestore("restore date not a day", { ...fromAuto, restoreDate: "2026-02-30" }, "restoreDate", /is not a date/),
    badRestore("automatic source, no day", { ...fromAuto }, "restoreDate", /set restoreDate .* or useLatest/),
    badRestore(
        "day and latest",
        { ...fromAuto, restoreDate: "2026-11-30", useLatestRestorableAutoSnapshot: true },
        "useLatestRestorableAutoSnapshot",
        /mutually exclusive/,
    ),
    badRestore(
        "day with a manual snapshot",
        { ...restore, restoreDate: "2026-11-30" },
        "restoreDate",
        /goes with sourceDiskName/,
    ),
    badRestore("size too small", { ...restore, sizeInGb: 4 }, "sizeInGb", /from 8 to 16000/),
    badRestore("size not whole", { ...restore, sizeInGb: 32.5 }, "sizeInGb", /a whole number of GB/),
    badRestore("attachTo is a string", { ...restore, attachTo: "WordPress-1" }, "attachTo", /is not an object/),
    badRestore(
        "attachment without instance",
        { ...restore, attachTo: { diskPath: "/dev/xvdf" } },
        "attachTo.instanceName",
        /is required/,
    ),
    badRestore(
        "disk path outside xvdf-xvdt",
        { ...restore, attachTo: { instanceName: "WordPress-1", diskPath: "/dev/sdb" } },
        "attachTo.diskPath",
        /allowed: "\/dev\/xvdf" to "\/dev\/xvdt"/,
    ),
    badRestore(
        "attachment setting misspelled",
        { ...restore, attachTo: { instanceName: "WordPress-1", diskPath: "/dev/xvdf", device: "x" } },
        "attachTo.device",
        /allowed: instanceName, diskPath/,
    ),
    badRestore("disk name with space", { ...restore, diskName: "my disk" }, "diskName", /not a valid Lightsail name/),
    badRestore("51 tags", { ...restore, tags: manyTags(51) }, "tags", /at most 50 tags/),
    badRestore("unknown property", { ...restore, size: 32 }, "size", /unknown property "size"/),
    badCopy("no source", { ...base, sourceRegion: REGION }, "sourceSnapshotName", /exactly one source/),
    badCopy(
        "both sources",
        { ...copy, sourceDiskName: "Disk-1", restoreDate: "2026-11-30" },
        "sourceDiskName",
        /sourceSnapshotName and sourceDiskName are mutually exclusive/,
    ),
    badCopy("no source region", { ...base, sourceSnapshotName: "nightly-1" }, "sourceRegion", /is required/),
    badCopy(
        "source region not Lightsail's",
        { ...copy, sourceRegion: "us-gov-west-1" },
        "sourceRegion",
        /is not a Lightsail region; allowed: a Lightsail region \(us-east-1/,
    ),
    badCopy("target region malformed", { ...copy, region: "Virginia" }, "region", /is not an AWS region name/),
    badCopy("restore date not a day", { ...copyFromAuto, restoreDate: "2026-13-01" }, "restoreDate", /is not a date/),
    badCopy("automatic source, no day", { ...copyFromAuto }, "restoreDate", /set restoreDate .* or useLatest/),
    badCopy(
        "latest with a manual snapshot",
        { ...copy, useLatestRestorableAutoSnapshot: true },
        "useLatestRestorableAutoSnapshot",
        /goes with sourceDiskName, not with sourceSnapshotName/,
    ),
    badCopy(
        "source name with space",
        { ...copy, sourceSnapshotName: "my snap" },
        "sourceSnapshotName",
        /not a valid Lightsail name/,
    ),
    badCopy("copy name too long", { ...copy, diskSnapshotName: long(256) }, "diskSnapshotName", /2 to 255/),
    badCopy("tag value not a string", { ...copy, tags: { team: 7 } }, "tags.team", /tag values must be strings/),
    badCopy("adopt is a number", { ...copy, adopt: 1 }, "adopt", /true or false/),
    badCopy(
        "unknown property",
        { ...copy, targetRegion: "us-west-2" },
        "targetRegion",
        /unknown property "targetRegion"/,
    ),
];

/** The cases of one resource, in corpus order. */
export function badInputsFor(resource: BadInputResource): BadInput[] {
    return BAD_INPUTS.filter((c) => c.resource === resource);
}
