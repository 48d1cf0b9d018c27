/**
 * What every resource that is a disk snapshot does the same way once the snapshot exists: wait
 * until it is completed (recording it in the state whatever happens), read it, change its tags,
 * delete it. DiskSnapshot and DiskSnapshotCopy differ only in how the snapshot is made; each
 * passes its {@link SnapshotKind} here. Runs in the dynamic-provider plugin.
 */

import type { LightsailClient, DiskSnapshot as LightsailDiskSnapshot } from "@aws-sdk/client-lightsail";
import type * as pulumi from "@pulumi/pulumi";
import { type ResourceRef, resourceError } from "../../errors";
import type { TagCallError } from "../../lightsail";
import { refreshedInputs, tagMap, updatedOutputs, withoutProvider } from "../../outputs";
import { partialCreate } from "../../recovery";
import { clientFor, lightsail } from "../../runtime";
import type { ResourceSchema } from "../../schema";
import { leftToReplacement } from "../../takeovers";
import { declaredTimeoutMs, labelOf, resourceFailure } from "../refs";

/** Default create timeout: snapshots (and copies) of large disks take a long time. */
export const DEFAULT_CREATE_TIMEOUT_MS = 2 * 60 * 60 * 1000;
/** Default delete timeout: how long a snapshot Lightsail will not delete yet is retried. */
export const DEFAULT_DELETE_TIMEOUT_MS = 20 * 60 * 1000;

/** What the lifecycle needs of a snapshot resource's inputs. */
export interface SnapshotInputsLike {
    diskSnapshotName?: string;
    tags?: Record<string, string>;
    region?: string;
    timeouts?: { create?: string; delete?: string };
}

/** A resource type that is a disk snapshot. */
export interface SnapshotKind<I extends SnapshotInputsLike, O extends SnapshotInputsLike & { state?: string }> {
    /** Its schema: which inputs the state keeps, and what refresh reports as inputs. */
    schema: ResourceSchema;
    /** The reference its errors name, from the state (or, by `get`, only an ID and a region). */
    refOf(props: Partial<O>, id?: string): ResourceRef;
    /** Its outputs, from its inputs and the live snapshot. */
    outputs(inputs: Partial<I>, snapshot: LightsailDiskSnapshot): O;
}

/** The region a snapshot is read in; a snapshot read by `get` without one cannot be found. */
function requireRegion(ref: ResourceRef): string {
    if (!ref.region) {
        throw new Error(
            `${ref.kind} "${ref.name}": no region known; pass region to ${ref.kind}.get, or set aws:region or AWS_REGION`,
        );
    }
    return ref.region;
}

/** The declared timeout of `which`, else its default. */
export function snapshotTimeoutMs(props: SnapshotInputsLike, which: "create" | "delete"): number {
    return declaredTimeoutMs(
        props.timeouts,
        which,
        which === "create" ? DEFAULT_CREATE_TIMEOUT_MS : DEFAULT_DELETE_TIMEOUT_MS,
    );
}

/**
 * Gives a snapshot the tags the program declares, when it carries others (one taken over by name,
 * a copy, which Lightsail makes without tags). A failure here leaves the snapshot, now this
 * resource's, recorded with the tags it really has, so the next `pulumi up` retries the change.
 *
 * @param how What happened to the snapshot, for the message: "was taken over", "was copied".
 */
export async function applyDeclaredTags<I extends SnapshotInputsLike, O extends SnapshotInputsLike>(
    kind: SnapshotKind<I, O>,
    client: LightsailClient,
    inputs: I,
    ref: ResourceRef,
    existing: LightsailDiskSnapshot,
    how: string,
): Promise<void> {
    try {
        await lightsail().syncTags(client, ref.name, tagMap(existing.tags), inputs.tags ?? {});
    } catch (error) {
        const { action, cause } = error as TagCallError;
        throw partialCreate(
            `${resourceError(action, ref, cause).message}; the snapshot ${how} and is recorded in the stack: run pulumi up to retry`,
            ref.name,
            inputs,
            kind.outputs(inputs, existing),
        );
    }
}

/** Lightsail's own account of why the snapshot ended in `error`, from its create operation. */
async function describeErrorState(
    client: LightsailClient,
    ref: ResourceRef,
    operationId: string | undefined,
): Promise<string> {
    const aws = lightsail();
    let detail = "Lightsail gave no detail";
    try {
        const operation = operationId ? await aws.findOperation(client, operationId) : undefined;
        if (operation) detail = `${operation.errorCode ?? "error"}: ${operation.errorDetails ?? "no detail given"}`;
    } catch (error) {
        detail = `the create operation could not be read (${aws.awsErrorName(error)}: ${aws.awsErrorMessage(error)})`;
    }
    return resourceFailure(ref, `the snapshot ended in state error: ${detail}`).message;
}

/**
 * Waits for an existing snapshot to complete and returns its outputs. Any failure but its
 * disappearance throws a partial-create error, so the engine keeps it in the state.
 */
export async function waitUntilCompleted<I extends SnapshotInputsLike, O extends SnapshotInputsLike>(
    kind: SnapshotKind<I, O>,
    client: LightsailClient,
    inputs: I,
    ref: ResourceRef,
    operationId: string | undefined,
    budgetMs = snapshotTimeoutMs(inputs, "create"),
): Promise<O> {
    const aws = lightsail();
    try {
        const snapshot = await aws.waitForSnapshot(client, ref.name, { label: labelOf(ref), timeoutMs: budgetMs });
        return kind.outputs(inputs, snapshot);
    } catch (error) {
        const failure = error as { reason?: string; lastSnapshot?: LightsailDiskSnapshot };
        if (failure.reason === "vanished") {
            throw resourceFailure(ref, (error as Error).message);
        }
        const message =
            failure.reason === "error"
                ? await describeErrorState(client, ref, operationId)
                : failure.reason
                  ? resourceFailure(ref, (error as Error).message).message
                  : resourceError("GetDiskSnapshot", ref, error).message;
        throw partialCreate(
            `${message}; the snapshot exists and is recorded in the stack: run pulumi up to retry or pulumi destroy to delete it`,
            ref.name,
            inputs,
            failure.lastSnapshot && kind.outputs(inputs, failure.lastSnapshot),
        );
    }
}

/** The read, update and delete methods of a snapshot resource. */
export interface SnapshotMethods<O> {
    read(id: string, props?: Partial<O>): Promise<pulumi.dynamic.ReadResult<O>>;
    update(id: string, olds: O, news: SnapshotInputsLike): Promise<{ outs: O }>;
    delete(id: string, props: O): Promise<void>;
}

/** The read, update and delete of a snapshot resource of `kind`. */
export function snapshotMethods<I extends SnapshotInputsLike, O extends SnapshotInputsLike & { state?: string }>(
    kind: SnapshotKind<I, O>,
): SnapshotMethods<O> {
    /**
     * Reads the live snapshot. A managed snapshot that is gone returns an empty ID (the engine
     * drops it from the stack); one read by `get` that does not exist is an error.
     */
    async function read(id: string, props: Partial<O> = {}): Promise<pulumi.dynamic.ReadResult<O>> {
        const aws = lightsail();
        const ref = kind.refOf(props, id);
        const region = requireRegion(ref);
        let snapshot: LightsailDiskSnapshot | undefined;
        try {
            snapshot = await aws.findDiskSnapshot(clientFor(region), id);
        } catch (error) {
            throw resourceError("GetDiskSnapshot", ref, error);
        }
        const managed = props.diskSnapshotName !== undefined;
        if (!snapshot) {
            if (managed) return { id: "" };
            throw new Error(
                `${ref.kind} "${id}" in ${region}: no such snapshot (${ref.kind}.get reads an existing snapshot by name)`,
            );
        }
        const outputs = kind.outputs({ ...withoutProvider(props), region } as Partial<I>, snapshot);
        if (!managed) return { id, props: outputs };
        // The SDK types read's inputs as outputs; they are the subset of them the program declares.
        return { id, props: outputs, inputs: refreshedInputs(kind.schema, outputs) as O };
    }

    /**
     * Applies a tag change in place: TagResource and UntagResource with only the difference. A
     * snapshot recorded while still pending is waited for, as its create would have.
     */
    async function update(id: string, olds: O, news: SnapshotInputsLike): Promise<{ outs: O }> {
        const aws = lightsail();
        const ref = kind.refOf(olds, id);
        const client = clientFor(ref.region);
        try {
            await aws.syncTags(client, id, olds.tags ?? {}, news.tags ?? {});
        } catch (error) {
            const { action, cause } = error as TagCallError;
            const message = resourceError(action, ref, cause).message;
            throw new Error(
                aws.isNotFound(cause) ? `${message} (it was deleted outside Pulumi: run pulumi refresh)` : message,
            );
        }
        if (olds.state === "pending") {
            // A snapshot recorded before it completed (an interrupted or timed-out create): finish the wait.
            const inputs = { ...news, diskSnapshotName: id } as I;
            return { outs: await waitUntilCompleted(kind, client, inputs, ref, undefined) };
        }
        return { outs: updatedOutputs(kind.schema, olds, news) as O };
    }

    /** Deletes the snapshot; one already gone is success, one still pending is retried until the delete timeout. */
    async function remove(id: string, props: O): Promise<void> {
        const aws = lightsail();
        const ref = kind.refOf(props, id);
        if (leftToReplacement(ref)) return;
        const client = clientFor(requireRegion(ref));
        try {
            await aws.retryInterruptibly(
                async () => {
                    try {
                        await aws.deleteDiskSnapshot(client, id);
                        return { done: true, value: undefined };
                    } catch (error) {
                        // Lightsail refuses to delete a snapshot still being taken: only that is worth a retry.
                        let current: LightsailDiskSnapshot | undefined;
                        try {
                            current = await aws.findDiskSnapshot(client, id);
                        } catch {
                            return { done: false, retryable: false, error };
                        }
                        if (current === undefined) return { done: true, value: undefined };
                        return { done: false, retryable: current.state === "pending", error };
                    }
                },
                snapshotTimeoutMs(props, "delete"),
            );
        } catch (error) {
            if ((error as { reason?: string }).reason === "interrupted") {
                throw resourceFailure(ref, "the delete was interrupted; run pulumi destroy again");
            }
            throw resourceError("DeleteDiskSnapshot", ref, error);
        }
    }

    return { read, update, delete: remove };
}
