/**
 * Errors a user sees. Each names the snapshot, the region, the AWS error name and Lightsail's own
 * message, with a hint where one helps. Pure.
 */

import { awsErrorMessage, awsErrorName, isAuthError, isNameTaken, isNotFound } from "./lightsail/errors";

/** Which snapshot an error is about. */
export interface SnapshotRef {
    /** The snapshot's Lightsail name. */
    name: string;
    /** Its region. */
    region: string;
    /** Source disk, when the error is about creating it. */
    diskName?: string;
    /** Source instance, when the error is about creating it. */
    instanceName?: string;
}

/** A hint for a known failure, or undefined. */
export function hintFor(action: string, ref: SnapshotRef, error: unknown): string | undefined {
    if (action === "CreateDiskSnapshot" && isNotFound(error)) {
        const source = ref.diskName ? `disk "${ref.diskName}"` : `instance "${ref.instanceName}"`;
        return `check that ${source} exists in ${ref.region}: Lightsail names are per region`;
    }
    if (isNameTaken(error)) {
        return `another snapshot in ${ref.region} already has this name: choose another diskSnapshotName, leave it unset to generate one, or set adopt: true to take over the existing snapshot`;
    }
    if (isAuthError(error)) {
        return "check the AWS credentials: environment variables, AWS_PROFILE or aws:profile, or aws:accessKey/aws:secretKey in the stack config";
    }
    if (awsErrorName(error) === "ThrottlingException") {
        return "Lightsail kept throttling requests after every retry; try again later or with fewer snapshots at once (pulumi up --parallel)";
    }
    return undefined;
}

/** The message for a failed Lightsail call about a snapshot. */
export function describeFailure(action: string, ref: SnapshotRef, error: unknown): string {
    const hint = hintFor(action, ref, error);
    const base = `DiskSnapshot "${ref.name}" in ${ref.region}: ${action} failed: ${awsErrorName(error)}: ${awsErrorMessage(error)}`;
    return hint ? `${base} (${hint})` : base;
}

/** An error for a failed Lightsail call, keeping the original as its cause. */
export function snapshotError(action: string, ref: SnapshotRef, error: unknown): Error {
    return new Error(describeFailure(action, ref, error), { cause: error });
}

/**
 * An error after the snapshot exists. The dynamic-provider host reads `id` and `properties` and
 * records the resource as created but failed, so the snapshot stays in the state (a later `up`
 * or `destroy` deals with it) instead of leaking.
 */
export class PartialCreateError extends Error {
    /** The snapshot's name, its Pulumi ID. */
    readonly id: string;
    /** The outputs to record, including the serialized provider. */
    readonly properties: Record<string, unknown>;
    /** Why the resource failed to initialise, as the engine shows it. */
    readonly reasons: string[];

    constructor(message: string, id: string, properties: Record<string, unknown>) {
        super(message);
        this.name = "PartialCreateError";
        this.id = id;
        this.properties = properties;
        this.reasons = [message];
    }
}
