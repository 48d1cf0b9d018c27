/**
 * The object the dynamic-provider host serializes into every DiskFromSnapshot resource's state
 * (`__provider`): forwarding functions to the runtime module only (see ../../runtime).
 */

import type * as pulumi from "@pulumi/pulumi";
import * as runtime from "../../engine";
import type { DiskFromSnapshotInputs, DiskFromSnapshotOutputs } from "./schema";

/** The DiskFromSnapshot resource provider. */
export const diskFromSnapshotProvider: pulumi.dynamic.ResourceProvider<
    DiskFromSnapshotInputs,
    DiskFromSnapshotOutputs
> = {
    configure: (request) => runtime.configure(request),
    check: (olds, news) => runtime.diskFromSnapshot.check(olds, news),
    diff: (id, olds, news) => runtime.diskFromSnapshot.diff(id, olds, news),
    create: (inputs) => runtime.diskFromSnapshot.create(inputs),
    read: (id, props) => runtime.diskFromSnapshot.read(id, props),
    update: (id, olds, news) => runtime.diskFromSnapshot.update(id, olds, news),
    delete: (id, props) => runtime.diskFromSnapshot.delete(id, props),
};
