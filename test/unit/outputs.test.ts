import assert from "node:assert/strict";
import type { AutoSnapshotDetails, DiskSnapshot } from "@aws-sdk/client-lightsail";
import { latestOf, newestFirst } from "../../provider/lookups";
import { pick, pickReported, tagMap, toPlainJson, updatedOutputs } from "../../provider/outputs";
import { snapshotOutputs } from "../../provider/resources/diskSnapshot/outputs";
import { diskSnapshotSchema } from "../../provider/resources/diskSnapshot/schema";

const snapshot: DiskSnapshot = {
    name: "nightly-1",
    arn: "arn:aws:lightsail:us-east-1:123456789012:DiskSnapshot/abc",
    supportCode: "123456789012/snap-0abc",
    createdAt: new Date("2026-11-29T10:00:00.500Z"),
    location: { availabilityZone: "all", regionName: "us-east-1" },
    resourceType: "DiskSnapshot",
    tags: [{ key: "team", value: "web" }, { key: "env" }],
    sizeInGb: 8,
    state: "completed",
    progress: "100%",
    fromDiskName: "Disk-1",
    fromDiskArn: "arn:aws:lightsail:us-east-1:123456789012:Disk/d",
    isFromAutoSnapshot: false,
};

function assertPlainJson(value: unknown): void {
    assert.deepEqual(JSON.parse(JSON.stringify(value)), value);
}

describe("outputs", () => {
    it("are plain JSON with an ISO creation time and sorted tags", () => {
        const outputs = snapshotOutputs(
            { diskName: "Disk-1", region: "us-east-1", __provider: "x" } as object,
            snapshot,
        );
        assertPlainJson(outputs);
        assert.equal(outputs.createdAt, "2026-11-29T10:00:00.500Z");
        assert.deepEqual(outputs.tags, { env: "", team: "web" });
        assert.equal(outputs.fromInstanceName, undefined);
        assert.ok(!("fromInstanceName" in outputs));
        assert.ok(!("__provider" in outputs));
        assert.equal(outputs.diskName, "Disk-1");
    });

    it("say the declared region and Lightsail's location, whatever AWS_REGION says", () => {
        const saved = process.env.AWS_REGION;
        process.env.AWS_REGION = "eu-west-1";
        try {
            const west = { ...snapshot, location: { availabilityZone: "all", regionName: "us-west-2" as const } };
            const outputs = snapshotOutputs({ diskName: "Disk-1", region: "us-west-2" }, west);
            assert.equal(outputs.region, "us-west-2");
            assert.deepEqual(outputs.location, { availabilityZone: "all", regionName: "us-west-2" });
        } finally {
            if (saved === undefined) delete process.env.AWS_REGION;
            else process.env.AWS_REGION = saved;
        }
    });

    it("read a snapshot Lightsail says little about: not automatic, no location, the region from its location", () => {
        const { isFromAutoSnapshot: _auto, location: _location, ...bare } = snapshot;
        const outputs: Record<string, unknown> = snapshotOutputs({ diskName: "Disk-1", region: "us-east-1" }, bare);
        assert.equal(outputs.isFromAutoSnapshot, false);
        assert.ok(!("location" in outputs));
        assert.equal(outputs.region, "us-east-1");
        const auto = snapshotOutputs({ diskName: "Disk-1" }, { ...snapshot, isFromAutoSnapshot: true });
        assert.equal(auto.isFromAutoSnapshot, true);
        assert.equal(auto.region, "us-east-1", "an imported snapshot's region is where Lightsail says it is");
        assert.equal(snapshotOutputs({ diskName: "Disk-1" }, bare).region, undefined);
    });

    it("convert Dates, bigints and undefined away", () => {
        assert.deepEqual(toPlainJson({ a: new Date(0), b: 2n, c: undefined, d: [1, undefined] }), {
            a: "1970-01-01T00:00:00.000Z",
            b: 2,
            d: [1],
        });
    });

    it("carry the new tags and timeouts after an update", () => {
        const olds = {
            ...snapshotOutputs({ region: "us-east-1" }, snapshot),
            __provider: "p",
            timeouts: { create: "1h" },
        };
        const outputs = updatedOutputs(diskSnapshotSchema, olds, { tags: { env: "prod" } });
        assert.deepEqual(outputs.tags, { env: "prod" });
        assert.ok(!("timeouts" in outputs) && !("__provider" in outputs));
    });

    it("map tags without values to empty strings", () => {
        assert.deepEqual(tagMap([{ key: "b", value: "2" }, { key: "a" }]), { a: "", b: "2" });
    });
});

describe("lookups: latestOf", () => {
    const at = (iso: string, extra: Partial<DiskSnapshot>): DiskSnapshot => ({
        ...snapshot,
        createdAt: new Date(iso),
        ...extra,
    });
    const list = [
        at("2026-01-01T00:00:00Z", { name: "old" }),
        at("2026-03-01T00:00:00Z", { name: "newest-pending", state: "pending" }),
        at("2026-02-01T00:00:00Z", { name: "newer" }),
        at("2026-04-01T00:00:00Z", { name: "other-disk", fromDiskName: "Disk-2" }),
        at("2026-05-01T00:00:00Z", { name: "system", fromDiskName: undefined, fromInstanceName: "WordPress-1" }),
    ];

    it("picks the newest completed snapshot of the disk", () => {
        assert.equal(latestOf(list, { diskName: "Disk-1" }, false)?.name, "newer");
        assert.equal(latestOf(list, { diskName: "Disk-1" }, true)?.name, "newest-pending");
        assert.equal(latestOf(list, { instanceName: "WordPress-1" }, false)?.name, "system");
        assert.equal(latestOf(list, { diskName: "Disk-9" }, false), undefined);
    });
});

describe("lookups: newestFirst", () => {
    it("lists automatic snapshots newest first, whatever order Lightsail answers in", () => {
        const day = (date: string): AutoSnapshotDetails => ({
            date,
            status: "Success",
            createdAt: new Date(`${date}T06:00:00Z`),
        });
        const listed = newestFirst([day("2026-11-02"), day("2026-11-01"), day("2026-11-03")]);
        assert.deepEqual(
            listed.map((snapshot) => [snapshot.date, snapshot.createdAt]),
            [
                ["2026-11-03", "2026-11-03T06:00:00.000Z"],
                ["2026-11-02", "2026-11-02T06:00:00.000Z"],
                ["2026-11-01", "2026-11-01T06:00:00.000Z"],
            ],
        );
    });
});

describe("outputs: the helpers every resource's outputs go through", () => {
    it("turn Lightsail's tag list into a map sorted by key, values defaulting to empty", () => {
        const map = tagMap([
            { key: "team", value: "data" },
            { key: "app" },
            { value: "orphan" },
            { key: "env", value: "prod" },
        ]);
        assert.deepEqual(Object.entries(map), [
            ["app", ""],
            ["env", "prod"],
            ["team", "data"],
        ]);
        assert.deepEqual(tagMap(undefined), {});
    });

    it("keep nulls, and drop functions and undefined members", () => {
        assert.deepEqual(toPlainJson({ a: null, b: undefined, c: () => 1, d: [1, undefined, 2] }), {
            a: null,
            d: [1, 2],
        });
    });

    it("pick only the members that are set", () => {
        assert.deepEqual(pick({ a: 1, b: undefined }, ["a", "b", "c"]), { a: 1 });
    });

    it("report a snapshot's outputs, name, tags and region, and not the inputs Lightsail does not report", () => {
        const reported = pickReported(diskSnapshotSchema, {
            diskName: "Disk-1",
            tags: { a: "b" },
            region: "us-east-1",
            diskSnapshotName: "data-1",
            arn: "arn:aws:lightsail:us-east-1:123456789012:DiskSnapshot/x",
            state: "completed",
        });
        assert.deepEqual(reported, {
            tags: { a: "b" },
            region: "us-east-1",
            diskSnapshotName: "data-1",
            arn: "arn:aws:lightsail:us-east-1:123456789012:DiskSnapshot/x",
            state: "completed",
        });
    });
});
