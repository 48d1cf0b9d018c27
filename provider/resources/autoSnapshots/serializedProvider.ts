/**
 * The object the dynamic-provider host serializes into every AutoSnapshots resource's state
 * (`__provider`): forwarding functions to the runtime module only (see ../../runtime).
 */

import type * as pulumi from "@pulumi/pulumi";
import * as runtime from "../../engine";
import type { AutoSnapshotsInputs, AutoSnapshotsOutputs } from "./schema";

/** The AutoSnapshots resource provider. */
export const autoSnapshotsProvider: pulumi.dynamic.ResourceProvider<AutoSnapshotsInputs, AutoSnapshotsOutputs> = {
    configure: (request) => runtime.configure(request),
    check: (olds, news) => runtime.autoSnapshots.check(olds, news),
    diff: (id, olds, news) => runtime.autoSnapshots.diff(id, olds, news),
    create: (inputs) => runtime.autoSnapshots.create(inputs),
    read: (id, props) => runtime.autoSnapshots.read(id, props),
    update: (id, olds, news) => runtime.autoSnapshots.update(id, olds, news),
    delete: (id, props) => runtime.autoSnapshots.delete(id, props),
};
