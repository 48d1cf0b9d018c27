import assert from "node:assert/strict";
import type { Disk } from "@aws-sdk/client-lightsail";
import { AUTO_NAME_BASE, AUTO_NAME_SCOPE, AUTO_NAMED } from "../../provider/naming";
import { checkDiskFromSnapshot } from "../../provider/resources/diskFromSnapshot/check";
import { diffDiskFromSnapshot } from "../../provider/resources/diskFromSnapshot/diff";
import { diskOutputs } from "../../provider/resources/diskFromSnapshot/outputs";
import type { DiskFromSnapshotInputs, DiskFromSnapshotOutputs } from "../../provider/resources/diskFromSnapshot/schema";
import { NAME_RULE, UNKNOWN_VALUE } from "../../provider/validation";

const random = () => 0.5;
const declared = { diskSnapshotName: "nightly-1", availabilityZone: "us-east-1a", region: "us-east-1" };

function failuresOf(news: Record<string, unknown>) {
    const outcome = checkDiskFromSnapshot({}, news, random);
    return outcome.ok ? [] : outcome.failures;
}

function reasonOf(news: Record<string, unknown>, property: string): string {
    const failures = failuresOf(news);
    const failure = failures.find((f) => f.property === property);
    assert.ok(failure, `no failure on ${property}: ${JSON.stringify(failures)}`);
    return failure.reason;
}

describe("DiskFromSnapshot check", () => {
    it("accepts a manual snapshot, an automatic one of a day, or the newest automatic one", () => {
        assert.deepEqual(failuresOf(declared), []);
        const { diskSnapshotName: _, ...zoneAndRegion } = declared;
        assert.deepEqual(failuresOf({ ...zoneAndRegion, sourceDiskName: "Disk-1", restoreDate: "2026-11-30" }), []);
        assert.deepEqual(
            failuresOf({ ...zoneAndRegion, sourceDiskName: "Disk-1", useLatestRestorableAutoSnapshot: true }),
            [],
        );
        assert.deepEqual(
            failuresOf({ ...declared, sizeInGb: 64, attachTo: { instanceName: "WordPress-1", diskPath: "/dev/xvdf" } }),
            [],
        );
    });

    it("needs exactly one kind of source", () => {
        assert.match(
            reasonOf({ availabilityZone: "us-east-1a", region: "us-east-1" }, "diskSnapshotName"),
            /exactly one source is required/,
        );
        assert.match(
            reasonOf({ ...declared, sourceDiskName: "Disk-1", restoreDate: "2026-11-30" }, "sourceDiskName"),
            /mutually exclusive/,
        );
    });

    it("asks which automatic snapshot, and only with sourceDiskName", () => {
        const auto = { availabilityZone: "us-east-1a", region: "us-east-1", sourceDiskName: "Disk-1" };
        assert.match(
            reasonOf(auto, "restoreDate"),
            /set restoreDate \("YYYY-MM-DD"\) or useLatestRestorableAutoSnapshot: true/,
        );
        assert.match(
            reasonOf(
                { ...auto, restoreDate: "2026-11-30", useLatestRestorableAutoSnapshot: true },
                "useLatestRestorableAutoSnapshot",
            ),
            /mutually exclusive/,
        );
        assert.match(reasonOf({ ...declared, restoreDate: "2026-11-30" }, "restoreDate"), /goes with sourceDiskName/);
        for (const date of ["2026-13-01", "2026-02-30", "30/11/2026", "2026-11-30T00:00:00Z", 20261130]) {
            assert.match(
                reasonOf({ ...auto, restoreDate: date }, "restoreDate"),
                /allowed: "YYYY-MM-DD"/,
                String(date),
            );
        }
    });

    it("wants a zone of the disk's region", () => {
        assert.match(
            reasonOf({ ...declared, availabilityZone: "us-west-2a" }, "availabilityZone"),
            /not in the disk's region; allowed: a zone of us-east-1, such as "us-east-1a"/,
        );
        assert.match(reasonOf({ ...declared, availabilityZone: undefined }, "availabilityZone"), /is required/);
        assert.deepEqual(failuresOf({ ...declared, region: UNKNOWN_VALUE }), []);
    });

    it("wants a size Lightsail allows and a disk path it accepts", () => {
        for (const size of [7, 16_001, 10.5, "64"]) {
            assert.match(reasonOf({ ...declared, sizeInGb: size }, "sizeInGb"), /from 8 to 16000/, String(size));
        }
        assert.match(
            reasonOf({ ...declared, sizeInGb: 7 }, "sizeInGb"),
            /^sizeInGb 7 is not a disk size/,
            "says which",
        );
        assert.match(reasonOf({ ...declared, sizeInGb: "64" }, "sizeInGb"), /^sizeInGb "64" is not a disk size/);
        for (const path of ["/dev/sdf", "/dev/xvda", "/dev/xvdu", "xvdf", ""]) {
            const attachTo = { instanceName: "WordPress-1", diskPath: path };
            assert.match(
                reasonOf({ ...declared, attachTo }, "attachTo.diskPath"),
                /allowed: "\/dev\/xvdf" to "\/dev\/xvdt"/,
                path,
            );
        }
        assert.match(
            reasonOf({ ...declared, attachTo: { diskPath: "/dev/xvdf" } }, "attachTo.instanceName"),
            /required/,
        );
        assert.match(
            reasonOf(
                { ...declared, attachTo: { instanceName: "WordPress-1", diskPath: "/dev/xvdf", mount: "/data" } },
                "attachTo.mount",
            ),
            /allowed: instanceName, diskPath/,
        );
    });

    it("takes the size bounds themselves, and says what an attachment must be", () => {
        for (const size of [8, 16_000]) assert.deepEqual(failuresOf({ ...declared, sizeInGb: size }), [], String(size));
        for (const attachTo of ["WordPress-1", ["WordPress-1"]]) {
            assert.deepEqual(failuresOf({ ...declared, attachTo }), [
                {
                    property: "attachTo",
                    reason: `attachTo ${Array.isArray(attachTo) ? "a list" : '"WordPress-1"'} is not an object; allowed: { instanceName, diskPath }`,
                },
            ]);
        }
        assert.deepEqual(
            failuresOf({ ...declared, attachTo: { instanceName: UNKNOWN_VALUE, diskPath: UNKNOWN_VALUE } }),
            [],
            "unknown at preview: checked at up",
        );
        assert.equal(
            reasonOf({ ...declared, attachTo: { instanceName: "x", diskPath: "/dev/xvdf" } }, "attachTo.instanceName"),
            `attachTo.instanceName must be 2 to 255 characters long, got 1; allowed: ${NAME_RULE}`,
        );
    });

    it("names the zone rule in words when the region is not known or not a string", () => {
        for (const region of [UNKNOWN_VALUE, 42]) {
            const failures = failuresOf({ ...declared, region, availabilityZone: undefined });
            const zone = failures.find((f) => f.property === "availabilityZone");
            assert.equal(zone?.reason, "availabilityZone is required; allowed: a zone of the region", String(region));
        }
        assert.equal(
            reasonOf({ ...declared, availabilityZone: 7 }, "availabilityZone"),
            'availabilityZone a number is not in the disk\'s region; allowed: a zone of us-east-1, such as "us-east-1a"',
        );
        assert.deepEqual(failuresOf({ ...declared, availabilityZone: UNKNOWN_VALUE }), []);
    });

    it("refuses a zone that is not a string, even while the region is not known", () => {
        assert.equal(
            reasonOf({ ...declared, region: UNKNOWN_VALUE, availabilityZone: 7 }, "availabilityZone"),
            "availabilityZone a number is not in the disk's region; allowed: a zone of the region",
        );
        assert.match(
            reasonOf({ ...declared, availabilityZone: ["us-east-1a"] }, "availabilityZone"),
            /^availabilityZone a list is not in the disk's region/,
        );
    });

    it("reports a missing or malformed region once, not as a zone outside it too", () => {
        for (const region of [undefined, 42]) {
            assert.deepEqual(
                failuresOf({ ...declared, region }).map((f) => f.property),
                ["region"],
                String(region),
            );
        }
    });

    it("refuses a disk path given as a list", () => {
        assert.equal(
            reasonOf(
                { ...declared, attachTo: { instanceName: "WordPress-1", diskPath: ["/dev/xvdf"] } },
                "attachTo.diskPath",
            ),
            'attachTo.diskPath a list is not a disk path Lightsail accepts; allowed: "/dev/xvdf" to "/dev/xvdt"',
        );
    });

    it("names the input at fault for a bad disk name, adopt flag or automatic-snapshot choice", () => {
        assert.deepEqual(failuresOf({ ...declared, diskName: "Disk 1" }), [
            { property: "diskName", reason: `diskName "Disk 1" is not a valid Lightsail name; allowed: ${NAME_RULE}` },
        ]);
        assert.deepEqual(failuresOf({ ...declared, adopt: "yes" }), [
            { property: "adopt", reason: 'adopt must be true or false, got "yes"' },
        ]);
        assert.equal(
            reasonOf({ ...declared, restoreDate: "2026-11-30" }, "restoreDate"),
            "restoreDate chooses an automatic snapshot: it goes with sourceDiskName, not with diskSnapshotName",
        );
    });

    it("bases a generated name on disk when the program gives no resource name", () => {
        const outcome = checkDiskFromSnapshot({}, declared, random);
        assert.ok(outcome.ok);
        assert.match(outcome.inputs.diskName, /^disk-[a-z0-9]{7}$/);
    });

    it("generates another disk name for another source or region, and none while the source is unknown", () => {
        const news = { ...declared, [AUTO_NAME_BASE]: "restored", [AUTO_NAME_SCOPE]: "proj/dev" };
        const name = (changes: Record<string, unknown>) => {
            const outcome = checkDiskFromSnapshot({}, { ...news, ...changes }, Math.random);
            assert.ok(outcome.ok, JSON.stringify(changes));
            return outcome.inputs.diskName;
        };
        const first = name({});
        assert.notEqual(name({ diskSnapshotName: "nightly-2" }), first, "another snapshot");
        assert.notEqual(name({ region: "us-west-2", availabilityZone: "us-west-2a" }), first, "another region");
        assert.equal(name({ diskSnapshotName: UNKNOWN_VALUE }), UNKNOWN_VALUE, "not known until the source is");
    });

    it("generates the disk name once, from the stack, resource name, source and region", () => {
        const news = { ...declared, [AUTO_NAME_BASE]: "restored", [AUTO_NAME_SCOPE]: "proj/dev" };
        const first = checkDiskFromSnapshot({}, news, Math.random);
        const again = checkDiskFromSnapshot({}, news, Math.random);
        assert.ok(first.ok && again.ok);
        assert.match(first.inputs.diskName, /^restored-[a-z0-9]{7}$/);
        assert.equal(again.inputs.diskName, first.inputs.diskName, "deterministic");
        const kept = checkDiskFromSnapshot(first.inputs, { ...news, tags: { a: "b" } }, Math.random);
        assert.ok(kept.ok);
        assert.equal(kept.inputs.diskName, first.inputs.diskName);
    });
});

describe("DiskFromSnapshot diff", () => {
    const inputs: DiskFromSnapshotInputs = { ...declared, diskName: "restored-1", tags: {} };
    const state: DiskFromSnapshotOutputs = {
        ...inputs,
        sizeInGb: 32,
        arn: "arn:aws:lightsail:us-east-1:1:Disk/x",
        state: "available",
        isAttached: false,
        createdAt: "2026-12-01T00:00:00.000Z",
        supportCode: "s",
    };

    it("sees no change when nothing changed, and leaving the size out is no change", () => {
        assert.equal(diffDiskFromSnapshot(state, inputs).changes, false);
    });

    it("replaces on a new source, zone, size or name; deletes first when attached or named", () => {
        for (const change of [
            { diskSnapshotName: "nightly-2" },
            { availabilityZone: "us-east-1b" },
            { sizeInGb: 64 },
        ]) {
            const decision = diffDiskFromSnapshot(state, { ...inputs, ...change });
            assert.deepEqual(decision.replaces, Object.keys(change), JSON.stringify(change));
            assert.equal(decision.deleteBeforeReplace, true, "the explicit name is reused");
        }
        const attached = { ...inputs, attachTo: { instanceName: "WordPress-1", diskPath: "/dev/xvdf" } };
        assert.equal(
            diffDiskFromSnapshot(
                { ...state, attachTo: attached.attachTo },
                { ...attached, sizeInGb: 64, diskName: "other" },
            ).deleteBeforeReplace,
            true,
        );
    });

    it("creates the new disk first when it gets a name of its own and is not attached", () => {
        const generated = { ...inputs, [AUTO_NAMED]: true, diskName: "restored-abcdefg" } as DiskFromSnapshotInputs;
        const autoNamed = diffDiskFromSnapshot({ ...state, ...generated }, { ...generated, sizeInGb: 64 });
        assert.deepEqual(autoNamed, { changes: true, replaces: ["sizeInGb"], deleteBeforeReplace: false });
        const renamed = diffDiskFromSnapshot(state, { ...inputs, diskName: "restored-2" });
        assert.deepEqual(renamed, { changes: true, replaces: ["diskName"], deleteBeforeReplace: false });
        const unknownName = diffDiskFromSnapshot(state, { ...inputs, diskName: UNKNOWN_VALUE, sizeInGb: 64 });
        assert.equal(unknownName.deleteBeforeReplace, false, "a name not known yet is not the old one");
    });

    it("asks to delete first only when it replaces", () => {
        assert.deepEqual(diffDiskFromSnapshot(state, inputs), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: false,
        });
        const attachTo = { instanceName: "WordPress-1", diskPath: "/dev/xvdf" };
        assert.deepEqual(diffDiskFromSnapshot(state, { ...inputs, attachTo }), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: false,
        });
    });

    it("updates tags and the attachment in place", () => {
        for (const change of [
            { tags: { a: "b" } },
            { attachTo: { instanceName: "WordPress-1", diskPath: "/dev/xvdf" } },
        ]) {
            const decision = diffDiskFromSnapshot(state, { ...inputs, ...change });
            assert.deepEqual([decision.changes, decision.replaces], [true, []], JSON.stringify(change));
        }
    });
});

describe("DiskFromSnapshot outputs", () => {
    const attachTo = { instanceName: "WordPress-1", diskPath: "/dev/xvdf" };
    const disk: Disk = {
        name: "restored-1",
        arn: "arn",
        sizeInGb: 32,
        state: "in-use",
        isAttached: true,
        attachedTo: "WordPress-1",
        path: "/dev/xvdf",
        location: { availabilityZone: "us-east-1a", regionName: "us-east-1" },
        tags: [{ key: "k", value: "v" }],
    };

    it("keep the declared attachment while it is in place, and show any attachment", () => {
        const outs = diskOutputs({ ...declared, attachTo }, disk);
        assert.deepEqual(
            [outs.attachTo, outs.attachedTo, outs.path, outs.isAttached],
            [attachTo, "WordPress-1", "/dev/xvdf", true],
        );
        assert.deepEqual(outs.tags, { k: "v" });
    });

    it("keep an attachment to the declared instance at its live path, so a move cut short stays this resource's", () => {
        const moved = diskOutputs({ ...declared, attachTo }, { ...disk, path: "/dev/xvdg" });
        assert.deepEqual(moved.attachTo, { instanceName: "WordPress-1", diskPath: "/dev/xvdg" });
        const elsewhere = diskOutputs({ ...declared, attachTo }, { ...disk, attachedTo: "WordPress-2" });
        assert.equal(elsewhere.attachTo, undefined, "attached to another instance");
    });

    it("show the zone Lightsail reports, and the declared one when it reports no location", () => {
        const live = diskOutputs(declared, {
            ...disk,
            location: { availabilityZone: "us-east-1b", regionName: "us-east-1" },
        });
        assert.equal(live.availabilityZone, "us-east-1b");
        const unlocated = diskOutputs(declared, { ...disk, location: undefined });
        assert.deepEqual([unlocated.availabilityZone, unlocated.region], ["us-east-1a", "us-east-1"]);
    });

    it("read a disk without inputs (an import): the region from its location, attached only when Lightsail says so", () => {
        const imported = diskOutputs({}, { ...disk, isAttached: undefined });
        assert.equal(imported.region, "us-east-1");
        assert.equal(imported.isAttached, false);
        const bare = diskOutputs({}, { name: "restored-1" });
        assert.deepEqual(bare, { diskName: "restored-1", isAttached: false, tags: {} });
    });

    it("drop the declared attachment once detached (drift), and do not claim someone else's", () => {
        const detached = diskOutputs(
            { ...declared, attachTo },
            { ...disk, isAttached: false, attachedTo: undefined, state: "available" },
        );
        assert.equal(detached.attachTo, undefined);
        const others = diskOutputs(declared, disk);
        assert.equal(others.attachTo, undefined, "attached, but not by this resource");
        assert.equal(others.attachedTo, "WordPress-1");
    });
});
