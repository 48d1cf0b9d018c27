import assert from "node:assert/strict";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { badInputsFor } from "../../harness/badInputs";
import { autoSnapshots } from "../../provider/engine";
import { AUTO_NAME_BASE, AUTO_NAME_SCOPE, AUTO_NAMED } from "../../provider/naming";
import { checkDiskSnapshot } from "../../provider/resources/diskSnapshot/check";
import type { DiskSnapshotInputs } from "../../provider/resources/diskSnapshot/schema";
import { type InputFailure, UNKNOWN_VALUE } from "../../provider/validation";

const random = () => 0.5;

/** checkDiskSnapshot's outcome as inputs and failures (the program's inputs when it fails). */
function checkInputs(
    olds: Partial<DiskSnapshotInputs>,
    news: Record<string, unknown>,
    draw: () => number,
): { inputs: DiskSnapshotInputs; failures: InputFailure[] } {
    const outcome = checkDiskSnapshot(olds, news, draw);
    return outcome.ok
        ? { inputs: outcome.inputs, failures: [] }
        : { inputs: news as DiskSnapshotInputs, failures: outcome.failures };
}

describe("DiskSnapshot check", () => {
    it("uses the same unknown placeholder as the Pulumi engine", () => {
        assert.equal(UNKNOWN_VALUE, rpc.unknownValue);
    });

    it("accepts a disk source with tags and sorts the tag keys", () => {
        const { inputs, failures } = checkInputs(
            {},
            {
                diskName: "Disk-1",
                region: "us-east-1",
                tags: { team: "web", env: "prod" },
                diskSnapshotName: "nightly-1",
            },
            random,
        );
        assert.deepEqual(failures, []);
        assert.equal(inputs.diskSnapshotName, "nightly-1");
        assert.deepEqual(Object.keys(inputs.tags as object), ["env", "team"]);
        assert.equal(inputs[AUTO_NAMED], undefined);
    });

    it("accepts unicode letters, spaces and the allowed punctuation in tags", () => {
        const { failures } = checkInputs(
            {},
            { instanceName: "WordPress-1", region: "eu-west-3", tags: { "équipe web": "café + thé = 1.0 @:/_-" } },
            random,
        );
        assert.deepEqual(failures, []);
    });

    it("generates a name from the resource name once and keeps it afterwards", () => {
        const first = checkInputs({}, { diskName: "Disk-1", region: "us-east-1", [AUTO_NAME_BASE]: "data" }, random);
        assert.match(first.inputs.diskSnapshotName as string, /^data-[a-z0-9]{7}$/);
        assert.equal(first.inputs[AUTO_NAMED], true);
        const again = checkInputs(
            first.inputs,
            { diskName: "Disk-1", region: "us-east-1", [AUTO_NAME_BASE]: "data" },
            () => 0.1,
        );
        assert.equal(again.inputs.diskSnapshotName, first.inputs.diskSnapshotName);
    });

    it("derives a generated name from the stack, resource, source and region when scoped", () => {
        const declared = {
            diskName: "Disk-1",
            region: "us-east-1",
            [AUTO_NAME_BASE]: "data",
            [AUTO_NAME_SCOPE]: "proj/dev",
        };
        const name = (news: Record<string, unknown>) => checkInputs({}, news, Math.random).inputs.diskSnapshotName;
        const first = name(declared);
        assert.match(first as string, /^data-[a-z0-9]{7}$/);
        assert.equal(name(declared), first, "preview and up must agree");
        assert.notEqual(name({ ...declared, diskName: "Disk-2" }), first, "a new source is a new snapshot");
        assert.notEqual(name({ ...declared, region: "eu-west-1" }), first);
        assert.notEqual(name({ ...declared, [AUTO_NAME_SCOPE]: "proj/prod" }), first, "stacks must not collide");
        assert.equal(name({ ...declared, diskName: UNKNOWN_VALUE }), UNKNOWN_VALUE);
        const { diskName: _disk, ...fromInstance } = declared;
        assert.notEqual(
            name({ ...fromInstance, instanceName: "Disk-1" }),
            first,
            "a disk and an instance of the same name are different sources",
        );
        assert.equal(name({ ...fromInstance, instanceName: UNKNOWN_VALUE }), UNKNOWN_VALUE);
    });

    it("generates the same scoped names from release to release, telling a disk from an instance", () => {
        // A retried create finds the snapshot it made before by this name: a changed derivation
        // would leave that snapshot behind.
        const scoped = { region: "us-east-1", [AUTO_NAME_BASE]: "data", [AUTO_NAME_SCOPE]: "proj/dev" };
        const name = (news: Record<string, unknown>) => checkInputs({}, news, Math.random).inputs.diskSnapshotName;
        assert.equal(name({ ...scoped, diskName: "Disk-1" }), "data-gngu576");
        assert.equal(name({ ...scoped, instanceName: "Disk-1" }), "data-4x00u55");
    });

    it("does not keep an explicit old name once it is removed", () => {
        const olds = { diskSnapshotName: "explicit-1", diskName: "Disk-1", region: "us-east-1", tags: {} };
        const { inputs } = checkInputs(
            olds,
            { diskName: "Disk-1", region: "us-east-1", [AUTO_NAME_BASE]: "data" },
            random,
        );
        assert.notEqual(inputs.diskSnapshotName, "explicit-1");
    });

    it("accepts unknown values during preview", () => {
        const { failures } = checkInputs(
            {},
            {
                diskName: UNKNOWN_VALUE,
                region: UNKNOWN_VALUE,
                tags: { env: UNKNOWN_VALUE },
                diskSnapshotName: UNKNOWN_VALUE,
            },
            random,
        );
        assert.deepEqual(failures, []);
    });

    it("describes a value of the wrong type with the right article", () => {
        const reason = (news: Record<string, unknown>) => checkInputs({}, news, random).failures[0]?.reason ?? "";
        assert.match(reason({ region: "us-east-1", diskName: { name: "x" } }), /must be a string, got an object;/);
        assert.match(reason({ region: "us-east-1", diskName: 42 }), /must be a string, got a number;/);
    });

    it("treats missing tags as empty", () => {
        const { inputs } = checkInputs({}, { diskName: "Disk-1", region: "us-east-1" }, random);
        assert.deepEqual(inputs.tags, {});
    });

    const cases = badInputsFor("DiskSnapshot");
    it(`has a corpus of at least 40 bad inputs (${cases.length})`, () => {
        assert.ok(cases.length >= 40);
    });

    for (const bad of cases) {
        it(`rejects ${bad.title} on ${JSON.stringify(bad.property).slice(0, 40)}`, () => {
            const { failures } = checkInputs({}, bad.inputs, random);
            const failure = failures.find((f) => f.property === bad.property);
            assert.ok(failure, `no failure on ${bad.property}: ${JSON.stringify(failures)}`);
            assert.match(failure.reason, bad.reason);
        });
    }
});

describe("AutoSnapshots check of the bad-input corpus", () => {
    const cases = badInputsFor("AutoSnapshots");
    it(`has bad inputs for AutoSnapshots (${cases.length})`, () => {
        assert.ok(cases.length >= 15);
    });

    for (const bad of cases) {
        it(`rejects ${bad.title} on ${JSON.stringify(bad.property).slice(0, 40)}`, async () => {
            const { failures } = await autoSnapshots.check({}, bad.inputs);
            const failure = failures?.find((f) => f.property === bad.property);
            assert.ok(failure, `no failure on ${bad.property}: ${JSON.stringify(failures)}`);
            assert.match(failure.reason, bad.reason);
        });
    }
});
