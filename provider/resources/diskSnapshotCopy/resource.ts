/**
 * The DiskSnapshotCopy resource users declare.
 */

import * as pulumi from "@pulumi/pulumi";
import type { OutputPropertiesOf } from "../../schema";
import { declare, logWarnings } from "../dynamicResource";
import { type DiskSnapshotCopyArgs, type DiskSnapshotCopySchema, diskSnapshotCopySchema } from "./schema";
import { diskSnapshotCopyProvider } from "./serializedProvider";

/** The type token in the state: `pulumi-nodejs:dynamic/lightsail:DiskSnapshotCopy`. */
export const DISK_SNAPSHOT_COPY_TYPE = "pulumi-nodejs:dynamic/lightsail:DiskSnapshotCopy";

/** Every property of the schema, declared as an output of the class (see the README's tables). */
export interface DiskSnapshotCopy extends OutputPropertiesOf<DiskSnapshotCopySchema> {}

/**
 * A copy of a Lightsail disk snapshot, made by CopySnapshot in the resource's region: a manual
 * snapshot copied to another region (or the same one), or a disk's automatic snapshot of a given
 * day (or the newest) kept as a manual snapshot, which Lightsail does not delete after seven days.
 *
 * `pulumi up` asks for the copy in the target region, tags it (CopySnapshot takes no tags) and
 * waits until it is completed. A new source, either region or the name replaces it; tags change
 * in place; `pulumi destroy` deletes the copy, never its source.
 *
 * @example
 * ```ts
 * const snap = new DiskSnapshot("data", { diskName: "Disk-1", region: "us-east-1" });
 * const offsite = new DiskSnapshotCopy("offsite", {
 *     sourceSnapshotName: snap.diskSnapshotName,
 *     sourceRegion: "us-east-1",
 *     region: "us-west-2",
 * });
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the outputs are declared once, by the schema (the interface above); the engine gives them values.
export class DiskSnapshotCopy extends pulumi.dynamic.Resource {
    /**
     * Declares a copy of a disk snapshot.
     *
     * @param name The Pulumi resource name; also the base of a generated snapshot name.
     * @param args The source and its region, the copy's region, name, tags and timeouts.
     * @param opts Resource options. `provider` must not be another package's provider, and
     *   `customTimeouts` and `replaceOnChanges` are ignored (with a warning): use `timeouts`.
     * @throws Error when `opts.provider` is another package's provider.
     */
    constructor(name: string, args: DiskSnapshotCopyArgs, opts?: pulumi.CustomResourceOptions) {
        const { props, warnings } = declare(diskSnapshotCopySchema, name, args, opts, true);
        super(diskSnapshotCopyProvider, name, props, opts, "lightsail", "DiskSnapshotCopy");
        logWarnings(this, warnings);
    }
}
