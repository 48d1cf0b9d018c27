/**
 * The AWS CLI v2 (Debian's /usr/bin/aws) against the emulator: the seed page's two examples field
 * for field, the other documented outputs' structure (snapshots, automatic snapshots, restores,
 * attachments, stop and start), and error reporting.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { AWS_CLI_JUDGE, awsCliHome, type CliResult, judgeAvailable, runAwsCli } from "../../harness/awsCli";
import { callApi } from "../../harness/emulatorClient";
import { VirtualClock } from "../../harness/virtualClock";

/** Output of `create-disk-snapshot --disk-name Disk-1 --disk-snapshot-name DiskSnapshot-1` on the seed page. */
const SEED_EXAMPLE_1 = {
    operations: [
        {
            id: "fa74c6d2-03a3-4f42-a7c7-792f124d534b",
            resourceName: "DiskSnapshot-1",
            resourceType: "DiskSnapshot",
            createdAt: 1569625129.739,
            location: { availabilityZone: "all", regionName: "us-west-2" },
            isTerminal: false,
            operationDetails: "Disk-1",
            operationType: "CreateDiskSnapshot",
            status: "Started",
            statusChangedAt: 1569625129.739,
        },
        {
            id: "920a25df-185c-4528-87cd-7b85f5488c06",
            resourceName: "Disk-1",
            resourceType: "Disk",
            createdAt: 1569625129.739,
            location: { availabilityZone: "us-west-2a", regionName: "us-west-2" },
            isTerminal: false,
            operationDetails: "DiskSnapshot-1",
            operationType: "CreateDiskSnapshot",
            status: "Started",
            statusChangedAt: 1569625129.739,
        },
    ],
};

/** Output of `create-disk-snapshot --instance-name WordPress-1 --disk-snapshot-name SystemDiskSnapshot-1`. */
const SEED_EXAMPLE_2 = {
    operations: [
        {
            id: "f508cf1c-6597-42a6-a4c3-4aebd75af0d9",
            resourceName: "SystemDiskSnapshot-1",
            resourceType: "DiskSnapshot",
            createdAt: 1569625294.685,
            location: { availabilityZone: "all", regionName: "us-west-2" },
            isTerminal: false,
            operationDetails: "WordPress-1",
            operationType: "CreateDiskSnapshot",
            status: "Started",
            statusChangedAt: 1569625294.685,
        },
        {
            id: "0bb9f712-da3b-4d99-b508-3bf871d989e5",
            resourceName: "WordPress-1",
            resourceType: "Instance",
            createdAt: 1569625294.685,
            location: { availabilityZone: "us-west-2a", regionName: "us-west-2" },
            isTerminal: false,
            operationDetails: "SystemDiskSnapshot-1",
            operationType: "CreateDiskSnapshot",
            status: "Started",
            statusChangedAt: 1569625294.685,
        },
    ],
};

/** The CLI's documented `get-disk-snapshot` output. */
const GET_DISK_SNAPSHOT_EXAMPLE = {
    diskSnapshot: {
        name: "Disk-1-1566839161",
        arn: "arn:aws:lightsail:us-west-2:111122223333:DiskSnapshot/e2d0fa53-8ee0-41a0-8e56-0EXAMPLE1051",
        supportCode: "6EXAMPLE3362/snap-0EXAMPLE06100d09",
        createdAt: 1566839163.749,
        location: { availabilityZone: "all", regionName: "us-west-2" },
        resourceType: "DiskSnapshot",
        tags: [],
        sizeInGb: 8,
        state: "completed",
        progress: "100%",
        fromDiskName: "Disk-1",
        fromDiskArn: "arn:aws:lightsail:us-west-2:111122223333:Disk/c21cfb0a-07f2-44ae-9a23-bEXAMPLE8096",
        isFromAutoSnapshot: false,
    },
};

/** The CLI's documented `delete-disk-snapshot` output. */
const DELETE_DISK_SNAPSHOT_EXAMPLE = {
    operations: [
        {
            id: "d1e5766d-b81e-4595-ad5d-02afbccfcd5d",
            resourceName: "DiskSnapshot-1",
            resourceType: "DiskSnapshot",
            createdAt: 1569873552.79,
            location: { availabilityZone: "all", regionName: "us-west-2" },
            isTerminal: true,
            operationType: "DeleteDiskSnapshot",
            status: "Succeeded",
            statusChangedAt: 1569873552.79,
        },
    ],
};

/** The CLI's documented `copy-snapshot` output, Example 2 (an instance snapshot copied from us-west-2 to us-east-1). */
const COPY_SNAPSHOT_EXAMPLE = {
    operations: [
        {
            id: "91116b79-119c-4451-b44a-dEXAMPLEd97b",
            resourceName: "MEAN-1-1571075291-Copy",
            resourceType: "InstanceSnapshot",
            createdAt: 1571075695.069,
            location: { availabilityZone: "all", regionName: "us-east-1" },
            isTerminal: false,
            operationDetails: "us-west-2:MEAN-1-1571075291",
            operationType: "CopySnapshot",
            status: "Started",
            statusChangedAt: 1571075695.069,
        },
    ],
};

/** The CLI's documented `get-auto-snapshots` output (first of its four entries). */
const GET_AUTO_SNAPSHOTS_EXAMPLE = {
    resourceName: "WordPress-1",
    resourceType: "Instance",
    autoSnapshots: [{ date: "2019-10-14", createdAt: 1571033872.0, status: "Success", fromAttachedDisks: [] }],
};

/** The CLI's documented `delete-auto-snapshot` output (no `statusChangedAt`; the zone is the region). */
const DELETE_AUTO_SNAPSHOT_EXAMPLE = {
    operations: [
        {
            id: "31c36e09-3d52-46d5-b6d8-7EXAMPLE534a",
            resourceName: "WordPress-1",
            resourceType: "Instance",
            createdAt: 1571088141.501,
            location: { availabilityZone: "us-west-2", regionName: "us-west-2" },
            isTerminal: true,
            operationDetails: "DeleteAutoSnapshot-2019-10-10",
            operationType: "DeleteAutoSnapshot",
            status: "Succeeded",
        },
    ],
};

/** The CLI's documented `create-disk-from-snapshot` output (its `statusChangedAt` is later than `createdAt`). */
const CREATE_DISK_FROM_SNAPSHOT_EXAMPLE = {
    operations: [
        {
            id: "d42b605d-5ef1-4b4a-8791-7a3e8b66b5e7",
            resourceName: "Disk-2",
            resourceType: "Disk",
            createdAt: 1569624941.471,
            location: { availabilityZone: "us-west-2a", regionName: "us-west-2" },
            isTerminal: false,
            operationType: "CreateDiskFromSnapshot",
            status: "Started",
            statusChangedAt: 1569624941.791,
        },
    ],
};

/** The CLI's documented `attach-disk` output. */
const ATTACH_DISK_EXAMPLE = {
    operations: [
        {
            id: "10a08267-19ce-43be-b913-6EXAMPLE7e80",
            resourceName: "Disk-1",
            resourceType: "Disk",
            createdAt: 1571071465.472,
            location: { availabilityZone: "us-west-2a", regionName: "us-west-2" },
            isTerminal: false,
            operationDetails: "WordPress_Multisite-1",
            operationType: "AttachDisk",
            status: "Started",
            statusChangedAt: 1571071465.472,
        },
        {
            id: "2912c477-5295-4539-88c9-bEXAMPLEd1f0",
            resourceName: "WordPress_Multisite-1",
            resourceType: "Instance",
            createdAt: 1571071465.474,
            location: { availabilityZone: "us-west-2a", regionName: "us-west-2" },
            isTerminal: false,
            operationDetails: "Disk-1",
            operationType: "AttachDisk",
            status: "Started",
            statusChangedAt: 1571071465.474,
        },
    ],
};

/** The CLI's documented `get-disk` output: a disk attached to an instance. */
const GET_DISK_EXAMPLE = {
    disk: {
        name: "Disk-1",
        arn: "arn:aws:lightsail:us-west-2:111122223333:Disk/c21cfb0a-07f2-44ae-9a23-bEXAMPLE8096",
        supportCode: "6EXAMPLE3362/vol-0EXAMPLEf2f88b32f",
        createdAt: 1566585439.587,
        location: { availabilityZone: "us-west-2a", regionName: "us-west-2" },
        resourceType: "Disk",
        tags: [],
        sizeInGb: 8,
        isSystemDisk: false,
        iops: 100,
        path: "/dev/xvdf",
        state: "in-use",
        attachedTo: "WordPress_Multisite-1",
        isAttached: true,
        attachmentState: "attached",
    },
};

/** The CLI's documented `stop-instance` output. */
const STOP_INSTANCE_EXAMPLE = {
    operations: [
        {
            id: "265357e2-2943-4d51-888a-1EXAMPLE7585",
            resourceName: "WordPress-1",
            resourceType: "Instance",
            createdAt: 1571695471.134,
            location: { availabilityZone: "us-west-2a", regionName: "us-west-2" },
            isTerminal: false,
            operationType: "StopInstance",
            status: "Started",
            statusChangedAt: 1571695471.134,
        },
    ],
};

/** The CLI's documented `start-instance` output. */
const START_INSTANCE_EXAMPLE = {
    operations: [
        {
            id: "f88d2a93-7cea-4165-afce-2d688cb18f23",
            resourceName: "WordPress-1",
            resourceType: "Instance",
            createdAt: 1571695583.463,
            location: { availabilityZone: "us-west-2a", regionName: "us-west-2" },
            isTerminal: false,
            operationType: "StartInstance",
            status: "Started",
            statusChangedAt: 1571695583.463,
        },
    ],
};

/** The CLI's documented `delete-instance` output: the attached Disk-1 is detached, then the instance deleted. */
const DELETE_INSTANCE_EXAMPLE = {
    operations: [
        {
            id: "d77345a3-8f80-4d2e-b47d-aaa622718df2",
            resourceName: "Disk-1",
            resourceType: "Disk",
            createdAt: 1569874357.469,
            location: { availabilityZone: "us-west-2a", regionName: "us-west-2" },
            isTerminal: false,
            operationDetails: "WordPress-1",
            operationType: "DetachDisk",
            status: "Started",
            statusChangedAt: 1569874357.469,
        },
        {
            id: "708fa606-2bfd-4e48-a2c1-0b856585b5b1",
            resourceName: "WordPress-1",
            resourceType: "Instance",
            createdAt: 1569874357.465,
            location: { availabilityZone: "us-west-2a", regionName: "us-west-2" },
            isTerminal: false,
            operationDetails: "Disk-1",
            operationType: "DetachDisk",
            status: "Started",
            statusChangedAt: 1569874357.465,
        },
        {
            id: "3187e823-8acb-405d-b098-fad5ceb17bec",
            resourceName: "WordPress-1",
            resourceType: "Instance",
            createdAt: 1569874357.829,
            location: { availabilityZone: "us-west-2a", regionName: "us-west-2" },
            isTerminal: true,
            operationType: "DeleteInstance",
            status: "Succeeded",
            statusChangedAt: 1569874357.829,
        },
    ],
};

/** Renames resources in a documented example (a JSON round trip: examples are plain data). */
function renamed<T>(example: T, names: Readonly<Record<string, string>>): T {
    const text = Object.entries(names).reduce(
        (json, [from, to]) => json.replaceAll(`"${from}"`, `"${to}"`),
        JSON.stringify(example),
    );
    return JSON.parse(text) as T;
}

/** Members whose values differ between runs (ids, times, generated identifiers). */
const VARIABLE = new Set([
    "id",
    "createdAt",
    "statusChangedAt",
    "arn",
    "supportCode",
    "fromDiskArn",
    "fromInstanceArn",
]);

/**
 * Asserts `actual` has `expected`'s structure: the same keys in the same order, the same JSON types,
 * and the same values except for members that vary per run.
 */
function assertSameStructure(actual: unknown, expected: unknown, path = "$"): void {
    if (Array.isArray(expected)) {
        assert.ok(Array.isArray(actual), `${path}: expected a list`);
        assert.equal(actual.length, expected.length, `${path}: list length`);
        expected.forEach((item, i) => {
            assertSameStructure(actual[i], item, `${path}[${i}]`);
        });
        return;
    }
    if (expected !== null && typeof expected === "object") {
        assert.ok(
            actual !== null && typeof actual === "object" && !Array.isArray(actual),
            `${path}: expected an object`,
        );
        assert.deepEqual(Object.keys(actual as object), Object.keys(expected), `${path}: keys`);
        for (const [key, value] of Object.entries(expected)) {
            const child: unknown = (actual as Record<string, unknown>)[key];
            if (VARIABLE.has(key)) {
                assert.equal(typeof child, typeof value, `${path}.${key}: type`);
            } else {
                assertSameStructure(child, value, `${path}.${key}`);
            }
        }
        return;
    }
    assert.equal(actual, expected, path);
}

function ok(result: CliResult): Record<string, unknown> {
    assert.equal(result.code, 0, `aws exited ${result.code}: ${result.stderr}`);
    return result.json as Record<string, unknown>;
}

describe("emulator with the AWS CLI v2 (/usr/bin/aws)", () => {
    let emu: RunningEmulator;
    let home: string;
    const aws = (...args: string[]) => runAwsCli(emu.url, home, args);
    /** The seed page's second example: a snapshot of WordPress-1's system volume. */
    const snapshotSystemVolume = () =>
        aws("create-disk-snapshot", "--instance-name", "WordPress-1", "--disk-snapshot-name", "SystemDiskSnapshot-1");

    before(async function () {
        if (!judgeAvailable(AWS_CLI_JUDGE)) this.skip();
        home = awsCliHome();
        emu = await startEmulator({
            snapshot: { durationMs: 200 },
            pageSize: 2,
            autoSnapshot: { durationMs: 60_000, addOnDurationMs: 60_000 },
        });
        emu.seedDisk({ name: "Disk-1", region: "us-west-2", sizeInGb: 8 });
        emu.seedInstance({ name: "WordPress-1", region: "us-west-2", systemDiskSizeInGb: 40 });
    });

    after(async () => {
        await emu?.stop();
        if (home) {
            rmSync(home, { recursive: true, force: true });
        }
    });

    it("runs the seed page's two create-disk-snapshot examples with the documented output, field for field", async () => {
        const sentAt = Date.now();
        const [one, two] = await Promise.all([
            aws("create-disk-snapshot", "--disk-name", "Disk-1", "--disk-snapshot-name", "DiskSnapshot-1"),
            snapshotSystemVolume(),
        ]);
        const first = ok(one);
        assertSameStructure(first, SEED_EXAMPLE_1);
        assertSameStructure(ok(two), SEED_EXAMPLE_2);
        const ops = first.operations as { createdAt: number; statusChangedAt: number; id: string }[];
        assert.equal(ops[0]?.createdAt, ops[0]?.statusChangedAt);
        assert.match(ops[0]?.id ?? "", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        const createdMs = (ops[0]?.createdAt ?? 0) * 1000;
        assert.ok(createdMs >= sentAt - 1 && createdMs <= Date.now() + 1, "taken between the call and its answer");
    });

    it("get-disk-snapshot and get-disk-snapshots show the documented structure (the CLI follows nextPageToken)", async () => {
        const [one, all] = await Promise.all([
            aws("get-disk-snapshot", "--disk-snapshot-name", "DiskSnapshot-1"),
            aws("get-disk-snapshots"),
        ]);
        assertSameStructure(ok(one), {
            diskSnapshot: { ...GET_DISK_SNAPSHOT_EXAMPLE.diskSnapshot, name: "DiskSnapshot-1" },
        });
        const names = (ok(all).diskSnapshots as { name: string }[]).map((s) => s.name).sort();
        assert.deepEqual(names, ["DiskSnapshot-1", "SystemDiskSnapshot-1"]);
    });

    it("tag-resource and untag-resource change the snapshot's tags", async () => {
        ok(await aws("tag-resource", "--resource-name", "DiskSnapshot-1", "--tags", "key=team,value=web", "key=flag"));
        let tags = (
            ok(await aws("get-disk-snapshot", "--disk-snapshot-name", "DiskSnapshot-1")).diskSnapshot as {
                tags: unknown;
            }
        ).tags;
        assert.deepEqual(tags, [{ key: "team", value: "web" }, { key: "flag" }]);
        ok(await aws("untag-resource", "--resource-name", "DiskSnapshot-1", "--tag-keys", "flag"));
        tags = (
            ok(await aws("get-disk-snapshot", "--disk-snapshot-name", "DiskSnapshot-1")).diskSnapshot as {
                tags: unknown;
            }
        ).tags;
        assert.deepEqual(tags, [{ key: "team", value: "web" }]);
    });

    it("delete-disk-snapshot answers the documented single Succeeded operation", async () => {
        assertSameStructure(
            ok(await aws("delete-disk-snapshot", "--disk-snapshot-name", "DiskSnapshot-1")),
            DELETE_DISK_SNAPSHOT_EXAMPLE,
        );
    });

    it("copy-snapshot to another region answers the documented operation; get-disk-snapshot there shows the copy", async () => {
        emu.seedDisk({ name: "Disk-East-1", region: "us-east-1", sizeInGb: 16 });
        ok(
            await aws(
                "create-disk-snapshot",
                "--disk-name",
                "Disk-East-1",
                "--disk-snapshot-name",
                "East-Snap-1",
                "--region",
                "us-east-1",
            ),
        );
        emu.advanceClock(200);
        const copied = await aws(
            "copy-snapshot",
            "--source-region",
            "us-east-1",
            "--region",
            "us-west-2",
            "--source-snapshot-name",
            "East-Snap-1",
            "--target-snapshot-name",
            "East-Snap-1-Copy",
        );
        // The example the other way round, for a disk snapshot.
        assertSameStructure(
            ok(copied),
            renamed(COPY_SNAPSHOT_EXAMPLE, {
                "us-east-1": "us-west-2",
                "us-west-2:MEAN-1-1571075291": "us-east-1:East-Snap-1",
                "MEAN-1-1571075291-Copy": "East-Snap-1-Copy",
                InstanceSnapshot: "DiskSnapshot",
            }),
        );
        emu.advanceClock(200);
        const [target, source] = await Promise.all([
            aws("get-disk-snapshot", "--disk-snapshot-name", "East-Snap-1-Copy", "--region", "us-west-2"),
            aws("get-disk-snapshot", "--disk-snapshot-name", "East-Snap-1-Copy", "--region", "us-east-1"),
        ]);
        const shown = ok(target);
        assertSameStructure(shown, {
            diskSnapshot: {
                ...GET_DISK_SNAPSHOT_EXAMPLE.diskSnapshot,
                name: "East-Snap-1-Copy",
                sizeInGb: 16,
                fromDiskName: "Disk-East-1",
            },
        });
        const snapshot = shown.diskSnapshot as { arn: string; fromDiskArn: string };
        assert.match(snapshot.arn, /^arn:aws:lightsail:us-west-2:/);
        assert.match(snapshot.fromDiskArn, /^arn:aws:lightsail:us-east-1:\d+:Disk\//);
        assert.match(
            source.stderr,
            /\(NotFoundException\) when calling the GetDiskSnapshot operation: The DiskSnapshot does not exist: East-Snap-1-Copy/,
        );
    });

    it("reports Lightsail errors by name with the service's message", async () => {
        const [missing, both, taken, badTag] = await Promise.all([
            aws("get-disk-snapshot", "--disk-snapshot-name", "DiskSnapshot-1"),
            aws(
                "create-disk-snapshot",
                "--disk-name",
                "Disk-1",
                "--instance-name",
                "WordPress-1",
                "--disk-snapshot-name",
                "Both-1",
            ),
            snapshotSystemVolume(),
            aws("tag-resource", "--resource-name", "SystemDiskSnapshot-1", "--tags", "key=bad*key"),
        ]);
        assert.equal(missing.code, 254);
        assert.match(
            missing.stderr,
            /An error occurred \(NotFoundException\) when calling the GetDiskSnapshot operation: The DiskSnapshot does not exist: DiskSnapshot-1/,
        );
        assert.match(
            both.stderr,
            /\(InvalidInputException\) when calling the CreateDiskSnapshot operation: .*mutually exclusive/,
        );
        assert.match(taken.stderr, /\(InvalidInputException\).*Some names are already in use: SystemDiskSnapshot-1/);
        assert.match(badTag.stderr, /\(InvalidInputException\) when calling the TagResource operation/);
        const missingDisk = await aws("create-disk-snapshot", "--disk-name", "Nope-1", "--disk-snapshot-name", "x1");
        assert.match(missingDisk.stderr, /\(NotFoundException\).*The Disk does not exist: Nope-1/);
    });

    it("enable-add-on, get-disk with addOns, get-auto-snapshots, delete-auto-snapshot and disable-add-on", async () => {
        const enabled = ok(
            await aws(
                "enable-add-on",
                "--resource-name",
                "Disk-1",
                "--add-on-request",
                "addOnType=AutoSnapshot,autoSnapshotAddOnRequest={snapshotTimeOfDay=06:00}",
            ),
        );
        assert.equal((enabled.operations as { operationType: string }[])[0]?.operationType, "EnableAddOn");
        const disk = ok(await aws("get-disk", "--disk-name", "Disk-1")).disk as Record<string, unknown>;
        assert.deepEqual(Object.keys(disk).slice(6, 9), ["tags", "addOns", "sizeInGb"], "the model's member order");
        assert.deepEqual(disk.addOns, [
            { name: "AutoSnapshot", status: "Enabling", snapshotTimeOfDay: "06:00", nextSnapshotTimeOfDay: "06:00" },
        ]);
        const same = await aws(
            "enable-add-on",
            "--resource-name",
            "Disk-1",
            "--add-on-request",
            "addOnType=AutoSnapshot,autoSnapshotAddOnRequest={snapshotTimeOfDay=06:00}",
        );
        assert.match(
            same.stderr,
            /\(InvalidInputException\) when calling the EnableAddOn operation: The addOn is already in requested state/,
        );

        ok(await aws("enable-add-on", "--resource-name", "WordPress-1", "--add-on-request", "addOnType=AutoSnapshot"));
        const due = emu.core.world.autoSnapshotAddOn("us-west-2", { kind: "instance", name: "WordPress-1" });
        emu.advanceClockTo(due?.nextSnapshotAtMs ?? 0);
        const refused = await aws(
            "create-disk-snapshot",
            "--instance-name",
            "WordPress-1",
            "--disk-snapshot-name",
            "During-Auto-1",
        );
        assert.equal(refused.code, 254);
        assert.match(
            refused.stderr,
            /\(InvalidInputException\) when calling the CreateDiskSnapshot operation: An automatic snapshot of the instance WordPress-1 is in progress/,
        );
        emu.advanceClock(60_000);
        const listed = ok(await aws("get-auto-snapshots", "--resource-name", "WordPress-1"));
        const date = (listed.autoSnapshots as { date: string }[])[0]?.date ?? "";
        assert.match(date, /^\d{4}-\d{2}-\d{2}$/);
        assertSameStructure(listed, {
            ...GET_AUTO_SNAPSHOTS_EXAMPLE,
            autoSnapshots: [{ ...GET_AUTO_SNAPSHOTS_EXAMPLE.autoSnapshots[0], date }],
        });
        const deleted = ok(await aws("delete-auto-snapshot", "--resource-name", "WordPress-1", "--date", date));
        assertSameStructure(deleted, {
            operations: [
                { ...DELETE_AUTO_SNAPSHOT_EXAMPLE.operations[0], operationDetails: `DeleteAutoSnapshot-${date}` },
            ],
        });
        const gone = await aws("delete-auto-snapshot", "--resource-name", "WordPress-1", "--date", date);
        assert.match(gone.stderr, /\(NotFoundException\) when calling the DeleteAutoSnapshot operation/);

        ok(await aws("disable-add-on", "--resource-name", "Disk-1", "--add-on-type", "AutoSnapshot"));
        const disabled = ok(await aws("get-disk", "--disk-name", "Disk-1")).disk as Record<string, unknown>;
        assert.deepEqual(disabled.addOns, [{ name: "AutoSnapshot", status: "Disabling" }]);
        const again = await aws("disable-add-on", "--resource-name", "Disk-1", "--add-on-type", "AutoSnapshot");
        assert.match(again.stderr, /\(InvalidInputException\).*AutoSnapshot not enabled for the resource/);
    });
});

describe("emulator restores, attachments, stop and start with the AWS CLI v2 (/usr/bin/aws)", () => {
    let emu: RunningEmulator;
    let home: string;
    let clock: VirtualClock;
    const aws = (...args: string[]) => runAwsCli(emu.url, home, args);
    const HOUR = 3_600_000;

    before(async function () {
        if (!judgeAvailable(AWS_CLI_JUDGE)) this.skip();
        home = awsCliHome();
        clock = new VirtualClock(Date.parse("2024-01-01T05:00:00Z"));
        emu = await startEmulator({
            clock: clock.now,
            snapshot: { durationMs: 1000 },
            autoSnapshot: { durationMs: 60_000, addOnDurationMs: 1000 },
            instanceTransitionMs: 2000,
            attachmentDurationMs: 3000,
        });
        emu.seedDisk({ name: "Disk-1", region: "us-west-2", sizeInGb: 8 });
        emu.seedInstance({ name: "WordPress-1", region: "us-west-2" });
        emu.seedInstance({ name: "WordPress_Multisite-1", region: "us-west-2" });
        const snapshot = await callApi(emu.url, "CreateDiskSnapshot", {
            diskName: "Disk-1",
            diskSnapshotName: "Disk-1-1566839161",
        });
        assert.equal(snapshot.status, 200);
        const addOn = await callApi(emu.url, "EnableAddOn", {
            resourceName: "Disk-1",
            addOnRequest: { addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:00" } },
        });
        assert.equal(addOn.status, 200);
        clock.advance(26 * HOUR); // automatic snapshots of 2024-01-01 and 2024-01-02, both Success
    });

    after(async () => {
        await emu?.stop();
        if (home) {
            rmSync(home, { recursive: true, force: true });
        }
    });

    it("create-disk-from-snapshot: the documented example, and from automatic snapshots", async () => {
        const [example, latest, dated, both, missing] = await Promise.all([
            aws(
                "create-disk-from-snapshot",
                "--disk-name",
                "Disk-2",
                "--disk-snapshot-name",
                "Disk-1-1566839161",
                "--availability-zone",
                "us-west-2a",
                "--size-in-gb",
                "32",
            ),
            aws(
                "create-disk-from-snapshot",
                "--disk-name",
                "Disk-3",
                "--source-disk-name",
                "Disk-1",
                "--use-latest-restorable-auto-snapshot",
                "--availability-zone",
                "us-west-2a",
                "--size-in-gb",
                "8",
            ),
            aws(
                "create-disk-from-snapshot",
                "--disk-name",
                "Disk-4",
                "--source-disk-name",
                "Disk-1",
                "--restore-date",
                "2024-01-01",
                "--availability-zone",
                "us-west-2a",
                "--size-in-gb",
                "8",
            ),
            aws(
                "create-disk-from-snapshot",
                "--disk-name",
                "Disk-5",
                "--disk-snapshot-name",
                "Disk-1-1566839161",
                "--source-disk-name",
                "Disk-1",
                "--availability-zone",
                "us-west-2a",
                "--size-in-gb",
                "8",
            ),
            aws(
                "create-disk-from-snapshot",
                "--disk-name",
                "Disk-6",
                "--source-disk-name",
                "Disk-1",
                "--restore-date",
                "2023-12-31",
                "--availability-zone",
                "us-west-2a",
                "--size-in-gb",
                "8",
            ),
        ]);
        assertSameStructure(ok(example), CREATE_DISK_FROM_SNAPSHOT_EXAMPLE);
        assertSameStructure(ok(latest), renamed(CREATE_DISK_FROM_SNAPSHOT_EXAMPLE, { "Disk-2": "Disk-3" }));
        assertSameStructure(ok(dated), renamed(CREATE_DISK_FROM_SNAPSHOT_EXAMPLE, { "Disk-2": "Disk-4" }));
        assert.match(
            both.stderr,
            /\(InvalidInputException\) when calling the CreateDiskFromSnapshot operation: The diskSnapshotName and sourceDiskName parameters are mutually exclusive/,
        );
        assert.match(
            missing.stderr,
            /\(NotFoundException\) when calling the CreateDiskFromSnapshot operation: The AutoSnapshot does not exist: Disk-1 2023-12-31/,
        );
        clock.advance(1000);
        const disk = ok(await aws("get-disk", "--disk-name", "Disk-3")).disk as Record<string, unknown>;
        assert.deepEqual([disk.state, disk.isAttached, disk.attachmentState], ["available", false, "detached"]);
    });

    it("attach-disk answers the documented two operations; get-disk shows the documented attached disk", async () => {
        const [example, other, badPath] = await Promise.all([
            aws(
                "attach-disk",
                "--disk-name",
                "Disk-2",
                "--disk-path",
                "/dev/xvdf",
                "--instance-name",
                "WordPress_Multisite-1",
            ),
            aws("attach-disk", "--disk-name", "Disk-1", "--disk-path", "/dev/xvdf", "--instance-name", "WordPress-1"),
            aws("attach-disk", "--disk-name", "Disk-3", "--disk-path", "/dev/sdz", "--instance-name", "WordPress-1"),
        ]);
        assertSameStructure(ok(example), renamed(ATTACH_DISK_EXAMPLE, { "Disk-1": "Disk-2" }));
        ok(other);
        assert.match(
            badPath.stderr,
            /\(InvalidInputException\) when calling the AttachDisk operation: The disk path is invalid\. You must specify a valid disk path\./,
        );
        clock.advance(3000);
        const [disk, detach, remove] = await Promise.all([
            aws("get-disk", "--disk-name", "Disk-2"),
            aws("detach-disk", "--disk-name", "Disk-2"),
            aws("delete-disk", "--disk-name", "Disk-2"),
        ]);
        assertSameStructure(
            ok(disk),
            renamed({ disk: { ...GET_DISK_EXAMPLE.disk, sizeInGb: 32 } }, { "Disk-1": "Disk-2" }),
        );
        assert.match(
            detach.stderr,
            /\(InvalidInputException\) when calling the DetachDisk operation: The instance WordPress_Multisite-1 is running\. It must be stopped to detach a disk from it\./,
        );
        assert.match(
            remove.stderr,
            /\(InvalidInputException\) when calling the DeleteDisk operation: The disk Disk-2 is attached to WordPress_Multisite-1\. Detach it before deleting it\./,
        );
    });

    it("stop-instance, get-instance-state, detach-disk and start-instance with the documented outputs", async () => {
        const [stopped, startRunning] = await Promise.all([
            aws("stop-instance", "--instance-name", "WordPress_Multisite-1"),
            aws("start-instance", "--instance-name", "WordPress-1"),
        ]);
        assertSameStructure(ok(stopped), renamed(STOP_INSTANCE_EXAMPLE, { "WordPress-1": "WordPress_Multisite-1" }));
        assert.match(
            startRunning.stderr,
            /\(InvalidInputException\) when calling the StartInstance operation: The instance WordPress-1 is running\. It must be stopped to start it\./,
        );
        clock.advance(2000);
        assert.deepEqual(ok(await aws("get-instance-state", "--instance-name", "WordPress_Multisite-1")), {
            state: { code: 80, name: "stopped" },
        });
        const detached = ok(await aws("detach-disk", "--disk-name", "Disk-2"));
        assertSameStructure(detached, {
            operations: renamed(DELETE_INSTANCE_EXAMPLE.operations.slice(0, 2), {
                "Disk-1": "Disk-2",
                "WordPress-1": "WordPress_Multisite-1",
            }),
        });
        const started = ok(await aws("start-instance", "--instance-name", "WordPress_Multisite-1"));
        assertSameStructure(started, renamed(START_INSTANCE_EXAMPLE, { "WordPress-1": "WordPress_Multisite-1" }));
        clock.advance(3000);
        const disk = ok(await aws("get-disk", "--disk-name", "Disk-2")).disk as Record<string, unknown>;
        assert.deepEqual(
            [disk.state, disk.attachedTo, disk.path, disk.isAttached, disk.attachmentState],
            ["available", undefined, undefined, false, "detached"],
        );
    });

    it("delete-instance of an instance with an attached disk answers the documented three operations", async () => {
        assertSameStructure(
            ok(await aws("delete-instance", "--instance-name", "WordPress-1")),
            DELETE_INSTANCE_EXAMPLE,
        );
        assert.equal(emu.diskAttachment("Disk-1", "us-west-2")?.state, "detaching");
    });
});
