/**
 * The dynamic AutoSnapshots class under `pulumi.runtime.setMocks`: what it registers (its type
 * token, the program's arguments with the region defaulted, and no base or scope of a generated
 * name, since the resource is named after its disk or instance), and its outputs.
 */

import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { declaredInputs, RecordingMocks, settle, useMocks } from "../../harness/resourceMocks";
import { AUTO_SNAPSHOTS_TYPE, AutoSnapshots } from "../../provider";
import { autoSnapshotsSchema } from "../../provider/resources/autoSnapshots/schema";
import { propertyNames } from "../../provider/schema";

describe("AutoSnapshots, the dynamic resource class, under mocks", () => {
    const mocks = new RecordingMocks((args) => {
        const inputs = args.inputs as Record<string, unknown>;
        const resourceName = String(inputs.diskName ?? inputs.instanceName);
        return {
            id: resourceName,
            state: { resourceName, resourceType: inputs.diskName ? "Disk" : "Instance", status: "Enabled" },
        };
    });
    useMocks(mocks, "nightly", "dev", "eu-central-1");

    const registration = (name: string) => mocks.registration(AUTO_SNAPSHOTS_TYPE, name);

    it("registers exactly its arguments under its type token, with the default region", async () => {
        const nightly = new AutoSnapshots("nightly", { diskName: "Disk-1", snapshotTimeOfDay: "06:00" });
        assert.equal(await settle(nightly.id), "Disk-1");
        const args = registration("nightly");
        assert.equal(args.type, "pulumi-nodejs:dynamic/lightsail:AutoSnapshots");
        assert.deepEqual(declaredInputs(args), {
            diskName: "Disk-1",
            snapshotTimeOfDay: "06:00",
            region: "eu-central-1",
        });
    });

    it("keeps a declared region for an instance", async () => {
        const wordpress = new AutoSnapshots("wordpress", {
            instanceName: "WordPress-1",
            snapshotTimeOfDay: "03:00",
            region: "ap-south-1",
        });
        await settle(wordpress.id);
        assert.deepEqual(declaredInputs(registration("wordpress")), {
            instanceName: "WordPress-1",
            snapshotTimeOfDay: "03:00",
            region: "ap-south-1",
        });
    });

    it("gives every schema property as an output, with the values the engine returns", async () => {
        const nightly = new AutoSnapshots("outputs", { instanceName: "WordPress-2", snapshotTimeOfDay: "06:00" });
        for (const property of propertyNames(autoSnapshotsSchema)) {
            assert.ok(
                pulumi.Output.isInstance((nightly as unknown as Record<string, unknown>)[property]),
                `${property} is an output`,
            );
        }
        assert.equal(await settle(nightly.resourceName), "WordPress-2");
        assert.equal(await settle(nightly.resourceType), "Instance");
        assert.equal(await settle(nightly.status), "Enabled");
    });
});
