/**
 * The runnable examples (all but aws-lightsail-stack, which needs the @pulumi/aws plugin and is
 * covered by awsMocks.test.ts), run as users run them: each example's files are copied into a
 * folder where the packed package is installed from its tarball, and the real Pulumi engine runs
 * the TypeScript program (through the SDK's ts-node, type-checked) against the Lightsail emulator:
 * stack init, `pulumi up --yes`, `pulumi stack output --json`, `pulumi destroy --yes`, and no
 * snapshot left behind. Each step's wall time is printed.
 */

import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
    CreateDiskSnapshotCommand,
    DeleteDiskSnapshotCommand,
    GetDiskCommand,
    GetDiskSnapshotCommand,
    GetInstanceCommand,
    LightsailClient,
} from "@aws-sdk/client-lightsail";
import type { SeedFile } from "../../emulator";
import { DUMMY_CREDENTIALS, REGION } from "../../harness/account";
import { createPulumiWorkspace, managedResources, type PulumiWorkspace, pulumiBinDir } from "../../harness/engine";
import { consumerWithPackage } from "../../harness/packageInstall";
import { REPO_ROOT } from "../../harness/repo";
import { type LightsailTestBed, startTestBed } from "../../harness/testBed";
import { sleep } from "../../harness/time";
import { DISK_SNAPSHOT_TYPE } from "../../provider";

const EXAMPLES_DIR = path.join(REPO_ROOT, "examples");
const ACCOUNT = "123456789012";
const STACK = "e2e";
/** The seed the examples' READMEs document: Disk-1 (32 GB) and WordPress-1 (40 GB system volume). */
const SEED = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, "emulator-seed.json"), "utf8")) as SeedFile;
const ARN = new RegExp(`^arn:aws:lightsail:${REGION}:${ACCOUNT}:DiskSnapshot/[0-9a-f-]{36}$`);

/** Wall time of an async step, printed under the test's title. */
async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
        return await step();
    } finally {
        console.log(`      ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
}

/** Copies an example (without anything npm or Pulumi wrote into it) to a subfolder of the consumer. */
function copyExample(name: string, consumer: string): string {
    const source = path.join(EXAMPLES_DIR, name);
    const destination = path.join(consumer, `example-${name}-${process.pid}`);
    fs.rmSync(destination, { recursive: true, force: true });
    fs.cpSync(source, destination, {
        recursive: true,
        filter: (file) => {
            const base = path.basename(file);
            return !["node_modules", "package-lock.json", "bin"].includes(base) && !/^Pulumi\..+\.yaml$/.test(base);
        },
    });
    return destination;
}

describe("examples, run by the Pulumi engine against the emulator", function () {
    // One `pulumi up` starts node several times and type-checks the program twice (preview, update).
    this.timeout(240_000);

    let consumer: string;
    let bed: LightsailTestBed;
    let ws: PulumiWorkspace;
    let lightsail: LightsailClient;
    const copies: string[] = [];

    before(async function () {
        this.timeout(20 * 60_000); // a cold engine build, the package build and npm install
        pulumiBinDir();
        consumer = consumerWithPackage();
        bed = await startTestBed({ seed: SEED, snapshot: { durationMs: 1000, curve: "linear" } });
        ws = createPulumiWorkspace({
            prefix: "examples-e2e-",
            env: { ...bed.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
        });
        lightsail = new LightsailClient({
            endpoint: bed.emulator.url,
            region: REGION,
            credentials: DUMMY_CREDENTIALS,
        });
    });

    after(async () => {
        await ws?.cleanup();
        lightsail?.destroy();
        await bed?.stop();
        for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Copies the example, creates its stack with `aws:region` set; returns the program folder. */
    async function initExample(name: string): Promise<string> {
        const dir = copyExample(name, consumer);
        copies.push(dir);
        await ws.initStack(dir, STACK);
        await ws.run(["config", "set", "aws:region", REGION], { cwd: dir });
        return dir;
    }

    async function up(dir: string): Promise<string> {
        const { stdout } = await timed("pulumi up", () => ws.run(["up", "--yes"], { cwd: dir }));
        return stdout;
    }

    async function stackOutputs(dir: string): Promise<Record<string, unknown>> {
        const { stdout } = await ws.run(["stack", "output", "--json"], { cwd: dir });
        return JSON.parse(stdout) as Record<string, unknown>;
    }

    async function destroy(dir: string): Promise<void> {
        await timed("pulumi destroy", () => ws.run(["destroy", "--yes"], { cwd: dir }));
        assert.deepEqual(managedResources(await ws.exportStack({ cwd: dir })), []);
    }

    /** The test every example ends with: `pulumi destroy` of its stack leaves nothing. */
    function itDestroys(dir: () => string): void {
        it("pulumi destroy deletes it", async () => {
            await destroy(dir());
            assert.deepEqual(snapshotNames(), []);
        });
    }

    function snapshotNames(): string[] {
        return bed.emulator
            .snapshots(REGION)
            .map((s) => s.name)
            .sort();
    }

    describe("disk-snapshot", () => {
        let dir: string;

        it("pulumi up creates a tagged snapshot of Disk-1 and waits for it to complete", async () => {
            dir = await initExample("disk-snapshot");
            const stdout = await up(dir);
            assert.match(stdout, new RegExp(`\\+ +${DISK_SNAPSHOT_TYPE} +data +created`));
            const [snapshot, ...others] = bed.emulator.snapshots(REGION);
            assert.deepEqual(others, []);
            assert.ok(snapshot);
            assert.match(snapshot.name, /^data-/);
            assert.deepEqual(snapshot.source.name, "Disk-1");
            assert.equal(snapshot.state, "completed");
            assert.deepEqual(
                Object.fromEntries(snapshot.tags.map((t) => [t.key, t.value])),
                { team: "web", env: STACK },
                "the tags were sent in the CreateDiskSnapshot request",
            );
        });

        it("exports name, arn, state, sizeInGb and tags", async () => {
            const outputs = await stackOutputs(dir);
            const [snapshot] = bed.emulator.snapshots(REGION);
            assert.deepEqual(outputs, {
                name: snapshot?.name,
                arn: snapshot?.arn,
                state: "completed",
                sizeInGb: 32,
                tags: { team: "web", env: STACK },
            });
            assert.match(String(outputs.arn), ARN);
        });

        itDestroys(() => dir);
    });

    describe("system-volume-snapshot", () => {
        let dir: string;

        it("pulumi up snapshots WordPress-1's system volume under the explicit name", async () => {
            dir = await initExample("system-volume-snapshot");
            await up(dir);
            assert.deepEqual(snapshotNames(), [`WordPress-1-system-${STACK}`]);
            const [snapshot] = bed.emulator.snapshots(REGION);
            assert.deepEqual(snapshot?.source, { kind: "instance", name: "WordPress-1", arn: snapshot?.source.arn });
        });

        it("exports name, arn, state, sizeInGb and fromInstanceName", async () => {
            const outputs = await stackOutputs(dir);
            assert.deepEqual(
                { ...outputs, arn: undefined },
                {
                    name: `WordPress-1-system-${STACK}`,
                    arn: undefined,
                    state: "completed",
                    sizeInGb: 40,
                    fromInstanceName: "WordPress-1",
                },
            );
            assert.match(String(outputs.arn), ARN);
        });

        itDestroys(() => dir);
    });

    describe("auto-snapshots", () => {
        let dir: string;

        const addOnOfDisk1 = async () =>
            (await lightsail.send(new GetDiskCommand({ diskName: "Disk-1" }))).disk?.addOns?.find(
                (a) => a.name === "AutoSnapshot",
            );

        it("pulumi up turns on daily automatic snapshots of Disk-1 at 06:00 UTC", async () => {
            dir = await initExample("auto-snapshots");
            await up(dir);
            const outputs = await stackOutputs(dir);
            assert.deepEqual(
                {
                    resourceName: outputs.resourceName,
                    status: outputs.status,
                    snapshotTimeOfDay: outputs.snapshotTimeOfDay,
                    takenDates: outputs.takenDates,
                },
                { resourceName: "Disk-1", status: "Enabled", snapshotTimeOfDay: "06:00", takenDates: [] },
            );
            assert.equal((await addOnOfDisk1())?.status, "Enabled");
        });

        it("pulumi destroy turns the add-on off", async () => {
            await destroy(dir);
            assert.equal((await addOnOfDisk1())?.status, "Disabled");
        });
    });

    describe("disaster-recovery", () => {
        let dir: string;
        const STANDBY = "us-west-2";
        const standbyNames = () =>
            bed.emulator
                .snapshots(STANDBY)
                .map((s) => s.name)
                .sort();

        it("pulumi up snapshots Disk-1 in us-east-1, copies it to us-west-2 and restores it there onto Standby-1", async () => {
            dir = await initExample("disaster-recovery");
            await up(dir);
            const outputs = await stackOutputs(dir);
            assert.deepEqual(
                [outputs.copyRegion, outputs.copyFromDisk, outputs.attachedTo, outputs.state],
                [STANDBY, "Disk-1", "Standby-1", "in-use"],
            );
            assert.deepEqual(snapshotNames(), [String(outputs.snapshotName)], "the snapshot stays home");
            assert.deepEqual(standbyNames(), [String(outputs.copyName)], "the copy is in the standby region only");
            const copy = bed.emulator.snapshots(STANDBY).find((s) => s.name === outputs.copyName);
            assert.deepEqual(
                Object.fromEntries((copy?.tags ?? []).map((t) => [t.key, t.value])),
                { copy: "offsite", purpose: "dr" },
                "tagged right after the copy",
            );
        });

        it("pulumi destroy deletes the restored disk, the copy and the snapshot, and leaves Standby-1 running", async () => {
            await destroy(dir);
            assert.deepEqual([snapshotNames(), standbyNames()], [[], []]);
            assert.equal(bed.emulator.instanceState("Standby-1", STANDBY).name, "running");
            assert.deepEqual(Object.keys(bed.emulator.core.world.read(STANDBY).disks), []);
        });
    });

    describe("restore-system-volume", () => {
        let dir: string;

        it("pulumi up restores WordPress-1's system volume onto WordPress-2, attached at /dev/xvdf", async () => {
            dir = await initExample("restore-system-volume");
            await up(dir);
            const outputs = await stackOutputs(dir);
            const disk = (await lightsail.send(new GetDiskCommand({ diskName: String(outputs.diskName) }))).disk;
            assert.deepEqual(
                {
                    attachedTo: outputs.attachedTo,
                    path: outputs.path,
                    state: outputs.state,
                    sizeInGb: outputs.sizeInGb,
                },
                { attachedTo: "WordPress-2", path: "/dev/xvdf", state: "in-use", sizeInGb: 40 },
            );
            assert.equal(disk?.attachedTo, "WordPress-2");
            assert.deepEqual(snapshotNames(), [String(outputs.snapshotName)]);
        });

        it("pulumi destroy detaches and deletes the disk, deletes the snapshot, and leaves WordPress-2 running", async () => {
            const diskName = String((await stackOutputs(dir)).diskName);
            await destroy(dir);
            assert.deepEqual(snapshotNames(), []);
            await assert.rejects(lightsail.send(new GetDiskCommand({ diskName })), /NotFound|does not exist/);
            const instance = (await lightsail.send(new GetInstanceCommand({ instanceName: "WordPress-2" }))).instance;
            assert.equal(instance?.state?.name, "running");
        });
    });

    describe("latest-snapshot-lookup", () => {
        let dir: string;
        const seeded = ["Disk-1-older", "Disk-1-newer", "WordPress-1-latest", "Disk-1-pending"];

        async function createSnapshot(name: string, source: { diskName?: string; instanceName?: string }) {
            await lightsail.send(new CreateDiskSnapshotCommand({ diskSnapshotName: name, ...source }));
        }

        async function waitCompleted(name: string): Promise<void> {
            for (let i = 0; i < 100; i++) {
                const { diskSnapshot } = await lightsail.send(new GetDiskSnapshotCommand({ diskSnapshotName: name }));
                if (diskSnapshot?.state === "completed") return;
                await sleep(100);
            }
            assert.fail(`${name} did not complete`);
        }

        before(async () => {
            // Two completed snapshots of Disk-1, a newer one of another source, and a newer pending one.
            await createSnapshot("Disk-1-older", { diskName: "Disk-1" });
            await waitCompleted("Disk-1-older");
            await createSnapshot("Disk-1-newer", { diskName: "Disk-1" });
            await waitCompleted("Disk-1-newer");
            await createSnapshot("WordPress-1-latest", { instanceName: "WordPress-1" });
            await waitCompleted("WordPress-1-latest");
            const behaviour = bed.emulator.snapshotBehaviour();
            bed.emulator.setSnapshotBehaviour({ durationMs: 60 * 60_000 });
            try {
                await createSnapshot("Disk-1-pending", { diskName: "Disk-1" });
            } finally {
                bed.emulator.setSnapshotBehaviour(behaviour);
            }
        });

        after(async () => {
            for (const name of seeded) {
                await lightsail.send(new DeleteDiskSnapshotCommand({ diskSnapshotName: name })).catch(() => undefined);
            }
        });

        it("pulumi up finds the newest completed snapshot of Disk-1", async () => {
            dir = await initExample("latest-snapshot-lookup");
            await up(dir);
            const newer = bed.emulator.snapshots(REGION).find((s) => s.name === "Disk-1-newer");
            const outputs = await stackOutputs(dir);
            assert.deepEqual(outputs, {
                name: "Disk-1-newer",
                arn: newer?.arn,
                createdAt: new Date(newer?.createdAtMs ?? 0).toISOString(),
                sizeInGb: 32,
            });
        });

        it("manages nothing: pulumi destroy leaves the snapshots alone", async () => {
            assert.deepEqual(managedResources(await ws.exportStack({ cwd: dir })), []);
            await destroy(dir);
            assert.deepEqual(snapshotNames(), [...seeded].sort());
            for (const name of seeded) await lightsail.send(new DeleteDiskSnapshotCommand({ diskSnapshotName: name }));
            assert.deepEqual(snapshotNames(), []);
        });
    });
});
