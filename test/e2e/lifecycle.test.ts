import assert from "node:assert/strict";
import { REGION } from "../../harness/account";
import { changeSummary as summary } from "../../harness/engine";
import { loggedOperations, type SnapshotStack, startSnapshotStack } from "../../harness/snapshotStack";
import { DISK_SNAPSHOT_TYPE } from "../../provider";

describe("end to end: pulumi preview, up, refresh, update, replace and destroy", function () {
    this.timeout(600_000);
    let stack: SnapshotStack;

    before(async () => {
        stack = await startSnapshotStack({ emulator: { snapshot: { durationMs: 300 } } });
    });

    after(async () => {
        await stack?.close();
    });

    it("preview shows the creates and makes no Lightsail call", async () => {
        await stack.declare([
            { resourceName: "data", diskName: "Disk-1", tags: { team: "web", env: "prod" } },
            { resourceName: "system", instanceName: "WordPress-1", diskSnapshotName: "system-1" },
        ]);
        const preview = await stack.pulumi(["preview"]);
        assert.equal(summary(preview.stdout)["to create"], 3, preview.stdout);
        assert.match(preview.stdout, new RegExp(`\\+\\s+${DISK_SNAPSHOT_TYPE}\\s+data\\s+create`));
        assert.deepEqual(loggedOperations(stack.bed), []);
    });

    it("preview rejects bad inputs with a clear message and no Lightsail call", async () => {
        await stack.declare([{ resourceName: "bad", diskName: "Disk 1", tags: { "cost#": "x" } }]);
        const preview = await stack.pulumi(["preview"], { allowFailure: true });
        assert.notEqual(preview.code, 0);
        const output = preview.stdout + preview.stderr;
        assert.match(output, /diskName "Disk 1" is not a valid Lightsail name; allowed: 2 to 255 characters/);
        assert.match(output, /tag key "cost#" has characters that are not allowed/);
        assert.deepEqual(loggedOperations(stack.bed), []);
    });

    it("up creates the snapshots, waits until completed and shows progress for a slow one", async () => {
        stack.bed.emulator.setSnapshotBehaviour({ durationMs: 15_000, curve: "linear" });
        await stack.declare([
            { resourceName: "data", diskName: "Disk-1", tags: { team: "web", env: "prod" } },
            { resourceName: "system", instanceName: "WordPress-1", diskSnapshotName: "system-1" },
        ]);
        const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal(summary(up.stdout).created, 3, up.stdout);
        assert.match(up.stdout, /DiskSnapshot "system-1" \(us-east-1\): pending, \d+%, \d+s elapsed/);
        const snapshots = await stack.snapshotsInState();
        assert.equal(snapshots.length, 2);
        for (const s of snapshots) assert.equal(s.outputs?.state, "completed");
        const creates = stack.bed.emulator.requests().filter((r) => r.operation === "CreateDiskSnapshot");
        assert.equal(creates.length, 2);
        await stack.assertStateMatchesEmulator();
        stack.bed.emulator.setSnapshotBehaviour({ durationMs: 300 });
    });

    it("refresh right after up finds nothing to change", async () => {
        await stack.pulumi(["refresh", "--yes", "--expect-no-changes", "--skip-preview"]);
    });

    it("a tags change is one in-place update using only TagResource and UntagResource", async () => {
        const before = stack.bed.emulator.requests().length;
        await stack.declare([
            { resourceName: "data", diskName: "Disk-1", tags: { team: "web", env: "staging" } },
            { resourceName: "system", instanceName: "WordPress-1", diskSnapshotName: "system-1" },
        ]);
        const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        const counts = summary(up.stdout);
        assert.equal(counts.updated, 1, up.stdout);
        assert.equal(counts.replaced, undefined, up.stdout);
        assert.deepEqual(loggedOperations(stack.bed, before), ["TagResource"]);
        const data = (await stack.snapshotsInState()).find((s) => s.urn.endsWith("::data"));
        assert.deepEqual(data?.outputs?.tags, { env: "staging", team: "web" });
    });

    it("a diskName change replaces the snapshot, creating the new one first", async () => {
        const oldName = (await stack.snapshotsInState()).find((s) => s.urn.endsWith("::data"))?.id;
        await stack.declare([
            { resourceName: "data", diskName: "Disk-2", tags: { team: "web", env: "staging" } },
            { resourceName: "system", instanceName: "WordPress-1", diskSnapshotName: "system-1" },
        ]);
        const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal(summary(up.stdout).replaced, 1, up.stdout);
        const data = (await stack.snapshotsInState()).find((s) => s.urn.endsWith("::data"));
        assert.notEqual(data?.id, oldName, "an auto-named replacement gets a new name");
        assert.equal(data?.outputs?.fromDiskName, "Disk-2");
        await stack.assertStateMatchesEmulator();
    });

    it("an explicit name change replaces the snapshot; the same explicit name with a new source deletes first", async () => {
        await stack.declare([
            { resourceName: "data", diskName: "Disk-2", tags: { team: "web", env: "staging" } },
            { resourceName: "system", instanceName: "WordPress-1", diskSnapshotName: "system-2" },
        ]);
        const renamed = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal(summary(renamed.stdout).replaced, 1, renamed.stdout);
        await stack.declare([
            { resourceName: "data", diskName: "Disk-2", tags: { team: "web", env: "staging" } },
            { resourceName: "system", diskName: "Disk-1", diskSnapshotName: "system-2" },
        ]);
        const resourced = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal(summary(resourced.stdout).replaced, 1, resourced.stdout);
        const names = stack.bed.emulator.snapshots(REGION).map((s) => s.name);
        assert.ok(names.includes("system-2") && !names.includes("system-1"), names.join(","));
        await stack.assertStateMatchesEmulator();
    });

    it("refresh drops a snapshot deleted out of band, and the next up re-creates it", async () => {
        stack.bed.emulator.deleteSnapshot("system-2", REGION);
        await stack.pulumi(["refresh", "--yes", "--skip-preview"]);
        assert.ok(!(await stack.snapshotsInState()).some((s) => s.id === "system-2"));
        const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal(summary(up.stdout).created, 1, up.stdout);
        await stack.assertStateMatchesEmulator();
    });

    it("refresh shows an out-of-band tag change, and the next up puts the declared tags back", async () => {
        const data = (await stack.snapshotsInState()).find((s) => s.urn.endsWith("::data"));
        stack.bed.emulator.setSnapshotTags(String(data?.id), [{ key: "team", value: "ops" }], REGION);
        const refresh = await stack.pulumi(["refresh", "--yes", "--skip-preview", "--diff"]);
        assert.equal(summary(refresh.stdout).updated, 1, refresh.stdout);
        assert.match(refresh.stdout, /~ team\s*: "web" => "ops"/);
        const refreshed = (await stack.snapshotsInState()).find((s) => s.urn.endsWith("::data"));
        assert.deepEqual(refreshed?.outputs?.tags, { team: "ops" });
        const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal(summary(up.stdout).updated, 1, up.stdout);
        const restored = stack.bed.emulator.snapshots(REGION).find((s) => s.name === data?.id);
        assert.deepEqual(restored?.tags.map((t) => `${t.key}=${t.value}`).sort(), ["env=staging", "team=web"]);
    });

    it("up --replace of a snapshot with a generated name keeps it: the replacement takes it over", async () => {
        // Forced replacements are checked without the old inputs, so the generated name comes out the same.
        const data = (await stack.snapshotsInState()).find((s) => s.urn.endsWith("::data"));
        assert.ok(data?.id);
        const up = await stack.pulumi(["up", "--yes", "--skip-preview", "--replace", data.urn]);
        assert.equal(summary(up.stdout).replaced, 1, up.stdout);
        assert.match(`${up.stdout}${up.stderr}`, /not deleted: the resource replacing it took it over/);
        assert.equal((await stack.snapshotsInState()).find((s) => s.urn === data.urn)?.id, data.id);
        await stack.assertStateMatchesEmulator();
        const refresh = await stack.pulumi(["refresh", "--yes", "--skip-preview"]);
        assert.equal(summary(refresh.stdout).deleted, undefined, refresh.stdout);
    });

    it("keeps __provider within 4 KB per resource in the exported state", async () => {
        for (const s of await stack.snapshotsInState()) {
            const bytes = Buffer.byteLength(String(s.outputs?.__provider ?? ""));
            assert.ok(bytes > 0 && bytes <= 4096, `${s.urn}: ${bytes} bytes`);
        }
    });
});

describe("end to end: a snapshot declared in a region other than aws:region and AWS_REGION", function () {
    this.timeout(300_000);
    let stack: SnapshotStack;

    before(async () => {
        stack = await startSnapshotStack({ emulator: { snapshot: { durationMs: 300 } } });
        // AWS_REGION is REGION (us-east-1); aws:region says eu-west-1; the resource says us-west-2.
        await stack.pulumi(["config", "set", "aws:region", "eu-west-1"]);
        stack.bed.emulator.seedDisk({ name: "Disk-1", region: "us-west-2", sizeInGb: 24 });
        stack.bed.emulator.seedDisk({ name: "Disk-1", region: "eu-west-1", sizeInGb: 12 });
    });

    after(async () => {
        await stack?.close();
    });

    it("up, refresh and destroy act in the declared region only; the ARN and region output say so", async () => {
        await stack.declare([
            { resourceName: "west", diskName: "Disk-1", region: "us-west-2", diskSnapshotName: "west-1" },
        ]);
        const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
        assert.equal(summary(up.stdout).created, 2, up.stdout);
        const [west] = await stack.snapshotsInState();
        assert.equal(west?.outputs?.region, "us-west-2");
        assert.deepEqual(west?.outputs?.location, { availabilityZone: "all", regionName: "us-west-2" });
        assert.match(String(west?.outputs?.arn), /^arn:aws:lightsail:us-west-2:\d{12}:DiskSnapshot\//);
        assert.equal(west?.outputs?.sizeInGb, 24, "a snapshot of us-west-2's Disk-1");
        assert.deepEqual(
            stack.bed.emulator.snapshots("us-west-2").map((s) => s.name),
            ["west-1"],
        );
        assert.deepEqual(stack.bed.emulator.snapshots(REGION), []);
        assert.deepEqual(stack.bed.emulator.snapshots("eu-west-1"), []);
        await stack.pulumi(["refresh", "--yes", "--expect-no-changes", "--skip-preview"]);
        await stack.pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(stack.bed.emulator.snapshots("us-west-2"), []);
        const regions = new Set(stack.bed.emulator.requests().map((r) => r.region));
        assert.deepEqual([...regions], ["us-west-2"], "every call is signed for the declared region");
    });
});
