/**
 * The emulator's world on its own: the invariants its methods enforce, and the page tokens of the
 * `Get*s` listings.
 */
import assert from "node:assert/strict";
import { EmulatorCore } from "../../emulator/core";
import { listPage } from "../../emulator/handlers/paging";
import { AwsError } from "../../emulator/protocol";
import { World } from "../../emulator/store";
import {
    AttachedStorageQuotaError,
    AutoSnapshotDateTakenError,
    DiskAttachedError,
    DiskPathError,
    DiskStateError,
    InstanceStateError,
    NameTakenError,
    NoSuchAutoSnapshotError,
    NoSuchResourceError,
    ZoneMismatchError,
} from "../../emulator/worldErrors";
import { VirtualClock } from "../../harness/virtualClock";

const REGION = "us-west-2";

function snapshotOf(world: World, name: string, source: { kind: "disk" | "instance"; name: string }) {
    return world.createSnapshot({ name, region: REGION, source, durationMs: 1000, curve: "linear", fails: false });
}

describe("emulator world", () => {
    let clock: VirtualClock;
    let world: World;

    beforeEach(() => {
        clock = new VirtualClock();
        world = new World({ clock: clock.now });
    });

    it("keeps names unique per resource type and region", () => {
        world.seedDisk({ name: "Disk-1", region: REGION });
        assert.throws(() => world.seedDisk({ name: "Disk-1", region: REGION }), NameTakenError);
        world.seedDisk({ name: "Disk-1", region: "eu-west-1" });
        world.seedInstance({ name: "Disk-1", region: REGION });
        world.seedInstance({ name: "Web-2", region: REGION });
        assert.throws(
            () => world.requireFreeNames(REGION, "Instance", ["Web-1", "Disk-1", "Web-2"]),
            (err: unknown) => err instanceof NameTakenError && err.names.join(",") === "Disk-1,Web-2",
        );
    });

    it("creates a snapshot only of a source that exists, with the source's size", () => {
        assert.throws(() => snapshotOf(world, "Snap-1", { kind: "disk", name: "Disk-1" }), NoSuchResourceError);
        world.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
        const snapshot = snapshotOf(world, "Snap-1", { kind: "disk", name: "Disk-1" });
        assert.equal(snapshot.sizeInGb, 32);
        assert.equal(snapshot.source.arn, world.disk(REGION, "Disk-1").arn);
        // The source is checked before the name.
        assert.throws(() => snapshotOf(world, "Snap-1", { kind: "instance", name: "Web-1" }), NoSuchResourceError);
        assert.throws(() => snapshotOf(world, "Snap-1", { kind: "disk", name: "Disk-1" }), NameTakenError);
    });

    it("removes only what exists, and a refused change leaves the world as it was", () => {
        world.seedDisk({ name: "Disk-1", region: REGION });
        const before = JSON.stringify(world.toJSON());
        assert.throws(() => world.removeSnapshot(REGION, "Snap-1"), /disk snapshot Snap-1 does not exist in us-west-2/);
        assert.throws(() => world.setTags("eu-west-1", "Disk", "Disk-1", [{ key: "k" }]), NoSuchResourceError);
        assert.throws(() => world.seedDisk({ name: "Disk-1", region: REGION }), NameTakenError);
        assert.equal(JSON.stringify(world.toJSON()), before);
        assert.equal(world.removeDisk(REGION, "Disk-1").name, "Disk-1");
        assert.equal(world.read(REGION).disks["Disk-1"], undefined);
    });

    it("aborts only operations that are still running", () => {
        const done = world.addOperation(REGION, { resourceName: "A", resourceType: "Disk", availabilityZone: "all" });
        const running = world.addOperation(REGION, {
            resourceName: "B",
            resourceType: "Disk",
            availabilityZone: "all",
            settlesAtMs: clock.nowMs + 5000,
        });
        clock.advance(10);
        world.abortOperations(REGION, () => true, { errorCode: "Gone", errorDetails: "gone" });
        assert.equal(world.operation(REGION, done.id)?.outcome, "Succeeded");
        assert.deepEqual(
            { ...world.operation(REGION, running.id), id: undefined },
            {
                ...running,
                id: undefined,
                settlesAtMs: clock.nowMs,
                outcome: "Failed",
                errorCode: "Gone",
                errorDetails: "gone",
            },
        );
    });

    it("hands out copies from the in-process API", () => {
        const core = new EmulatorCore({ clock: clock.now });
        const disk = core.seedDisk({ name: "Disk-1", region: REGION, tags: [{ key: "a" }] });
        disk.tags.push({ key: "b" });
        assert.deepEqual(core.world.disk(REGION, "Disk-1").tags, [{ key: "a" }]);
    });
});

describe("emulator world: automatic snapshots and the clock", () => {
    const DISK = { kind: "disk", name: "Disk-1" } as const;
    const HOUR = 3_600_000;
    const DAY = 24 * HOUR;
    let clock: VirtualClock;
    let world: World;

    const enable = (time = "06:00", source: { kind: "disk" | "instance"; name: string } = DISK) =>
        world.enableAutoSnapshots(REGION, source, {
            snapshotTimeOfDay: time,
            settlesAtMs: clock.nowMs + 1000,
            snapshotDurationMs: 5000,
        });
    const dates = (source: { kind: "disk" | "instance"; name: string } = DISK) =>
        world.autoSnapshots(REGION, source).map((s) => s.date);

    beforeEach(() => {
        clock = new VirtualClock(Date.parse("2024-01-01T05:00:00Z"));
        world = new World({ clock: clock.now });
        world.seedDisk({ name: "Disk-1", region: REGION });
    });

    it("keeps the add-on and automatic snapshots on an existing disk or instance only, and drops them with it", () => {
        const missing = { kind: "instance", name: "Web-1" } as const;
        assert.throws(() => enable("06:00", missing), NoSuchResourceError);
        assert.throws(
            () => world.addAutoSnapshot(REGION, missing, { createdAtMs: 0, durationMs: 0 }),
            NoSuchResourceError,
        );
        assert.throws(() => world.autoSnapshots("eu-west-1", DISK), NoSuchResourceError);
        enable();
        clock.advance(2 * HOUR);
        assert.equal(world.takeDueAutoSnapshots().length, 1);
        world.removeDisk(REGION, "Disk-1");
        world.seedDisk({ name: "Disk-1", region: REGION });
        assert.equal(world.autoSnapshotAddOn(REGION, DISK), undefined, "a new disk of the same name starts clean");
        assert.deepEqual(dates(), []);
    });

    it("keeps one automatic snapshot per day and the seven newest", () => {
        const day = (n: number) => Date.parse("2024-01-01T06:00:00Z") + n * DAY;
        world.addAutoSnapshot(REGION, DISK, { createdAtMs: day(0), durationMs: 0 });
        assert.throws(
            () => world.addAutoSnapshot(REGION, DISK, { createdAtMs: day(0) + HOUR, durationMs: 0 }),
            AutoSnapshotDateTakenError,
        );
        for (let n = 1; n <= 7; n++) {
            world.addAutoSnapshot(REGION, DISK, { createdAtMs: day(n), durationMs: 0 });
        }
        assert.deepEqual(dates(), [
            "2024-01-08",
            "2024-01-07",
            "2024-01-06",
            "2024-01-05",
            "2024-01-04",
            "2024-01-03",
            "2024-01-02",
        ]);
        assert.throws(() => world.removeAutoSnapshot(REGION, DISK, "2024-01-01"), NoSuchAutoSnapshotError);
        assert.equal(world.removeAutoSnapshot(REGION, DISK, "2024-01-05").date, "2024-01-05");
        assert.equal(dates().length, 6);
    });

    it("takes the due snapshots at their scheduled instants when the clock moves", () => {
        enable("06:00");
        assert.equal(world.autoSnapshotsDue(), false);
        clock.advance(HOUR);
        assert.equal(world.autoSnapshotsDue(), true);
        const [first] = world.takeDueAutoSnapshots();
        assert.deepEqual(first, {
            region: REGION,
            resourceType: "Disk",
            resourceName: "Disk-1",
            date: "2024-01-01",
            createdAtMs: Date.parse("2024-01-01T06:00:00Z"),
        });
        assert.deepEqual(world.takeDueAutoSnapshots(), [], "nothing twice");
        assert.equal(world.autoSnapshotInProgress(REGION, DISK)?.date, "2024-01-01");
        clock.advance(5000);
        assert.equal(world.autoSnapshotInProgress(REGION, DISK), undefined, "Success after its duration");
        clock.advance(10 * DAY);
        assert.equal(world.takeDueAutoSnapshots().length, 7, "only the seven that are kept");
        assert.deepEqual(dates().slice(0, 2), ["2024-01-11", "2024-01-10"]);
        assert.equal(world.autoSnapshotAddOn(REGION, DISK)?.nextSnapshotAtMs, Date.parse("2024-01-12T06:00:00Z"));
    });

    it("takes what fell due before the add-on changes, keeps snapshots when disabled, never two a day", () => {
        enable("06:00");
        clock.advance(HOUR + 2000); // 06:00:02: today's is being taken
        world.disableAutoSnapshots(REGION, DISK, clock.nowMs + 1000);
        assert.deepEqual(dates(), ["2024-01-01"], "taken before the disable");
        assert.equal(world.autoSnapshotInProgress(REGION, DISK)?.status, "InProgress");
        clock.advance(3 * DAY);
        assert.deepEqual(world.takeDueAutoSnapshots(), []);
        assert.throws(() => world.disableAutoSnapshots(REGION, DISK, 0), /not enabled/);
        assert.deepEqual(dates(), ["2024-01-01"], "kept after disabling");
        // Re-enabled later the same day as a deleted snapshot: that day gets none.
        world.removeAutoSnapshot(REGION, DISK, "2024-01-01");
        clock.nowMs = Date.parse("2024-01-04T05:00:00Z");
        enable("06:00");
        clock.advance(HOUR);
        world.takeDueAutoSnapshots();
        world.removeAutoSnapshot(REGION, DISK, "2024-01-04");
        enable("20:00");
        assert.equal(world.autoSnapshotAddOn(REGION, DISK)?.nextSnapshotAtMs, Date.parse("2024-01-05T20:00:00Z"));
        assert.throws(() => enable("6:00"), RangeError);
    });

    it("moves the clock forward only, and a recorded clock survives a reload", () => {
        assert.throws(() => world.advanceClock(-1), RangeError);
        assert.equal(world.startClockAt(Date.parse("2030-01-01T00:00:00Z")), true);
        assert.equal(world.now(), Date.parse("2030-01-01T00:00:00Z"));
        assert.equal(world.startClockAt(0), false, "a set clock is kept");
        world.advanceClock(DAY);
        const copy = new World({ clock: clock.now });
        copy.load(world.toJSON());
        assert.equal(copy.now(), Date.parse("2030-01-02T00:00:00Z"));
        assert.equal(copy.startClockAt(0), false);
        const fresh = new World({ clock: clock.now });
        fresh.load(new World({ clock: clock.now }).toJSON());
        assert.equal(fresh.startClockAt(0), true, "a world without a recorded clock takes one");
    });
});

describe("emulator page tokens", () => {
    const listing = (name: string, items: { at: number; name: string }[]) => ({
        name,
        member: "items",
        items,
        sortKey: (item: { at: number; name: string }) => ({ createdAtMs: item.at, tieBreaker: item.name }),
        render: (item: { at: number; name: string }) => ({ name: item.name }),
    });
    const names = (output: Record<string, unknown>) => (output.items as { name: string }[]).map((i) => i.name);

    it("page newest first, then by tie breaker, and resume after the last item seen", () => {
        const items = [
            { at: 1, name: "a" },
            { at: 3, name: "c" },
            { at: 3, name: "b" },
            { at: 2, name: "d" },
        ];
        const first = listPage(listing("Thing", items), 2, undefined);
        assert.deepEqual(names(first), ["b", "c"]);
        assert.equal(typeof first.nextPageToken, "string");
        // An item created between two calls does not shift the next page.
        const later = [...items, { at: 4, name: "e" }];
        const second = listPage(listing("Thing", later), 2, first.nextPageToken as string);
        assert.deepEqual(names(second), ["d", "a"]);
        assert.equal(second.nextPageToken, undefined);
    });

    it("refuse tokens of another listing and tokens that are not ours", () => {
        const items = [1, 2, 3].map((at) => ({ at, name: `n${at}` }));
        const token = listPage(listing("Thing", items), 1, undefined).nextPageToken as string;
        const wrongShape = { listing: "Thing", createdAtMs: "2", tieBreaker: "n2" };
        const tokens = ["garbage", "null", JSON.stringify(wrongShape)].map((text) =>
            Buffer.from(text).toString("base64url"),
        );
        for (const bad of ["garbage", ...tokens]) {
            assert.throws(() => listPage(listing("Thing", items), 1, bad), AwsError);
        }
        assert.throws(
            () => listPage(listing("Other", items), 1, token),
            (err: unknown) => err instanceof AwsError && JSON.stringify(err.body()).includes("InvalidPageToken"),
        );
    });
});

describe("emulator world: attachments and instance power", () => {
    let clock: VirtualClock;
    let world: World;

    beforeEach(() => {
        clock = new VirtualClock();
        world = new World({ clock: clock.now });
        world.seedInstance({ name: "WordPress-1", region: REGION });
        world.seedDisk({ name: "Disk-1", region: REGION });
    });

    const attach = (diskName = "Disk-1", path = "/dev/xvdf", instanceName = "WordPress-1") =>
        world.attachDisk(REGION, { diskName, instanceName, path, settlesAtMs: clock.nowMs + 1000 });

    it("keeps a disk on one instance of its zone, at a free valid path, within the attached-storage quota", () => {
        world.seedDisk({ name: "Disk-b", region: REGION, availabilityZone: "us-west-2b" });
        world.seedDisk({ name: "Disk-2", region: REGION });
        assert.throws(() => attach("Disk-1", "/dev/xvda"), DiskPathError);
        assert.throws(() => attach("Disk-b"), ZoneMismatchError);
        attach();
        assert.throws(() => attach(), DiskAttachedError);
        assert.throws(
            () => attach("Disk-2"),
            (err: unknown) => err instanceof DiskPathError && err.usedBy === "Disk-1",
        );
        world.seedDisk({ name: "Huge-1", region: REGION, sizeInGb: 20_000 });
        assert.throws(() => attach("Huge-1", "/dev/xvdh"), AttachedStorageQuotaError);
        assert.throws(() => world.removeDisk(REGION, "Disk-1"), DiskAttachedError);
    });

    it("detaches only from a stopped instance, stops only a running one, starts only a stopped one", () => {
        attach();
        assert.throws(() => world.detachDisk(REGION, "Disk-1", clock.nowMs), DiskStateError);
        clock.advance(1000);
        assert.throws(() => world.detachDisk(REGION, "Disk-1", clock.nowMs), InstanceStateError);
        assert.throws(() => world.startInstance(REGION, "WordPress-1", clock.nowMs), InstanceStateError);
        world.stopInstance(REGION, "WordPress-1", clock.nowMs + 500);
        assert.equal(world.instanceState(REGION, "WordPress-1").name, "stopping");
        assert.throws(() => world.stopInstance(REGION, "WordPress-1", clock.nowMs), InstanceStateError);
        clock.advance(500);
        world.detachDisk(REGION, "Disk-1", clock.nowMs + 1000);
        assert.throws(() => world.removeDisk(REGION, "Disk-1"), DiskAttachedError);
        clock.advance(1000);
        assert.throws(() => world.detachDisk(REGION, "Disk-1", clock.nowMs), DiskStateError);
        world.removeDisk(REGION, "Disk-1");
    });

    it("removing an instance detaches its disks, and automatic snapshots record the attached ones", () => {
        attach();
        assert.deepEqual(world.attachedDisks(REGION, { kind: "instance", name: "WordPress-1" }), []);
        clock.advance(1000);
        assert.deepEqual(world.attachedDisks(REGION, { kind: "instance", name: "WordPress-1" }), [
            { path: "/dev/xvdf", sizeInGb: 8 },
        ]);
        world.removeInstance(REGION, "WordPress-1", clock.nowMs + 1000);
        assert.throws(() => world.removeDisk(REGION, "Disk-1"), DiskAttachedError);
        clock.advance(1000);
        assert.deepEqual(world.disksAttachedTo(REGION, "WordPress-1"), []);
        world.removeDisk(REGION, "Disk-1");
    });
});
