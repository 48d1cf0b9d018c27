/**
 * The dynamic DiskSnapshotCopy class under `pulumi.runtime.setMocks`: what it registers (its type
 * token, the program's arguments with the region defaulted, the base and scope of a generated
 * name), its outputs, and what `get`-style construction by ID sends.
 */

import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { declaredInputs, RecordingMocks, settle, useMocks } from "../../harness/resourceMocks";
import { DISK_SNAPSHOT_COPY_TYPE, DiskSnapshotCopy } from "../../provider";
import { AUTO_NAME_BASE, AUTO_NAME_SCOPE } from "../../provider/naming";
import { diskSnapshotCopySchema } from "../../provider/resources/diskSnapshotCopy/schema";
import { propertyNames } from "../../provider/schema";

const PROJECT = "offsite";
const STACK = "prod";
const ARN = "arn:aws:lightsail:us-west-2:123456789012:DiskSnapshot/7c2d";

describe("DiskSnapshotCopy, the dynamic resource class, under mocks", () => {
    const mocks = new RecordingMocks((args) => ({
        id: args.id || `${args.name}-9z8y7x6`,
        state: { arn: ARN, state: "completed", fromDiskName: "Disk-1" },
    }));
    useMocks(mocks, PROJECT, STACK, "us-west-2");

    const registration = (name: string) => mocks.registration(DISK_SNAPSHOT_COPY_TYPE, name);

    it("registers its arguments under its type token, with the default region and the base and scope of a generated name", async () => {
        const copy = new DiskSnapshotCopy("offsite", { sourceSnapshotName: "nightly-1", sourceRegion: "us-east-1" });
        await settle(copy.id);
        const args = registration("offsite");
        assert.equal(args.type, "pulumi-nodejs:dynamic/lightsail:DiskSnapshotCopy");
        assert.deepEqual(declaredInputs(args), {
            sourceSnapshotName: "nightly-1",
            sourceRegion: "us-east-1",
            region: "us-west-2",
            [AUTO_NAME_BASE]: "offsite",
            [AUTO_NAME_SCOPE]: `${PROJECT}/${STACK}`,
        });
    });

    it("keeps a declared region, a given name and an automatic-snapshot source", async () => {
        const copy = new DiskSnapshotCopy("kept", {
            sourceDiskName: "Disk-1",
            restoreDate: "2024-01-02",
            sourceRegion: "us-east-1",
            region: "eu-west-1",
            diskSnapshotName: "kept-1",
            tags: { copy: "kept" },
        });
        assert.equal(await settle(copy.id), "kept-9z8y7x6");
        const inputs = declaredInputs(registration("kept"));
        assert.deepEqual(
            [inputs.region, inputs.diskSnapshotName, inputs.sourceDiskName, inputs.restoreDate, inputs.tags],
            ["eu-west-1", "kept-1", "Disk-1", "2024-01-02", { copy: "kept" }],
        );
    });

    it("gives every schema property as an output, with the values the engine returns", async () => {
        const copy = new DiskSnapshotCopy("outputs", { sourceSnapshotName: "nightly-1", sourceRegion: "us-east-1" });
        for (const property of propertyNames(diskSnapshotCopySchema)) {
            assert.ok(
                pulumi.Output.isInstance((copy as unknown as Record<string, unknown>)[property]),
                `${property} is an output`,
            );
        }
        assert.equal(await settle(copy.arn), ARN);
        assert.equal(await settle(copy.state), "completed");
        assert.equal(await settle(copy.fromDiskName), "Disk-1");
        assert.equal(await settle(copy.sourceSnapshotName), "nightly-1");
    });

    it("sends only the region when constructed with an existing ID", async () => {
        const found = new DiskSnapshotCopy(
            "existing",
            { sourceSnapshotName: "nightly-1", sourceRegion: "us-east-1" },
            { id: "offsite-7" },
        );
        assert.equal(await settle(found.id), "offsite-7");
        assert.deepEqual(declaredInputs(registration("existing")), { region: "us-west-2" });
    });
});
