/**
 * The DiskFromSnapshot resource users declare.
 */

import * as pulumi from "@pulumi/pulumi";
import type { OutputPropertiesOf } from "../../schema";
import { declare, logWarnings } from "../dynamicResource";
import { type DiskFromSnapshotArgs, type DiskFromSnapshotSchema, diskFromSnapshotSchema } from "./schema";
import { diskFromSnapshotProvider } from "./serializedProvider";

/** The type token in the state: `pulumi-nodejs:dynamic/lightsail:DiskFromSnapshot`. */
export const DISK_FROM_SNAPSHOT_TYPE = "pulumi-nodejs:dynamic/lightsail:DiskFromSnapshot";

/** Every property of the schema, declared as an output of the class (see the README's tables). */
export interface DiskFromSnapshot extends OutputPropertiesOf<DiskFromSnapshotSchema> {}

/**
 * A Lightsail block storage disk restored from a snapshot (a manual one, or a disk's automatic
 * snapshot of a given day or the newest), optionally attached to an instance.
 *
 * `pulumi up` creates the disk with its tags, waits until it is available and, with `attachTo`,
 * attaches it and waits until it is in use. A new source, zone, size or name replaces it; tags
 * and the attachment change in place; `pulumi destroy` detaches it (stopping a running instance
 * for the detach, as Lightsail requires, and starting it again) and deletes it.
 *
 * @example
 * ```ts
 * const restored = new DiskFromSnapshot("restored", {
 *     diskSnapshotName: "nightly-1",
 *     availabilityZone: "us-east-1a",
 *     attachTo: { instanceName: "WordPress-1", diskPath: "/dev/xvdf" },
 * });
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the outputs are declared once, by the schema (the interface above); the engine gives them values.
export class DiskFromSnapshot extends pulumi.dynamic.Resource {
    /**
     * Declares a disk restored from a snapshot.
     *
     * @param name The Pulumi resource name; also the base of a generated disk name.
     * @param args The source, zone, size, attachment, tags and region.
     * @param opts Resource options. `provider` must not be another package's provider, and
     *   `customTimeouts` and `replaceOnChanges` are ignored (with a warning): use `timeouts`.
     * @throws Error when `opts.provider` is another package's provider.
     */
    constructor(name: string, args: DiskFromSnapshotArgs, opts?: pulumi.CustomResourceOptions) {
        const { props, warnings } = declare(diskFromSnapshotSchema, name, args, opts, true);
        super(diskFromSnapshotProvider, name, props, opts, "lightsail", "DiskFromSnapshot");
        logWarnings(this, warnings);
    }
}
