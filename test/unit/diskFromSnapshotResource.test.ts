/**
 * The dynamic DiskFromSnapshot class under `pulumi.runtime.setMocks`: what it registers (its type
 * token, the program's arguments with the region defaulted, the base and scope of a generated disk
 * name, every schema property as an output), the outputs the engine returns, and the warnings
 * about ignored options.
 */

import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { declaredInputs, RecordingMocks, settle, useMocks } from "../../harness/resourceMocks";
import { DISK_FROM_SNAPSHOT_TYPE, DiskFromSnapshot } from "../../provider";
import { AUTO_NAME_BASE, AUTO_NAME_SCOPE } from "../../provider/naming";
import { diskFromSnapshotSchema } from "../../provider/resources/diskFromSnapshot/schema";
import { propertyNames } from "../../provider/schema";

const PROJECT = "restores";
const STACK = "drill";
const ARN = "arn:aws:lightsail:us-west-2:123456789012:Disk/7c2d";

describe("DiskFromSnapshot, the dynamic resource class, under mocks", () => {
    const mocks = new RecordingMocks(() => ({
        state: { arn: ARN, state: "in-use", sizeInGb: 64, isAttached: true },
    }));
    useMocks(mocks, PROJECT, STACK, "us-west-2");

    const registration = (name: string) => mocks.registration(DISK_FROM_SNAPSHOT_TYPE, name);

    it("registers its arguments under its type token, with the default region and the base and scope of a generated name", async () => {
        const attachTo = { instanceName: "WordPress-1", diskPath: "/dev/xvdf" };
        const disk = new DiskFromSnapshot("restored", {
            diskSnapshotName: "nightly-1",
            availabilityZone: "us-west-2a",
            attachTo,
        });
        await settle(disk.id);
        const args = registration("restored");
        assert.equal(args.type, "pulumi-nodejs:dynamic/lightsail:DiskFromSnapshot");
        assert.deepEqual(declaredInputs(args), {
            diskSnapshotName: "nightly-1",
            availabilityZone: "us-west-2a",
            attachTo,
            region: "us-west-2",
            [AUTO_NAME_BASE]: "restored",
            [AUTO_NAME_SCOPE]: `${PROJECT}/${STACK}`,
        });
    });

    it("gives every schema property as an output, with the values the engine returns", async () => {
        const disk = new DiskFromSnapshot("outputs", {
            sourceDiskName: "Disk-1",
            restoreDate: "2024-01-01",
            availabilityZone: "us-west-2a",
            region: "us-west-2",
        });
        for (const property of propertyNames(diskFromSnapshotSchema)) {
            assert.ok(
                pulumi.Output.isInstance((disk as unknown as Record<string, unknown>)[property]),
                `${property} is an output`,
            );
        }
        assert.equal(await settle(disk.id), "outputs-1a2b3c4");
        assert.deepEqual(
            [await settle(disk.arn), await settle(disk.state), await settle(disk.sizeInGb)],
            [ARN, "in-use", 64],
        );
        assert.deepEqual([await settle(disk.sourceDiskName), await settle(disk.restoreDate)], ["Disk-1", "2024-01-01"]);
    });

    it("warns about ignored options, naming the resource", async () => {
        const warnings: string[] = [];
        const original = console.warn;
        console.warn = (message: unknown) => {
            warnings.push(String(message));
        };
        try {
            const disk = new DiskFromSnapshot(
                "slow",
                { diskSnapshotName: "nightly-1", availabilityZone: "us-west-2a" },
                { customTimeouts: { create: "3h" } },
            );
            await settle(disk.id);
        } finally {
            console.warn = original;
        }
        assert.equal(warnings.length, 1, warnings.join("\n"));
        assert.match(
            warnings[0] ?? "",
            /DiskFromSnapshot "slow": the customTimeouts option does not reach dynamic providers and is ignored; use the timeouts input/,
        );
    });
});
