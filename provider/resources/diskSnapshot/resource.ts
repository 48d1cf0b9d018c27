/**
 * The DiskSnapshot resource users declare.
 */

import * as pulumi from "@pulumi/pulumi";
import type { OutputPropertiesOf } from "../../schema";
import { declare, logWarnings } from "../dynamicResource";
import { type DiskSnapshotArgs, type DiskSnapshotSchema, diskSnapshotSchema } from "./schema";
import { diskSnapshotProvider } from "./serializedProvider";

/** The type token in the state: `pulumi-nodejs:dynamic/lightsail:DiskSnapshot`. Renaming it needs aliases. */
export const DISK_SNAPSHOT_TYPE = "pulumi-nodejs:dynamic/lightsail:DiskSnapshot";

/** What {@link DiskSnapshot.get} needs besides the snapshot's name. */
export interface DiskSnapshotLookupState {
    /** The snapshot's region; default as for {@link DiskSnapshotArgs.region}. */
    region?: pulumi.Input<string>;
}

/** Every property of the schema, declared as an output of the class (see the README's tables). */
export interface DiskSnapshot extends OutputPropertiesOf<DiskSnapshotSchema> {}

/**
 * A snapshot of a Lightsail block storage disk, or of an instance's system volume.
 *
 * `pulumi up` creates it with its tags and returns once Lightsail reports it `completed`; the
 * ID is the snapshot's name. Changing the name, source or region replaces it; changing tags
 * updates it in place; `pulumi refresh` sees drift and deletion; `pulumi destroy` deletes it.
 *
 * @example
 * ```ts
 * const nightly = new DiskSnapshot("data", { diskName: "Disk-1", tags: { team: "web" } });
 * export const arn = nightly.arn;
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the outputs are declared once, by the schema (the interface above); the engine gives them values.
export class DiskSnapshot extends pulumi.dynamic.Resource {
    /**
     * Declares a disk snapshot.
     *
     * @param name The Pulumi resource name; also the base of a generated snapshot name.
     * @param args The snapshot's source, name, tags and region.
     * @param opts Resource options. `provider` must not be another package's provider, and
     *   `customTimeouts` and `replaceOnChanges` are ignored (with a warning): use `timeouts`.
     * @throws Error when `opts.provider` is another package's provider.
     */
    constructor(name: string, args: DiskSnapshotArgs, opts?: pulumi.CustomResourceOptions) {
        const { props, warnings } = declare(diskSnapshotSchema, name, args, opts, true);
        super(diskSnapshotProvider, name, props, opts, "lightsail", "DiskSnapshot");
        logWarnings(this, warnings);
    }

    /**
     * Reads an existing snapshot into the program without managing it: Pulumi never changes or
     * deletes it, and the preview or update fails when it does not exist. To take one under
     * management, declare it with `adopt: true` instead.
     *
     * @param name The Pulumi resource name.
     * @param id The snapshot's Lightsail name.
     * @param state Its region, when not the default one.
     * @param opts Resource options.
     */
    static get(
        name: string,
        id: pulumi.Input<string>,
        state?: DiskSnapshotLookupState,
        opts?: pulumi.CustomResourceOptions,
    ): DiskSnapshot {
        return new DiskSnapshot(name, { region: state?.region }, { ...opts, id });
    }
}
