/**
 * The native plugin's functions (invokes): the package's lookups, `getDiskSnapshot`,
 * `getLatestDiskSnapshot` and `getAutoSnapshots`, each with its arguments described once here in
 * the schema vocabulary (which gives the package schema's `functions`) and run by the very lookup
 * functions programs call, with the provider's settings. A snapshot lookup's result is DiskSnapshot's
 * reported properties, taken from its schema.
 */

import { getAutoSnapshots, getDiskSnapshot, getLatestDiskSnapshot } from "../lookups";
import type { EngineProperties } from "../outputs";
import { diskSnapshotSchema } from "../resources/diskSnapshot/schema";
import { currentSettings } from "../runtime";
import {
    described,
    objectTypeOf,
    type PackageEnumType,
    type PackageFunction,
    type PackageInfo,
    type PackageObjectType,
    type PackageProperty,
    propertyOf,
    type ResourceSchema,
    type ValueType,
} from "../schema";
import { PACKAGE_NAME } from "./wire";

/** One argument of a function. */
interface ArgumentSpec {
    type: ValueType;
    doc: string;
    optional?: boolean;
}

/** A function of the package: its arguments, what it returns, and how it runs. */
interface FunctionSpec {
    doc: string;
    args: Record<string, ArgumentSpec>;
    /** The result's properties in the package schema. */
    result: (
        info: PackageInfo,
        types: Record<string, PackageObjectType | PackageEnumType>,
    ) => {
        properties: Record<string, PackageProperty>;
        required?: string[];
    };
    run: (args: EngineProperties) => Promise<object>;
}

const REGION_ARG: ArgumentSpec = {
    type: { kind: "string" },
    optional: true,
    doc: "The region. Default: `lightsail-snapshots:region`, then `AWS_REGION`, then `AWS_DEFAULT_REGION`.",
};

const SOURCE_ARGS: Record<string, ArgumentSpec> = {
    diskName: {
        type: { kind: "string" },
        optional: true,
        doc: "The disk (exactly one of `diskName`, `instanceName`).",
    },
    instanceName: { type: { kind: "string" }, optional: true, doc: "The instance (its system volume)." },
    region: REGION_ARG,
};

/** DiskSnapshot's reported properties: what a snapshot lookup returns. */
function snapshotResult(info: PackageInfo, types: Record<string, PackageObjectType | PackageEnumType>) {
    const properties: Record<string, PackageProperty> = {};
    const required: string[] = [];
    const specs: ResourceSchema["properties"] = diskSnapshotSchema.properties;
    for (const [name, spec] of Object.entries(specs)) {
        if (spec.role !== "output" && spec.reported !== true) continue;
        properties[name] = propertyOf(info, spec.type, described({ ...spec, role: "output" }), types, {
            owner: "DiskSnapshot",
            name,
        });
        if (spec.optional !== true) required.push(name);
    }
    return { properties, required };
}

/** The automatic snapshot type getAutoSnapshots lists. */
const AUTO_SNAPSHOT_TYPE = {
    kind: "object",
    name: "AutoSnapshot",
    doc: "An automatic snapshot of a disk or instance.",
    fields: {
        date: {
            type: { kind: "string" },
            doc: "The day it was taken, `YYYY-MM-DD` (what restores and copies name it by).",
        },
        createdAt: { type: { kind: "string" }, optional: true, doc: "When it was taken, ISO 8601." },
        status: { type: { kind: "string" }, optional: true, doc: "`Success`, `InProgress`, `Failed` or `NotFound`." },
    },
} as const;

const plain = <T>(args: EngineProperties) => args as unknown as T;

/** The package's functions, by name (the token is `lightsail-snapshots:index:<name>`). */
export const FUNCTIONS: Record<string, FunctionSpec> = {
    getDiskSnapshot: {
        doc: "Reads one existing disk snapshot by name; fails when there is none.",
        args: {
            diskSnapshotName: { type: { kind: "string" }, doc: "The snapshot's name." },
            region: REGION_ARG,
        },
        result: snapshotResult,
        run: (args) => getDiskSnapshot(plain(args), currentSettings()),
    },
    getLatestDiskSnapshot: {
        doc: "The newest snapshot of a disk or of an instance's system volume; fails when there is none.",
        args: {
            ...SOURCE_ARGS,
            includeIncomplete: {
                type: { kind: "boolean" },
                optional: true,
                doc: "Also consider snapshots that are not `completed` yet. Default: `false`.",
            },
        },
        result: snapshotResult,
        run: (args) => getLatestDiskSnapshot(plain(args), currentSettings()),
    },
    getAutoSnapshots: {
        doc: "The automatic snapshots of a disk or instance, newest first (Lightsail keeps at most seven).",
        args: SOURCE_ARGS,
        result: (info, types) => {
            const token = `${PACKAGE_NAME}:index:${AUTO_SNAPSHOT_TYPE.name}`;
            types[token] = objectTypeOf(info, AUTO_SNAPSHOT_TYPE, types);
            return {
                properties: {
                    autoSnapshots: {
                        type: "array",
                        items: { $ref: `#/types/${token}` },
                        description: "The automatic snapshots, newest first.",
                    },
                },
                required: ["autoSnapshots"],
            };
        },
        run: async (args) => ({
            autoSnapshots: (await getAutoSnapshots(plain(args), currentSettings())).map(
                ({ date, createdAt, status }) => ({ date, createdAt, status }),
            ),
        }),
    },
};

/** The package schema's `functions`, defining the types they need in `types`. */
export function packageFunctions(
    info: PackageInfo,
    types: Record<string, PackageObjectType | PackageEnumType>,
): Record<string, PackageFunction> {
    return Object.fromEntries(
        Object.entries(FUNCTIONS).map(([name, spec]) => {
            const properties: Record<string, PackageProperty> = {};
            for (const [arg, argument] of Object.entries(spec.args)) {
                properties[arg] = propertyOf(info, argument.type, argument.doc, types, { owner: name, name: arg });
            }
            const required = Object.entries(spec.args)
                .filter(([, argument]) => argument.optional !== true)
                .map(([arg]) => arg);
            const inputs = required.length > 0 ? { properties, required } : { properties };
            return [
                `${PACKAGE_NAME}:index:${name}`,
                { description: spec.doc, inputs, outputs: spec.result(info, types) },
            ];
        }),
    );
}
