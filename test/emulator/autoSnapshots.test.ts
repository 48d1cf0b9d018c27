/**
 * Automatic snapshots through @aws-sdk/client-lightsail: the add-on (EnableAddOn, DisableAddOn,
 * `addOns` in disk and instance shapes), GetAutoSnapshots and DeleteAutoSnapshot on the emulator's
 * clock, and the refusal of a manual snapshot while an automatic one is being taken.
 */
import assert from "node:assert/strict";
import {
    CreateDiskCommand,
    CreateDiskSnapshotCommand,
    CreateInstancesCommand,
    DeleteAutoSnapshotCommand,
    DeleteDiskCommand,
    DisableAddOnCommand,
    EnableAddOnCommand,
    GetAutoSnapshotsCommand,
    GetDiskCommand,
    GetInstanceCommand,
    GetOperationCommand,
    InvalidInputException,
    type LightsailClient,
    NotFoundException,
    TagResourceCommand,
} from "@aws-sdk/client-lightsail";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { rejectsWith } from "../../harness/assertions";
import { admin, lightsailClient } from "../../harness/emulatorClient";
import { VirtualClock } from "../../harness/virtualClock";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("emulator automatic snapshots through @aws-sdk/client-lightsail", () => {
    let emu: RunningEmulator;
    let clock: VirtualClock;
    let client: LightsailClient;

    const enable = (resourceName: string, snapshotTimeOfDay?: string) =>
        client.send(
            new EnableAddOnCommand({
                resourceName,
                addOnRequest: {
                    addOnType: "AutoSnapshot",
                    ...(snapshotTimeOfDay === undefined ? {} : { autoSnapshotAddOnRequest: { snapshotTimeOfDay } }),
                },
            }),
        );
    const diskAddOns = async (diskName = "Disk-1") =>
        (await client.send(new GetDiskCommand({ diskName }))).disk?.addOns;
    const autoSnapshots = async (resourceName = "Disk-1") =>
        (await client.send(new GetAutoSnapshotsCommand({ resourceName }))).autoSnapshots ?? [];

    beforeEach(async () => {
        clock = new VirtualClock(Date.parse("2024-01-01T05:00:00Z"));
        emu = await startEmulator({
            clock: clock.now,
            autoSnapshot: { durationMs: 5 * MINUTE, addOnDurationMs: 2000 },
        });
        emu.seedDisk({ name: "Disk-1", region: "us-west-2", sizeInGb: 32 });
        emu.seedInstance({ name: "WordPress-1", region: "us-west-2" });
        client = lightsailClient(emu.url, "us-west-2", { maxAttempts: 1 });
    });

    afterEach(async () => {
        client.destroy();
        await emu.stop();
    });

    describe("EnableAddOn and DisableAddOn", () => {
        it("goes Enabling -> Enabled with the time asked for, and answers one operation on the resource", async () => {
            assert.equal(await diskAddOns(), undefined, "no addOns member before the add-on is first enabled");
            const out = await enable("Disk-1", "06:00");
            const [op] = out.operations ?? [];
            assert.equal(out.operations?.length, 1);
            assert.equal(op?.resourceName, "Disk-1");
            assert.equal(op?.resourceType, "Disk");
            assert.equal(op?.operationType, "EnableAddOn");
            assert.deepEqual(op?.location, { availabilityZone: "us-west-2a", regionName: "us-west-2" });
            assert.equal(op?.status, "Started");
            assert.deepEqual(await diskAddOns(), [
                {
                    name: "AutoSnapshot",
                    status: "Enabling",
                    snapshotTimeOfDay: "06:00",
                    nextSnapshotTimeOfDay: "06:00",
                },
            ]);
            clock.advance(2000);
            assert.equal((await diskAddOns())?.[0]?.status, "Enabled");
            const settled = await client.send(new GetOperationCommand({ operationId: op?.id }));
            assert.equal(settled.operation?.status, "Succeeded");
        });

        it("uses the region's default time when none is given, on instances too", async () => {
            await enable("WordPress-1");
            const instance = (await client.send(new GetInstanceCommand({ instanceName: "WordPress-1" }))).instance;
            assert.equal(instance?.addOns?.[0]?.snapshotTimeOfDay, "06:00");
            const euClient = lightsailClient(emu.url, "eu-west-1", { maxAttempts: 1 });
            emu.seedDisk({ name: "Disk-9", region: "eu-west-1" });
            await euClient.send(
                new EnableAddOnCommand({ resourceName: "Disk-9", addOnRequest: { addOnType: "AutoSnapshot" } }),
            );
            const disk = (await euClient.send(new GetDiskCommand({ diskName: "Disk-9" }))).disk;
            assert.equal(disk?.addOns?.[0]?.snapshotTimeOfDay, "22:00");
            euClient.destroy();
        });

        it("validates the time against the model's pattern and the documented HH:00 rule", async () => {
            for (const time of ["6:00", "24:00", "06:60", "06:30", "18:59"]) {
                const err = await rejectsWith(enable("Disk-1", time), InvalidInputException);
                assert.match(err.message, /HH:00/);
            }
            await rejectsWith(
                client.send(
                    new EnableAddOnCommand({
                        resourceName: "Disk-1",
                        addOnRequest: { addOnType: "StopInstanceOnIdle" as "AutoSnapshot" },
                    }),
                ),
                InvalidInputException,
            );
            await rejectsWith(enable("Nope-1", "06:00"), NotFoundException);
        });

        it("refuses the state it is already in, changes an enabled add-on's time", async () => {
            await enable("Disk-1", "06:00");
            const same = await rejectsWith(enable("Disk-1", "06:00"), InvalidInputException);
            assert.equal(same.message, "The addOn is already in requested state");
            await rejectsWith(enable("Disk-1"), InvalidInputException);
            // 05:00 now: 08:00 is later and more than 30 minutes away, so it applies today.
            await enable("Disk-1", "08:00");
            assert.deepEqual((await diskAddOns())?.[0], {
                name: "AutoSnapshot",
                status: "Enabling",
                snapshotTimeOfDay: "08:00",
                nextSnapshotTimeOfDay: "08:00",
            });
            // An earlier time waits a day: today's snapshot stays at 08:00.
            await enable("Disk-1", "07:00");
            const [addOn] = (await diskAddOns()) ?? [];
            assert.equal(addOn?.snapshotTimeOfDay, "07:00");
            assert.equal(addOn?.nextSnapshotTimeOfDay, "08:00");
            clock.advance(3 * HOUR + MINUTE);
            assert.equal((await diskAddOns())?.[0]?.nextSnapshotTimeOfDay, "07:00");
            assert.equal((await autoSnapshots())[0]?.createdAt?.toISOString(), "2024-01-01T08:00:00.000Z");
        });

        it("disables (Disabling -> Disabled) and refuses disabling what is not enabled", async () => {
            const notYet = await rejectsWith(
                client.send(new DisableAddOnCommand({ resourceName: "Disk-1", addOnType: "AutoSnapshot" })),
                InvalidInputException,
            );
            assert.equal(notYet.message, "AutoSnapshot not enabled for the resource");
            await enable("Disk-1", "06:00");
            const out = await client.send(
                new DisableAddOnCommand({ resourceName: "Disk-1", addOnType: "AutoSnapshot" }),
            );
            assert.equal(out.operations?.[0]?.operationType, "DisableAddOn");
            assert.deepEqual(await diskAddOns(), [{ name: "AutoSnapshot", status: "Disabling" }]);
            clock.advance(2000);
            assert.deepEqual(await diskAddOns(), [{ name: "AutoSnapshot", status: "Disabled" }]);
            await rejectsWith(
                client.send(new DisableAddOnCommand({ resourceName: "Disk-1", addOnType: "AutoSnapshot" })),
                InvalidInputException,
            );
            clock.advance(DAY);
            assert.deepEqual(await autoSnapshots(), [], "no snapshots while disabled");
        });

        it("enables the add-on asked for in CreateDisk and CreateInstances", async () => {
            await client.send(
                new CreateDiskCommand({
                    diskName: "Data-1",
                    availabilityZone: "us-west-2a",
                    sizeInGb: 8,
                    addOns: [{ addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "20:00" } }],
                }),
            );
            assert.equal((await diskAddOns("Data-1"))?.[0]?.snapshotTimeOfDay, "20:00");
            await client.send(
                new CreateInstancesCommand({
                    instanceNames: ["Web-1"],
                    availabilityZone: "us-west-2a",
                    blueprintId: "debian_12",
                    bundleId: "nano_3_0",
                    addOns: [{ addOnType: "AutoSnapshot" }],
                }),
            );
            const web = (await client.send(new GetInstanceCommand({ instanceName: "Web-1" }))).instance;
            assert.equal(web?.addOns?.[0]?.snapshotTimeOfDay, "06:00");
            await rejectsWith(
                client.send(
                    new CreateDiskCommand({
                        diskName: "Data-2",
                        availabilityZone: "us-west-2a",
                        sizeInGb: 8,
                        addOns: [
                            { addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "20:30" } },
                        ],
                    }),
                ),
                InvalidInputException,
            );
            await rejectsWith(client.send(new GetDiskCommand({ diskName: "Data-2" })), NotFoundException);
        });
    });

    describe("GetAutoSnapshots and DeleteAutoSnapshot", () => {
        it("takes one a day at the set hour, InProgress then Success, newest first, seven kept", async () => {
            await enable("Disk-1", "06:00");
            const empty = await client.send(new GetAutoSnapshotsCommand({ resourceName: "Disk-1" }));
            assert.deepEqual(
                {
                    resourceName: empty.resourceName,
                    resourceType: empty.resourceType,
                    autoSnapshots: empty.autoSnapshots,
                },
                { resourceName: "Disk-1", resourceType: "Disk", autoSnapshots: [] },
            );
            clock.advance(HOUR);
            const [first] = await autoSnapshots();
            assert.deepEqual(first, {
                date: "2024-01-01",
                createdAt: new Date("2024-01-01T06:00:00Z"),
                status: "InProgress",
                fromAttachedDisks: [],
            });
            clock.advance(5 * MINUTE);
            assert.equal((await autoSnapshots())[0]?.status, "Success");
            clock.advance(9 * DAY);
            const all = await autoSnapshots();
            assert.deepEqual(
                all.map((s) => s.date),
                ["2024-01-10", "2024-01-09", "2024-01-08", "2024-01-07", "2024-01-06", "2024-01-05", "2024-01-04"],
            );
            assert.ok(all.every((s) => s.status === "Success"));
        });

        it("snapshots an instance with fromAttachedDisks, and answers NotFound for unknown resources", async () => {
            await enable("WordPress-1", "06:00");
            clock.advance(HOUR);
            const out = await client.send(new GetAutoSnapshotsCommand({ resourceName: "WordPress-1" }));
            assert.equal(out.resourceType, "Instance");
            assert.deepEqual(out.autoSnapshots?.[0]?.fromAttachedDisks, []);
            await rejectsWith(client.send(new GetAutoSnapshotsCommand({ resourceName: "Nope-1" })), NotFoundException);
        });

        it("deletes by date with the documented operation; a missing date is NotFound, a malformed one InvalidInput", async () => {
            await enable("Disk-1", "06:00");
            clock.advance(HOUR + DAY);
            assert.equal((await autoSnapshots()).length, 2);
            const out = await client.send(
                new DeleteAutoSnapshotCommand({ resourceName: "Disk-1", date: "2024-01-01" }),
            );
            const [op] = out.operations ?? [];
            assert.equal(op?.operationType, "DeleteAutoSnapshot");
            assert.equal(op?.operationDetails, "DeleteAutoSnapshot-2024-01-01");
            assert.deepEqual(op?.location, { availabilityZone: "us-west-2", regionName: "us-west-2" });
            assert.equal(op?.status, "Succeeded");
            assert.equal(op?.isTerminal, true);
            assert.equal(op?.statusChangedAt, undefined);
            assert.deepEqual(
                (await autoSnapshots()).map((s) => s.date),
                ["2024-01-02"],
            );
            await rejectsWith(
                client.send(new DeleteAutoSnapshotCommand({ resourceName: "Disk-1", date: "2024-01-01" })),
                NotFoundException,
            );
            await rejectsWith(
                client.send(new DeleteAutoSnapshotCommand({ resourceName: "Disk-1", date: "Jan 1" })),
                InvalidInputException,
            );
        });

        it("keeps automatic snapshots when disabled, deletes them with their source", async () => {
            await enable("Disk-1", "06:00");
            clock.advance(HOUR);
            await client.send(new DisableAddOnCommand({ resourceName: "Disk-1", addOnType: "AutoSnapshot" }));
            assert.equal((await autoSnapshots()).length, 1);
            await client.send(new DeleteDiskCommand({ diskName: "Disk-1" }));
            emu.seedDisk({ name: "Disk-1", region: "us-west-2" });
            assert.deepEqual(await autoSnapshots(), []);
            assert.equal(await diskAddOns(), undefined);
        });

        it("cannot be tagged: TagResource by the source's name tags the source", async () => {
            await enable("Disk-1", "06:00");
            clock.advance(HOUR);
            await client.send(new TagResourceCommand({ resourceName: "Disk-1", tags: [{ key: "k" }] }));
            assert.deepEqual((await client.send(new GetDiskCommand({ diskName: "Disk-1" }))).disk?.tags, [
                { key: "k" },
            ]);
            assert.equal("tags" in ((await autoSnapshots())[0] ?? {}), false);
        });
    });

    describe("a manual snapshot during an automatic one", () => {
        it("is refused while the automatic snapshot is InProgress and accepted once it is Success", async () => {
            await enable("Disk-1", "06:00");
            await enable("WordPress-1", "06:00");
            clock.advance(HOUR + MINUTE);
            const refused = await rejectsWith(
                client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "manual-1" })),
                InvalidInputException,
            );
            assert.equal(refused.$metadata.httpStatusCode, 400);
            assert.match(refused.message, /automatic snapshot of the disk Disk-1 is in progress/);
            assert.equal((refused as InvalidInputException).code, "InvalidResourceState");
            await rejectsWith(
                client.send(
                    new CreateDiskSnapshotCommand({ instanceName: "WordPress-1", diskSnapshotName: "manual-2" }),
                ),
                InvalidInputException,
            );
            assert.deepEqual(emu.snapshots("us-west-2"), [], "nothing created");
            clock.advance(4 * MINUTE);
            const out = await client.send(
                new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "manual-1" }),
            );
            assert.equal(out.operations?.length, 2);
        });
    });

    describe("the clock", () => {
        it("moves in process and by admin path, and takes due snapshots on demand", async () => {
            const real = await startEmulator({ startTime: Date.parse("2024-06-01T05:00:00Z") });
            try {
                real.seedDisk({ name: "Disk-1", region: "us-west-2" });
                const realClient = lightsailClient(real.url, "us-west-2", { maxAttempts: 1 });
                await realClient.send(
                    new EnableAddOnCommand({
                        resourceName: "Disk-1",
                        addOnRequest: {
                            addOnType: "AutoSnapshot",
                            autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:00" },
                        },
                    }),
                );
                assert.ok(Math.abs(real.now() - Date.parse("2024-06-01T05:00:00Z")) < 60_000);
                real.advanceClock(HOUR);
                assert.deepEqual(
                    real.takeDueAutoSnapshots().map((s) => [s.resourceName, s.date]),
                    [["Disk-1", "2024-06-01"]],
                );
                assert.throws(() => real.advanceClock(-1), /only moves forward/);
                const moved = await admin(real.url, "advance-clock", { to: "2024-06-02T07:00:00Z" });
                assert.equal(moved.status, 200);
                assert.equal((moved.json as { now: string }).now.slice(0, 13), "2024-06-02T07");
                const taken = (await admin(real.url, "take-auto-snapshots")).json as { taken: { date: string }[] };
                assert.deepEqual(
                    taken.taken.map((s) => s.date),
                    ["2024-06-02"],
                );
                assert.equal((await admin(real.url, "advance-clock", { ms: -5 })).status, 400);
                assert.equal((await admin(real.url, "advance-clock", { ms: 1, to: 2 })).status, 400);
                const clockNow = (await admin(real.url, "clock")).json as { nowMs: number; offsetMs: number };
                assert.ok(clockNow.offsetMs < 0, "started in the past");
                realClient.destroy();
            } finally {
                await real.stop();
            }
        });
    });
});
