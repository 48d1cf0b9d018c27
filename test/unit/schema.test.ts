import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { propertyChanges } from "../../provider/diff";
import { refreshedInputs, updatedOutputs } from "../../provider/outputs";
import { RESOURCE_SCHEMAS } from "../../provider/resources";
import { diskSnapshotSchema } from "../../provider/resources/diskSnapshot/schema";
import {
    defineResource,
    inPlaceInputNames,
    type OutputsOf,
    packageSchema,
    propertyNames,
    replacingInputNames,
} from "../../provider/schema";
import { README_PATH, renderReadme } from "../../scripts/readmeTables";

describe("resource schemas", () => {
    it("the README's input and output tables are the ones the schemas render", () => {
        const readme = fs.readFileSync(README_PATH, "utf8");
        assert.ok(readme.includes("<!-- schema:DiskSnapshot:inputs -->"));
        assert.ok(readme.includes("<!-- schema:DiskSnapshot:outputs -->"));
        assert.equal(readme, renderReadme(readme), "run: npx tsx scripts/readmeTables.ts --write");
    });

    it("DiskSnapshot: name, source and region replace; tags, timeouts and adopt change in place", () => {
        assert.deepEqual(replacingInputNames(diskSnapshotSchema).sort(), [
            "diskName",
            "diskSnapshotName",
            "instanceName",
            "region",
        ]);
        assert.deepEqual(inPlaceInputNames(diskSnapshotSchema).sort(), ["adopt", "tags", "timeouts"]);
    });

    it("every property has a one-line doc and every input says how a change applies", () => {
        for (const schema of RESOURCE_SCHEMAS) {
            for (const [name, spec] of Object.entries(schema.properties)) {
                assert.ok(spec.doc.length > 0 && !spec.doc.includes("\n"), `${schema.name}.${name}`);
            }
            assert.ok(schema.idProperty in schema.properties);
        }
    });

    describe("adding an output is one line in the schema", () => {
        // A copy of DiskSnapshot's schema with one more output, as a contributor would add it.
        const extended = defineResource({
            ...diskSnapshotSchema,
            properties: {
                ...diskSnapshotSchema.properties,
                encrypted: { type: { kind: "boolean" }, role: "output", doc: "Whether the snapshot is encrypted." },
            },
        });

        it("reaches the outputs' type, the class's declared outputs and the package schema", () => {
            const outputs: OutputsOf<typeof extended> = {
                diskSnapshotName: "s",
                tags: {},
                region: "us-east-1",
                arn: "a",
                state: "completed",
                sizeInGb: 8,
                createdAt: "2026-12-01T00:00:00.000Z",
                isFromAutoSnapshot: false,
                location: {},
                resourceType: "DiskSnapshot",
                supportCode: "c",
                encrypted: true,
            };
            assert.ok(propertyNames(extended).includes("encrypted"));
            const emitted = packageSchema({ name: "x" }, [extended]).resources["x:index:DiskSnapshot"];
            assert.deepEqual(emitted?.properties.encrypted, {
                type: "boolean",
                description: "Whether the snapshot is encrypted.",
            });
            assert.ok(emitted?.required?.includes("encrypted"));
            assert.ok(!("encrypted" in (emitted?.inputProperties ?? {})));
            // An output is neither diffed nor echoed as an input.
            assert.deepEqual(propertyChanges(extended, outputs, { ...outputs, encrypted: false }), {
                replaces: [],
                updates: [],
            });
            assert.ok(!("encrypted" in refreshedInputs(extended, outputs)));
            assert.equal(updatedOutputs(extended, outputs, { tags: { a: "1" } }).encrypted, true);
        });
    });

    describe("the package schema", () => {
        const schema = packageSchema({ name: "lightsail-snapshots" }, RESOURCE_SCHEMAS);
        const snapshot = schema.resources["lightsail-snapshots:index:DiskSnapshot"];

        it("has every property as an output and every input as an input property", () => {
            assert.ok(snapshot);
            assert.deepEqual(Object.keys(snapshot.properties), propertyNames(diskSnapshotSchema));
            assert.deepEqual(Object.keys(snapshot.inputProperties), [
                "diskName",
                "instanceName",
                "diskSnapshotName",
                "tags",
                "region",
                "timeouts",
                "adopt",
            ]);
            assert.equal(snapshot.requiredInputs, undefined, "no input is required on its own");
        });

        it("refers to named object types and defines them", () => {
            assert.deepEqual(
                snapshot?.inputProperties.timeouts?.$ref,
                "#/types/lightsail-snapshots:index:DiskSnapshotTimeouts",
            );
            // Every type a property refers to is defined, and every defined type is referred to.
            const refs = new Set(
                [...JSON.stringify(schema.resources).matchAll(/"#\/types\/([^"]+)"/g)].map((match) => match[1]),
            );
            assert.deepEqual(Object.keys(schema.types).sort(), [...refs].sort());
            assert.ok(refs.has("lightsail-snapshots:index:DiskAttachment"), "an object input is a named type");
            const timeouts = schema.types["lightsail-snapshots:index:DiskSnapshotTimeouts"];
            assert.ok(timeouts && !("required" in timeouts), "no field of the timeouts is required");
        });

        it("makes a string enumeration a named enum type, as Pulumi schemas require", () => {
            const autoSnapshots = schema.resources["lightsail-snapshots:index:AutoSnapshots"];
            assert.deepEqual(
                autoSnapshots?.properties.resourceType?.$ref,
                "#/types/lightsail-snapshots:index:AutoSnapshotsResourceType",
            );
            assert.deepEqual(schema.types["lightsail-snapshots:index:AutoSnapshotsResourceType"], {
                type: "string",
                description: autoSnapshots?.properties.resourceType?.description,
                enum: [{ value: "Disk" }, { value: "Instance" }],
            });
        });

        it("describes tags as a map of strings, and says what replaces", () => {
            assert.deepEqual(snapshot?.properties.tags?.additionalProperties, { type: "string" });
            assert.match(snapshot?.properties.diskName?.description ?? "", /Changing it replaces the resource\./);
            assert.match(snapshot?.properties.tags?.description ?? "", /Changed in place\./);
        });

        it("is plain JSON", () => {
            assert.deepEqual(JSON.parse(JSON.stringify(schema)), schema);
        });
    });
});

describe("README tables", () => {
    it("render from a schema file path that exists", () => {
        assert.ok(fs.existsSync(path.resolve(README_PATH)));
    });
});
