/**
 * The module the serialized providers require (`<package>/provider-runtime`): every resource's
 * methods and the plugin-wide `configure`. See ./runtime for why it is shaped this way.
 */

import type * as pulumi from "@pulumi/pulumi";
import { endWithEngine } from "./pluginLifetime";
import { autoSnapshotsMethods } from "./resources/autoSnapshots/methods";
import { diskFromSnapshotMethods } from "./resources/diskFromSnapshot/methods";
import { diskSnapshotMethods } from "./resources/diskSnapshot/methods";
import { diskSnapshotCopyMethods } from "./resources/diskSnapshotCopy/methods";
import { configureSettings } from "./runtime";

/**
 * Reads the stack configuration the engine hands the plugin (see `resolveSettings`), and ties the
 * plugin's life to the engine's (see ./pluginLifetime).
 */
export async function configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
    endWithEngine();
    configureSettings(request.config);
}

/** DiskSnapshot's methods. */
export const diskSnapshot = diskSnapshotMethods;

/** AutoSnapshots' methods. */
export const autoSnapshots = autoSnapshotsMethods;

/** DiskFromSnapshot's methods. */
export const diskFromSnapshot = diskFromSnapshotMethods;

/** DiskSnapshotCopy's methods. */
export const diskSnapshotCopy = diskSnapshotCopyMethods;
