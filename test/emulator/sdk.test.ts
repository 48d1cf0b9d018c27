import assert from "node:assert/strict";
import {
    CreateDiskCommand,
    CreateDiskFromSnapshotCommand,
    CreateDiskSnapshotCommand,
    CreateInstancesCommand,
    DeleteDiskCommand,
    DeleteDiskSnapshotCommand,
    DeleteInstanceCommand,
    GetDiskCommand,
    GetDiskSnapshotCommand,
    GetDiskSnapshotsCommand,
    GetDisksCommand,
    GetInstanceCommand,
    GetInstancesCommand,
    GetOperationCommand,
    GetOperationsCommand,
    InvalidInputException,
    type LightsailClient,
    LightsailServiceException,
    NotFoundException,
    TagResourceCommand,
    UntagResourceCommand,
} from "@aws-sdk/client-lightsail";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { rejectsWith } from "../../harness/assertions";
import { lightsailClient } from "../../harness/emulatorClient";
import { VirtualClock } from "../../harness/virtualClock";

describe("emulator through @aws-sdk/client-lightsail", () => {
    let emu: RunningEmulator;
    let clock: VirtualClock;
    let client: LightsailClient;

    beforeEach(async () => {
        clock = new VirtualClock();
        emu = await startEmulator({ clock: clock.now, snapshot: { durationMs: 1000 } });
        emu.seedDisk({ name: "Disk-1", region: "us-west-2", sizeInGb: 32 });
        emu.seedInstance({ name: "WordPress-1", region: "us-west-2", systemDiskSizeInGb: 40 });
        client = lightsailClient(emu.url, "us-west-2", { maxAttempts: 1 });
    });

    afterEach(async () => {
        client.destroy();
        await emu.stop();
    });

    describe("CreateDiskSnapshot", () => {
        it("answers two Started operations (snapshot and source disk) like the seed page", async () => {
            const out = await client.send(
                new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "DiskSnapshot-1" }),
            );
            const [snap, disk] = out.operations ?? [];
            assert.equal(out.operations?.length, 2);
            assert.equal(snap?.resourceName, "DiskSnapshot-1");
            assert.equal(snap?.resourceType, "DiskSnapshot");
            assert.deepEqual(snap?.location, { availabilityZone: "all", regionName: "us-west-2" });
            assert.equal(snap?.operationDetails, "Disk-1");
            assert.equal(snap?.operationType, "CreateDiskSnapshot");
            assert.equal(snap?.status, "Started");
            assert.equal(snap?.isTerminal, false);
            assert.ok(snap?.createdAt instanceof Date);
            assert.equal(snap?.createdAt?.getTime(), clock.nowMs);
            assert.equal(disk?.resourceName, "Disk-1");
            assert.equal(disk?.resourceType, "Disk");
            assert.deepEqual(disk?.location, { availabilityZone: "us-west-2a", regionName: "us-west-2" });
            assert.equal(disk?.operationDetails, "DiskSnapshot-1");
            assert.notEqual(snap?.id, disk?.id);
        });

        it("snapshots an instance's system disk with fromInstanceName/Arn and its size", async () => {
            const out = await client.send(
                new CreateDiskSnapshotCommand({
                    instanceName: "WordPress-1",
                    diskSnapshotName: "SystemDiskSnapshot-1",
                }),
            );
            assert.equal(out.operations?.[1]?.resourceType, "Instance");
            const got = await client.send(new GetDiskSnapshotCommand({ diskSnapshotName: "SystemDiskSnapshot-1" }));
            const s = got.diskSnapshot;
            assert.equal(s?.fromInstanceName, "WordPress-1");
            assert.match(
                s?.fromInstanceArn ?? "",
                /^arn:aws:lightsail:us-west-2:123456789012:Instance\/[0-9a-f-]{36}$/,
            );
            assert.equal(s?.fromDiskName, undefined);
            assert.equal(s?.sizeInGb, 40);
        });

        it("fills every documented snapshot field", async () => {
            await client.send(
                new CreateDiskSnapshotCommand({
                    diskName: "Disk-1",
                    diskSnapshotName: "snap-a",
                    tags: [{ key: "team", value: "web" }, { key: "bare" }],
                }),
            );
            const s = (await client.send(new GetDiskSnapshotCommand({ diskSnapshotName: "snap-a" }))).diskSnapshot;
            assert.equal(s?.name, "snap-a");
            assert.match(s?.arn ?? "", /^arn:aws:lightsail:us-west-2:123456789012:DiskSnapshot\/[0-9a-f-]{36}$/);
            assert.match(s?.supportCode ?? "", /^123456789012\/snap-0[0-9a-f]{16}$/);
            assert.deepEqual(s?.location, { availabilityZone: "all", regionName: "us-west-2" });
            assert.equal(s?.resourceType, "DiskSnapshot");
            assert.deepEqual(s?.tags, [{ key: "team", value: "web" }, { key: "bare" }]);
            assert.equal(s?.sizeInGb, 32);
            assert.equal(s?.state, "pending");
            assert.equal(s?.progress, "0%");
            assert.equal(s?.fromDiskName, "Disk-1");
            assert.match(s?.fromDiskArn ?? "", /:Disk\//);
            assert.equal(s?.isFromAutoSnapshot, false);
        });

        it("requires exactly one of diskName and instanceName", async () => {
            const both = await rejectsWith(
                client.send(
                    new CreateDiskSnapshotCommand({
                        diskName: "Disk-1",
                        instanceName: "WordPress-1",
                        diskSnapshotName: "x1",
                    }),
                ),
                InvalidInputException,
            );
            assert.match(both.message, /mutually exclusive/);
            const none = await rejectsWith(
                client.send(new CreateDiskSnapshotCommand({ diskSnapshotName: "x1" })),
                InvalidInputException,
            );
            assert.match(none.message, /disk name or an instance name/);
        });

        it("validates names against the model pattern", async () => {
            for (const bad of ["a", "-abc", "abc-", "has space", "dot.name", "x".repeat(256)]) {
                await rejectsWith(
                    client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: bad })),
                    InvalidInputException,
                );
            }
            await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "ab" }));
            await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "x".repeat(255) }));
            await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "a_b-C9" }));
        });

        it("refuses a name already taken in the region with NameExists, but not in another region", async () => {
            await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "taken" }));
            const err = await rejectsWith(
                client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "taken" })),
                InvalidInputException,
            );
            assert.equal(err.code, "NameExists");
            assert.match(err.message, /taken/);
            emu.seedDisk({ name: "Disk-1", region: "eu-west-1" });
            const other = lightsailClient(emu.url, "eu-west-1", { maxAttempts: 1 });
            await other.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "taken" }));
            other.destroy();
        });

        it("answers NotFoundException naming the missing disk or instance", async () => {
            const disk = await rejectsWith(
                client.send(new CreateDiskSnapshotCommand({ diskName: "Nope-1", diskSnapshotName: "s1" })),
                NotFoundException,
            );
            assert.match(disk.message, /Disk does not exist: Nope-1/);
            assert.equal(disk.code, "DoesNotExist");
            assert.equal(disk.$metadata.httpStatusCode, 400);
            assert.ok(disk.$metadata.requestId);
            const instance = await rejectsWith(
                client.send(new CreateDiskSnapshotCommand({ instanceName: "Nope-2", diskSnapshotName: "s1" })),
                NotFoundException,
            );
            assert.match(instance.message, /Instance does not exist: Nope-2/);
        });

        it("validates and applies tags at creation", async () => {
            const good = [
                { key: "env", value: "prod" },
                { key: "ключ", value: "значение" },
                { key: "a+b-c=d.e_f:g/h@i j", value: "" },
                { key: "k".repeat(128), value: "v".repeat(256) },
            ];
            await client.send(
                new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "tagged", tags: good }),
            );
            assert.deepEqual(emu.snapshots("us-west-2")[0]?.tags, good);
            const bad = [
                Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: "v" })),
                [{ key: "k".repeat(129) }],
                [{ key: "k", value: "v".repeat(257) }],
                [{ key: "semi;colon" }],
                [{ key: "k", value: "star*" }],
                [{ key: "" }],
                [{ key: "dup" }, { key: "dup" }],
            ];
            for (const [i, tags] of bad.entries()) {
                await rejectsWith(
                    client.send(
                        new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: `bad-${i}`, tags }),
                    ),
                    InvalidInputException,
                );
            }
            assert.equal(emu.snapshots("us-west-2").length, 1);
        });
    });

    describe("state and progress", () => {
        async function snapshot(name: string) {
            return (await client.send(new GetDiskSnapshotCommand({ diskSnapshotName: name }))).diskSnapshot;
        }

        it("goes pending -> completed with a linear curve; operations Succeed at the same instant", async () => {
            const ops = (
                await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "lin" }))
            ).operations;
            const seen: string[] = [];
            for (let t = 0; t < 1000; t += 250) {
                const s = await snapshot("lin");
                seen.push(`${s?.state}:${s?.progress}`);
                clock.advance(250);
            }
            assert.deepEqual(seen, ["pending:0%", "pending:25%", "pending:50%", "pending:75%"]);
            const done = await snapshot("lin");
            assert.equal(done?.state, "completed");
            assert.equal(done?.progress, "100%");
            for (const op of ops ?? []) {
                const got = (await client.send(new GetOperationCommand({ operationId: op.id }))).operation;
                assert.equal(got?.status, "Succeeded");
                assert.equal(got?.isTerminal, true);
                assert.equal(got?.statusChangedAt?.getTime(), (op.createdAt?.getTime() ?? 0) + 1000);
                assert.equal(got?.errorCode, undefined);
            }
        });

        it("follows the front-loaded, stalled-then-jump and none curves", async () => {
            const curves = { "front-loaded": "front", "stalled-then-jump": "stall", none: "none" } as const;
            for (const [curve, name] of Object.entries(curves)) {
                emu.setSnapshotBehaviour({ curve: curve as keyof typeof curves });
                await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: name }));
            }
            const at = async (name: string) => {
                const s = await snapshot(name);
                return s?.progress === undefined ? s?.state : `${s.state}:${s.progress}`;
            };
            clock.advance(100);
            assert.equal(await at("front"), "pending:27%");
            assert.equal(await at("stall"), "pending:20%");
            assert.equal(await at("none"), "pending");
            clock.advance(400);
            assert.equal(await at("front"), "pending:87%");
            assert.equal(await at("stall"), "pending:50%");
            clock.advance(499);
            assert.equal(await at("front"), "pending:99%");
            assert.equal(await at("stall"), "pending:50%");
            assert.equal(await at("none"), "pending");
            clock.advance(1);
            for (const name of Object.values(curves)) {
                assert.equal(await at(name), "completed:100%");
            }
        });

        it("ends in error when the name matches the error pattern; operations Fail with errorCode/errorDetails", async () => {
            emu.setSnapshotBehaviour({ errorPattern: "^doomed" });
            const ops = (
                await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "doomed-1" }))
            ).operations;
            assert.equal(ops?.[0]?.status, "Started");
            clock.advance(500);
            assert.equal((await snapshot("doomed-1"))?.state, "pending");
            clock.advance(500);
            const s = await snapshot("doomed-1");
            assert.equal(s?.state, "error");
            for (const op of ops ?? []) {
                const got = (await client.send(new GetOperationCommand({ operationId: op.id }))).operation;
                assert.equal(got?.status, "Failed");
                assert.equal(got?.isTerminal, true);
                assert.equal(got?.errorCode, "InternalError");
                assert.match(got?.errorDetails ?? "", /doomed-1/);
            }
            await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "fine-1" }));
            clock.advance(1000);
            assert.equal((await snapshot("fine-1"))?.state, "completed");
        });

        it("bakes duration into each snapshot at creation", async () => {
            await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "slow" }));
            emu.setSnapshotBehaviour({ durationMs: 100 });
            await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "fast" }));
            clock.advance(100);
            assert.equal((await snapshot("fast"))?.state, "completed");
            assert.equal((await snapshot("slow"))?.state, "pending");
        });
    });

    describe("GetDiskSnapshot(s) and DeleteDiskSnapshot", () => {
        it("GetDiskSnapshot of a missing snapshot is NotFoundException", async () => {
            const err = await rejectsWith(
                client.send(new GetDiskSnapshotCommand({ diskSnapshotName: "missing" })),
                NotFoundException,
            );
            assert.match(err.message, /DiskSnapshot does not exist: missing/);
            assert.ok(err instanceof LightsailServiceException);
        });

        it("pages GetDiskSnapshots newest first with nextPageToken", async () => {
            for (let i = 0; i < 12; i++) {
                await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: `p-${i}` }));
                clock.advance(10);
            }
            const first = await client.send(new GetDiskSnapshotsCommand({}));
            assert.equal(first.diskSnapshots?.length, 5);
            assert.equal(first.diskSnapshots?.[0]?.name, "p-11");
            assert.ok(first.nextPageToken);
            const names: string[] = [];
            let pages = 0;
            let token: string | undefined;
            do {
                const page = await client.send(new GetDiskSnapshotsCommand({ pageToken: token }));
                pages += 1;
                names.push(...(page.diskSnapshots ?? []).map((s) => s.name ?? ""));
                token = page.nextPageToken;
            } while (token);
            assert.equal(pages, 3);
            assert.deepEqual(
                names,
                Array.from({ length: 12 }, (_, i) => `p-${11 - i}`),
            );
            await rejectsWith(
                client.send(new GetDiskSnapshotsCommand({ pageToken: "garbage" })),
                InvalidInputException,
            );
        });

        it("answers an empty list without nextPageToken when there is nothing", async () => {
            const out = await client.send(new GetDiskSnapshotsCommand({}));
            assert.deepEqual(out.diskSnapshots, []);
            assert.equal(out.nextPageToken, undefined);
        });

        it("deletes with one Succeeded operation; a second delete is NotFoundException", async () => {
            await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "gone" }));
            clock.advance(1000);
            const out = await client.send(new DeleteDiskSnapshotCommand({ diskSnapshotName: "gone" }));
            assert.equal(out.operations?.length, 1);
            const op = out.operations?.[0];
            assert.equal(op?.operationType, "DeleteDiskSnapshot");
            assert.equal(op?.status, "Succeeded");
            assert.equal(op?.isTerminal, true);
            assert.deepEqual(op?.location, { availabilityZone: "all", regionName: "us-west-2" });
            await rejectsWith(
                client.send(new DeleteDiskSnapshotCommand({ diskSnapshotName: "gone" })),
                NotFoundException,
            );
            await rejectsWith(client.send(new GetDiskSnapshotCommand({ diskSnapshotName: "gone" })), NotFoundException);
        });

        it("allows deleting a pending snapshot by default and fails its create operations", async () => {
            const ops = (
                await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "early" }))
            ).operations;
            clock.advance(100);
            await client.send(new DeleteDiskSnapshotCommand({ diskSnapshotName: "early" }));
            const got = (await client.send(new GetOperationCommand({ operationId: ops?.[0]?.id }))).operation;
            assert.equal(got?.status, "Failed");
            assert.equal(got?.errorCode, "ResourceDeleted");
        });

        it("refuses deleting a pending snapshot when configured, then allows it once completed", async () => {
            emu.setSnapshotBehaviour({ deletePending: "refuse" });
            await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "busy" }));
            const err = await rejectsWith(
                client.send(new DeleteDiskSnapshotCommand({ diskSnapshotName: "busy" })),
                InvalidInputException,
            );
            assert.equal(err.code, "ResourceBusy");
            assert.match(err.message, /busy.*pending/);
            clock.advance(1000);
            await client.send(new DeleteDiskSnapshotCommand({ diskSnapshotName: "busy" }));
        });

        it("keeps regions apart", async () => {
            await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "west" }));
            const east = lightsailClient(emu.url, "us-east-1", { maxAttempts: 1 });
            assert.deepEqual((await east.send(new GetDiskSnapshotsCommand({}))).diskSnapshots, []);
            await rejectsWith(east.send(new GetDiskSnapshotCommand({ diskSnapshotName: "west" })), NotFoundException);
            east.destroy();
        });
    });

    describe("tags", () => {
        beforeEach(async () => {
            await client.send(
                new CreateDiskSnapshotCommand({
                    diskName: "Disk-1",
                    diskSnapshotName: "t1",
                    tags: [{ key: "a", value: "1" }],
                }),
            );
        });

        it("TagResource merges (replacing same keys) and UntagResource removes", async () => {
            const tagged = await client.send(
                new TagResourceCommand({ resourceName: "t1", tags: [{ key: "a", value: "2" }, { key: "b" }] }),
            );
            assert.equal(tagged.operations?.[0]?.status, "Succeeded");
            assert.equal(tagged.operations?.[0]?.resourceType, "DiskSnapshot");
            const get = async () =>
                (await client.send(new GetDiskSnapshotCommand({ diskSnapshotName: "t1" }))).diskSnapshot?.tags;
            assert.deepEqual(await get(), [{ key: "a", value: "2" }, { key: "b" }]);
            await client.send(new UntagResourceCommand({ resourceName: "t1", tagKeys: ["a", "never"] }));
            assert.deepEqual(await get(), [{ key: "b" }]);
        });

        it("accepts a matching resourceArn and refuses a different one", async () => {
            const arn = emu.snapshots("us-west-2")[0]?.arn;
            await client.send(new TagResourceCommand({ resourceName: "t1", resourceArn: arn, tags: [{ key: "c" }] }));
            const other = arn?.replace(/[0-9a-f]{12}$/, "000000000000");
            await rejectsWith(
                client.send(new TagResourceCommand({ resourceName: "t1", resourceArn: other, tags: [{ key: "d" }] })),
                NotFoundException,
            );
            await rejectsWith(
                client.send(new TagResourceCommand({ resourceName: "t1", resourceArn: "not-an-arn", tags: [] })),
                InvalidInputException,
            );
        });

        it("tags disks and instances too, and answers NotFoundException for missing resources", async () => {
            await client.send(new TagResourceCommand({ resourceName: "Disk-1", tags: [{ key: "x", value: "y" }] }));
            assert.deepEqual((await client.send(new GetDiskCommand({ diskName: "Disk-1" }))).disk?.tags, [
                { key: "x", value: "y" },
            ]);
            await client.send(new TagResourceCommand({ resourceName: "WordPress-1", tags: [{ key: "x" }] }));
            await rejectsWith(
                client.send(new TagResourceCommand({ resourceName: "nope", tags: [{ key: "x" }] })),
                NotFoundException,
            );
            await rejectsWith(
                client.send(new UntagResourceCommand({ resourceName: "nope", tagKeys: ["x"] })),
                NotFoundException,
            );
        });

        it("enforces the 50-tag limit on the merged set and validates tags", async () => {
            const many = Array.from({ length: 49 }, (_, i) => ({ key: `k${i}` }));
            await client.send(new TagResourceCommand({ resourceName: "t1", tags: many }));
            await rejectsWith(
                client.send(new TagResourceCommand({ resourceName: "t1", tags: [{ key: "one-more" }] })),
                InvalidInputException,
            );
            await rejectsWith(
                client.send(new TagResourceCommand({ resourceName: "t1", tags: [{ key: "bad#" }] })),
                InvalidInputException,
            );
        });
    });

    describe("operations", () => {
        it("GetOperation of an unknown id is NotFoundException", async () => {
            await rejectsWith(
                client.send(new GetOperationCommand({ operationId: "00000000-0000-0000-0000-000000000000" })),
                NotFoundException,
            );
        });

        it("GetOperations pages newest first through every operation", async () => {
            for (let i = 0; i < 4; i++) {
                await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: `o-${i}` }));
            }
            const seen: string[] = [];
            let token: string | undefined;
            do {
                const page = await client.send(new GetOperationsCommand({ pageToken: token }));
                seen.push(...(page.operations ?? []).map((o) => `${o.resourceName}`));
                token = page.nextPageToken;
            } while (token);
            assert.equal(seen.length, 8);
            assert.deepEqual(seen.slice(0, 2), ["Disk-1", "o-3"]);
        });
    });

    describe("disks and instances", () => {
        it("CreateDisk -> pending then available; GetDisks pages; DeleteDisk", async () => {
            const op = (
                await client.send(
                    new CreateDiskCommand({ diskName: "Data-1", availabilityZone: "us-west-2b", sizeInGb: 16 }),
                )
            ).operations?.[0];
            assert.equal(op?.operationType, "CreateDisk");
            assert.equal(op?.status, "Started");
            assert.equal((await client.send(new GetDiskCommand({ diskName: "Data-1" }))).disk?.state, "pending");
            clock.advance(1000);
            const disk = (await client.send(new GetDiskCommand({ diskName: "Data-1" }))).disk;
            assert.equal(disk?.state, "available");
            assert.equal(disk?.sizeInGb, 16);
            assert.equal(disk?.iops, 100);
            assert.equal(disk?.location?.availabilityZone, "us-west-2b");
            assert.equal(
                (await client.send(new GetOperationCommand({ operationId: op?.id }))).operation?.status,
                "Succeeded",
            );
            const disks = (await client.send(new GetDisksCommand({}))).disks?.map((d) => d.name);
            assert.deepEqual(disks, ["Data-1", "Disk-1"]);
            const del = await client.send(new DeleteDiskCommand({ diskName: "Data-1" }));
            assert.equal(del.operations?.[0]?.operationType, "DeleteDisk");
            await rejectsWith(client.send(new GetDiskCommand({ diskName: "Data-1" })), NotFoundException);
            await rejectsWith(client.send(new DeleteDiskCommand({ diskName: "Data-1" })), NotFoundException);
        });

        it("CreateDisk validates zone, size and name collisions", async () => {
            await rejectsWith(
                client.send(new CreateDiskCommand({ diskName: "D2", availabilityZone: "us-east-1a", sizeInGb: 8 })),
                InvalidInputException,
            );
            await rejectsWith(
                client.send(new CreateDiskCommand({ diskName: "D2", availabilityZone: "us-west-2a", sizeInGb: 4 })),
                InvalidInputException,
            );
            const err = await rejectsWith(
                client.send(new CreateDiskCommand({ diskName: "Disk-1", availabilityZone: "us-west-2a", sizeInGb: 8 })),
                InvalidInputException,
            );
            assert.equal(err.code, "NameExists");
        });

        it("CreateDiskFromSnapshot needs a completed snapshot and at least its size", async () => {
            await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "src" }));
            const input = {
                diskName: "Restored-1",
                diskSnapshotName: "src",
                availabilityZone: "us-west-2a",
                sizeInGb: 32,
            };
            const pending = await rejectsWith(
                client.send(new CreateDiskFromSnapshotCommand(input)),
                InvalidInputException,
            );
            assert.match(pending.message, /pending/);
            clock.advance(1000);
            await rejectsWith(
                client.send(new CreateDiskFromSnapshotCommand({ ...input, sizeInGb: 16 })),
                InvalidInputException,
            );
            await rejectsWith(
                client.send(new CreateDiskFromSnapshotCommand({ ...input, diskSnapshotName: "nope" })),
                NotFoundException,
            );
            const op = (await client.send(new CreateDiskFromSnapshotCommand(input))).operations?.[0];
            assert.equal(op?.operationType, "CreateDiskFromSnapshot");
            assert.equal(op?.resourceName, "Restored-1");
            clock.advance(1000);
            assert.equal((await client.send(new GetDiskCommand({ diskName: "Restored-1" }))).disk?.state, "available");
        });

        it("CreateInstances, GetInstance(s), snapshot of the new instance, DeleteInstance", async () => {
            const ops = (
                await client.send(
                    new CreateInstancesCommand({
                        instanceNames: ["Web-1", "Web-2"],
                        availabilityZone: "us-west-2c",
                        blueprintId: "ubuntu_22_04",
                        bundleId: "small_3_0",
                        tags: [{ key: "role", value: "web" }],
                    }),
                )
            ).operations;
            assert.deepEqual(
                ops?.map((o) => [o.resourceName, o.operationType, o.status]),
                [
                    ["Web-1", "CreateInstance", "Started"],
                    ["Web-2", "CreateInstance", "Started"],
                ],
            );
            const pending = (await client.send(new GetInstanceCommand({ instanceName: "Web-1" }))).instance;
            assert.deepEqual(pending?.state, { code: 0, name: "pending" });
            clock.advance(1000);
            const inst = (await client.send(new GetInstanceCommand({ instanceName: "Web-1" }))).instance;
            assert.deepEqual(inst?.state, { code: 16, name: "running" });
            assert.equal(inst?.hardware?.disks?.[0]?.isSystemDisk, true);
            assert.equal(inst?.hardware?.disks?.[0]?.sizeInGb, 60);
            assert.deepEqual(inst?.tags, [{ key: "role", value: "web" }]);
            const all = (await client.send(new GetInstancesCommand({}))).instances?.map((i) => i.name);
            assert.deepEqual(all, ["Web-1", "Web-2", "WordPress-1"]);
            await client.send(new CreateDiskSnapshotCommand({ instanceName: "Web-1", diskSnapshotName: "web-sys" }));
            const del = await client.send(new DeleteInstanceCommand({ instanceName: "Web-1" }));
            assert.equal(del.operations?.[0]?.operationType, "DeleteInstance");
            await rejectsWith(client.send(new GetInstanceCommand({ instanceName: "Web-1" })), NotFoundException);
            const snap = (await client.send(new GetDiskSnapshotCommand({ diskSnapshotName: "web-sys" }))).diskSnapshot;
            assert.equal(snap?.fromInstanceName, "Web-1");
            const taken = await rejectsWith(
                client.send(
                    new CreateInstancesCommand({
                        instanceNames: ["Web-2"],
                        availabilityZone: "us-west-2a",
                        blueprintId: "ubuntu_22_04",
                        bundleId: "nano_3_0",
                    }),
                ),
                InvalidInputException,
            );
            assert.equal(taken.code, "NameExists");
            await rejectsWith(
                client.send(
                    new CreateInstancesCommand({
                        instanceNames: ["Web-9"],
                        availabilityZone: "us-west-2a",
                        blueprintId: "no_such_blueprint",
                        bundleId: "nano_3_0",
                    }),
                ),
                InvalidInputException,
            );
        });
    });

    describe("out-of-band helpers", () => {
        it("deleteSnapshot and setSnapshotTags change what the API sees", async () => {
            await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "oob" }));
            emu.setSnapshotTags("oob", [{ key: "drift", value: "yes" }], "us-west-2");
            assert.deepEqual(
                (await client.send(new GetDiskSnapshotCommand({ diskSnapshotName: "oob" }))).diskSnapshot?.tags,
                [{ key: "drift", value: "yes" }],
            );
            emu.deleteSnapshot("oob", "us-west-2");
            await rejectsWith(client.send(new GetDiskSnapshotCommand({ diskSnapshotName: "oob" })), NotFoundException);
            assert.throws(() => emu.deleteSnapshot("oob", "us-west-2"), /does not exist/);
            assert.throws(() => emu.seedDisk({ name: "Disk-1", region: "us-west-2" }), /already exists/);
        });

        it("reset empties the world", async () => {
            emu.reset();
            await rejectsWith(
                client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "after-reset" })),
                NotFoundException,
            );
            assert.deepEqual(emu.requests().length, 1);
        });
    });
});
