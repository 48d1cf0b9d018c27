import assert from "node:assert/strict";
import { checkAutoSnapshots } from "../../provider/resources/autoSnapshots/check";
import { diffAutoSnapshots } from "../../provider/resources/autoSnapshots/diff";
import { waitFailureMessage } from "../../provider/resources/autoSnapshots/methods";
import { autoSnapshotsOutputs } from "../../provider/resources/autoSnapshots/outputs";
import type { AutoSnapshotsInputs, AutoSnapshotsOutputs } from "../../provider/resources/autoSnapshots/schema";
import { UNKNOWN_VALUE } from "../../provider/validation";

const inputs: AutoSnapshotsInputs = { diskName: "Disk-1", snapshotTimeOfDay: "06:00", region: "us-east-1" };
const state: AutoSnapshotsOutputs = {
    ...inputs,
    resourceName: "Disk-1",
    resourceType: "Disk",
    status: "Enabled",
};

function failuresOf(news: Record<string, unknown>) {
    const outcome = checkAutoSnapshots(news);
    return outcome.ok ? [] : outcome.failures;
}

describe("AutoSnapshots check", () => {
    it("accepts a disk or an instance at a time on the hour", () => {
        assert.deepEqual(checkAutoSnapshots({ ...inputs, __provider: "p" }), { ok: true, inputs });
        assert.deepEqual(
            failuresOf({ instanceName: "WordPress-1", snapshotTimeOfDay: "23:00", region: "eu-west-3" }),
            [],
        );
        assert.deepEqual(failuresOf({ ...inputs, snapshotTimeOfDay: UNKNOWN_VALUE }), []);
    });

    for (const time of ["06:30", "6:00", "24:00", "06:00:00", "0600", "", 6]) {
        it(`rejects the time ${JSON.stringify(time)}, saying what is allowed`, () => {
            const [failure, ...others] = failuresOf({ ...inputs, snapshotTimeOfDay: time });
            assert.deepEqual(others, []);
            assert.equal(failure?.property, "snapshotTimeOfDay");
            assert.match(failure?.reason ?? "", /allowed: "HH:00" in UTC, on the hour/);
        });
    }

    it("says a time that is not a string must be one", () => {
        assert.match(
            failuresOf({ ...inputs, snapshotTimeOfDay: 600 })[0]?.reason ?? "",
            /^snapshotTimeOfDay must be a string, got a number; allowed: "HH:00"/,
        );
    });

    it("requires the time", () => {
        const { snapshotTimeOfDay: _t, ...noTime } = inputs;
        assert.match(failuresOf(noTime)[0]?.reason ?? "", /snapshotTimeOfDay is required/);
    });

    it("needs exactly one source, with a valid name, and a region", () => {
        assert.equal(failuresOf({ snapshotTimeOfDay: "06:00", region: "us-east-1" })[0]?.property, "diskName");
        assert.match(
            failuresOf({ ...inputs, instanceName: "WordPress-1" })[0]?.reason ?? "",
            /diskName and instanceName are mutually exclusive/,
        );
        assert.equal(failuresOf({ ...inputs, diskName: "Disk 1" })[0]?.property, "diskName");
        assert.equal(failuresOf({ ...inputs, region: undefined })[0]?.property, "region");
        assert.equal(failuresOf({ ...inputs, tags: {} })[0]?.property, "tags");
    });
});

describe("AutoSnapshots diff", () => {
    it("sees no change when the add-on is enabled as declared", () => {
        assert.deepEqual(diffAutoSnapshots(state, inputs), { changes: false, replaces: [] });
    });

    it("retimes in place", () => {
        assert.deepEqual(diffAutoSnapshots(state, { ...inputs, snapshotTimeOfDay: "07:00" }), {
            changes: true,
            replaces: [],
        });
    });

    it("replaces on a new source or region", () => {
        assert.deepEqual(diffAutoSnapshots(state, { ...inputs, diskName: "Disk-2" }), {
            changes: true,
            replaces: ["diskName"],
        });
        const { diskName: _d, ...rest } = inputs;
        assert.deepEqual(diffAutoSnapshots(state, { ...rest, instanceName: "WordPress-1" }).replaces, [
            "diskName",
            "instanceName",
        ]);
        assert.deepEqual(diffAutoSnapshots(state, { ...inputs, region: "us-west-2" }).replaces, ["region"]);
    });

    it("turns back on, in place, an add-on a refresh found disabled", () => {
        assert.deepEqual(diffAutoSnapshots({ ...state, status: "Disabled" }, inputs), { changes: true, replaces: [] });
        assert.equal(diffAutoSnapshots({ ...state, status: "Enabling" }, inputs).changes, false);
    });

    it("sees no change in a state that records no status", () => {
        const { status: _s, ...noStatus } = state;
        assert.deepEqual(diffAutoSnapshots(noStatus, inputs), { changes: false, replaces: [] });
    });
});

describe("AutoSnapshots outputs", () => {
    it("report the live add-on over the inputs", () => {
        const outputs = autoSnapshotsOutputs(inputs, {
            resourceName: "Disk-1",
            resourceType: "Disk",
            addOn: {
                name: "AutoSnapshot",
                status: "Enabled",
                snapshotTimeOfDay: "07:00",
                nextSnapshotTimeOfDay: "06:00",
            },
        });
        assert.deepEqual(outputs, {
            ...inputs,
            snapshotTimeOfDay: "07:00",
            nextSnapshotTimeOfDay: "06:00",
            resourceName: "Disk-1",
            resourceType: "Disk",
            status: "Enabled",
        });
    });

    it("say Disabled, keeping the declared time, when Lightsail lists no add-on", () => {
        const outputs = autoSnapshotsOutputs(inputs, { resourceName: "Disk-1", resourceType: "Disk" });
        assert.equal(outputs.status, "Disabled");
        assert.equal(outputs.snapshotTimeOfDay, "06:00");
        assert.ok(!("nextSnapshotTimeOfDay" in outputs));
    });
});

describe("AutoSnapshots wait failures", () => {
    const ref = { kind: "AutoSnapshots", name: "Disk-1", region: "us-east-1", source: 'disk "Disk-1"' };

    it("name the read that failed, its AWS error and Lightsail's text", () => {
        const error = Object.assign(new Error("An internal error occurred. Try again later."), {
            name: "ServiceException",
            $fault: "server",
        });
        assert.equal(
            waitFailureMessage(error, ref, { type: "Disk" }),
            'AutoSnapshots "Disk-1" in us-east-1: GetDisk failed: ServiceException: An internal error occurred. Try again later.',
        );
        assert.match(
            waitFailureMessage(error, { ...ref, name: "WordPress-1" }, { type: "Instance" }),
            /GetInstance failed/,
        );
    });

    it("keep the waiter's own message (a timeout)", () => {
        const error = Object.assign(new Error("timed out after 10m"), { reason: "timeout" });
        assert.equal(
            waitFailureMessage(error, ref, { type: "Disk" }),
            'AutoSnapshots "Disk-1" in us-east-1: timed out after 10m',
        );
    });
});
