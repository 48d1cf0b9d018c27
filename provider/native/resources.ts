/**
 * The native plugin's resources: each type token with its schema and the very methods the
 * dynamic face's serialized providers call (`../engine`), and, where Lightsail tells it, what an
 * imported resource's inputs are.
 */

import { autoSnapshots, diskFromSnapshot, diskSnapshot, diskSnapshotCopy } from "../engine";
import type { EngineProperties } from "../outputs";
import { RESOURCE_SCHEMAS } from "../resources";
import type { ResourceSchema } from "../schema";
import { resourceToken } from "./wire";

/** A resource's methods as the engine calls them, loosely typed at this boundary. */
export interface NativeMethods {
    check(olds: EngineProperties, news: EngineProperties): Promise<{ inputs?: unknown; failures?: Failure[] }>;
    diff(id: string, olds: EngineProperties, news: EngineProperties): Promise<DiffAnswer>;
    create(inputs: EngineProperties): Promise<{ id: string; outs?: unknown }>;
    read(id: string, props: EngineProperties): Promise<{ id?: string; props?: unknown; inputs?: unknown }>;
    update(id: string, olds: EngineProperties, news: EngineProperties): Promise<{ outs?: unknown }>;
    delete(id: string, props: EngineProperties): Promise<void>;
}

/** A check failure. */
export interface Failure {
    property: string;
    reason: string;
}

/** A resource's diff decision. */
export interface DiffAnswer {
    changes?: boolean;
    replaces?: string[];
    stables?: string[];
    deleteBeforeReplace?: boolean;
}

/** A resource as the native plugin serves it. */
export interface NativeResource {
    token: string;
    schema: ResourceSchema;
    methods: NativeMethods;
    /**
     * The inputs of a resource read by `pulumi import`, from its outputs; absent where Lightsail
     * does not record what the resource was made from (then import is refused with the reason).
     */
    importedInputs?: (outputs: EngineProperties) => EngineProperties;
    /** Why the resource cannot be imported, when {@link importedInputs} is absent. */
    notImportable?: string;
}

const METHODS: Record<string, NativeMethods> = {
    DiskSnapshot: diskSnapshot as unknown as NativeMethods,
    AutoSnapshots: autoSnapshots as unknown as NativeMethods,
    DiskFromSnapshot: diskFromSnapshot as unknown as NativeMethods,
    DiskSnapshotCopy: diskSnapshotCopy as unknown as NativeMethods,
};

/** Import details that only the resource knows. */
const IMPORT: Record<string, Pick<NativeResource, "importedInputs" | "notImportable">> = {
    DiskSnapshot: {
        // A snapshot names its source: an instance's system volume, or a block storage disk.
        importedInputs: (outputs) =>
            typeof outputs.fromInstanceName === "string"
                ? { instanceName: outputs.fromInstanceName }
                : { diskName: outputs.fromDiskName },
    },
    AutoSnapshots: {
        notImportable:
            "import is not supported for AutoSnapshots; declare it instead: creating it over an add-on that is already on takes it over",
    },
    DiskFromSnapshot: {
        notImportable:
            "Lightsail does not record which snapshot a disk was restored from; declare it with adopt: true instead",
    },
    DiskSnapshotCopy: {
        notImportable:
            "Lightsail does not record which snapshot a copy was made from; declare it with adopt: true instead",
    },
};

/** Every resource of the package, by type token (`lightsail-snapshots:index:DiskSnapshot`). */
export const NATIVE_RESOURCES: ReadonlyMap<string, NativeResource> = new Map(
    RESOURCE_SCHEMAS.map((schema) => {
        const methods = METHODS[schema.name];
        if (!methods) throw new Error(`no methods for ${schema.name}`);
        const token = resourceToken(schema);
        return [token, { token, schema, methods, ...IMPORT[schema.name] }] as const;
    }),
);
