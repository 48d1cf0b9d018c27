/**
 * CopySnapshot of disk snapshots through @aws-sdk/client-lightsail: manual and automatic sources,
 * across regions and within one, on the emulator's clock; every refusal with its exception and code;
 * the source left as it was, and a copy that outlives its source.
 */
import assert from "node:assert/strict";
import {
    CopySnapshotCommand,
    type CopySnapshotCommandInput,
    CreateDiskSnapshotCommand,
    DeleteAutoSnapshotCommand,
    DeleteDiskCommand,
    DeleteDiskSnapshotCommand,
    EnableAddOnCommand,
    GetAutoSnapshotsCommand,
    GetDiskCommand,
    GetDiskSnapshotCommand,
    GetDiskSnapshotsCommand,
    GetOperationCommand,
    GetOperationsCommand,
    InvalidInputException,
    type LightsailClient,
    NotFoundException,
} from "@aws-sdk/client-lightsail";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { rejectsWith } from "../../harness/assertions";
import { lightsailClient } from "../../harness/emulatorClient";
import { VirtualClock } from "../../harness/virtualClock";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SOURCE = "us-east-1" as const;
const TARGET = "us-west-2" as const;

describe("emulator CopySnapshot through @aws-sdk/client-lightsail", () => {
    let emu: RunningEmulator;
    let clock: VirtualClock;
    /** A client of the source region. */
    let east: LightsailClient;
    /** A client of the target region. */
    let west: LightsailClient;

    const copy = (input: Partial<CopySnapshotCommandInput>, client = west) =>
        client.send(new CopySnapshotCommand(input as CopySnapshotCommandInput));
    const snapshot = async (diskSnapshotName: string, client = west) =>
        (await client.send(new GetDiskSnapshotCommand({ diskSnapshotName }))).diskSnapshot;
    const snapshotNames = async (client: LightsailClient) =>
        ((await client.send(new GetDiskSnapshotsCommand({}))).diskSnapshots ?? []).map((s) => s.name).sort();
    /** The region's operation types (`CopySnapshot` is outside the SDK's `OperationType` union, as outside the model's). */
    const operationTypes = async (client: LightsailClient): Promise<(string | undefined)[]> =>
        ((await client.send(new GetOperationsCommand({}))).operations ?? []).map((op) => op.operationType);
    /** Takes a manual snapshot in the source region and waits until it is completed. */
    const completed = async (diskSnapshotName: string, source: { diskName: string } | { instanceName: string }) => {
        await east.send(new CreateDiskSnapshotCommand({ diskSnapshotName, ...source }));
        clock.advance(1000);
        assert.equal((await snapshot(diskSnapshotName, east))?.state, "completed");
    };
    /** Disk-1 (source region) with automatic snapshots of 2024-01-01 and -02 (Success) and -03 (InProgress). */
    const withAutoSnapshots = async () => {
        await east.send(
            new EnableAddOnCommand({
                resourceName: "Disk-1",
                addOnRequest: { addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:00" } },
            }),
        );
        clock.advance(2 * DAY + HOUR + MINUTE);
        const listed = (await east.send(new GetAutoSnapshotsCommand({ resourceName: "Disk-1" }))).autoSnapshots;
        assert.deepEqual(
            listed?.map((s) => [s.date, s.status]),
            [
                ["2024-01-03", "InProgress"],
                ["2024-01-02", "Success"],
                ["2024-01-01", "Success"],
            ],
        );
    };
    /** Asserts the call is refused with `InvalidInputException` and `code`, and returns its message. */
    const refused = async (call: Promise<unknown>, code: string) => {
        const err = await rejectsWith(call, InvalidInputException);
        assert.equal(err.code, code, err.message);
        assert.equal(err.$metadata.httpStatusCode, 400);
        return err.message;
    };
    /** Asserts the call is refused with `NotFoundException` (`DoesNotExist`), and returns its message. */
    const missing = async (call: Promise<unknown>) => {
        const err = await rejectsWith(call, NotFoundException);
        assert.equal(err.code, "DoesNotExist", err.message);
        return err.message;
    };

    beforeEach(async () => {
        clock = new VirtualClock(Date.parse("2024-01-01T05:00:00Z"));
        emu = await startEmulator({
            clock: clock.now,
            snapshot: { durationMs: 1000 },
            autoSnapshot: { durationMs: 5 * MINUTE, addOnDurationMs: 1000 },
        });
        emu.seedDisk({ name: "Disk-1", region: SOURCE, sizeInGb: 32 });
        emu.seedDisk({ name: "Disk-2", region: SOURCE, sizeInGb: 8 });
        emu.seedInstance({ name: "WordPress-1", region: SOURCE, systemDiskSizeInGb: 40 });
        east = lightsailClient(emu.url, SOURCE, { maxAttempts: 1 });
        west = lightsailClient(emu.url, TARGET, { maxAttempts: 1 });
    });

    afterEach(async () => {
        east.destroy();
        west.destroy();
        await emu.stop();
    });

    describe("a manual source", () => {
        it("copies across regions: one operation on the target, pending then completed, only in the target", async () => {
            await east.send(
                new CreateDiskSnapshotCommand({
                    diskName: "Disk-1",
                    diskSnapshotName: "Snap-1",
                    tags: [{ key: "team", value: "web" }],
                }),
            );
            clock.advance(1000);
            const source = await snapshot("Snap-1", east);
            const out = await copy({
                sourceSnapshotName: "Snap-1",
                targetSnapshotName: "Snap-1-Copy",
                sourceRegion: SOURCE,
            });
            assert.equal(out.operations?.length, 1);
            const [op] = out.operations ?? [];
            assert.equal(op?.resourceName, "Snap-1-Copy");
            assert.equal(op?.resourceType, "DiskSnapshot");
            assert.deepEqual(op?.location, { availabilityZone: "all", regionName: TARGET });
            assert.equal(op?.operationType, "CopySnapshot");
            assert.equal(op?.operationDetails, "us-east-1:Snap-1");
            assert.equal(op?.status, "Started");
            assert.equal(op?.isTerminal, false);

            const pending = await snapshot("Snap-1-Copy");
            assert.equal(pending?.state, "pending");
            assert.equal(pending?.progress, "0%");
            assert.match(pending?.arn ?? "", /^arn:aws:lightsail:us-west-2:123456789012:DiskSnapshot\//);
            assert.notEqual(pending?.arn, source?.arn);
            assert.deepEqual(pending?.location, { availabilityZone: "all", regionName: TARGET });
            assert.equal(pending?.fromDiskName, "Disk-1");
            assert.equal(pending?.fromDiskArn, source?.fromDiskArn, "the original disk, ARN in the source region");
            assert.match(pending?.fromDiskArn ?? "", /^arn:aws:lightsail:us-east-1:/);
            assert.equal(pending?.fromInstanceName, undefined);
            assert.equal(pending?.isFromAutoSnapshot, false);
            assert.equal(pending?.sizeInGb, 32);
            assert.deepEqual(pending?.tags, [], "tags are not copied");
            clock.advance(500);
            assert.equal((await snapshot("Snap-1-Copy"))?.progress, "50%");
            clock.advance(500);
            const done = await snapshot("Snap-1-Copy");
            assert.deepEqual([done?.state, done?.progress], ["completed", "100%"]);
            const settled = (await west.send(new GetOperationCommand({ operationId: op?.id }))).operation;
            assert.deepEqual([settled?.status, settled?.isTerminal], ["Succeeded", true]);

            assert.deepEqual(await snapshotNames(west), ["Snap-1-Copy"]);
            assert.deepEqual(await snapshotNames(east), ["Snap-1"], "nothing new in the source region");
            assert.deepEqual(await snapshot("Snap-1", east), source, "the source is unchanged");
            await missing(east.send(new GetOperationCommand({ operationId: op?.id })));
            assert.ok(!(await operationTypes(east)).includes("CopySnapshot"), "no operation in the source region");
        });

        it("copies a system-volume snapshot with the original instance's name and ARN", async () => {
            await completed("System-1", { instanceName: "WordPress-1" });
            const source = await snapshot("System-1", east);
            await copy({ sourceSnapshotName: "System-1", targetSnapshotName: "System-1-Copy", sourceRegion: SOURCE });
            const copied = await snapshot("System-1-Copy");
            assert.equal(copied?.fromInstanceName, "WordPress-1");
            assert.equal(copied?.fromInstanceArn, source?.fromInstanceArn);
            assert.equal(copied?.fromDiskName, undefined);
            assert.equal(copied?.sizeInGb, 40);
            assert.equal(copied?.isFromAutoSnapshot, false);
        });

        it("copies within one region; the target name must be free there, the source's own included", async () => {
            await completed("Snap-1", { diskName: "Disk-1" });
            const out = await copy(
                { sourceSnapshotName: "Snap-1", targetSnapshotName: "Snap-1-Copy", sourceRegion: SOURCE },
                east,
            );
            assert.deepEqual(out.operations?.[0]?.location, { availabilityZone: "all", regionName: SOURCE });
            assert.equal(out.operations?.[0]?.operationDetails, "us-east-1:Snap-1");
            assert.deepEqual(await snapshotNames(east), ["Snap-1", "Snap-1-Copy"]);
            assert.equal((await snapshot("Snap-1-Copy", east))?.fromDiskName, "Disk-1");
            for (const target of ["Snap-1-Copy", "Snap-1"]) {
                assert.equal(
                    await refused(
                        copy({ sourceSnapshotName: "Snap-1", targetSnapshotName: target, sourceRegion: SOURCE }, east),
                        "NameExists",
                    ),
                    `Some names are already in use: ${target}`,
                );
            }
            // Names are per region: the source's name is free in the target region.
            await copy({ sourceSnapshotName: "Snap-1", targetSnapshotName: "Snap-1", sourceRegion: SOURCE });
            assert.equal((await snapshot("Snap-1"))?.fromDiskName, "Disk-1");
        });

        it("a copy whose name matches the error pattern ends in error, its operation Failed", async () => {
            await completed("Snap-1", { diskName: "Disk-1" });
            emu.setSnapshotBehaviour({ errorPattern: "^broken" });
            const out = await copy({
                sourceSnapshotName: "Snap-1",
                targetSnapshotName: "broken-1",
                sourceRegion: SOURCE,
            });
            clock.advance(1000);
            assert.equal((await snapshot("broken-1"))?.state, "error");
            const op = (await west.send(new GetOperationCommand({ operationId: out.operations?.[0]?.id }))).operation;
            assert.equal(op?.status, "Failed");
            assert.equal(op?.errorCode, "InternalError");
        });
    });

    describe("an automatic source", () => {
        it("copies by date and by latest: isFromAutoSnapshot, the disk's name, ARN and size", async () => {
            await withAutoSnapshots();
            const disk = (await east.send(new GetDiskCommand({ diskName: "Disk-1" }))).disk;
            const autoBefore = await east.send(new GetAutoSnapshotsCommand({ resourceName: "Disk-1" }));
            const byDate = await copy({
                sourceResourceName: "Disk-1",
                restoreDate: "2024-01-01",
                targetSnapshotName: "Auto-1",
                sourceRegion: SOURCE,
            });
            const latest = await copy({
                sourceResourceName: "Disk-1",
                useLatestRestorableAutoSnapshot: true,
                targetSnapshotName: "Auto-Latest",
                sourceRegion: SOURCE,
            });
            for (const [out, name] of [
                [byDate, "Auto-1"],
                [latest, "Auto-Latest"],
            ] as const) {
                const [op] = out.operations ?? [];
                assert.equal(out.operations?.length, 1);
                assert.equal(op?.resourceName, name);
                assert.equal(op?.operationType, "CopySnapshot");
                assert.equal(op?.operationDetails, "us-east-1:Disk-1");
                assert.deepEqual(op?.location, { availabilityZone: "all", regionName: TARGET });
                const copied = await snapshot(name);
                assert.equal(copied?.state, "pending");
                assert.equal(copied?.isFromAutoSnapshot, true);
                assert.equal(copied?.fromDiskName, "Disk-1");
                assert.equal(copied?.fromDiskArn, disk?.arn);
                assert.equal(copied?.sizeInGb, 32);
                assert.deepEqual(copied?.tags, []);
            }
            clock.advance(1000);
            assert.equal((await snapshot("Auto-1"))?.state, "completed");
            const after = await east.send(new GetAutoSnapshotsCommand({ resourceName: "Disk-1" }));
            assert.deepEqual(after.autoSnapshots, autoBefore.autoSnapshots, "the automatic snapshots are unchanged");
            assert.deepEqual(await snapshotNames(east), [], "no manual snapshot in the source region");
        });

        it("a manual copy of a copy of an automatic snapshot is not from an automatic snapshot", async () => {
            await withAutoSnapshots();
            await copy({
                sourceResourceName: "Disk-1",
                restoreDate: "2024-01-02",
                targetSnapshotName: "Auto-2",
                sourceRegion: SOURCE,
            });
            clock.advance(1000);
            await copy({ sourceSnapshotName: "Auto-2", targetSnapshotName: "Auto-2-Copy", sourceRegion: TARGET }, east);
            const copied = await snapshot("Auto-2-Copy", east);
            assert.equal(copied?.isFromAutoSnapshot, false);
            assert.equal(copied?.fromDiskName, "Disk-1");
        });
    });

    describe("refusals", () => {
        it("checks the members: required ones, the region, the name, the source selectors and the date", async () => {
            const manual = { sourceSnapshotName: "Snap-1", targetSnapshotName: "Copy-1", sourceRegion: SOURCE };
            const cases: [Partial<CopySnapshotCommandInput>, string, RegExp][] = [
                [{ sourceSnapshotName: "Snap-1", sourceRegion: SOURCE }, "MissingParameter", /targetSnapshotName/],
                [{ sourceSnapshotName: "Snap-1", targetSnapshotName: "Copy-1" }, "MissingParameter", /sourceRegion/],
                [
                    { ...manual, sourceRegion: "mars-1" as "us-east-1" },
                    "InvalidInput",
                    /sourceRegion 'mars-1' is not valid/,
                ],
                [
                    { ...manual, targetSnapshotName: "bad name" },
                    "InvalidInput",
                    /targetSnapshotName 'bad name' is not valid/,
                ],
                [{ ...manual, sourceSnapshotName: "-bad" }, "InvalidInput", /sourceSnapshotName '-bad' is not valid/],
                [
                    { targetSnapshotName: "Copy-1", sourceRegion: SOURCE },
                    "MissingParameter",
                    /either sourceSnapshotName \(a manual snapshot\) or sourceResourceName/,
                ],
                [
                    { ...manual, sourceResourceName: "Disk-1", restoreDate: "2024-01-01" },
                    "InvalidInput",
                    /sourceSnapshotName and sourceResourceName parameters are mutually exclusive/,
                ],
                [
                    { ...manual, restoreDate: "2024-01-01" },
                    "InvalidInput",
                    /can only be defined with sourceResourceName/,
                ],
                [
                    { ...manual, useLatestRestorableAutoSnapshot: true },
                    "InvalidInput",
                    /can only be defined with sourceResourceName/,
                ],
                [
                    {
                        targetSnapshotName: "Copy-1",
                        sourceRegion: SOURCE,
                        sourceResourceName: "Disk-1",
                        restoreDate: "2024-01-01",
                        useLatestRestorableAutoSnapshot: true,
                    },
                    "InvalidInput",
                    /restoreDate and useLatestRestorableAutoSnapshot parameters are mutually exclusive/,
                ],
                [
                    { targetSnapshotName: "Copy-1", sourceRegion: SOURCE, sourceResourceName: "Disk-1" },
                    "MissingParameter",
                    /To copy an automatic snapshot, specify restoreDate or set useLatestRestorableAutoSnapshot to true/,
                ],
                [
                    {
                        targetSnapshotName: "Copy-1",
                        sourceRegion: SOURCE,
                        sourceResourceName: "Disk-1",
                        useLatestRestorableAutoSnapshot: false,
                    },
                    "MissingParameter",
                    /specify restoreDate/,
                ],
                [
                    {
                        targetSnapshotName: "Copy-1",
                        sourceRegion: SOURCE,
                        sourceResourceName: "Disk-1",
                        restoreDate: "2024-1-01",
                    },
                    "InvalidInput",
                    /YYYY-MM-DD/,
                ],
            ];
            for (const [input, code, message] of cases) {
                assert.match(await refused(copy(input), code), message, JSON.stringify(input));
            }
            for (const region of ["us-east-2", "eu-north-1", "ap-southeast-3", "ap-southeast-5"]) {
                // A region of the model's enum is valid: the answer is about the (missing) snapshot.
                await missing(copy({ ...manual, sourceRegion: region as "us-east-1" }));
            }
            assert.deepEqual(emu.snapshots(TARGET), [], "nothing created");
            assert.deepEqual(await operationTypes(west), [], "no operation recorded");
        });

        it("refuses a source that is not usable now: pending, error, an automatic snapshot InProgress", async () => {
            await withAutoSnapshots();
            await east.send(new CreateDiskSnapshotCommand({ diskName: "Disk-2", diskSnapshotName: "Pending-1" }));
            assert.match(
                await refused(
                    copy({ sourceSnapshotName: "Pending-1", targetSnapshotName: "Copy-1", sourceRegion: SOURCE }),
                    "InvalidResourceState",
                ),
                /The disk snapshot Pending-1 is not available \(state: pending\)/,
            );
            emu.setSnapshotBehaviour({ errorPattern: "^broken" });
            await east.send(new CreateDiskSnapshotCommand({ diskName: "Disk-2", diskSnapshotName: "broken-1" }));
            clock.advance(1000);
            assert.match(
                await refused(
                    copy({ sourceSnapshotName: "broken-1", targetSnapshotName: "Copy-1", sourceRegion: SOURCE }),
                    "InvalidResourceState",
                ),
                /state: error/,
            );
            assert.match(
                await refused(
                    copy({
                        sourceResourceName: "Disk-1",
                        restoreDate: "2024-01-03",
                        targetSnapshotName: "Copy-1",
                        sourceRegion: SOURCE,
                    }),
                    "InvalidResourceState",
                ),
                /The automatic snapshot of the disk Disk-1 dated 2024-01-03 is not restorable \(status: InProgress\)/,
            );
            assert.deepEqual(emu.snapshots(TARGET), [], "nothing created");
        });

        it("answers NotFoundException for a source that is not there, in the source region", async () => {
            await withAutoSnapshots();
            await completed("Snap-1", { diskName: "Disk-2" });
            const target = { targetSnapshotName: "Copy-1", sourceRegion: SOURCE };
            assert.equal(
                await missing(copy({ ...target, sourceSnapshotName: "Nope-1" })),
                "The DiskSnapshot does not exist: Nope-1",
            );
            // Snap-1 is in us-east-1: asked for in us-west-2, it is not there.
            assert.equal(
                await missing(copy({ ...target, sourceSnapshotName: "Snap-1", sourceRegion: TARGET })),
                "The DiskSnapshot does not exist: Snap-1",
            );
            assert.equal(
                await missing(copy({ ...target, sourceResourceName: "Disk-1", restoreDate: "2023-12-31" })),
                "The AutoSnapshot does not exist: Disk-1 2023-12-31",
            );
            assert.equal(
                await missing(copy({ ...target, sourceResourceName: "Disk-2", useLatestRestorableAutoSnapshot: true })),
                "The AutoSnapshot does not exist: the disk Disk-2 has no automatic snapshot with status Success",
            );
            assert.equal(
                await missing(copy({ ...target, sourceResourceName: "Nope-1", useLatestRestorableAutoSnapshot: true })),
                "The Disk does not exist: Nope-1",
            );
            // Automatic snapshots of instances are instance snapshots, which the emulator does not model.
            assert.equal(
                await missing(
                    copy({ ...target, sourceResourceName: "WordPress-1", useLatestRestorableAutoSnapshot: true }),
                ),
                "The Disk does not exist: WordPress-1",
            );
            assert.deepEqual(emu.snapshots(TARGET), [], "nothing created");
        });
    });

    describe("deletions while copying", () => {
        it("a copy goes on when its source is deleted: a manual snapshot, or the automatic snapshot and its disk", async () => {
            await completed("Snap-1", { diskName: "Disk-2" });
            const manual = await copy({
                sourceSnapshotName: "Snap-1",
                targetSnapshotName: "Copy-1",
                sourceRegion: SOURCE,
            });
            await east.send(new DeleteDiskSnapshotCommand({ diskSnapshotName: "Snap-1" }));
            assert.equal((await snapshot("Copy-1"))?.state, "pending");
            await withAutoSnapshots();
            const auto = await copy({
                sourceResourceName: "Disk-1",
                restoreDate: "2024-01-02",
                targetSnapshotName: "Copy-2",
                sourceRegion: SOURCE,
            });
            await east.send(new DeleteAutoSnapshotCommand({ resourceName: "Disk-1", date: "2024-01-02" }));
            await east.send(new DeleteDiskCommand({ diskName: "Disk-1" }));
            assert.equal((await snapshot("Copy-2"))?.state, "pending");
            clock.advance(1000);
            for (const [out, name, disk] of [
                [manual, "Copy-1", "Disk-2"],
                [auto, "Copy-2", "Disk-1"],
            ] as const) {
                const copied = await snapshot(name);
                assert.deepEqual([copied?.state, copied?.fromDiskName], ["completed", disk]);
                const op = (await west.send(new GetOperationCommand({ operationId: out.operations?.[0]?.id })))
                    .operation;
                assert.equal(op?.status, "Succeeded");
            }
        });

        it("deleting a copy while pending ends its CopySnapshot operation Failed", async () => {
            await completed("Snap-1", { diskName: "Disk-1" });
            const out = await copy({
                sourceSnapshotName: "Snap-1",
                targetSnapshotName: "Copy-1",
                sourceRegion: SOURCE,
            });
            await west.send(new DeleteDiskSnapshotCommand({ diskSnapshotName: "Copy-1" }));
            const op = (await west.send(new GetOperationCommand({ operationId: out.operations?.[0]?.id }))).operation;
            assert.deepEqual([op?.status, op?.isTerminal, op?.errorCode], ["Failed", true, "ResourceDeleted"]);
            assert.equal((await snapshot("Snap-1", east))?.state, "completed", "the source stays");
        });
    });
});
