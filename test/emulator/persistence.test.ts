/**
 * Persistence: the state file survives restarts (in-process and across processes), is written before
 * the answer, and is never corrupted or missing an acknowledged write when the process is SIGKILLed.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
    AttachDiskCommand,
    CopySnapshotCommand,
    CreateDiskSnapshotCommand,
    DeleteAutoSnapshotCommand,
    DetachDiskCommand,
    EnableAddOnCommand,
    GetAutoSnapshotsCommand,
    GetDiskCommand,
    GetDiskSnapshotCommand,
    GetInstanceStateCommand,
    GetOperationsCommand,
    ServiceException,
    StopInstanceCommand,
    TagResourceCommand,
} from "@aws-sdk/client-lightsail";
import { startEmulator } from "../../emulator";
import { seededRandom } from "../../emulator/random";
import { admin, apiHeaders, lightsailClient, rawRequest } from "../../harness/emulatorClient";
import { startEmulatorProcess } from "../../harness/emulatorProcess";
import { sleep } from "../../harness/time";
import { VirtualClock } from "../../harness/virtualClock";

interface StateFile {
    regions: Record<
        string,
        {
            snapshots: Record<string, { tags: { key: string; value?: string }[]; isFromAutoSnapshot?: true }>;
            disks?: Record<
                string,
                {
                    autoSnapshotAddOn?: { snapshotTimeOfDay: string };
                    autoSnapshots?: { date: string }[];
                    attachment?: { instanceName: string; path: string; detachSettlesAtMs?: number };
                }
            >;
            instances?: Record<string, { power?: { target: string; settlesAtMs: number } }>;
        }
    >;
    clockOffsetMs?: number;
}

function readState(path: string): StateFile {
    return JSON.parse(readFileSync(path, "utf8")) as StateFile;
}

describe("emulator persistence", () => {
    let dir: string;

    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "lightsail-emulator-state-"));
    });

    afterEach(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it("writes every acknowledged mutation before answering, and a restart sees the same world", async () => {
        const statePath = join(dir, "state.json");
        const clock = new VirtualClock();
        const first = await startEmulator({ statePath, clock: clock.now, snapshot: { durationMs: 1000 } });
        first.seedDisk({ name: "Disk-1", region: "us-west-2" });
        const client = lightsailClient(first.url, "us-west-2", { maxAttempts: 1 });
        await client.send(
            new CreateDiskSnapshotCommand({
                diskName: "Disk-1",
                diskSnapshotName: "kept-1",
                tags: [{ key: "a", value: "1" }],
            }),
        );
        assert.ok(readState(statePath).regions["us-west-2"]?.snapshots["kept-1"], "written before the answer");
        await client.send(new TagResourceCommand({ resourceName: "kept-1", tags: [{ key: "b" }] }));
        assert.deepEqual(readState(statePath).regions["us-west-2"]?.snapshots["kept-1"]?.tags, [
            { key: "a", value: "1" },
            { key: "b" },
        ]);
        const opsBefore = (await client.send(new GetOperationsCommand({}))).operations?.map((o) => o.id);
        client.destroy();
        await first.stop();

        clock.advance(500);
        const second = await startEmulator({ statePath, clock: clock.now, snapshot: { durationMs: 1 } });
        const again = lightsailClient(second.url, "us-west-2", { maxAttempts: 1 });
        const snap = (await again.send(new GetDiskSnapshotCommand({ diskSnapshotName: "kept-1" }))).diskSnapshot;
        assert.equal(snap?.state, "pending");
        assert.equal(snap?.progress, "50%", "progress is time-based from createdAt and survives restarts");
        assert.deepEqual(snap?.tags, [{ key: "a", value: "1" }, { key: "b" }]);
        assert.deepEqual(
            (await again.send(new GetOperationsCommand({}))).operations?.map((o) => o.id),
            opsBefore,
        );
        clock.advance(500);
        assert.equal(
            (await again.send(new GetDiskSnapshotCommand({ diskSnapshotName: "kept-1" }))).diskSnapshot?.state,
            "completed",
        );
        again.destroy();
        await second.stop();
        assert.deepEqual(
            readdirSync(dir).filter((f) => f.endsWith(".tmp")),
            [],
            "no temporary files left",
        );
    });

    it("writes the add-on, automatic snapshots and the clock before answering, and a restart keeps them", async () => {
        const statePath = join(dir, "state.json");
        const clock = new VirtualClock(Date.parse("2024-01-01T05:00:00Z"));
        const options = { statePath, clock: clock.now, startTime: Date.parse("2030-01-01T05:00:00Z") };
        const first = await startEmulator(options);
        first.seedDisk({ name: "Disk-1", region: "us-west-2" });
        const client = lightsailClient(first.url, "us-west-2", { maxAttempts: 1 });
        await client.send(
            new EnableAddOnCommand({
                resourceName: "Disk-1",
                addOnRequest: { addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:00" } },
            }),
        );
        const disk = () => readState(statePath).regions["us-west-2"]?.disks?.["Disk-1"];
        assert.equal(disk()?.autoSnapshotAddOn?.snapshotTimeOfDay, "06:00", "written before the answer");
        first.advanceClock(2 * 86_400_000);
        assert.equal(readState(statePath).clockOffsetMs, first.core.world.clockOffsetMs());
        assert.deepEqual(
            first.takeDueAutoSnapshots().map((s) => s.date),
            ["2030-01-01", "2030-01-02"],
        );
        assert.deepEqual(
            disk()?.autoSnapshots?.map((s) => s.date),
            ["2030-01-02", "2030-01-01"],
        );
        await client.send(new DeleteAutoSnapshotCommand({ resourceName: "Disk-1", date: "2030-01-01" }));
        assert.deepEqual(
            disk()?.autoSnapshots?.map((s) => s.date),
            ["2030-01-02"],
        );
        client.destroy();
        await first.stop();

        clock.advance(60_000);
        const second = await startEmulator(options);
        assert.equal(second.now(), Date.parse("2030-01-03T05:01:00Z"), "the recorded clock, not startTime again");
        const again = lightsailClient(second.url, "us-west-2", { maxAttempts: 1 });
        const listed = await again.send(new GetAutoSnapshotsCommand({ resourceName: "Disk-1" }));
        assert.deepEqual(
            listed.autoSnapshots?.map((s) => [s.date, s.status]),
            [["2030-01-02", "Success"]],
        );
        assert.equal(
            (await again.send(new GetDiskCommand({ diskName: "Disk-1" }))).disk?.addOns?.[0]?.status,
            "Enabled",
        );
        again.destroy();
        await second.stop();
    });

    it("writes copies before answering, and a restart keeps their origin and their progress", async () => {
        const statePath = join(dir, "state.json");
        const clock = new VirtualClock(Date.parse("2024-01-01T05:00:00Z"));
        const options = {
            statePath,
            clock: clock.now,
            snapshot: { durationMs: 1000 },
            autoSnapshot: { durationMs: 1000, addOnDurationMs: 1000 },
        };
        const first = await startEmulator(options);
        first.seedDisk({ name: "Disk-1", region: "us-east-1", sizeInGb: 16 });
        const east = lightsailClient(first.url, "us-east-1", { maxAttempts: 1 });
        const west = lightsailClient(first.url, "us-west-2", { maxAttempts: 1 });
        await east.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "Snap-1" }));
        await east.send(
            new EnableAddOnCommand({
                resourceName: "Disk-1",
                addOnRequest: { addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:00" } },
            }),
        );
        clock.advance(3_600_000 + 2000); // Snap-1 completed, the automatic snapshot of 2024-01-01 Success
        const sourceRegion = "us-east-1";
        await west.send(
            new CopySnapshotCommand({ sourceSnapshotName: "Snap-1", targetSnapshotName: "Copy-1", sourceRegion }),
        );
        await west.send(
            new CopySnapshotCommand({
                sourceResourceName: "Disk-1",
                useLatestRestorableAutoSnapshot: true,
                targetSnapshotName: "Copy-2",
                sourceRegion,
            }),
        );
        const copies = readState(statePath).regions["us-west-2"]?.snapshots;
        assert.deepEqual(
            [copies?.["Copy-1"]?.isFromAutoSnapshot, copies?.["Copy-2"]?.isFromAutoSnapshot],
            [undefined, true],
            "written before the answer",
        );
        assert.deepEqual(Object.keys(readState(statePath).regions["us-east-1"]?.snapshots ?? {}), ["Snap-1"]);
        east.destroy();
        west.destroy();
        await first.stop();

        clock.advance(500);
        const second = await startEmulator(options);
        const again = lightsailClient(second.url, "us-west-2", { maxAttempts: 1 });
        const read = async (diskSnapshotName: string) =>
            (await again.send(new GetDiskSnapshotCommand({ diskSnapshotName }))).diskSnapshot;
        for (const [name, fromAuto] of [
            ["Copy-1", false],
            ["Copy-2", true],
        ] as const) {
            const copy = await read(name);
            assert.deepEqual(
                [copy?.state, copy?.progress, copy?.fromDiskName, copy?.sizeInGb, copy?.isFromAutoSnapshot],
                ["pending", "50%", "Disk-1", 16, fromAuto],
                name,
            );
        }
        clock.advance(500);
        assert.equal((await read("Copy-2"))?.state, "completed");
        again.destroy();
        await second.stop();
    });

    it("writes attachments and instance stops before answering, and a restart keeps them moving on the clock", async () => {
        const statePath = join(dir, "state.json");
        const clock = new VirtualClock();
        const options = { statePath, clock: clock.now, instanceTransitionMs: 2000, attachmentDurationMs: 3000 };
        const first = await startEmulator(options);
        first.seedInstance({ name: "WordPress-1", region: "us-west-2" });
        first.seedDisk({ name: "Disk-1", region: "us-west-2" });
        first.seedDisk({ name: "Disk-2", region: "us-west-2", attachedTo: "WordPress-1", path: "/dev/xvdg" });
        const client = lightsailClient(first.url, "us-west-2", { maxAttempts: 1 });
        await client.send(
            new AttachDiskCommand({ diskName: "Disk-1", instanceName: "WordPress-1", diskPath: "/dev/xvdf" }),
        );
        const region = () => readState(statePath).regions["us-west-2"];
        assert.deepEqual(
            [region()?.disks?.["Disk-1"]?.attachment?.instanceName, region()?.disks?.["Disk-1"]?.attachment?.path],
            ["WordPress-1", "/dev/xvdf"],
            "written before the answer",
        );
        await client.send(new StopInstanceCommand({ instanceName: "WordPress-1" }));
        assert.equal(region()?.instances?.["WordPress-1"]?.power?.target, "stopped");
        clock.advance(3000);
        await client.send(new DetachDiskCommand({ diskName: "Disk-2" }));
        assert.equal(typeof region()?.disks?.["Disk-2"]?.attachment?.detachSettlesAtMs, "number");
        client.destroy();
        await first.stop();

        const second = await startEmulator(options);
        const again = lightsailClient(second.url, "us-west-2", { maxAttempts: 1 });
        assert.deepEqual(second.diskAttachment("Disk-1", "us-west-2"), {
            instanceName: "WordPress-1",
            path: "/dev/xvdf",
            state: "attached",
        });
        assert.equal(second.diskAttachment("Disk-2", "us-west-2")?.state, "detaching");
        assert.deepEqual((await again.send(new GetInstanceStateCommand({ instanceName: "WordPress-1" }))).state, {
            code: 80,
            name: "stopped",
        });
        clock.advance(3000);
        const detached = (await again.send(new GetDiskCommand({ diskName: "Disk-2" }))).disk;
        assert.deepEqual([detached?.state, detached?.attachmentState], ["available", "detached"]);
        again.destroy();
        await second.stop();
    });

    it("applies seeds once: a restart with the same seed and state keeps the existing resources", async () => {
        const statePath = join(dir, "state.json");
        const seed = { "us-west-2": { disks: [{ name: "Disk-1", sizeInGb: 16 }] } };
        const a = await startEmulator({ statePath, seed });
        const arn = (await a.core.world.read("us-west-2").disks["Disk-1"])?.arn;
        await a.stop();
        const b = await startEmulator({ statePath, seed });
        assert.equal(b.core.world.read("us-west-2").disks["Disk-1"]?.arn, arn);
        await b.stop();
    });

    it("sees writes made by another emulator process sharing the state file", async () => {
        const statePath = join(dir, "state.json");
        const a = await startEmulator({ statePath, seed: { "us-west-2": { disks: [{ name: "Disk-1" }] } } });
        const b = await startEmulator({ statePath });
        const ca = lightsailClient(a.url, "us-west-2", { maxAttempts: 1 });
        const cb = lightsailClient(b.url, "us-west-2", { maxAttempts: 1 });
        await ca.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "from-a" }));
        assert.equal(
            (await cb.send(new GetDiskSnapshotCommand({ diskSnapshotName: "from-a" }))).diskSnapshot?.name,
            "from-a",
        );
        ca.destroy();
        cb.destroy();
        await a.stop();
        await b.stop();
    });

    it("answers ServiceException and leaves the world unchanged when the state file cannot be written", async () => {
        const sub = join(dir, "sub");
        mkdirSync(sub);
        const statePath = join(sub, "state.json");
        const emu = await startEmulator({ statePath, seed: { "us-west-2": { disks: [{ name: "Disk-1" }] } } });
        const client = lightsailClient(emu.url, "us-west-2", { maxAttempts: 1 });
        await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "before" }));
        rmSync(sub, { recursive: true, force: true });
        await assert.rejects(
            client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "unwritten" })),
            (err: Error) => err instanceof ServiceException,
        );
        assert.deepEqual(
            emu.snapshots("us-west-2").map((s) => s.name),
            ["before"],
        );
        mkdirSync(sub);
        await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "after" }));
        assert.deepEqual(Object.keys(readState(statePath).regions["us-west-2"]?.snapshots ?? {}).sort(), [
            "after",
            "before",
        ]);
        client.destroy();
        await emu.stop();
    });

    it("refuses to start on a state file that is not an emulator state file", async () => {
        const statePath = join(dir, "state.json");
        writeFileSync(statePath, "{not json");
        await assert.rejects(startEmulator({ statePath }), /not valid JSON/);
        writeFileSync(statePath, '{"hello": 1}');
        await assert.rejects(startEmulator({ statePath }), /not a lightsail-emulator state file/);
    });

    describe("SIGKILL at random points", function () {
        this.timeout(60_000);

        it("keeps automatic snapshots taken by admin command and the moved clock across a SIGKILL", async () => {
            const statePath = join(dir, "state.json");
            const seedPath = join(dir, "seed.json");
            writeFileSync(seedPath, JSON.stringify({ "us-west-2": { disks: [{ name: "Disk-1" }] } }));
            const baseArgs = ["--port", "0", "--state", statePath, "--seed", seedPath, "--snapshot-duration", "50"];
            const flags = ["--start-time", "2024-01-01T05:00:00Z", "--auto-snapshot-duration", "1s"];
            const { child, url } = await startEmulatorProcess([...baseArgs, ...flags]);
            const exited = new Promise((r) => child.on("exit", r));
            const client = lightsailClient(url, "us-west-2", { maxAttempts: 1 });
            await client.send(
                new EnableAddOnCommand({
                    resourceName: "Disk-1",
                    addOnRequest: {
                        addOnType: "AutoSnapshot",
                        autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:00" },
                    },
                }),
            );
            client.destroy();
            assert.equal((await admin(url, "advance-clock", { to: "2024-01-02T07:00:00Z" })).status, 200);
            const taken = (await admin(url, "take-auto-snapshots")).json as { taken: { date: string }[] };
            assert.deepEqual(
                taken.taken.map((s) => s.date),
                ["2024-01-01", "2024-01-02"],
            );
            child.kill("SIGKILL");
            await exited;

            const restarted = await startEmulatorProcess([...baseArgs, ...flags]);
            const after = new Promise((r) => restarted.child.on("exit", r));
            const clockNow = (await admin(restarted.url, "clock")).json as { now: string };
            assert.equal(clockNow.now.slice(0, 13), "2024-01-02T07", "the moved clock, not --start-time again");
            const again = lightsailClient(restarted.url, "us-west-2", { maxAttempts: 1 });
            const listed = await again.send(new GetAutoSnapshotsCommand({ resourceName: "Disk-1" }));
            assert.deepEqual(
                listed.autoSnapshots?.map((s) => s.date),
                ["2024-01-02", "2024-01-01"],
            );
            again.destroy();
            restarted.child.kill("SIGKILL");
            await after;
        });

        /** Writes each round acknowledges before the kill is timed, so every round tests something. */
        const MIN_ACKS_PER_ROUND = 5;

        it("never corrupts the state file nor loses an acknowledged write (20 kills)", async () => {
            const statePath = join(dir, "state.json");
            const seedPath = join(dir, "seed.json");
            writeFileSync(seedPath, JSON.stringify({ "us-west-2": { disks: [{ name: "Disk-1" }] } }));
            const args = ["--port", "0", "--state", statePath, "--seed", seedPath, "--snapshot-duration", "50"];
            const rng = seededRandom(4242);
            /** Last acknowledged state of each snapshot name: present (with tag value) or deleted. */
            const acked = new Map<string, { exists: boolean; tag?: string }>();
            let ambiguous = new Set<string>();
            let counter = 0;
            let totalAcks = 0;

            for (let round = 0; round < 20; round++) {
                const { child, url } = await startEmulatorProcess(args);
                const exited = new Promise((r) => child.on("exit", r));
                const agent = new Agent({ keepAlive: true, maxSockets: 4 });
                const inflight = new Set<string>();
                let killed = false;
                let roundAcks = 0;

                const worker = async (): Promise<void> => {
                    while (!killed) {
                        const existing = [...acked].filter(([n, s]) => s.exists && !inflight.has(n)).map(([n]) => n);
                        const roll = rng();
                        let name: string;
                        let operation: string;
                        let body: unknown;
                        let after: { exists: boolean; tag?: string };
                        if (roll < 0.6 || existing.length === 0) {
                            counter += 1;
                            name = `k-${counter}`;
                            operation = "CreateDiskSnapshot";
                            body = { diskName: "Disk-1", diskSnapshotName: name };
                            after = { exists: true };
                        } else if (roll < 0.85) {
                            name = existing[Math.floor(rng() * existing.length)] as string;
                            const tag = String(counter++);
                            operation = "TagResource";
                            body = { resourceName: name, tags: [{ key: "v", value: tag }] };
                            after = { exists: true, tag };
                        } else {
                            name = existing[Math.floor(rng() * existing.length)] as string;
                            operation = "DeleteDiskSnapshot";
                            body = { diskSnapshotName: name };
                            after = { exists: false };
                        }
                        inflight.add(name);
                        try {
                            const { status } = await rawRequest(url, {
                                headers: apiHeaders(operation),
                                body: JSON.stringify(body),
                                agent,
                            });
                            assert.equal(status, 200, `${operation} ${name} answered ${status}`);
                            acked.set(name, after);
                            totalAcks += 1;
                            roundAcks += 1;
                            inflight.delete(name);
                        } catch (err) {
                            if (!killed) {
                                throw err;
                            }
                            return; // connection died with the process: outcome unknown (name stays in flight)
                        }
                    }
                };

                const workers = Array.from({ length: 4 }, () => worker());
                // Some writes first (a loaded machine is slow to start the process), then a random point.
                const warmUntil = Date.now() + 10_000;
                while (roundAcks < MIN_ACKS_PER_ROUND && Date.now() < warmUntil) {
                    await sleep(5);
                }
                await sleep(20 + Math.floor(rng() * 120));
                killed = true;
                child.kill("SIGKILL");
                await exited;
                await Promise.allSettled(workers);
                agent.destroy();
                ambiguous = new Set([...ambiguous, ...inflight]);

                const text = readFileSync(statePath, "utf8");
                let state: StateFile;
                try {
                    state = JSON.parse(text) as StateFile;
                } catch (err) {
                    assert.fail(`round ${round}: state file does not parse: ${(err as Error).message}`);
                }
                const snapshots = state.regions["us-west-2"]?.snapshots ?? {};
                for (const [name, expected] of acked) {
                    if (ambiguous.has(name)) {
                        continue;
                    }
                    const stored = snapshots[name];
                    assert.equal(
                        Boolean(stored),
                        expected.exists,
                        `round ${round}: ${name} should ${expected.exists ? "" : "not "}exist`,
                    );
                    if (expected.tag !== undefined) {
                        assert.deepEqual(
                            stored?.tags,
                            [{ key: "v", value: expected.tag }],
                            `round ${round}: ${name} tags`,
                        );
                    }
                }
                // Settle ambiguous names: whatever the file says is now the truth.
                for (const name of ambiguous) {
                    const stored = snapshots[name];
                    const tag = stored?.tags.find((t) => t.key === "v")?.value;
                    acked.set(
                        name,
                        stored ? { exists: true, ...(tag === undefined ? {} : { tag }) } : { exists: false },
                    );
                }
                ambiguous = new Set();
            }
            assert.ok(totalAcks >= 20 * MIN_ACKS_PER_ROUND, `only ${totalAcks} acknowledged writes`);
            assert.ok(existsSync(statePath));
        });
    });
});
