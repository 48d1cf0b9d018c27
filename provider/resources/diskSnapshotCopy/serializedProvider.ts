/**
 * The object the dynamic-provider host serializes into every DiskSnapshotCopy resource's state
 * (`__provider`): forwarding functions to the runtime module only (see ../../runtime).
 */

import type * as pulumi from "@pulumi/pulumi";
import * as runtime from "../../engine";
import type { DiskSnapshotCopyInputs, DiskSnapshotCopyOutputs } from "./schema";

/** The DiskSnapshotCopy resource provider. */
export const diskSnapshotCopyProvider: pulumi.dynamic.ResourceProvider<
    DiskSnapshotCopyInputs,
    DiskSnapshotCopyOutputs
> = {
    configure: (request) => runtime.configure(request),
    check: (olds, news) => runtime.diskSnapshotCopy.check(olds, news),
    diff: (id, olds, news) => runtime.diskSnapshotCopy.diff(id, olds, news),
    create: (inputs) => runtime.diskSnapshotCopy.create(inputs),
    read: (id, props) => runtime.diskSnapshotCopy.read(id, props),
    update: (id, olds, news) => runtime.diskSnapshotCopy.update(id, olds, news),
    delete: (id, props) => runtime.diskSnapshotCopy.delete(id, props),
};
