/**
 * The dynamic AutoSnapshots class under `pulumi.runtime.setMocks`: what it registers (its type
 * token, the program's arguments with the region defaulted, and no base or scope of a generated
 * name, since the resource is named after its disk or instance), and its outputs.
 */

import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { AUTO_SNAPSHOTS_TYPE, AutoSnapshots } from "../../provider";
import { autoSnapshotsSchema } from "../../provider/resources/autoSnapshots/schema";
import { propertyNames } from "../../provider/schema";

/** A mock engine: the add-on's outputs are its inputs plus what Lightsail would report. */
class EngineMocks implements pulumi.runtime.Mocks {
    readonly registered: pulumi.runtime.MockResourceArgs[] = [];

    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        this.registered.push(args);
        const inputs = args.inputs as Record<string, unknown>;
        const resourceName = String(inputs.diskName ?? inputs.instanceName);
        return {
            id: resourceName,
            state: { ...inputs, resourceName, resourceType: inputs.diskName ? "Disk" : "Instance", status: "Enabled" },
        };
    }

    call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
        return args.inputs;
    }
}

function settle<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** The registered inputs without the serialized provider, which is long and tested elsewhere. */
function declared(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
    const { __provider: provider, ...rest } = args.inputs as Record<string, unknown>;
    assert.equal(typeof provider, "string", "the serialized provider goes along");
    return rest;
}

describe("AutoSnapshots, the dynamic resource class, under mocks", () => {
    const mocks = new EngineMocks();
    let savedConfig: Record<string, string>;
    let savedRegion: string | undefined;

    before(async () => {
        savedConfig = pulumi.runtime.allConfig();
        savedRegion = process.env.AWS_REGION;
        process.env.AWS_REGION = "eu-central-1";
        await pulumi.runtime.setMocks(mocks, "nightly", "dev", false);
    });

    after(() => {
        settings.resetOptions("", "", -1, "", "", false, "");
        pulumi.runtime.setAllConfig(savedConfig);
        if (savedRegion === undefined) delete process.env.AWS_REGION;
        else process.env.AWS_REGION = savedRegion;
    });

    const registration = (name: string) => {
        const found = mocks.registered.find((r) => r.type === AUTO_SNAPSHOTS_TYPE && r.name === name);
        assert.ok(found, `AutoSnapshots ${name} was not registered`);
        return found;
    };

    it("registers exactly its arguments under its type token, with the default region", async () => {
        const nightly = new AutoSnapshots("nightly", { diskName: "Disk-1", snapshotTimeOfDay: "06:00" });
        assert.equal(await settle(nightly.id), "Disk-1");
        const args = registration("nightly");
        assert.equal(args.type, "pulumi-nodejs:dynamic/lightsail:AutoSnapshots");
        assert.deepEqual(declared(args), { diskName: "Disk-1", snapshotTimeOfDay: "06:00", region: "eu-central-1" });
    });

    it("keeps a declared region for an instance", async () => {
        const wordpress = new AutoSnapshots("wordpress", {
            instanceName: "WordPress-1",
            snapshotTimeOfDay: "03:00",
            region: "ap-south-1",
        });
        await settle(wordpress.id);
        assert.deepEqual(declared(registration("wordpress")), {
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
