import assert from "node:assert/strict";
import { CreateDiskSnapshotCommand } from "@aws-sdk/client-lightsail";
import * as pulumi from "@pulumi/pulumi";
import { REGION } from "../../harness/account";
import { lightsailClient } from "../../harness/emulatorClient";
import { checkedAutoSnapshotsInputs, configureProvider } from "../../harness/providerCalls";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { sleep } from "../../harness/time";
import { autoSnapshots, diskSnapshot as provider } from "../../provider/engine";
import {
    type AutoSnapshotInfo,
    getAutoSnapshots,
    getAutoSnapshotsOutput,
    getDiskSnapshot,
    getDiskSnapshotOutput,
    getLatestDiskSnapshot,
    getLatestDiskSnapshotOutput,
} from "../../provider/lookups";

describe("lookups against the emulator", function () {
    this.timeout(60_000);
    let bed: LightsailTestBed;

    before(async () => {
        bed = await startTestBed({ snapshot: { durationMs: 0 }, pageSize: 2 });
        bed.emulator.seedDisk({ name: "Disk-1", region: "us-east-1" });
        bed.emulator.seedDisk({ name: "Disk-2", region: "us-east-1" });
        bed.emulator.seedInstance({ name: "WordPress-1", region: "us-east-1" });
        await configureProvider();
        const create = (name: string, source: Record<string, string>) =>
            provider.create({ diskSnapshotName: name, region: "us-east-1", tags: { n: name }, ...source });
        // Five snapshots over three pages; the newest of Disk-1 is created last but one.
        await create("d1-a", { diskName: "Disk-1" });
        await create("d2-a", { diskName: "Disk-2" });
        await create("d1-b", { diskName: "Disk-1" });
        await create("sys-a", { instanceName: "WordPress-1" });
        await sleep(20);
        await create("d1-c", { diskName: "Disk-1" });
    });

    after(async () => {
        await bed.stop();
    });

    it("getDiskSnapshot returns a plain typed object", async () => {
        const snapshot = await getDiskSnapshot({ diskSnapshotName: "d2-a", region: "us-east-1" });
        assert.equal(snapshot.fromDiskName, "Disk-2");
        assert.equal(snapshot.state, "completed");
        assert.deepEqual(snapshot.tags, { n: "d2-a" });
        assert.equal(typeof snapshot.createdAt, "string");
        assert.deepEqual(JSON.parse(JSON.stringify(snapshot)), snapshot);
    });

    it("the Output forms take Inputs and give the same snapshot as an Output", async () => {
        const name = pulumi.output(Promise.resolve("d2-a"));
        const one = getDiskSnapshotOutput({ diskSnapshotName: name, region: "us-east-1" });
        const latest = getLatestDiskSnapshotOutput({ diskName: pulumi.output("Disk-1") });
        const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));
        assert.deepEqual(await value(one), await getDiskSnapshot({ diskSnapshotName: "d2-a", region: "us-east-1" }));
        assert.equal(await value(latest.diskSnapshotName), "d1-c");
    });

    it("getDiskSnapshot rejects a missing snapshot by name and region", async () => {
        await assert.rejects(
            getDiskSnapshot({ diskSnapshotName: "nope-1" }),
            /DiskSnapshot "nope-1" in us-east-1: no such snapshot/,
        );
    });

    it("getLatestDiskSnapshot reads every page", async () => {
        bed.emulator.clearRequests();
        assert.equal((await getLatestDiskSnapshot({ diskName: "Disk-1" })).diskSnapshotName, "d1-c");
        assert.equal((await getLatestDiskSnapshot({ instanceName: "WordPress-1" })).diskSnapshotName, "sys-a");
        assert.equal(operations(bed.emulator).filter((o) => o === "GetDiskSnapshots").length, 6);
    });

    it("getLatestDiskSnapshot says when there is none, and needs exactly one source", async () => {
        await assert.rejects(
            getLatestDiskSnapshot({ diskName: "Disk-9" }),
            /no completed snapshot of disk "Disk-9" in us-east-1/,
        );
        await assert.rejects(getLatestDiskSnapshot({}), /exactly one of diskName and instanceName/);
    });
});

describe("lookups against the emulator: automatic snapshots and failures", function () {
    this.timeout(60_000);
    const HOUR = 3_600_000;
    const MINUTE = 60_000;
    let bed: LightsailTestBed;

    before(async () => {
        bed = await startTestBed({
            startTime: Date.parse("2024-01-01T05:00:00Z"),
            snapshot: { durationMs: 10 * MINUTE },
            autoSnapshot: { durationMs: 60 * MINUTE, addOnDurationMs: 0 },
        });
        bed.emulator.seedDisk({ name: "Disk-1", region: "us-east-1" });
        bed.emulator.seedDisk({ name: "Disk-2", region: "us-east-1" });
        bed.emulator.seedInstance({ name: "WordPress-1", region: "us-east-1" });
        bed.emulator.seedInstance({ name: "WordPress-2", region: "us-east-1" });
        bed.emulator.seedInstance({ name: "WordPress-3", region: "us-east-1" });
        bed.emulator.seedDisk({ name: "Data-1", region: "us-east-1", sizeInGb: 16, attachedTo: "WordPress-1" });
        await configureProvider();
        for (const source of [{ diskName: "Disk-1" }, { instanceName: "WordPress-1" }]) {
            await autoSnapshots.create(await checkedAutoSnapshotsInputs({ ...source, snapshotTimeOfDay: "06:00" }));
        }
        // Three days of automatic snapshots; the clock stops 40 minutes into the third.
        bed.emulator.advanceClock(HOUR + 40 * MINUTE);
        bed.emulator.takeDueAutoSnapshots();
        for (let day = 0; day < 2; day++) {
            bed.emulator.advanceClock(24 * HOUR);
            bed.emulator.takeDueAutoSnapshots();
        }
    });

    after(async () => {
        await bed.stop();
    });

    it("getAutoSnapshots lists a disk's automatic snapshots newest first, the running one InProgress", async () => {
        bed.emulator.clearRequests();
        const list = await getAutoSnapshots({ diskName: "Disk-1" });
        assert.deepEqual(
            list.map((s) => [s.date, s.status, s.fromAttachedDisks]),
            [
                ["2024-01-03", "InProgress", []],
                ["2024-01-02", "Success", []],
                ["2024-01-01", "Success", []],
            ],
        );
        assert.equal(list[0]?.createdAt, "2024-01-03T06:00:00.000Z");
        assert.deepEqual(JSON.parse(JSON.stringify(list)), list, "plain JSON, dates as strings");
        assert.deepEqual(operations(bed.emulator), ["GetAutoSnapshots"]);
        assert.deepEqual(
            bed.emulator.requests().map((r) => (r.body as Record<string, unknown>).resourceName),
            ["Disk-1"],
        );
    });

    it("getAutoSnapshots of an instance lists the disks attached when each was taken", async () => {
        const list = await getAutoSnapshots({ instanceName: "WordPress-1", region: "us-east-1" });
        assert.deepEqual(
            list.map((s) => s.date),
            ["2024-01-03", "2024-01-02", "2024-01-01"],
        );
        assert.deepEqual(list[1]?.fromAttachedDisks, [{ path: "/dev/xvdf", sizeInGb: 16 }]);
    });

    it("the Output form of getAutoSnapshots takes Inputs", async () => {
        const output = getAutoSnapshotsOutput({ diskName: pulumi.output(Promise.resolve("Disk-1")) });
        const list = await new Promise<AutoSnapshotInfo[]>((resolve) => output.apply(resolve));
        assert.deepEqual(list, await getAutoSnapshots({ diskName: "Disk-1" }));
    });

    it("getAutoSnapshots needs exactly one source, and names the one that does not exist", async () => {
        await assert.rejects(getAutoSnapshots({}), {
            message: "getAutoSnapshots: set exactly one of diskName and instanceName",
        });
        await assert.rejects(getAutoSnapshots({ diskName: "Disk-1", instanceName: "WordPress-1" }), {
            message: "getAutoSnapshots: set exactly one of diskName and instanceName",
        });
        await assert.rejects(
            getAutoSnapshots({ diskName: "Disk-9" }),
            /^Error: AutoSnapshots "Disk-9" in us-east-1: GetAutoSnapshots failed: /,
        );
    });

    it("a lookup's failed call names the call, the lookup and the region", async () => {
        bed.emulator.setFault("GetDiskSnapshot", { kind: "denied" });
        bed.emulator.setFault("GetDiskSnapshots", { kind: "denied" });
        try {
            await assert.rejects(
                getDiskSnapshot({ diskSnapshotName: "d-1" }),
                /^Error: DiskSnapshot "d-1" in us-east-1: GetDiskSnapshot failed: AccessDeniedException: /,
            );
            await assert.rejects(
                getLatestDiskSnapshot({ instanceName: "WordPress-1", region: "us-east-1" }),
                /^Error: DiskSnapshot "\(latest of instance "WordPress-1"\)" in us-east-1: GetDiskSnapshots failed: AccessDeniedException: /,
            );
        } finally {
            bed.emulator.clearFaults();
        }
    });

    it("getLatestDiskSnapshot passes over a pending snapshot unless told to include incomplete ones", async () => {
        await lightsailClient(bed.emulator.url, REGION).send(
            new CreateDiskSnapshotCommand({ diskName: "Disk-2", diskSnapshotName: "pending-1" }),
        );
        await assert.rejects(getLatestDiskSnapshot({ diskName: "Disk-2" }), {
            message: 'getLatestDiskSnapshot: no completed snapshot of disk "Disk-2" in us-east-1',
        });
        await assert.rejects(getLatestDiskSnapshot({ diskName: "Disk-2", includeIncomplete: false }), {
            message: 'getLatestDiskSnapshot: no completed snapshot of disk "Disk-2" in us-east-1',
        });
        const pending = await getLatestDiskSnapshot({ diskName: "Disk-2", includeIncomplete: true });
        assert.deepEqual([pending.diskSnapshotName, pending.state], ["pending-1", "pending"]);
        await assert.rejects(getLatestDiskSnapshot({ diskName: "Disk-3", includeIncomplete: true }), {
            message: 'getLatestDiskSnapshot: no snapshot of disk "Disk-3" in us-east-1',
        });
    });

    it("getLatestDiskSnapshot of an instance passes over a newer snapshot of another instance", async () => {
        const client = lightsailClient(bed.emulator.url, REGION);
        await client.send(new CreateDiskSnapshotCommand({ instanceName: "WordPress-2", diskSnapshotName: "wp2-a" }));
        bed.emulator.advanceClock(MINUTE);
        await client.send(new CreateDiskSnapshotCommand({ instanceName: "WordPress-3", diskSnapshotName: "wp3-a" }));
        const latest = await getLatestDiskSnapshot({ instanceName: "WordPress-2", includeIncomplete: true });
        assert.deepEqual([latest.diskSnapshotName, latest.fromInstanceName], ["wp2-a", "WordPress-2"]);
    });

    it("without a region anywhere, a lookup says where to set one", async () => {
        const saved = { AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION };
        delete process.env.AWS_REGION;
        delete process.env.AWS_DEFAULT_REGION;
        try {
            await assert.rejects(getDiskSnapshot({ diskSnapshotName: "d-1" }), {
                message: 'getDiskSnapshot("d-1"): no region; pass region, or set aws:region or AWS_REGION',
            });
            await assert.rejects(getLatestDiskSnapshot({ diskName: "Disk-1" }), {
                message:
                    'getLatestDiskSnapshot(disk "Disk-1"): no region; pass region, or set aws:region or AWS_REGION',
            });
            await assert.rejects(getAutoSnapshots({ diskName: "Disk-1" }), {
                message: 'getAutoSnapshots("Disk-1"): no region; pass region, or set aws:region or AWS_REGION',
            });
        } finally {
            for (const [key, value] of Object.entries(saved)) if (value !== undefined) process.env[key] = value;
        }
    });

    it("a program's lookups reach the endpoint and region of its aws: configuration", async () => {
        const saved = {
            PULUMI_CONFIG: process.env.PULUMI_CONFIG,
            AWS_ENDPOINT_URL_LIGHTSAIL: process.env.AWS_ENDPOINT_URL_LIGHTSAIL,
            AWS_REGION: process.env.AWS_REGION,
        };
        const savedConfig = pulumi.runtime.allConfig();
        delete process.env.AWS_ENDPOINT_URL_LIGHTSAIL;
        delete process.env.AWS_REGION;
        try {
            pulumi.runtime.setAllConfig({
                "aws:region": "us-east-1",
                "aws:endpoints": JSON.stringify([{ lightsail: bed.emulator.url }]),
            });
            bed.emulator.clearRequests();
            assert.equal((await getAutoSnapshots({ diskName: "Disk-1" })).length, 3);
            assert.deepEqual(operations(bed.emulator), ["GetAutoSnapshots"]);
            // An endpoint that does not answer is named with the setting it came from.
            pulumi.runtime.setAllConfig({
                "aws:region": "us-east-1",
                "aws:endpoints": JSON.stringify([{ lightsail: "http://127.0.0.1:9" }]),
            });
            await assert.rejects(
                getDiskSnapshot({ diskSnapshotName: "d-1" }),
                /the endpoint http:\/\/127\.0\.0\.1:9 \(from aws:endpoints\) could not be reached/,
            );
        } finally {
            pulumi.runtime.setAllConfig(savedConfig);
            for (const [key, value] of Object.entries(saved)) {
                if (value === undefined) delete process.env[key];
                else process.env[key] = value;
            }
        }
    });
});
