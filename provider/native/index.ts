/**
 * The TypeScript face of the native provider plugin (`pulumi-lightsail-disk-snapshot/native`):
 * the same four resources as the package's main entry, as `CustomResource`s of the Pulumi package
 * `lightsail-snapshots`, and its `Provider`. The engine runs them through the plugin
 * `bin/pulumi-resource-lightsail-snapshots`, so `pulumi import`, `customTimeouts` and
 * `replaceOnChanges` work and progress shows on each resource's row; the project's `Pulumi.yaml`
 * has to point its `plugins: providers:` entry at the installed package's `bin` folder (see the
 * README). The argument and output types are the ones the schema gives the dynamic face.
 *
 * @packageDocumentation
 */

import * as pulumi from "@pulumi/pulumi";
import type { AutoSnapshotsArgs, AutoSnapshotsSchema } from "../resources/autoSnapshots/schema";
import { autoSnapshotsSchema } from "../resources/autoSnapshots/schema";
import type { DiskFromSnapshotArgs, DiskFromSnapshotSchema } from "../resources/diskFromSnapshot/schema";
import { diskFromSnapshotSchema } from "../resources/diskFromSnapshot/schema";
import type { DiskSnapshotArgs, DiskSnapshotSchema } from "../resources/diskSnapshot/schema";
import { diskSnapshotSchema } from "../resources/diskSnapshot/schema";
import type { DiskSnapshotCopyArgs, DiskSnapshotCopySchema } from "../resources/diskSnapshotCopy/schema";
import { diskSnapshotCopySchema } from "../resources/diskSnapshotCopy/schema";
import { type OutputPropertiesOf, propertyNames, type ResourceSchema } from "../schema";
import { type ConfigKey, PACKAGE_NAME, resourceToken } from "./wire";

export type { AutoSnapshotsArgs, DiskFromSnapshotArgs, DiskSnapshotArgs, DiskSnapshotCopyArgs };

/** What `get` needs besides the resource's ID: its region, when not the provider's. */
export interface NativeLookupState {
    /** The resource's region; default: the provider's `region`. */
    region?: pulumi.Input<string>;
}

/**
 * The properties a resource registers: every property of its schema as an output (so the engine
 * fills them in), with the program's arguments over them. The plugin sets what the dynamic face
 * sets in the program (the generated-name base, the default region) from the URN and its
 * configuration, so nothing is added here.
 */
function registered(schema: ResourceSchema, args: object | undefined): pulumi.Inputs {
    return { ...Object.fromEntries(propertyNames(schema).map((name) => [name, undefined])), ...args };
}

/** Every property of the schema, declared as an output of the class. */
export interface DiskSnapshot extends OutputPropertiesOf<DiskSnapshotSchema> {}

/**
 * A snapshot of a Lightsail block storage disk or of an instance's system volume, through the
 * native plugin: the main entry's `DiskSnapshot` with import and every resource option.
 *
 * @example
 * ```ts
 * const data = new DiskSnapshot("data", { diskName: "Disk-1" }, { customTimeouts: { create: "30m" } });
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the outputs are declared once, by the schema (the interface above); the engine gives them values.
export class DiskSnapshot extends pulumi.CustomResource {
    /** The type token, `lightsail-snapshots:index:DiskSnapshot`. */
    static readonly token = resourceToken(diskSnapshotSchema);

    /**
     * Declares a disk snapshot.
     *
     * @param name The Pulumi resource name; also the base of a generated snapshot name.
     * @param args The snapshot's source, name, tags and region.
     * @param opts Resource options, all honoured: `import`, `customTimeouts`, `replaceOnChanges`, `provider`.
     */
    constructor(name: string, args: DiskSnapshotArgs, opts?: pulumi.CustomResourceOptions) {
        super(DiskSnapshot.token, name, registered(diskSnapshotSchema, args), opts);
    }

    /**
     * Reads an existing snapshot into the program without managing it.
     *
     * @param name The Pulumi resource name.
     * @param id The snapshot's Lightsail name.
     * @param state Its region, when not the provider's.
     * @param opts Resource options.
     */
    static get(
        name: string,
        id: pulumi.Input<pulumi.ID>,
        state?: NativeLookupState,
        opts?: pulumi.CustomResourceOptions,
    ): DiskSnapshot {
        return new DiskSnapshot(name, { region: state?.region }, { ...opts, id });
    }
}

/** Every property of the schema, declared as an output of the class. */
export interface AutoSnapshots extends OutputPropertiesOf<AutoSnapshotsSchema> {}

/** Lightsail's automatic daily snapshots of a disk or an instance, through the native plugin. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the outputs are declared once, by the schema (the interface above); the engine gives them values.
export class AutoSnapshots extends pulumi.CustomResource {
    /** The type token, `lightsail-snapshots:index:AutoSnapshots`. */
    static readonly token = resourceToken(autoSnapshotsSchema);

    /**
     * Turns on automatic snapshots of a disk or an instance.
     *
     * @param name The Pulumi resource name.
     * @param args The resource, its snapshot time and region.
     * @param opts Resource options.
     */
    constructor(name: string, args: AutoSnapshotsArgs, opts?: pulumi.CustomResourceOptions) {
        super(AutoSnapshots.token, name, registered(autoSnapshotsSchema, args), opts);
    }
}

/** Every property of the schema, declared as an output of the class. */
export interface DiskFromSnapshot extends OutputPropertiesOf<DiskFromSnapshotSchema> {}

/** A block storage disk restored from a snapshot, optionally attached, through the native plugin. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the outputs are declared once, by the schema (the interface above); the engine gives them values.
export class DiskFromSnapshot extends pulumi.CustomResource {
    /** The type token, `lightsail-snapshots:index:DiskFromSnapshot`. */
    static readonly token = resourceToken(diskFromSnapshotSchema);

    /**
     * Declares a disk restored from a snapshot.
     *
     * @param name The Pulumi resource name; also the base of a generated disk name.
     * @param args The snapshot to restore, the zone, the attachment and tags.
     * @param opts Resource options.
     */
    constructor(name: string, args: DiskFromSnapshotArgs, opts?: pulumi.CustomResourceOptions) {
        super(DiskFromSnapshot.token, name, registered(diskFromSnapshotSchema, args), opts);
    }
}

/** Every property of the schema, declared as an output of the class. */
export interface DiskSnapshotCopy extends OutputPropertiesOf<DiskSnapshotCopySchema> {}

/** A copy of a disk snapshot in another region, through the native plugin. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the outputs are declared once, by the schema (the interface above); the engine gives them values.
export class DiskSnapshotCopy extends pulumi.CustomResource {
    /** The type token, `lightsail-snapshots:index:DiskSnapshotCopy`. */
    static readonly token = resourceToken(diskSnapshotCopySchema);

    /**
     * Declares a cross-region copy of a snapshot.
     *
     * @param name The Pulumi resource name; also the base of a generated copy name.
     * @param args The source snapshot and region, the copy's region, name and tags.
     * @param opts Resource options.
     */
    constructor(name: string, args: DiskSnapshotCopyArgs, opts?: pulumi.CustomResourceOptions) {
        super(DiskSnapshotCopy.token, name, registered(diskSnapshotCopySchema, args), opts);
    }
}

/** The provider's configuration, as `lightsail-snapshots:<key>` or on an explicit {@link Provider}. */
export type ProviderArgs = { [K in ConfigKey]?: pulumi.Input<string> };

/**
 * An explicit `lightsail-snapshots` provider: resources given it with `{ provider }` live in its
 * region and reach Lightsail through its profile and endpoint. Nothing secret is stored:
 * credentials come from the AWS environment and profile.
 */
export class Provider extends pulumi.ProviderResource {
    /**
     * Declares a provider.
     *
     * @param name The Pulumi resource name.
     * @param args Its region, profile and endpoint; each defaults as the stack configuration does.
     * @param opts Resource options.
     */
    constructor(name: string, args: ProviderArgs = {}, opts?: pulumi.ResourceOptions) {
        super(PACKAGE_NAME, name, { ...args }, opts);
    }
}
