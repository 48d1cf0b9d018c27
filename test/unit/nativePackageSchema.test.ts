/**
 * The native plugin's package schema as the SDK generators read it: the package's metadata, the
 * configuration variables, and each function's inputs and result, checked against the resource
 * schemas they are derived from.
 */

import assert from "node:assert/strict";
import { nativePackageSchema, packageSchemaText } from "../../provider/native/package";
import { CONFIG_KEYS } from "../../provider/native/wire";
import { RESOURCE_SCHEMAS } from "../../provider/resources";
import { diskSnapshotSchema } from "../../provider/resources/diskSnapshot/schema";
import type { PackageProperty } from "../../provider/schema";

const PACKAGE = "lightsail-snapshots";
const token = (name: string) => `${PACKAGE}:index:${name}`;
const packageJson = require("../../package.json") as { license: string; repository: { url: string } };

describe("native plugin: package schema for the SDK generators", () => {
    const schema = nativePackageSchema("0.4.0");
    const functions = schema.functions ?? {};

    it("names and describes the package, with the SDK settings of each language", () => {
        const repository = packageJson.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
        assert.equal(schema.name, PACKAGE);
        assert.equal(schema.version, "0.4.0");
        assert.equal(schema.displayName, "AWS Lightsail snapshots");
        assert.match(String(schema.description), /^AWS Lightsail disk snapshots, .* as Pulumi resources\.$/);
        assert.deepEqual(schema.keywords, [
            "pulumi",
            "aws",
            "lightsail",
            "snapshot",
            "backup",
            "category/cloud",
            "kind/native",
        ]);
        assert.equal(schema.license, packageJson.license);
        assert.equal(schema.repository, repository);
        assert.deepEqual(schema.meta, { supportPack: true });
        assert.deepEqual(schema.language, {
            nodejs: { respectSchemaVersion: true },
            go: { importBasePath: `${repository.replace("https://", "")}/sdk/go/lightsailsnapshots` },
            python: {
                packageName: "pulumi_lightsail_snapshots",
                respectSchemaVersion: true,
                pyproject: { enabled: true },
            },
        });
    });

    it("declares every configuration variable as a described string, on the provider too", () => {
        const variables = schema.config?.variables ?? {};
        assert.deepEqual(Object.keys(variables), [...CONFIG_KEYS]);
        for (const key of CONFIG_KEYS) {
            assert.equal(variables[key]?.type, "string", key);
            assert.ok((variables[key]?.description ?? "").length > 20, `${key} is described`);
        }
        assert.match(String(variables.region?.description), /AWS_REGION/);
        assert.match(String(variables.profile?.description), /AWS_PROFILE/);
        assert.match(String(variables.endpoint?.description), /AWS_ENDPOINT_URL_LIGHTSAIL/);
        assert.deepEqual(schema.provider?.inputProperties, variables);
        assert.equal(
            schema.provider?.description,
            "The lightsail-snapshots provider: where resources live and how Lightsail is reached.",
        );
    });

    it("serves the same schema as JSON text", () => {
        assert.deepEqual(JSON.parse(packageSchemaText("0.4.0")), JSON.parse(JSON.stringify(schema)));
    });

    it("gives each function a description and described inputs, requiring only what it needs", () => {
        assert.deepEqual(Object.keys(functions), [
            token("getDiskSnapshot"),
            token("getLatestDiskSnapshot"),
            token("getAutoSnapshots"),
        ]);
        for (const [name, fn] of Object.entries(functions)) {
            assert.ok(fn.description.length > 20, `${name} is described`);
            for (const [arg, property] of Object.entries(fn.inputs?.properties ?? {})) {
                assert.ok((property.description ?? "").length > 5, `${name}.${arg} is described`);
            }
        }
        const string = (property: PackageProperty | undefined) => property?.type;
        const getOne = functions[token("getDiskSnapshot")];
        assert.deepEqual(Object.keys(getOne?.inputs?.properties ?? {}), ["diskSnapshotName", "region"]);
        assert.deepEqual(getOne?.inputs?.required, ["diskSnapshotName"]);
        assert.equal(string(getOne?.inputs?.properties.diskSnapshotName), "string");
        assert.equal(getOne?.inputs?.properties.diskSnapshotName?.description, "The snapshot's name.");

        const latest = functions[token("getLatestDiskSnapshot")];
        assert.deepEqual(Object.keys(latest?.inputs?.properties ?? {}), [
            "diskName",
            "instanceName",
            "region",
            "includeIncomplete",
        ]);
        assert.equal(latest?.inputs?.properties.includeIncomplete?.type, "boolean");
        assert.ok(!("required" in (latest?.inputs ?? {})), "every argument of getLatestDiskSnapshot is optional");

        const auto = functions[token("getAutoSnapshots")];
        assert.deepEqual(Object.keys(auto?.inputs?.properties ?? {}), ["diskName", "instanceName", "region"]);
        assert.ok(!("required" in (auto?.inputs ?? {})), "every argument of getAutoSnapshots is optional");
        for (const arg of ["diskName", "instanceName", "region"]) {
            assert.equal(auto?.inputs?.properties[arg]?.type, "string", arg);
        }
    });

    it("returns from both snapshot lookups what DiskSnapshot reports, as its schema lists it", () => {
        const reported = Object.entries(diskSnapshotSchema.properties).filter(
            ([, spec]) => spec.role === "output" || ("reported" in spec && spec.reported === true),
        );
        const expectedNames = reported.map(([name]) => name);
        const expectedRequired = reported.filter(([, spec]) => !("optional" in spec && spec.optional)).map(([n]) => n);
        assert.ok(expectedNames.includes("diskSnapshotName"), "the name is reported though it is an input");
        assert.ok(!expectedNames.includes("diskName") && !expectedNames.includes("timeouts"));
        const resource = schema.resources[token("DiskSnapshot")];
        assert.ok(resource);
        for (const name of ["getDiskSnapshot", "getLatestDiskSnapshot"]) {
            const outputs = functions[token(name)]?.outputs;
            assert.deepEqual(Object.keys(outputs?.properties ?? {}), expectedNames, name);
            assert.deepEqual(outputs?.required, expectedRequired, name);
            for (const [property, value] of Object.entries(outputs?.properties ?? {})) {
                const spec = diskSnapshotSchema.properties[property as keyof typeof diskSnapshotSchema.properties];
                assert.ok(value.description?.startsWith(spec.doc), `${name}.${property} has its doc`);
                assert.doesNotMatch(
                    String(value.description),
                    /replaces the resource|Changed in place/,
                    `${name}.${property}: a result is not something to change`,
                );
                const { description: _ours, ...shape } = value;
                const { description: _theirs, ...resourceShape } = resource.properties[property] ?? {};
                assert.deepEqual(shape, resourceShape, `${name}.${property} has the resource's type`);
            }
            assert.deepEqual(outputs?.properties.location, {
                $ref: `#/types/${token("SnapshotLocation")}`,
                description: resource.properties.location?.description,
            });
            assert.equal(outputs?.properties.sizeInGb?.type, "integer");
            assert.equal(outputs?.properties.isFromAutoSnapshot?.type, "boolean");
            assert.equal(outputs?.properties.tags?.type, "object");
        }
        assert.ok(schema.types[token("SnapshotLocation")], "the location's type is defined");
    });

    it("returns from getAutoSnapshots a required list of a defined AutoSnapshot type", () => {
        const outputs = functions[token("getAutoSnapshots")]?.outputs;
        assert.deepEqual(outputs, {
            properties: {
                autoSnapshots: {
                    type: "array",
                    items: { $ref: `#/types/${token("AutoSnapshot")}` },
                    description: "The automatic snapshots, newest first.",
                },
            },
            required: ["autoSnapshots"],
        });
        const type = schema.types[token("AutoSnapshot")];
        assert.ok(type && "properties" in type, "AutoSnapshot is an object type");
        assert.equal(type.type, "object");
        assert.deepEqual(Object.keys(type.properties), ["date", "createdAt", "status"]);
        assert.deepEqual(type.required, ["date"]);
        for (const property of Object.values(type.properties)) assert.equal(property.type, "string");
        assert.ok(
            !RESOURCE_SCHEMAS.some((resource) => token(resource.name) === token("AutoSnapshot")),
            "the type does not collide with a resource",
        );
    });
});
