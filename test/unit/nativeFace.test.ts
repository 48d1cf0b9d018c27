/**
 * The TypeScript face of the native plugin (`<package>/native`) under `pulumi.runtime.setMocks`:
 * each class registers its type token with the program's arguments and every schema property as
 * an output, the outputs come back on the class, and an explicit `Provider` is the package's own
 * provider resource, passed to the resources given it.
 */

import assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { RecordingMocks, settle, useMocks } from "../../harness/resourceMocks";
import { AutoSnapshots, DiskFromSnapshot, DiskSnapshot, DiskSnapshotCopy, Provider } from "../../provider/native";
import { RESOURCE_SCHEMAS } from "../../provider/resources";

const PROJECT = "native-face";
const STACK = "dev";

/** What the mock plugin reports of each resource besides its inputs: its id, ARN, size and location. */
function reportedOf(args: pulumi.runtime.MockResourceArgs) {
    if (args.type === "pulumi:providers:lightsail-snapshots") return { id: "provider-id", state: {} };
    const id = `${args.name}-1a2b3c4`;
    const state: Record<string, unknown> = {
        arn: `arn:aws:lightsail:us-east-1:123456789012:${args.type.split(":").pop()}/${id}`,
        sizeInGb: 8,
        location: { availabilityZone: "all", regionName: "us-east-1" },
    };
    return { id, state };
}

describe("native face: typed CustomResource classes and Provider under mocks", () => {
    const mocks = new RecordingMocks(reportedOf);
    useMocks(mocks, PROJECT, STACK, "us-east-1");
    const registration = (type: string, name: string) => mocks.registration(type, name);

    it("gives each class its lightsail-snapshots:index type token, one per resource schema", () => {
        assert.deepEqual(
            [DiskSnapshot.token, AutoSnapshots.token, DiskFromSnapshot.token, DiskSnapshotCopy.token],
            RESOURCE_SCHEMAS.map((schema) => `lightsail-snapshots:index:${schema.name}`),
        );
    });

    it("registers a DiskSnapshot with its arguments and gets its outputs back, typed", async () => {
        const snapshot = new DiskSnapshot("data", { diskName: "Disk-1", tags: { team: "storage" } });
        const arn: pulumi.Output<string> = snapshot.arn;
        const location = await settle(snapshot.location);
        assert.equal(await settle(arn), "arn:aws:lightsail:us-east-1:123456789012:DiskSnapshot/data-1a2b3c4");
        assert.equal(await settle(snapshot.id), "data-1a2b3c4");
        assert.deepEqual(location, { availabilityZone: "all", regionName: "us-east-1" });
        assert.equal(await settle(snapshot.sizeInGb), 8);
        assert.deepEqual(await settle(snapshot.tags), { team: "storage" });
        const { inputs } = registration(DiskSnapshot.token, "data");
        assert.deepEqual(inputs, { diskName: "Disk-1", tags: { team: "storage" } });
    });

    it("sends nothing of the dynamic face's own: no serialized provider, no generated-name inputs", () => {
        const { inputs } = registration(DiskSnapshot.token, "data");
        for (const key of Object.keys(inputs)) assert.doesNotMatch(key, /^__/);
    });

    it("registers the other three resources with their arguments", async () => {
        const auto = new AutoSnapshots("auto", { diskName: "Disk-1", snapshotTimeOfDay: "06:00" });
        const restored = new DiskFromSnapshot("restored", {
            diskSnapshotName: "nightly-1",
            availabilityZone: "us-east-1a",
        });
        const copy = new DiskSnapshotCopy("dr", { sourceSnapshotName: "nightly-1", sourceRegion: "us-east-1" });
        await Promise.all([settle(auto.id), settle(restored.id), settle(copy.id)]);
        assert.deepEqual(registration(AutoSnapshots.token, "auto").inputs, {
            diskName: "Disk-1",
            snapshotTimeOfDay: "06:00",
        });
        assert.deepEqual(registration(DiskFromSnapshot.token, "restored").inputs, {
            diskSnapshotName: "nightly-1",
            availabilityZone: "us-east-1a",
        });
        assert.deepEqual(registration(DiskSnapshotCopy.token, "dr").inputs, {
            sourceSnapshotName: "nightly-1",
            sourceRegion: "us-east-1",
        });
        assert.equal(await settle(copy.arn), "arn:aws:lightsail:us-east-1:123456789012:DiskSnapshotCopy/dr-1a2b3c4");
    });

    it("reads an existing snapshot by its name with DiskSnapshot.get, in the region given or the provider's", async () => {
        const west = DiskSnapshot.get("existing-west", "snap-9", { region: "eu-west-1" });
        const here = DiskSnapshot.get("existing", "snap-8");
        await Promise.all([settle(west.id), settle(here.id)]);
        const read = registration(DiskSnapshot.token, "existing-west");
        assert.equal(read.id, "snap-9");
        assert.equal(read.inputs.region, "eu-west-1");
        const plain = registration(DiskSnapshot.token, "existing");
        assert.equal(plain.id, "snap-8");
        assert.equal(plain.inputs.region, undefined);
        assert.equal(plain.inputs.diskName, undefined, "a read declares no source");
    });

    it("registers an explicit Provider as pulumi:providers:lightsail-snapshots and passes it to resources", async () => {
        const west = new Provider("west", { region: "us-west-2", endpoint: "http://127.0.0.1:4566" });
        const snapshot = new DiskSnapshot("west-data", { diskName: "Disk-1" }, { provider: west });
        await settle(snapshot.id);
        assert.deepEqual(registration("pulumi:providers:lightsail-snapshots", "west").inputs, {
            region: "us-west-2",
            endpoint: "http://127.0.0.1:4566",
        });
        assert.equal(registration(DiskSnapshot.token, "west-data").provider?.split("::")[3], "west");
    });
});
