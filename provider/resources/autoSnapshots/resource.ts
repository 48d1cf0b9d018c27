/**
 * The AutoSnapshots resource users declare.
 */

import * as pulumi from "@pulumi/pulumi";
import type { OutputPropertiesOf } from "../../schema";
import { declare, logWarnings } from "../dynamicResource";
import { type AutoSnapshotsArgs, type AutoSnapshotsSchema, autoSnapshotsSchema } from "./schema";
import { autoSnapshotsProvider } from "./serializedProvider";

/** The type token in the state: `pulumi-nodejs:dynamic/lightsail:AutoSnapshots`. */
export const AUTO_SNAPSHOTS_TYPE = "pulumi-nodejs:dynamic/lightsail:AutoSnapshots";

/** Every property of the schema, declared as an output of the class (see the README's tables). */
export interface AutoSnapshots extends OutputPropertiesOf<AutoSnapshotsSchema> {}

/**
 * Daily automatic snapshots of a Lightsail block storage disk or instance: its AutoSnapshot
 * add-on. Lightsail takes one snapshot a day at `snapshotTimeOfDay` (UTC) and keeps the seven
 * newest.
 *
 * `pulumi up` enables the add-on and returns once Lightsail reports it enabled at that time; a
 * new time is applied in place; a new source or region replaces it; `pulumi refresh` sees it
 * turned off or retimed outside Pulumi; `pulumi destroy` disables it, keeping the automatic
 * snapshots already taken.
 *
 * @example
 * ```ts
 * const nightly = new AutoSnapshots("nightly", { diskName: "Disk-1", snapshotTimeOfDay: "06:00" });
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the outputs are declared once, by the schema (the interface above); the engine gives them values.
export class AutoSnapshots extends pulumi.dynamic.Resource {
    /**
     * Declares the automatic snapshots of a disk or instance.
     *
     * @param name The Pulumi resource name.
     * @param args The disk or instance, the time of day and the region.
     * @param opts Resource options. `provider` must not be another package's provider, and
     *   `customTimeouts` and `replaceOnChanges` are ignored (with a warning): use `timeouts`.
     * @throws Error when `opts.provider` is another package's provider.
     */
    constructor(name: string, args: AutoSnapshotsArgs, opts?: pulumi.CustomResourceOptions) {
        const { props, warnings } = declare(autoSnapshotsSchema, name, args, opts, false);
        super(autoSnapshotsProvider, name, props, opts, "lightsail", "AutoSnapshots");
        logWarnings(this, warnings);
    }
}
