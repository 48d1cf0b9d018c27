/**
 * The dynamic DiskSnapshot class under `pulumi.runtime.setMocks`: what it registers (its type
 * token, the program's arguments with the region defaulted, the base and scope of a generated
 * name, every schema property as an output), what `DiskSnapshot.get` reads, the warnings about
 * ignored options, and, for contrast, an AutoSnapshots, whose name is never generated.
 */

import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { declaredInputs, RecordingMocks, settle, useMocks } from "../../harness/resourceMocks";
import { AUTO_SNAPSHOTS_TYPE, AutoSnapshots, DISK_SNAPSHOT_TYPE, DiskSnapshot } from "../../provider";
import { AUTO_NAME_BASE, AUTO_NAME_SCOPE } from "../../provider/naming";
import { diskSnapshotSchema } from "../../provider/resources/diskSnapshot/schema";
import { propertyNames } from "../../provider/schema";

const PROJECT = "snapshots";
const STACK = "staging";
const ARN = "arn:aws:lightsail:us-west-2:123456789012:DiskSnapshot/5f1e";

describe("DiskSnapshot, the dynamic resource class, under mocks", () => {
    const mocks = new RecordingMocks(() => ({ state: { arn: ARN, state: "completed", sizeInGb: 32 } }));
    useMocks(mocks, PROJECT, STACK, "us-west-2");

    const registration = (type: string, name: string) => mocks.registration(type, name);

    it("registers its arguments under its type token, with the default region and the base and scope of a generated name", async () => {
        const snapshot = new DiskSnapshot("data", { diskName: "Disk-1", tags: { team: "web" } });
        await settle(snapshot.id);
        const args = registration(DISK_SNAPSHOT_TYPE, "data");
        assert.equal(args.type, "pulumi-nodejs:dynamic/lightsail:DiskSnapshot");
        assert.deepEqual(declaredInputs(args), {
            diskName: "Disk-1",
            tags: { team: "web" },
            region: "us-west-2",
            [AUTO_NAME_BASE]: "data",
            [AUTO_NAME_SCOPE]: `${PROJECT}/${STACK}`,
        });
    });

    it("keeps a declared region and a given name", async () => {
        const snapshot = new DiskSnapshot("named", {
            instanceName: "WordPress-1",
            diskSnapshotName: "nightly-1",
            region: "eu-west-1",
        });
        await settle(snapshot.id);
        const inputs = declaredInputs(registration(DISK_SNAPSHOT_TYPE, "named"));
        assert.equal(inputs.region, "eu-west-1");
        assert.equal(inputs.diskSnapshotName, "nightly-1");
        assert.equal(inputs.instanceName, "WordPress-1");
    });

    it("gives every schema property as an output, with the values the engine returns", async () => {
        const snapshot = new DiskSnapshot("outputs", { diskName: "Disk-1" });
        for (const property of propertyNames(diskSnapshotSchema)) {
            assert.ok(
                pulumi.Output.isInstance((snapshot as unknown as Record<string, unknown>)[property]),
                `${property} is an output`,
            );
        }
        assert.equal(await settle(snapshot.arn), ARN);
        assert.equal(await settle(snapshot.state), "completed");
        assert.equal(await settle(snapshot.sizeInGb), 32);
        assert.equal(await settle(snapshot.diskName), "Disk-1");
    });

    it("reads an existing snapshot by name with DiskSnapshot.get, sending only its region", async () => {
        const found = DiskSnapshot.get("existing", "nightly-7", { region: "ap-south-1" });
        assert.equal(await settle(found.id), "nightly-7");
        const args = registration(DISK_SNAPSHOT_TYPE, "existing");
        assert.equal(args.id, "nightly-7");
        assert.deepEqual(declaredInputs(args), { region: "ap-south-1" });
        assert.equal(await settle(found.arn), ARN);
    });

    it("reads with DiskSnapshot.get in the default region when given no state", async () => {
        const found = DiskSnapshot.get("existing-default", "nightly-8");
        assert.equal(await settle(found.id), "nightly-8");
        assert.deepEqual(declaredInputs(registration(DISK_SNAPSHOT_TYPE, "existing-default")), { region: "us-west-2" });
    });

    it("warns about ignored options, naming the resource", async () => {
        const warnings: string[] = [];
        const original = console.warn;
        console.warn = (message: unknown) => {
            warnings.push(String(message));
        };
        try {
            const snapshot = new DiskSnapshot(
                "slow",
                { diskName: "Disk-1" },
                { customTimeouts: { create: "3h" }, replaceOnChanges: ["tags"] },
            );
            await settle(snapshot.id);
        } finally {
            console.warn = original;
        }
        assert.equal(warnings.length, 2, warnings.join("\n"));
        assert.match(
            warnings[0] ?? "",
            /DiskSnapshot "slow": the customTimeouts option does not reach dynamic providers and is ignored; use the timeouts input/,
        );
        assert.match(
            warnings[1] ?? "",
            /DiskSnapshot "slow": the replaceOnChanges option has no effect on dynamic resources/,
        );
    });

    it("sends no base or scope of a generated name for a resource whose name is never generated", async () => {
        const auto = new AutoSnapshots("auto", { diskName: "Disk-1", snapshotTimeOfDay: "06:00" });
        await settle(auto.id);
        const inputs = declaredInputs(registration(AUTO_SNAPSHOTS_TYPE, "auto"));
        assert.deepEqual(inputs, { diskName: "Disk-1", snapshotTimeOfDay: "06:00", region: "us-west-2" });
    });
});
