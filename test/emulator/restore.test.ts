/**
 * Restoring disks through @aws-sdk/client-lightsail: CreateDiskFromSnapshot from manual and
 * automatic snapshots, AttachDisk, DetachDisk, StopInstance, StartInstance, GetInstanceState, and
 * DeleteDisk/DeleteInstance of attached disks, on the emulator's clock.
 */
import assert from "node:assert/strict";
import {
    AttachDiskCommand,
    CreateDiskCommand,
    CreateDiskFromSnapshotCommand,
    type CreateDiskFromSnapshotCommandInput,
    CreateDiskSnapshotCommand,
    DeleteDiskCommand,
    DeleteInstanceCommand,
    DetachDiskCommand,
    EnableAddOnCommand,
    GetAutoSnapshotsCommand,
    GetDiskCommand,
    GetInstanceCommand,
    GetInstanceStateCommand,
    GetOperationCommand,
    InvalidInputException,
    type LightsailClient,
    NotFoundException,
    StartInstanceCommand,
    StopInstanceCommand,
} from "@aws-sdk/client-lightsail";
import {
    DEFAULT_ATTACHMENT_DURATION_MS,
    DEFAULT_INSTANCE_TRANSITION_MS,
    EmulatorCore,
    type RunningEmulator,
    startEmulator,
} from "../../emulator";
import { rejectsWith } from "../../harness/assertions";
import { admin, lightsailClient } from "../../harness/emulatorClient";
import { VirtualClock } from "../../harness/virtualClock";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const REGION = "us-west-2";

describe("emulator restores and attachments through @aws-sdk/client-lightsail", () => {
    let emu: RunningEmulator;
    let clock: VirtualClock;
    let client: LightsailClient;

    const disk = async (diskName = "Disk-1") => (await client.send(new GetDiskCommand({ diskName }))).disk;
    const instance = async (instanceName = "WordPress-1") =>
        (await client.send(new GetInstanceCommand({ instanceName }))).instance;
    const state = async (instanceName = "WordPress-1") =>
        (await client.send(new GetInstanceStateCommand({ instanceName }))).state;
    const attach = (diskName = "Disk-1", instanceName = "WordPress-1", diskPath = "/dev/xvdf") =>
        client.send(new AttachDiskCommand({ diskName, instanceName, diskPath }));
    const detach = (diskName = "Disk-1") => client.send(new DetachDiskCommand({ diskName }));
    const stop = (instanceName = "WordPress-1", force?: boolean) =>
        client.send(new StopInstanceCommand({ instanceName, ...(force === undefined ? {} : { force }) }));
    const start = (instanceName = "WordPress-1") => client.send(new StartInstanceCommand({ instanceName }));
    const restore = (input: Partial<CreateDiskFromSnapshotCommandInput>) =>
        client.send(
            new CreateDiskFromSnapshotCommand({
                diskName: "Restored-1",
                availabilityZone: "us-west-2a",
                sizeInGb: 32,
                ...input,
            } as CreateDiskFromSnapshotCommandInput),
        );
    /** Asserts the call is refused with `InvalidInputException` and `code`, and returns its message. */
    const refused = async (call: Promise<unknown>, code: string) => {
        const err = await rejectsWith(call, InvalidInputException);
        assert.equal(err.code, code, err.message);
        assert.equal(err.$metadata.httpStatusCode, 400);
        return err.message;
    };

    beforeEach(async () => {
        clock = new VirtualClock(Date.parse("2024-01-01T05:00:00Z"));
        emu = await startEmulator({
            clock: clock.now,
            snapshot: { durationMs: 1000 },
            autoSnapshot: { durationMs: 5 * MINUTE, addOnDurationMs: 1000 },
            instanceTransitionMs: 2000,
            attachmentDurationMs: 3000,
        });
        emu.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
        emu.seedInstance({ name: "WordPress-1", region: REGION });
        client = lightsailClient(emu.url, REGION, { maxAttempts: 1 });
    });

    afterEach(async () => {
        client.destroy();
        await emu.stop();
    });

    describe("CreateDiskFromSnapshot from an automatic snapshot", () => {
        /** Disk-1 with automatic snapshots of 2024-01-01 and 2024-01-02 (Success) and 2024-01-03 (InProgress). */
        const withAutoSnapshots = async () => {
            await client.send(
                new EnableAddOnCommand({
                    resourceName: "Disk-1",
                    addOnRequest: {
                        addOnType: "AutoSnapshot",
                        autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:00" },
                    },
                }),
            );
            clock.advance(2 * DAY + HOUR + MINUTE);
            const listed = (await client.send(new GetAutoSnapshotsCommand({ resourceName: "Disk-1" }))).autoSnapshots;
            assert.deepEqual(
                listed?.map((s) => [s.date, s.status]),
                [
                    ["2024-01-03", "InProgress"],
                    ["2024-01-02", "Success"],
                    ["2024-01-01", "Success"],
                ],
            );
        };

        it("restores a dated Success snapshot: one CreateDiskFromSnapshot operation, pending then available, with tags and add-on", async () => {
            await withAutoSnapshots();
            const out = await restore({
                sourceDiskName: "Disk-1",
                restoreDate: "2024-01-01",
                tags: [{ key: "restored", value: "yes" }],
                addOns: [{ addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "20:00" } }],
            });
            const [op] = out.operations ?? [];
            assert.equal(out.operations?.length, 1);
            assert.equal(op?.resourceName, "Restored-1");
            assert.equal(op?.resourceType, "Disk");
            assert.equal(op?.operationType, "CreateDiskFromSnapshot");
            assert.equal(op?.operationDetails, undefined, "none, as in the CLI example");
            assert.equal(op?.status, "Started");
            assert.deepEqual(op?.location, { availabilityZone: "us-west-2a", regionName: REGION });
            const pending = await disk("Restored-1");
            assert.equal(pending?.state, "pending");
            assert.equal(pending?.sizeInGb, 32);
            assert.deepEqual(pending?.tags, [{ key: "restored", value: "yes" }]);
            assert.equal(pending?.addOns?.[0]?.snapshotTimeOfDay, "20:00");
            clock.advance(1000);
            assert.equal((await disk("Restored-1"))?.state, "available");
            assert.equal(
                (await client.send(new GetOperationCommand({ operationId: op?.id }))).operation?.status,
                "Succeeded",
            );
        });

        it("useLatestRestorableAutoSnapshot takes the newest Success snapshot, skipping one InProgress", async () => {
            await withAutoSnapshots();
            await restore({ sourceDiskName: "Disk-1", useLatestRestorableAutoSnapshot: true, sizeInGb: 64 });
            assert.equal((await disk("Restored-1"))?.sizeInGb, 64);
        });

        it("refuses an InProgress date, a date not listed, no Success snapshot, and an instance's name", async () => {
            await withAutoSnapshots();
            assert.match(
                await refused(restore({ sourceDiskName: "Disk-1", restoreDate: "2024-01-03" }), "InvalidResourceState"),
                /not restorable \(status: InProgress\)/,
            );
            const missing = await rejectsWith(
                restore({ sourceDiskName: "Disk-1", restoreDate: "2023-12-31" }),
                NotFoundException,
            );
            assert.equal(missing.message, "The AutoSnapshot does not exist: Disk-1 2023-12-31");
            emu.seedDisk({ name: "Disk-2", region: REGION });
            const none = await rejectsWith(
                restore({ sourceDiskName: "Disk-2", useLatestRestorableAutoSnapshot: true }),
                NotFoundException,
            );
            assert.match(none.message, /Disk-2 has no automatic snapshot with status Success/);
            const notADisk = await rejectsWith(
                restore({ sourceDiskName: "WordPress-1", useLatestRestorableAutoSnapshot: true }),
                NotFoundException,
            );
            assert.equal(notADisk.message, "The Disk does not exist: WordPress-1");
            await rejectsWith(restore({ sourceDiskName: "Nope-1", restoreDate: "2024-01-01" }), NotFoundException);
            assert.match(
                await refused(
                    restore({ sourceDiskName: "Disk-1", restoreDate: "2024-01-01", sizeInGb: 16 }),
                    "InvalidInput",
                ),
                /smaller than the source snapshot \(32 GB\)/,
            );
            await rejectsWith(disk("Restored-1"), NotFoundException);
        });

        it("checks the source members' exclusions and the date's format", async () => {
            await withAutoSnapshots();
            const cases: [Partial<CreateDiskFromSnapshotCommandInput>, string, RegExp][] = [
                [{}, "MissingParameter", /either diskSnapshotName .* or sourceDiskName/],
                [
                    { diskSnapshotName: "snap-1", sourceDiskName: "Disk-1", restoreDate: "2024-01-01" },
                    "InvalidInput",
                    /diskSnapshotName and sourceDiskName parameters are mutually exclusive/,
                ],
                [
                    { sourceDiskName: "Disk-1", restoreDate: "2024-01-01", useLatestRestorableAutoSnapshot: true },
                    "InvalidInput",
                    /restoreDate and useLatestRestorableAutoSnapshot parameters are mutually exclusive/,
                ],
                [
                    { sourceDiskName: "Disk-1", restoreDate: "2024-01-01", useLatestRestorableAutoSnapshot: false },
                    "InvalidInput",
                    /mutually exclusive/,
                ],
                [
                    { diskSnapshotName: "snap-1", restoreDate: "2024-01-01" },
                    "InvalidInput",
                    /can only be defined with sourceDiskName/,
                ],
                [
                    { diskSnapshotName: "snap-1", useLatestRestorableAutoSnapshot: true },
                    "InvalidInput",
                    /can only be defined with sourceDiskName/,
                ],
                [{ sourceDiskName: "Disk-1" }, "MissingParameter", /specify restoreDate or set useLatest/],
                [
                    { sourceDiskName: "Disk-1", useLatestRestorableAutoSnapshot: false },
                    "MissingParameter",
                    /specify restoreDate/,
                ],
            ];
            for (const [input, code, message] of cases) {
                assert.match(await refused(restore(input), code), message, JSON.stringify(input));
            }
            for (const date of ["2024-1-01", "01/01/2024", "2024-02-30", "2024-01-01T00:00:00Z", ""]) {
                assert.match(
                    await refused(restore({ sourceDiskName: "Disk-1", restoreDate: date }), "InvalidInput"),
                    /YYYY-MM-DD/,
                    date,
                );
            }
        });

        it("checks size range (8 to 16,000 GB) and zone (of the request's region) for both sources", async () => {
            await withAutoSnapshots();
            clock.advance(5 * MINUTE);
            await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "snap-1" }));
            clock.advance(1000);
            for (const source of [
                { diskSnapshotName: "snap-1" },
                { sourceDiskName: "Disk-1", useLatestRestorableAutoSnapshot: true },
            ]) {
                assert.match(
                    await refused(restore({ ...source, sizeInGb: 16_001 }), "InvalidInput"),
                    /between 8 and 16000 GB/,
                );
                await refused(restore({ ...source, sizeInGb: 7 }), "InvalidInput");
                assert.match(
                    await refused(restore({ ...source, availabilityZone: "us-east-1a" }), "InvalidInput"),
                    /not valid in the region us-west-2/,
                );
            }
            await restore({ diskSnapshotName: "snap-1", sizeInGb: 16_000 });
            assert.equal((await disk("Restored-1"))?.sizeInGb, 16_000);
            const taken = await refused(
                restore({ sourceDiskName: "Disk-1", useLatestRestorableAutoSnapshot: true }),
                "NameExists",
            );
            assert.equal(taken, "Some names are already in use: Restored-1");
        });
    });

    describe("AttachDisk", () => {
        it("answers the documented two operations, attaching then attached, and the instance lists the disk", async () => {
            const out = await attach();
            assert.deepEqual(
                out.operations?.map((op) => [
                    op.resourceName,
                    op.resourceType,
                    op.operationDetails,
                    op.operationType,
                    op.status,
                    op.isTerminal,
                ]),
                [
                    ["Disk-1", "Disk", "WordPress-1", "AttachDisk", "Started", false],
                    ["WordPress-1", "Instance", "Disk-1", "AttachDisk", "Started", false],
                ],
            );
            const attaching = await disk();
            assert.deepEqual(
                [
                    attaching?.path,
                    attaching?.state,
                    attaching?.attachedTo,
                    attaching?.isAttached,
                    attaching?.attachmentState,
                ],
                ["/dev/xvdf", "in-use", "WordPress-1", true, "attaching"],
            );
            assert.deepEqual(emu.diskAttachment("Disk-1", REGION), {
                instanceName: "WordPress-1",
                path: "/dev/xvdf",
                state: "attaching",
            });
            clock.advance(3000);
            assert.equal((await disk())?.attachmentState, "attached");
            for (const op of out.operations ?? []) {
                const settled = await client.send(new GetOperationCommand({ operationId: op.id }));
                assert.equal(settled.operation?.status, "Succeeded");
            }
            const disks = (await instance())?.hardware?.disks ?? [];
            assert.deepEqual(
                disks.map((d) => [d.path, d.isSystemDisk, d.name, d.attachmentState]),
                [
                    ["/dev/xvda", true, undefined, "attached"],
                    ["/dev/xvdf", false, "Disk-1", "attached"],
                ],
            );
        });

        it("attaches to a stopped instance, with autoMounting", async () => {
            emu.seedInstance({ name: "Stopped-1", region: REGION, state: "stopped" });
            assert.deepEqual(await state("Stopped-1"), { code: 80, name: "stopped" });
            await client.send(
                new AttachDiskCommand({
                    diskName: "Disk-1",
                    instanceName: "Stopped-1",
                    diskPath: "/dev/xvdt",
                    autoMounting: true,
                }),
            );
            assert.equal((await disk())?.attachedTo, "Stopped-1");
        });

        it("refuses an invalid path with Lightsail's InvalidParams answer", async () => {
            for (const path of ["/dev/xvda", "/dev/xvde", "/dev/xvdu", "/dev/sdf", "xvdf", "/dev/xvdf1", "/dev/xvdF"]) {
                const message = await refused(attach("Disk-1", "WordPress-1", path), "InvalidParams");
                assert.equal(message, "The disk path is invalid. You must specify a valid disk path.");
            }
            assert.equal(emu.diskAttachment("Disk-1", REGION), undefined);
        });

        it("refuses a disk that is attached, attaching or pending, and a path in use", async () => {
            emu.seedDisk({ name: "Disk-2", region: REGION });
            emu.seedInstance({ name: "Other-1", region: REGION });
            await attach();
            assert.match(
                await refused(attach("Disk-1", "Other-1"), "InvalidResourceState"),
                /Disk-1 is being attached to WordPress-1/,
            );
            clock.advance(3000);
            assert.match(
                await refused(attach("Disk-1", "WordPress-1", "/dev/xvdg"), "InvalidResourceState"),
                /Disk-1 is already attached to WordPress-1/,
            );
            assert.equal(
                await refused(attach("Disk-2", "WordPress-1", "/dev/xvdf"), "InvalidParams"),
                "The disk path /dev/xvdf is already in use by the disk Disk-1 on the instance WordPress-1. Specify a different disk path.",
            );
            await client.send(
                new CreateDiskCommand({ diskName: "New-1", availabilityZone: "us-west-2a", sizeInGb: 8 }),
            );
            assert.match(
                await refused(attach("New-1", "WordPress-1", "/dev/xvdh"), "InvalidResourceState"),
                /New-1 is not available \(state: pending\)/,
            );
            await attach("Disk-2", "WordPress-1", "/dev/xvdg");
        });

        it("refuses an instance that is pending or stopping, another zone, and unknown names", async () => {
            await client.send(
                new CreateDiskCommand({ diskName: "Disk-b", availabilityZone: "us-west-2b", sizeInGb: 8 }),
            );
            clock.advance(1000);
            assert.equal(
                await refused(attach("Disk-b"), "InvalidInput"),
                "The disk Disk-b is in us-west-2b and the instance WordPress-1 in us-west-2a. A disk can only be attached to an instance in the same Availability Zone.",
            );
            await stop();
            assert.equal(
                await refused(attach(), "InvalidResourceState"),
                "The instance WordPress-1 is stopping. It must be running or stopped to attach a disk to it.",
            );
            clock.advance(2000);
            await start();
            assert.match(await refused(attach(), "InvalidResourceState"), /WordPress-1 is pending/);
            clock.advance(2000);
            const noDisk = await rejectsWith(attach("Nope-1"), NotFoundException);
            assert.equal(noDisk.message, "The Disk does not exist: Nope-1");
            const noInstance = await rejectsWith(attach("Disk-1", "Nope-1"), NotFoundException);
            assert.equal(noInstance.message, "The Instance does not exist: Nope-1");
            await attach();
        });

        it("holds 15 disks per instance (/dev/xvdf to /dev/xvdt) and 20,000 GB attached per region", async () => {
            const letters = "fghijklmnopqrst";
            for (const letter of letters) {
                emu.seedDisk({
                    name: `D-${letter}`,
                    region: REGION,
                    sizeInGb: 1000,
                    attachedTo: "WordPress-1",
                    path: `/dev/xvd${letter}`,
                });
            }
            assert.equal((await instance())?.hardware?.disks?.length, 16);
            emu.seedInstance({ name: "Big-1", region: REGION });
            emu.seedDisk({ name: "Big-disk-1", region: REGION, sizeInGb: 5001 });
            const quota = await refused(attach("Big-disk-1", "Big-1"), "QuotaExceeded");
            assert.match(quota, /quota of 20000 GB .* \(15000 GB attached now\)/);
            emu.seedDisk({ name: "Small-1", region: REGION, sizeInGb: 5000 - 32 });
            await attach("Small-1", "Big-1");
            await attach("Disk-1", "Big-1", "/dev/xvdg");
        });
    });

    describe("DetachDisk, StopInstance and StartInstance", () => {
        it("stops (stopping 64 -> stopped 80) and starts (pending 0 -> running 16) with one operation each", async () => {
            assert.deepEqual(await state(), { code: 16, name: "running" });
            const stopped = await stop();
            assert.deepEqual(
                stopped.operations?.map((op) => [op.resourceName, op.resourceType, op.operationType, op.status]),
                [["WordPress-1", "Instance", "StopInstance", "Started"]],
            );
            assert.equal(stopped.operations?.[0]?.operationDetails, undefined);
            assert.deepEqual(await state(), { code: 64, name: "stopping" });
            assert.deepEqual((await instance())?.state, { code: 64, name: "stopping" });
            clock.advance(2000);
            assert.deepEqual(await state(), { code: 80, name: "stopped" });
            assert.equal(
                (await client.send(new GetOperationCommand({ operationId: stopped.operations?.[0]?.id }))).operation
                    ?.status,
                "Succeeded",
            );
            const started = await start();
            assert.equal(started.operations?.[0]?.operationType, "StartInstance");
            assert.deepEqual(await state(), { code: 0, name: "pending" });
            clock.advance(2000);
            assert.deepEqual(emu.instanceState("WordPress-1", REGION), { code: 16, name: "running" });
        });

        it("refuses stopping what is not running and starting what is not stopped; force stops a stopping instance", async () => {
            assert.equal(
                await refused(start(), "InvalidResourceState"),
                "The instance WordPress-1 is running. It must be stopped to start it.",
            );
            await stop();
            assert.equal(
                await refused(stop(), "InvalidResourceState"),
                "The instance WordPress-1 is stopping. It must be running to stop it.",
            );
            await refused(start(), "InvalidResourceState");
            const forced = await stop("WordPress-1", true);
            assert.equal(forced.operations?.[0]?.status, "Succeeded");
            assert.deepEqual(await state(), { code: 80, name: "stopped" });
            assert.match(await refused(stop("WordPress-1", true), "InvalidResourceState"), /is stopped/);
            await rejectsWith(stop("Nope-1"), NotFoundException);
            await rejectsWith(client.send(new GetInstanceStateCommand({ instanceName: "Nope-1" })), NotFoundException);
        });

        it("detaches only from a stopped instance: two DetachDisk operations, detaching then detached and available", async () => {
            await attach();
            assert.match(await refused(detach(), "InvalidResourceState"), /Disk-1 is attaching/);
            clock.advance(3000);
            assert.equal(
                await refused(detach(), "InvalidResourceState"),
                "The instance WordPress-1 is running. It must be stopped to detach a disk from it.",
            );
            await stop();
            assert.match(await refused(detach(), "InvalidResourceState"), /WordPress-1 is stopping/);
            clock.advance(2000);
            const out = await detach();
            assert.deepEqual(
                out.operations?.map((op) => [op.resourceName, op.resourceType, op.operationDetails, op.operationType]),
                [
                    ["Disk-1", "Disk", "WordPress-1", "DetachDisk"],
                    ["WordPress-1", "Instance", "Disk-1", "DetachDisk"],
                ],
            );
            const detaching = await disk();
            assert.deepEqual(
                [detaching?.state, detaching?.attachedTo, detaching?.isAttached, detaching?.attachmentState],
                ["in-use", "WordPress-1", true, "detaching"],
            );
            assert.match(await refused(detach(), "InvalidResourceState"), /Disk-1 is detaching/);
            clock.advance(3000);
            const free = await disk();
            assert.deepEqual(
                [free?.state, free?.attachedTo, free?.path, free?.isAttached, free?.attachmentState],
                ["available", undefined, undefined, false, "detached"],
            );
            assert.equal((await instance())?.hardware?.disks?.length, 1);
            assert.equal(
                await refused(detach(), "InvalidResourceState"),
                "The disk Disk-1 is not attached to an instance.",
            );
            await rejectsWith(detach("Nope-1"), NotFoundException);
        });
    });

    describe("DeleteDisk and DeleteInstance", () => {
        it("DeleteDisk refuses an attached disk (and a pending one), and deletes it once detached", async () => {
            await attach();
            clock.advance(3000);
            assert.equal(
                await refused(client.send(new DeleteDiskCommand({ diskName: "Disk-1" })), "InvalidResourceState"),
                "The disk Disk-1 is attached to WordPress-1. Detach it before deleting it.",
            );
            await client.send(
                new CreateDiskCommand({ diskName: "New-1", availabilityZone: "us-west-2a", sizeInGb: 8 }),
            );
            assert.match(
                await refused(client.send(new DeleteDiskCommand({ diskName: "New-1" })), "InvalidResourceState"),
                /New-1 is not available \(state: pending\)/,
            );
            await stop();
            await stop("WordPress-1", true);
            await detach();
            assert.match(
                await refused(client.send(new DeleteDiskCommand({ diskName: "Disk-1" })), "InvalidResourceState"),
                /being detached from WordPress-1\. Wait until it is detached before deleting it/,
            );
            clock.advance(3000);
            const out = await client.send(new DeleteDiskCommand({ diskName: "Disk-1" }));
            assert.equal(out.operations?.[0]?.operationType, "DeleteDisk");
        });

        it("DeleteInstance detaches its disks as the CLI example shows: DetachDisk operations, then DeleteInstance", async () => {
            emu.seedDisk({ name: "Disk-2", region: REGION, attachedTo: "WordPress-1", path: "/dev/xvdg" });
            await attach();
            clock.advance(3000);
            const out = await client.send(new DeleteInstanceCommand({ instanceName: "WordPress-1" }));
            assert.deepEqual(
                out.operations?.map((op) => [
                    op.resourceName,
                    op.resourceType,
                    op.operationDetails,
                    op.operationType,
                    op.status,
                ]),
                [
                    ["Disk-1", "Disk", "WordPress-1", "DetachDisk", "Started"],
                    ["WordPress-1", "Instance", "Disk-1", "DetachDisk", "Started"],
                    ["Disk-2", "Disk", "WordPress-1", "DetachDisk", "Started"],
                    ["WordPress-1", "Instance", "Disk-2", "DetachDisk", "Started"],
                    ["WordPress-1", "Instance", undefined, "DeleteInstance", "Succeeded"],
                ],
            );
            assert.equal((await disk())?.attachmentState, "detaching");
            clock.advance(3000);
            assert.equal((await disk())?.state, "available");
            assert.equal((await disk("Disk-2"))?.state, "available");
            emu.seedInstance({ name: "WordPress-1", region: REGION });
            await attach("Disk-2");
        });
    });

    describe("automatic snapshots and seeding", () => {
        it("an instance's automatic snapshot lists the disks attached to it", async () => {
            await attach();
            clock.advance(3000);
            await client.send(
                new EnableAddOnCommand({
                    resourceName: "WordPress-1",
                    addOnRequest: {
                        addOnType: "AutoSnapshot",
                        autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:00" },
                    },
                }),
            );
            clock.advance(HOUR);
            const [snapshot] =
                (await client.send(new GetAutoSnapshotsCommand({ resourceName: "WordPress-1" }))).autoSnapshots ?? [];
            assert.deepEqual(snapshot?.fromAttachedDisks, [{ path: "/dev/xvdf", sizeInGb: 32 }]);
        });

        it("seeds stopped instances and attached disks in process, by admin path and from a seed file", async () => {
            const seeded = await admin(emu.url, "seed-instance", { name: "Web-1", region: REGION, state: "stopped" });
            assert.equal(seeded.status, 200);
            const attached = await admin(emu.url, "seed-disk", {
                name: "Data-1",
                region: REGION,
                attachedTo: "Web-1",
                path: "/dev/xvdh",
            });
            assert.equal(attached.status, 200);
            assert.deepEqual(emu.diskAttachment("Data-1", REGION), {
                instanceName: "Web-1",
                path: "/dev/xvdh",
                state: "attached",
            });
            emu.seed({
                [REGION]: { disks: [{ name: "Data-2", attachedTo: "Web-2" }], instances: [{ name: "Web-2" }] },
            });
            assert.equal(emu.diskAttachment("Data-2", REGION)?.path, "/dev/xvdf");
            assert.equal(
                (await admin(emu.url, "seed-disk", { name: "Data-3", region: REGION, path: "/dev/xvdf" })).status,
                400,
            );
            assert.throws(
                () => emu.seedDisk({ name: "Data-4", region: REGION, attachedTo: "Web-1", path: "/dev/xvdh" }),
                /path/,
            );
            assert.throws(
                () => emu.seedDisk({ name: "Data-5", region: REGION, attachedTo: "Nope-1" }),
                /does not exist/,
            );
            assert.throws(() => emu.diskAttachment("Nope-1", REGION), /does not exist/);
            assert.equal(emu.diskAttachment("Disk-1", REGION), undefined);
        });
    });

    describe("timing options", () => {
        it("default to 1000 ms and must be non-negative", () => {
            assert.equal(DEFAULT_INSTANCE_TRANSITION_MS, 1000);
            assert.equal(DEFAULT_ATTACHMENT_DURATION_MS, 1000);
            assert.deepEqual(new EmulatorCore().transitions, {
                instanceTransitionMs: 1000,
                attachmentDurationMs: 1000,
            });
            assert.throws(() => new EmulatorCore({ instanceTransitionMs: -1 }), /instanceTransitionMs/);
            assert.throws(() => new EmulatorCore({ attachmentDurationMs: Number.NaN }), /attachmentDurationMs/);
        });
    });
});
