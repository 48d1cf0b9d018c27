/**
 * The AWS CLI v2 (Debian's /usr/bin/aws) against the emulator: the seed page's two examples field
 * for field, the other documented outputs' structure, and error reporting.
 */
import assert from "node:assert/strict";
import { existsSync, rmSync } from "node:fs";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { AWS_CLI, awsCliHome, type CliResult, runAwsCli } from "../../harness/awsCli";

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
        if (!existsSync(AWS_CLI)) {
            // The Debian awscli package is not installed here; CI installs it (apt-get install awscli).
            this.skip();
        }
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
        assert.ok(Math.abs((ops[0]?.createdAt ?? 0) - Date.now() / 1000) < 60);
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
