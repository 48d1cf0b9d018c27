/**
 * The corpus of invalid DiskSnapshot inputs: each must be rejected by `check` (and so by
 * `pulumi preview`) with a failure on the named property whose reason matches `reason`, without
 * any call to Lightsail. Shared by the unit, provider and end-to-end suites.
 */

/** One invalid input and what the user must be told. */
export interface BadInput {
    /** What the case is about. */
    title: string;
    /** The inputs as the program would declare them (region included unless the case is about it). */
    inputs: Record<string, unknown>;
    /** The property the failure must be reported on. */
    property: string;
    /** What the reason must say. */
    reason: RegExp;
}

const base = { region: "us-east-1" };
const disk = { ...base, diskName: "Disk-1" };
const long = (n: number, ch = "a") => ch.repeat(n);
const manyTags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));

/** At least 40 invalid inputs, each with the failure it must produce. */
export const BAD_INPUTS: readonly BadInput[] = [
    { title: "no source", inputs: { ...base }, property: "diskName", reason: /exactly one source/ },
    {
        title: "both sources",
        inputs: { ...base, diskName: "Disk-1", instanceName: "WordPress-1" },
        property: "instanceName",
        reason: /mutually exclusive/,
    },
    { title: "empty disk name", inputs: { ...base, diskName: "" }, property: "diskName", reason: /2 to 255/ },
    { title: "one-character disk name", inputs: { ...base, diskName: "a" }, property: "diskName", reason: /2 to 255/ },
    { title: "disk name too long", inputs: { ...base, diskName: long(256) }, property: "diskName", reason: /2 to 255/ },
    {
        title: "disk name with space",
        inputs: { ...base, diskName: "my disk" },
        property: "diskName",
        reason: /not a valid Lightsail name/,
    },
    {
        title: "disk name starting with dash",
        inputs: { ...base, diskName: "-disk" },
        property: "diskName",
        reason: /not a valid/,
    },
    {
        title: "disk name ending with dash",
        inputs: { ...base, diskName: "disk-" },
        property: "diskName",
        reason: /not a valid/,
    },
    {
        title: "disk name with dot",
        inputs: { ...base, diskName: "disk.1" },
        property: "diskName",
        reason: /not a valid/,
    },
    {
        title: "disk name with unicode",
        inputs: { ...base, diskName: "dísk-1" },
        property: "diskName",
        reason: /not a valid/,
    },
    {
        title: "disk name with emoji",
        inputs: { ...base, diskName: "disk-💾" },
        property: "diskName",
        reason: /not a valid/,
    },
    {
        title: "disk name is a number",
        inputs: { ...base, diskName: 42 },
        property: "diskName",
        reason: /must be a string/,
    },
    {
        title: "disk name is a list",
        inputs: { ...base, diskName: ["Disk-1"] },
        property: "diskName",
        reason: /must be a string/,
    },
    {
        title: "disk name is an object",
        inputs: { ...base, diskName: { name: "x" } },
        property: "diskName",
        reason: /must be a string/,
    },
    {
        title: "instance name with slash",
        inputs: { ...base, instanceName: "web/1" },
        property: "instanceName",
        reason: /not a valid/,
    },
    {
        title: "instance name empty",
        inputs: { ...base, instanceName: "" },
        property: "instanceName",
        reason: /2 to 255/,
    },
    {
        title: "instance name boolean",
        inputs: { ...base, instanceName: true },
        property: "instanceName",
        reason: /must be a string/,
    },
    {
        title: "snapshot name empty",
        inputs: { ...disk, diskSnapshotName: "" },
        property: "diskSnapshotName",
        reason: /2 to 255/,
    },
    {
        title: "snapshot name too long",
        inputs: { ...disk, diskSnapshotName: long(300) },
        property: "diskSnapshotName",
        reason: /2 to 255/,
    },
    {
        title: "snapshot name with underscore-dash end",
        inputs: { ...disk, diskSnapshotName: "snap-" },
        property: "diskSnapshotName",
        reason: /not a valid/,
    },
    {
        title: "snapshot name with colon",
        inputs: { ...disk, diskSnapshotName: "snap:1" },
        property: "diskSnapshotName",
        reason: /not a valid/,
    },
    {
        title: "snapshot name with newline",
        inputs: { ...disk, diskSnapshotName: "snap\n1" },
        property: "diskSnapshotName",
        reason: /not a valid/,
    },
    {
        title: "snapshot name with CJK",
        inputs: { ...disk, diskSnapshotName: "快照-1" },
        property: "diskSnapshotName",
        reason: /not a valid/,
    },
    {
        title: "snapshot name is a number",
        inputs: { ...disk, diskSnapshotName: 7 },
        property: "diskSnapshotName",
        reason: /must be a string/,
    },
    {
        title: "tags is a string",
        inputs: { ...disk, tags: "env=prod" },
        property: "tags",
        reason: /map of string keys/,
    },
    {
        title: "tags is a list",
        inputs: { ...disk, tags: [{ key: "env", value: "prod" }] },
        property: "tags",
        reason: /map of string keys/,
    },
    { title: "51 tags", inputs: { ...disk, tags: manyTags(51) }, property: "tags", reason: /at most 50 tags/ },
    {
        title: "tag key too long",
        inputs: { ...disk, tags: { [long(129)]: "v" } },
        property: `tags.${long(129)}`,
        reason: /1 to 128/,
    },
    { title: "empty tag key", inputs: { ...disk, tags: { "": "v" } }, property: "tags.", reason: /1 to 128/ },
    {
        title: "tag value too long",
        inputs: { ...disk, tags: { env: long(257) } },
        property: "tags.env",
        reason: /at most 256/,
    },
    {
        title: "tag key with #",
        inputs: { ...disk, tags: { "cost#centre": "v" } },
        property: "tags.cost#centre",
        reason: /not allowed/,
    },
    {
        title: "tag value with *",
        inputs: { ...disk, tags: { env: "prod*" } },
        property: "tags.env",
        reason: /not allowed/,
    },
    {
        title: "tag value with emoji",
        inputs: { ...disk, tags: { env: "🚀" } },
        property: "tags.env",
        reason: /not allowed/,
    },
    {
        title: "tag value with newline",
        inputs: { ...disk, tags: { env: "a\nb" } },
        property: "tags.env",
        reason: /not allowed/,
    },
    {
        title: "tag value is a number",
        inputs: { ...disk, tags: { env: 3 } },
        property: "tags.env",
        reason: /must be strings/,
    },
    {
        title: "tag value is null",
        inputs: { ...disk, tags: { env: null } },
        property: "tags.env",
        reason: /must be strings/,
    },
    {
        title: "tag key reserved aws:",
        inputs: { ...disk, tags: { "aws:owner": "me" } },
        property: "tags.aws:owner",
        reason: /reserved/,
    },
    { title: "no region", inputs: { diskName: "Disk-1" }, property: "region", reason: /no region is set/ },
    {
        title: "empty region",
        inputs: { diskName: "Disk-1", region: "" },
        property: "region",
        reason: /no region is set/,
    },
    {
        title: "region typo",
        inputs: { diskName: "Disk-1", region: "us-east1" },
        property: "region",
        reason: /not an AWS region/,
    },
    {
        title: "region upper case",
        inputs: { diskName: "Disk-1", region: "US-EAST-1" },
        property: "region",
        reason: /not an AWS region/,
    },
    {
        title: "region is a number",
        inputs: { diskName: "Disk-1", region: 1 },
        property: "region",
        reason: /not an AWS region/,
    },
    {
        title: "unknown property",
        inputs: { ...disk, disk_name: "Disk-1" },
        property: "disk_name",
        reason: /unknown property/,
    },
    {
        title: "timeouts not an object",
        inputs: { ...disk, timeouts: "1h" },
        property: "timeouts",
        reason: /must be an object/,
    },
    {
        title: "create timeout not a duration",
        inputs: { ...disk, timeouts: { create: "soon" } },
        property: "timeouts.create",
        reason: /duration/,
    },
    {
        title: "create timeout zero",
        inputs: { ...disk, timeouts: { create: "0s" } },
        property: "timeouts.create",
        reason: /more than zero/,
    },
    {
        title: "delete timeout over a day",
        inputs: { ...disk, timeouts: { delete: "25h" } },
        property: "timeouts.delete",
        reason: /at most 24h/,
    },
    {
        title: "unknown timeout",
        inputs: { ...disk, timeouts: { update: "1m" } },
        property: "timeouts.update",
        reason: /allowed: create, delete/,
    },
    { title: "adopt is a string", inputs: { ...disk, adopt: "yes" }, property: "adopt", reason: /true or false/ },
];
