/**
 * The emulator's world on its own: the invariants its methods enforce, and the page tokens of the
 * `Get*s` listings.
 */
import assert from "node:assert/strict";
import { EmulatorCore } from "../../emulator/core";
import { listPage } from "../../emulator/handlers/paging";
import { AwsError } from "../../emulator/protocol";
import { World } from "../../emulator/store";
import { NameTakenError, NoSuchResourceError } from "../../emulator/worldErrors";
import { VirtualClock } from "../support/emulator";

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
