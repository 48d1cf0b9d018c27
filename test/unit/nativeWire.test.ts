/**
 * The native plugin's pure layer: what it sets in the inputs that the dynamic face sets in the
 * program (so both faces generate the same names), the engine's timeouts, the provider
 * configuration, the detailed diff `replaceOnChanges` needs, and the package schema it serves.
 */

import assert from "node:assert/strict";
import { resolveSettings } from "../../provider/config";
import { diskSnapshot } from "../../provider/engine";
import { AUTO_NAME_BASE, AUTO_NAME_SCOPE } from "../../provider/naming";
import { nativePackageSchema } from "../../provider/native/package";
import { NATIVE_RESOURCES } from "../../provider/native/resources";
import {
    CONFIG_KEYS,
    configSourceOf,
    configValuesOf,
    DIFF_KIND,
    declaredInputs,
    detailedDiff,
    engineAddressOf,
    parseUrn,
    withEngineTimeout,
} from "../../provider/native/wire";
import { RESOURCE_SCHEMAS } from "../../provider/resources";
import { diskSnapshotSchema } from "../../provider/resources/diskSnapshot/schema";
import { packageSchema } from "../../provider/schema";

const URN = "urn:pulumi:dev::backups::lightsail-snapshots:index:DiskSnapshot::data";

describe("native plugin: wire", () => {
    it("finds the engine's address after the flags the engine starts a plugin with", () => {
        assert.equal(engineAddressOf(["127.0.0.1:5555"]), "127.0.0.1:5555");
        assert.equal(
            engineAddressOf(["--logtostderr", "-v=9", "--tracing", "127.0.0.1:9411", "127.0.0.1:5555"]),
            "127.0.0.1:5555",
            "the tracing endpoint is the flag's value, not the engine",
        );
        assert.equal(engineAddressOf(["--logflow", "127.0.0.1:5555", "extra"]), "127.0.0.1:5555");
        assert.equal(engineAddressOf([]), undefined, "run by hand, with no engine");
        assert.equal(engineAddressOf(["--logtostderr"]), undefined);
    });

    it("reads the stack, project, type and name from a URN, also under a parent", () => {
        assert.deepEqual(parseUrn(URN), {
            stack: "dev",
            project: "backups",
            type: "lightsail-snapshots:index:DiskSnapshot",
            name: "data",
        });
        assert.deepEqual(
            parseUrn("urn:pulumi:dev::backups::my:Component$lightsail-snapshots:index:DiskSnapshot::a::b"),
            { stack: "dev", project: "backups", type: "lightsail-snapshots:index:DiskSnapshot", name: "a::b" },
        );
        assert.throws(() => parseUrn("data"), /not a Pulumi URN: data/);
    });

    it("generates the name the dynamic face generates for the same stack, resource and source", async () => {
        const native = declaredInputs(diskSnapshotSchema, URN, { diskName: "Disk-1" }, "us-east-1");
        assert.deepEqual(
            [native[AUTO_NAME_BASE], native[AUTO_NAME_SCOPE], native.region],
            ["data", "backups/dev", "us-east-1"],
        );
        // What DiskSnapshot's class puts in the program's inputs (see dynamicResource.declare).
        const dynamic = {
            diskName: "Disk-1",
            region: "us-east-1",
            [AUTO_NAME_BASE]: "data",
            [AUTO_NAME_SCOPE]: "backups/dev",
        };
        const [a, b] = await Promise.all([diskSnapshot.check({}, native), diskSnapshot.check({}, dynamic)]);
        assert.match(String(a.inputs?.diskSnapshotName), /^data-[a-z0-9]{7}$/);
        assert.equal(a.inputs?.diskSnapshotName, b.inputs?.diskSnapshotName);
    });

    it("keeps a declared region and leaves a missing one missing when the provider has none", () => {
        assert.equal(declaredInputs(diskSnapshotSchema, URN, { region: "eu-west-1" }, "us-east-1").region, "eu-west-1");
        assert.ok(!("region" in declaredInputs(diskSnapshotSchema, URN, {}, undefined)));
    });

    it("lays the engine's customTimeouts over the timeouts input, and leaves them alone at 0", () => {
        const inputs = { diskName: "Disk-1", timeouts: { create: "2h", delete: "5m" } };
        assert.deepEqual(withEngineTimeout(inputs, "create", 3).timeouts, { create: "3s", delete: "5m" });
        assert.deepEqual(withEngineTimeout(inputs, "delete", 90).timeouts, { create: "2h", delete: "90s" });
        assert.equal(withEngineTimeout(inputs, "create", 0), inputs);
        assert.deepEqual(withEngineTimeout({}, "create", 1.5), { timeouts: { create: "1.5s" } });
    });

    it("reads the provider configuration from the stack's variables and an explicit provider's inputs", () => {
        const variables = new Map([
            ["lightsail-snapshots:config:region", "us-west-2"],
            ["lightsail-snapshots:config:profile", "backup"],
            ["other:config:region", "eu-west-1"],
        ]);
        assert.deepEqual(configValuesOf(variables, undefined), { region: "us-west-2", profile: "backup" });
        assert.deepEqual(configValuesOf(variables, { region: "ap-south-1", endpoint: "http://127.0.0.1:4566" }), {
            region: "ap-south-1",
            profile: "backup",
            endpoint: "http://127.0.0.1:4566",
        });
        const settings = resolveSettings(
            configSourceOf({ region: "us-west-2", profile: "backup", endpoint: "http://127.0.0.1:4566" }),
            {},
        );
        assert.deepEqual(
            [settings.defaultRegion, settings.client.profile, settings.client.endpoint],
            ["us-west-2", "backup", "http://127.0.0.1:4566"],
        );
        assert.throws(
            () => resolveSettings(configSourceOf({ endpoint: "http://lightsail.example.com" }), {}),
            /must use https .*\(from lightsail-snapshots:endpoint\)$/,
        );
    });

    it("answers a detailed diff: tags change in place, a new source replaces", () => {
        const olds = { diskName: "Disk-1", diskSnapshotName: "s-1", region: "us-east-1", tags: { a: "1" } };
        assert.deepEqual(detailedDiff(diskSnapshotSchema, olds, { ...olds, tags: { a: "2" } }, []), {
            tags: { kind: DIFF_KIND.UPDATE, inputDiff: true },
        });
        assert.deepEqual(detailedDiff(diskSnapshotSchema, olds, { ...olds, diskName: "Disk-2" }, ["diskName"]), {
            diskName: { kind: DIFF_KIND.UPDATE_REPLACE, inputDiff: true },
        });
        const { tags: _tags, ...untagged } = olds;
        assert.deepEqual(detailedDiff(diskSnapshotSchema, untagged, olds, []), {
            tags: { kind: DIFF_KIND.ADD, inputDiff: true },
        });
    });
});

describe("native plugin: wire, at the edges", () => {
    it("takes a URN only whole, and a type without a parent as it is", () => {
        assert.throws(() => parseUrn(`x${URN}`), /not a Pulumi URN/);
        assert.deepEqual(parseUrn("urn:pulumi:::::pkg:index:T::"), {
            stack: "",
            project: "",
            type: "pkg:index:T",
            name: "",
        });
        assert.equal(parseUrn("urn:pulumi:dev::p::pkg:index:T::a\nb").name, "a\nb", "a name may hold a newline");
    });

    it("fills a null region from the provider, and names only resources whose name is generated", () => {
        assert.equal(declaredInputs(diskSnapshotSchema, URN, { region: null }, "us-east-1").region, "us-east-1");
        const autoSnapshots = RESOURCE_SCHEMAS.find((schema) => schema.name === "AutoSnapshots");
        assert.ok(autoSnapshots);
        const declared = declaredInputs(autoSnapshots, URN, { diskName: "Disk-1" }, "us-east-1");
        assert.ok(
            !(AUTO_NAME_BASE in declared) && !(AUTO_NAME_SCOPE in declared),
            "AutoSnapshots has no name to generate",
        );
    });

    it("gives no endpoint config when none is set, and nothing for other keys", () => {
        const source = configSourceOf({ region: "us-west-2" });
        assert.equal(source.get("aws:endpoints"), undefined);
        assert.equal(source.get("aws:accessKey"), undefined);
    });

    it("reads a setting under its short key too, and treats empty strings as unset", () => {
        assert.deepEqual(configValuesOf({ "lightsail-snapshots:region": "eu-west-2" }, undefined), {
            region: "eu-west-2",
        });
        assert.deepEqual(configValuesOf({ "lightsail-snapshots:config:region": "eu-west-2" }, { region: "" }), {
            region: "eu-west-2",
        });
        assert.deepEqual(configValuesOf({ "lightsail-snapshots:config:profile": "" }, undefined), {});
    });

    it("marks a property the new inputs drop as deleted", () => {
        const olds = { diskName: "Disk-1", diskSnapshotName: "s-1", region: "us-east-1", tags: { a: "1" } };
        const { tags: _tags, ...untagged } = olds;
        assert.deepEqual(detailedDiff(diskSnapshotSchema, olds, untagged, []), {
            tags: { kind: DIFF_KIND.DELETE, inputDiff: true },
        });
    });
});

describe("native plugin: package schema and resources", () => {
    const schema = nativePackageSchema("1.2.3");

    it("is the schema module's package schema of every resource, with the provider's configuration", () => {
        const emitted = packageSchema({ name: "lightsail-snapshots" }, RESOURCE_SCHEMAS);
        assert.deepEqual(schema.resources, emitted.resources);
        // Every type of the resources, plus what the functions return.
        assert.deepEqual(
            Object.fromEntries(Object.keys(emitted.types).map((token) => [token, schema.types[token]])),
            emitted.types,
        );
        assert.deepEqual(Object.keys(schema.functions ?? {}), [
            "lightsail-snapshots:index:getDiskSnapshot",
            "lightsail-snapshots:index:getLatestDiskSnapshot",
            "lightsail-snapshots:index:getAutoSnapshots",
        ]);
        // A snapshot lookup returns what DiskSnapshot reports, from its schema.
        const lookup = schema.functions?.["lightsail-snapshots:index:getDiskSnapshot"];
        assert.deepEqual(lookup?.inputs?.required, ["diskSnapshotName"]);
        assert.deepEqual(
            lookup?.outputs?.properties.arn,
            schema.resources["lightsail-snapshots:index:DiskSnapshot"]?.properties.arn,
        );
        assert.equal(schema.version, "1.2.3");
        assert.deepEqual(Object.keys(schema.config?.variables ?? {}), [...CONFIG_KEYS]);
        assert.deepEqual(Object.keys(schema.provider?.inputProperties ?? {}), [...CONFIG_KEYS]);
    });

    it("serves every resource under its type token, with the dynamic face's methods", () => {
        assert.deepEqual([...NATIVE_RESOURCES.keys()], Object.keys(schema.resources));
        assert.equal(
            NATIVE_RESOURCES.get("lightsail-snapshots:index:DiskSnapshot")?.methods.create,
            diskSnapshot.create,
        );
    });

    it("imports a snapshot with its source as the inputs, and says why the others cannot be imported", () => {
        const snapshot = NATIVE_RESOURCES.get("lightsail-snapshots:index:DiskSnapshot");
        assert.deepEqual(snapshot?.importedInputs?.({ fromDiskName: "Disk-1" }), { diskName: "Disk-1" });
        assert.deepEqual(snapshot?.importedInputs?.({ fromInstanceName: "WordPress-1", fromDiskName: "x" }), {
            instanceName: "WordPress-1",
        });
        for (const name of ["DiskFromSnapshot", "DiskSnapshotCopy"]) {
            assert.match(
                String(NATIVE_RESOURCES.get(`lightsail-snapshots:index:${name}`)?.notImportable),
                /adopt: true/,
            );
        }
    });
});
