import assert from "node:assert/strict";
import { deepEqual, sameValue, tagChanges } from "../../provider/diff";
import { AUTO_NAMED } from "../../provider/naming";
import { diffDiskSnapshot } from "../../provider/resources/diskSnapshot/diff";
import {
    type DiskSnapshotInputs,
    type DiskSnapshotOutputs,
    diskSnapshotSchema,
} from "../../provider/resources/diskSnapshot/schema";
import { UNKNOWN_VALUE } from "../../provider/validation";

/** The diff of a state and new inputs written as partial literals. */
function diffSnapshot(olds: object, news: object) {
    return diffDiskSnapshot(olds as Partial<DiskSnapshotOutputs>, news as DiskSnapshotInputs);
}

function tagsEqual(a: unknown, b: unknown): boolean {
    return sameValue(diskSnapshotSchema.properties.tags, a, b);
}

const state = {
    diskSnapshotName: "nightly-1",
    diskName: "Disk-1",
    region: "us-east-1",
    tags: { env: "prod", team: "web" },
    arn: "arn:aws:lightsail:us-east-1:123456789012:DiskSnapshot/x",
    state: "completed",
};
const inputs = {
    diskSnapshotName: "nightly-1",
    diskName: "Disk-1",
    region: "us-east-1",
    tags: { team: "web", env: "prod" },
};

describe("DiskSnapshot diff", () => {
    it("sees no change when only tag order differs", () => {
        assert.deepEqual(diffSnapshot(state, inputs), { changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it("treats missing and empty tags alike", () => {
        const { tags: _t, ...noTags } = state;
        assert.equal(diffSnapshot(noTags, { ...inputs, tags: {} }).changes, false);
    });

    it("updates tags in place", () => {
        const d = diffSnapshot(state, { ...inputs, tags: { env: "staging", team: "web" } });
        assert.deepEqual(d, { changes: true, replaces: [], deleteBeforeReplace: false });
    });

    for (const [property, value] of [
        ["diskName", "Disk-2"],
        ["region", "us-west-2"],
        ["diskSnapshotName", "nightly-2"],
    ] as const) {
        it(`replaces when ${property} changes`, () => {
            const d = diffSnapshot(state, { ...inputs, [property]: value });
            assert.deepEqual(d.replaces, [property]);
            assert.equal(d.changes, true);
        });
    }

    it("replaces when the source switches from disk to instance", () => {
        const { diskName: _d, ...rest } = inputs;
        assert.deepEqual(diffSnapshot(state, { ...rest, instanceName: "WordPress-1" }).replaces, [
            "diskName",
            "instanceName",
        ]);
    });

    it("deletes before replacing when an explicit name stays the same", () => {
        assert.equal(diffSnapshot(state, { ...inputs, diskName: "Disk-2" }).deleteBeforeReplace, true);
    });

    it("creates the new snapshot before deleting the old one when the explicit name changes", () => {
        const d = diffSnapshot(state, { ...inputs, diskSnapshotName: "nightly-2" });
        assert.deepEqual(d, { changes: true, replaces: ["diskSnapshotName"], deleteBeforeReplace: false });
    });

    it("creates before deleting when the name was generated", () => {
        const d = diffSnapshot({ ...state, [AUTO_NAMED]: true }, { ...inputs, [AUTO_NAMED]: true, diskName: "Disk-2" });
        assert.equal(d.deleteBeforeReplace, false);
    });

    it("plans a replacement for an unknown source and an update for unknown tags", () => {
        assert.deepEqual(diffSnapshot(state, { ...inputs, diskName: UNKNOWN_VALUE }).replaces, ["diskName"]);
        const d = diffSnapshot(state, { ...inputs, tags: { env: UNKNOWN_VALUE, team: "web" } });
        assert.deepEqual([d.changes, d.replaces], [true, []]);
    });

    it("changes timeouts in place without replacing", () => {
        const d = diffSnapshot(state, { ...inputs, timeouts: { create: "3h" } });
        assert.deepEqual([d.changes, d.replaces], [true, []]);
    });
});

describe("diff: tagChanges", () => {
    it("sends only the difference", () => {
        assert.deepEqual(tagChanges({ a: "1", b: "2", c: "3" }, { a: "1", b: "20", d: "4" }), {
            toSet: { b: "20", d: "4" },
            toRemove: ["c"],
        });
    });

    it("compares tag maps by content", () => {
        assert.ok(tagsEqual({ a: "1", b: "2" }, { b: "2", a: "1" }));
        assert.ok(tagsEqual(undefined, {}));
        assert.ok(!tagsEqual({ a: "1" }, { a: "2" }));
        assert.ok(!tagsEqual({ a: "1" }, { b: "1" }));
    });
});

describe("diff: deepEqual", () => {
    it("compares plain JSON by content, telling null, lists and objects apart", () => {
        assert.equal(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), true);
        assert.equal(deepEqual(null, {}), false);
        assert.equal(deepEqual({}, null), false);
        assert.equal(deepEqual(null, null), true);
        assert.equal(deepEqual([], {}), false);
        assert.equal(deepEqual({ 0: "a" }, ["a"]), false);
        assert.equal(deepEqual({ a: 1 }, { b: 1 }), false);
        assert.equal(deepEqual("1", 1), false);
        assert.equal(deepEqual({}, 1), false, "an empty object is not a number");
        assert.equal(deepEqual(1, {}), false);
    });
});
