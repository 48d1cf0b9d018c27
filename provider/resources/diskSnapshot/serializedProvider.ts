/**
 * The object the dynamic-provider host serializes into every DiskSnapshot's state (`__provider`).
 * It holds nothing but forwarding functions to the runtime module (see ../../runtime), which the
 * serializer records as a `require` of this package when it is installed from npm, so the state
 * carries about 2 KB and no client, credential or configuration value.
 */

import type * as pulumi from "@pulumi/pulumi";
import * as runtime from "../../engine";
import type { DiskSnapshotInputs, DiskSnapshotOutputs } from "./schema";

/** The DiskSnapshot resource provider. */
export const diskSnapshotProvider: pulumi.dynamic.ResourceProvider<DiskSnapshotInputs, DiskSnapshotOutputs> = {
    configure: (request) => runtime.configure(request),
    check: (olds, news) => runtime.diskSnapshot.check(olds, news),
    diff: (id, olds, news) => runtime.diskSnapshot.diff(id, olds, news),
    create: (inputs) => runtime.diskSnapshot.create(inputs),
    read: (id, props) => runtime.diskSnapshot.read(id, props),
    update: (id, olds, news) => runtime.diskSnapshot.update(id, olds, news),
    delete: (id, props) => runtime.diskSnapshot.delete(id, props),
};
