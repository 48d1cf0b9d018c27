/**
 * The object the dynamic-provider host serializes into every DiskSnapshot's state (`__provider`).
 * It holds nothing but forwarding functions: each refers to the `./provider` module, which the
 * serializer records as a `require` of this package when it is installed from npm, so the state
 * carries a few hundred bytes and no client, credential or configuration value.
 */

import type * as pulumi from "@pulumi/pulumi";
import * as runtime from "./provider";

/** The DiskSnapshot resource provider. */
export const diskSnapshotProvider: pulumi.dynamic.ResourceProvider = {
    configure: (request) => runtime.configure(request),
    check: (olds, news) => runtime.check(olds, news),
    diff: (id, olds, news) => runtime.diff(id, olds, news),
    create: (inputs) => runtime.create(inputs),
    read: (id, props) => runtime.read(id, props),
    update: (id, olds, news) => runtime.update(id, olds, news),
    delete: (id, props) => runtime.remove(id, props),
};
