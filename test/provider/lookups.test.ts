import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { configureProvider } from "../../harness/providerCalls";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { sleep } from "../../harness/time";
import { diskSnapshot as provider } from "../../provider/engine";
import {
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
