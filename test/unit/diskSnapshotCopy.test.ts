import assert from "node:assert/strict";
import type { DiskSnapshot as LightsailDiskSnapshot } from "@aws-sdk/client-lightsail";
import { AUTO_NAME_BASE, AUTO_NAME_SCOPE } from "../../provider/naming";
import { snapshotOutputsOf } from "../../provider/resources/diskSnapshot/outputs";
import { checkDiskSnapshotCopy } from "../../provider/resources/diskSnapshotCopy/check";
import { diskSnapshotCopyMethods } from "../../provider/resources/diskSnapshotCopy/methods";
import {
    type DiskSnapshotCopyInputs,
    type DiskSnapshotCopyOutputs,
    diskSnapshotCopySchema,
} from "../../provider/resources/diskSnapshotCopy/schema";
import { LIGHTSAIL_REGIONS, NAME_RULE, UNKNOWN_VALUE } from "../../provider/validation";

const random = () => 0.5;
const declared = { sourceSnapshotName: "nightly-1", sourceRegion: "us-east-1", region: "us-west-2" };

function failuresOf(news: Record<string, unknown>) {
    const outcome = checkDiskSnapshotCopy({}, news, random);
    return outcome.ok ? [] : outcome.failures;
}

function reasonOf(news: Record<string, unknown>, property: string): string {
    const failures = failuresOf(news);
    const failure = failures.find((f) => f.property === property);
    assert.ok(failure, `no failure on ${property}: ${JSON.stringify(failures)}`);
    return failure.reason;
}

describe("DiskSnapshotCopy check", () => {
    it("accepts a manual snapshot, or a disk's automatic snapshot of a day or the newest", () => {
        assert.deepEqual(failuresOf(declared), []);
        const { sourceSnapshotName: _, ...regions } = declared;
        assert.deepEqual(failuresOf({ ...regions, sourceDiskName: "Disk-1", restoreDate: "2026-11-30" }), []);
        assert.deepEqual(
            failuresOf({ ...regions, sourceDiskName: "Disk-1", useLatestRestorableAutoSnapshot: true }),
            [],
        );
        assert.deepEqual(failuresOf({ ...declared, region: "us-east-1" }), [], "a copy within the same region");
    });

    it("needs exactly one kind of source, and says which automatic snapshot goes with sourceDiskName", () => {
        assert.match(
            reasonOf({ sourceRegion: "us-east-1", region: "us-west-2" }, "sourceSnapshotName"),
            /exactly one source/,
        );
        assert.match(
            reasonOf({ ...declared, restoreDate: "2026-11-30" }, "restoreDate"),
            /not with sourceSnapshotName/,
        );
        const auto = { sourceRegion: "us-east-1", region: "us-west-2", sourceDiskName: "Disk-1" };
        assert.match(reasonOf(auto, "restoreDate"), /set restoreDate/);
        assert.match(
            reasonOf({ ...auto, restoreDate: "2026-02-30" }, "restoreDate"),
            /is not a date; allowed: "YYYY-MM-DD"/,
        );
    });

    it("requires sourceRegion, a region Lightsail has", () => {
        const { sourceRegion: _, ...noSource } = declared;
        assert.match(
            reasonOf(noSource, "sourceRegion"),
            /sourceRegion is required.*allowed: a Lightsail region \(us-east-1/,
        );
        assert.match(
            reasonOf({ ...declared, sourceRegion: "mars-1" }, "sourceRegion"),
            /"mars-1" is not a Lightsail region/,
        );
        assert.equal(
            reasonOf({ ...declared, sourceRegion: 7 }, "sourceRegion"),
            `sourceRegion a number is not a Lightsail region; allowed: a Lightsail region (${LIGHTSAIL_REGIONS.join(", ")})`,
        );
        assert.deepEqual(failuresOf({ ...declared, sourceRegion: UNKNOWN_VALUE }), [], "unknown at preview");
    });

    it("names the input at fault for a bad copy name or adopt flag", () => {
        assert.deepEqual(failuresOf({ ...declared, diskSnapshotName: "-offsite" }), [
            {
                property: "diskSnapshotName",
                reason: `diskSnapshotName "-offsite" is not a valid Lightsail name; allowed: ${NAME_RULE}`,
            },
        ]);
        assert.deepEqual(failuresOf({ ...declared, adopt: 1 }), [
            { property: "adopt", reason: "adopt must be true or false, got a number" },
        ]);
    });

    it("reports a bad source name once, and both sources as one failure", () => {
        const invalid = (property: string) =>
            `${property} "bad name" is not a valid Lightsail name; allowed: ${NAME_RULE}`;
        const { sourceSnapshotName: _, ...regions } = declared;
        assert.deepEqual(failuresOf({ ...declared, sourceSnapshotName: "bad name" }), [
            { property: "sourceSnapshotName", reason: invalid("sourceSnapshotName") },
        ]);
        assert.deepEqual(
            failuresOf({ ...regions, sourceDiskName: "bad name", useLatestRestorableAutoSnapshot: true }),
            [{ property: "sourceDiskName", reason: invalid("sourceDiskName") }],
        );
        const both = failuresOf({ ...declared, sourceDiskName: "Disk-1", useLatestRestorableAutoSnapshot: true });
        assert.equal(both.length, 1, JSON.stringify(both));
        assert.match(both[0]?.reason ?? "", /sourceSnapshotName and sourceDiskName are mutually exclusive/);
    });

    it("generates another name for a copy of another snapshot", () => {
        const news = { ...declared, [AUTO_NAME_BASE]: "offsite", [AUTO_NAME_SCOPE]: "proj/dev" };
        const first = checkDiskSnapshotCopy({}, news, Math.random);
        const other = checkDiskSnapshotCopy({}, { ...news, sourceSnapshotName: "nightly-2" }, Math.random);
        assert.ok(first.ok && other.ok);
        assert.notEqual(other.inputs.diskSnapshotName, first.inputs.diskSnapshotName);
    });

    it("generates the copy's name once, from the stack, resource name, source and both regions", () => {
        const news = { ...declared, [AUTO_NAME_BASE]: "offsite", [AUTO_NAME_SCOPE]: "proj/dev" };
        const first = checkDiskSnapshotCopy({}, news, Math.random);
        const again = checkDiskSnapshotCopy({}, news, Math.random);
        const elsewhere = checkDiskSnapshotCopy({}, { ...news, region: "eu-west-1" }, Math.random);
        assert.ok(first.ok && again.ok && elsewhere.ok);
        assert.match(first.inputs.diskSnapshotName ?? "", /^offsite-[a-z0-9]{7}$/);
        assert.equal(again.inputs.diskSnapshotName, first.inputs.diskSnapshotName, "deterministic");
        assert.notEqual(elsewhere.inputs.diskSnapshotName, first.inputs.diskSnapshotName, "another target region");
    });
});

describe("DiskSnapshotCopy diff and outputs", () => {
    const inputs: DiskSnapshotCopyInputs = { ...declared, diskSnapshotName: "offsite-1", tags: {} };
    const live: LightsailDiskSnapshot = {
        name: "offsite-1",
        arn: "arn:aws:lightsail:us-west-2:1:DiskSnapshot/x",
        state: "completed",
        progress: "100%",
        sizeInGb: 32,
        fromDiskName: "Disk-1",
        isFromAutoSnapshot: false,
        location: { availabilityZone: "all", regionName: "us-west-2" },
        tags: [{ key: "copy", value: "offsite" }],
    };
    const state = snapshotOutputsOf(diskSnapshotCopySchema, inputs, live) as DiskSnapshotCopyOutputs;
    const diff = (news: DiskSnapshotCopyInputs) => diskSnapshotCopyMethods.diff("offsite-1", state, news);

    it("echo the source and both regions with what Lightsail reports of the copy", () => {
        assert.deepEqual(
            [state.sourceSnapshotName, state.sourceRegion, state.region, state.fromDiskName, state.tags],
            ["nightly-1", "us-east-1", "us-west-2", "Disk-1", { copy: "offsite" }],
        );
    });

    it("updates tags in place; a new source, either region or the name replaces", async () => {
        assert.deepEqual(await diff({ ...inputs, tags: { copy: "offsite" } }), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: false,
        });
        assert.deepEqual((await diff({ ...inputs, tags: { copy: "dr" } })).replaces, []);
        for (const change of [
            { sourceSnapshotName: "nightly-2" },
            { sourceRegion: "eu-west-1" },
            { region: "eu-west-2" },
            { diskSnapshotName: "offsite-2" },
        ]) {
            const decision = await diff({ ...inputs, tags: { copy: "offsite" }, ...change });
            assert.deepEqual(decision.replaces, Object.keys(change), JSON.stringify(change));
        }
    });

    it("replaces a copy Lightsail failed, deleting it first", async () => {
        const failed = { ...state, state: "error" };
        const decision = await diskSnapshotCopyMethods.diff("offsite-1", failed, {
            ...inputs,
            tags: { copy: "offsite" },
        });
        assert.deepEqual([decision.replaces, decision.deleteBeforeReplace], [["state"], true]);
    });
});
