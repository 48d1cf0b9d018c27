/**
 * DiskSnapshot's provider methods: thin glue between the engine, the pure decisions (check,
 * diff, outputs), recovery and the Lightsail calls. Runs in the dynamic-provider plugin.
 */

import type { LightsailClient, DiskSnapshot as LightsailDiskSnapshot, Operation } from "@aws-sdk/client-lightsail";
import type * as pulumi from "@pulumi/pulumi";
import { formatElapsed } from "../../duration";
import { nameTakenHint, type ResourceRef, resourceError } from "../../errors";
import type { TagCallError } from "../../lightsail";
import { AUTO_NAMED } from "../../naming";
import { refreshedInputs, tagMap, updatedOutputs, withoutProvider } from "../../outputs";
import { claimAfterFailedCreate, partialCreate } from "../../recovery";
import { clientFor, lightsail } from "../../runtime";
import { checkMethod, diffMethod } from "../engineMethods";
import { declaredTimeoutMs, labelOf, resourceFailure, resourceRef } from "../refs";
import { checkDiskSnapshot } from "./check";
import { diffDiskSnapshot } from "./diff";
import { snapshotOutputs } from "./outputs";
import { type DiskSnapshotInputs, type DiskSnapshotOutputs, diskSnapshotSchema } from "./schema";

/** Default create timeout: snapshots of large disks take a long time. */
export const DEFAULT_CREATE_TIMEOUT_MS = 2 * 60 * 60 * 1000;
/** Default delete timeout: how long a snapshot Lightsail will not delete yet is retried. */
export const DEFAULT_DELETE_TIMEOUT_MS = 20 * 60 * 1000;

/** What the state holds of a snapshot: its outputs, or (read by `DiskSnapshot.get`) only its region. */
type StateProps = Partial<DiskSnapshotOutputs>;

function sourceOf(props: StateProps): string | undefined {
    if (props.diskName !== undefined) return `disk "${props.diskName}"`;
    if (props.instanceName !== undefined) return `instance "${props.instanceName}"`;
    return undefined;
}

function refOf(props: StateProps, id?: string): ResourceRef {
    return resourceRef("DiskSnapshot", props.diskSnapshotName ?? id ?? "", props.region, sourceOf(props));
}

function requireRegion(ref: ResourceRef): string {
    if (!ref.region) {
        throw new Error(
            `DiskSnapshot "${ref.name}": no region known; pass region to DiskSnapshot.get, or set aws:region or AWS_REGION`,
        );
    }
    return ref.region;
}

function timeoutMs(props: StateProps, kind: "create" | "delete", fallback: number): number {
    return declaredTimeoutMs(props.timeouts, kind, fallback);
}

function takenFrom(snapshot: LightsailDiskSnapshot): string {
    if (snapshot.fromDiskName) return `disk "${snapshot.fromDiskName}"`;
    if (snapshot.fromInstanceName) return `instance "${snapshot.fromInstanceName}"`;
    return "another source";
}

function sameSource(snapshot: LightsailDiskSnapshot, inputs: DiskSnapshotInputs): boolean {
    return inputs.diskName !== undefined
        ? snapshot.fromDiskName === inputs.diskName
        : snapshot.fromInstanceName === inputs.instanceName;
}

/**
 * Gives a snapshot taken over by name the tags the program declares (it may carry other tags, or
 * none). A failure here leaves the snapshot, now this resource's, recorded with the tags it
 * really has, so the next `pulumi up` retries the tag change.
 */
async function applyDeclaredTags(
    client: LightsailClient,
    inputs: DiskSnapshotInputs,
    ref: ResourceRef,
    existing: LightsailDiskSnapshot,
): Promise<void> {
    const aws = lightsail();
    try {
        await aws.syncTags(client, ref.name, tagMap(existing.tags), inputs.tags);
    } catch (error) {
        const { action, cause } = error as TagCallError;
        throw partialCreate(
            `${resourceError(action, ref, cause).message}; the snapshot was taken over and is recorded in the stack: run pulumi up to retry`,
            ref.name,
            inputs,
            snapshotOutputs(inputs, existing),
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
    return `DiskSnapshot "${ref.name}" in ${ref.region}: the snapshot ended in state error: ${detail}`;
}

/**
 * Waits for an existing snapshot to complete and returns its outputs. Any failure but its
 * disappearance throws a partial-create error, so the engine keeps it in the state.
 */
async function waitUntilCompleted(
    client: LightsailClient,
    inputs: DiskSnapshotInputs,
    ref: ResourceRef,
    operationId: string | undefined,
    budgetMs = timeoutMs(inputs, "create", DEFAULT_CREATE_TIMEOUT_MS),
): Promise<DiskSnapshotOutputs> {
    const aws = lightsail();
    try {
        const snapshot = await aws.waitForSnapshot(client, ref.name, { label: labelOf(ref), timeoutMs: budgetMs });
        return snapshotOutputs(inputs, snapshot);
    } catch (error) {
        const failure = error as { reason?: string; lastSnapshot?: LightsailDiskSnapshot };
        if (failure.reason === "vanished") {
            throw resourceFailure(ref, (error as Error).message);
        }
        const message =
            failure.reason === "error"
                ? await describeErrorState(client, ref, operationId)
                : failure.reason
                  ? `DiskSnapshot "${ref.name}" in ${ref.region}: ${(error as Error).message}`
                  : resourceError("GetDiskSnapshot", ref, error).message;
        throw partialCreate(
            `${message}; the snapshot exists and is recorded in the stack: run pulumi up to retry or pulumi destroy to delete it`,
            ref.name,
            inputs,
            failure.lastSnapshot && snapshotOutputs(inputs, failure.lastSnapshot),
        );
    }
}

/** A create interrupted while Lightsail still refused it: nothing exists, nothing to recover. */
class InterruptedBeforeCreate extends Error {}

/**
 * Calls CreateDiskSnapshot. While Lightsail refuses it because an automatic snapshot of the source
 * is being taken, says so once and tries again, for at most `budgetMs`. Only that refusal is
 * retried: it is a 400 answered before anything is made, so a retry cannot create twice.
 *
 * @throws The last refusal when the budget runs out; any other failure at once; an Error naming
 *   the source when interrupted (nothing was created).
 */
async function requestSnapshot(
    client: LightsailClient,
    inputs: DiskSnapshotInputs,
    ref: ResourceRef,
    budgetMs: number,
): Promise<Operation[]> {
    const aws = lightsail();
    const source = inputs.diskName ?? inputs.instanceName;
    let announced = false;
    try {
        return await aws.retryInterruptibly(async () => {
            try {
                const operations = await aws.createDiskSnapshot(client, {
                    diskSnapshotName: ref.name,
                    diskName: inputs.diskName,
                    instanceName: inputs.instanceName,
                    tags: inputs.tags,
                });
                return { done: true, value: operations };
            } catch (error) {
                const waitable = aws.isAutoSnapshotInProgress(error);
                if (waitable && !announced) {
                    process.stderr.write(
                        `${labelOf(ref)}: waiting for the automatic snapshot of ${source} to finish\n`,
                    );
                    announced = true;
                }
                return { done: false, retryable: waitable, error };
            }
        }, budgetMs);
    } catch (error) {
        if ((error as { reason?: string }).reason === "interrupted") {
            throw new InterruptedBeforeCreate(
                `DiskSnapshot "${ref.name}" in ${ref.region}: interrupted while waiting for the automatic snapshot of ${source} to finish; nothing was created`,
            );
        }
        throw error;
    }
}

/** The hint for a create still refused when its timeout ran out. */
function refusalHint(error: unknown, inputs: DiskSnapshotInputs): string | undefined {
    if (!lightsail().isAutoSnapshotInProgress(error)) return undefined;
    const limit = inputs.timeouts?.create ?? formatElapsed(DEFAULT_CREATE_TIMEOUT_MS);
    return `the automatic snapshot of ${inputs.diskName ?? inputs.instanceName} was still being taken when the create timeout (${limit}) ran out: run pulumi up again later, or raise timeouts.create`;
}

/** Creates the snapshot with its tags and waits until it is completed. */
async function create(inputs: DiskSnapshotInputs): Promise<{ id: string; outs: DiskSnapshotOutputs }> {
    const aws = lightsail();
    const ref = refOf(inputs);
    const client = clientFor(ref.region);
    const createTimeoutMs = timeoutMs(inputs, "create", DEFAULT_CREATE_TIMEOUT_MS);
    const startedAtMs = Date.now();
    let operationId: string | undefined;
    try {
        const operations = await requestSnapshot(client, inputs, ref, createTimeoutMs);
        operationId = operations.find((operation) => operation.resourceType === "DiskSnapshot")?.id;
    } catch (error) {
        if (error instanceof InterruptedBeforeCreate) throw error;
        const claim = await claimAfterFailedCreate({
            error,
            adoptAsked: inputs.adopt === true,
            generatedName: inputs[AUTO_NAMED] === true,
            find: () => aws.findDiskSnapshot(client, ref.name),
            sameSource: (existing) => sameSource(existing, inputs),
            refuseAdoption: (existing) => {
                throw new Error(
                    `DiskSnapshot "${ref.name}" in ${ref.region}: cannot adopt the existing snapshot: it was taken from ${takenFrom(existing)}, not from the source declared`,
                );
            },
        });
        if (!claim.claimed) {
            const hint = aws.isNameTaken(error)
                ? nameTakenHint(
                      "snapshot",
                      claim.existing && sameSource(claim.existing, inputs),
                      claim.existing && takenFrom(claim.existing),
                  )
                : refusalHint(error, inputs);
            throw resourceError("CreateDiskSnapshot", ref, error, hint);
        }
        if (claim.adopted) {
            process.stderr.write(
                `DiskSnapshot "${ref.name}" (${ref.region}): taking over the existing snapshot of this name\n`,
            );
            await applyDeclaredTags(client, inputs, ref, claim.existing);
        }
    }
    // From here on the snapshot exists: every failure must leave it recorded in the state.
    const remainingMs = Math.max(0, createTimeoutMs - (Date.now() - startedAtMs));
    return { id: ref.name, outs: await waitUntilCompleted(client, inputs, ref, operationId, remainingMs) };
}

/**
 * Reads the live snapshot. A managed snapshot that is gone returns an empty ID (the engine drops
 * it from the stack); one read by `DiskSnapshot.get` that does not exist is an error.
 */
async function read(id: string, props: StateProps = {}): Promise<pulumi.dynamic.ReadResult<DiskSnapshotOutputs>> {
    const aws = lightsail();
    const ref = refOf(props, id);
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
            `DiskSnapshot "${id}" in ${region}: no such snapshot (DiskSnapshot.get reads an existing snapshot by name)`,
        );
    }
    const outputs = snapshotOutputs({ ...withoutProvider(props), region }, snapshot);
    if (!managed) return { id, props: outputs };
    // The SDK types read's inputs as outputs; they are the subset of them the program declares.
    return { id, props: outputs, inputs: refreshedInputs(diskSnapshotSchema, outputs) as DiskSnapshotOutputs };
}

/**
 * Applies a tag change in place: TagResource and UntagResource with only the difference. A
 * snapshot recorded while still pending is waited for, as its create would have.
 */
async function update(
    id: string,
    olds: DiskSnapshotOutputs,
    news: DiskSnapshotInputs,
): Promise<{ outs: DiskSnapshotOutputs }> {
    const aws = lightsail();
    const ref = refOf(olds, id);
    const client = clientFor(ref.region);
    try {
        await aws.syncTags(client, id, olds.tags ?? {}, news.tags);
    } catch (error) {
        const { action, cause } = error as TagCallError;
        const message = resourceError(action, ref, cause).message;
        throw new Error(
            aws.isNotFound(cause) ? `${message} (it was deleted outside Pulumi: run pulumi refresh)` : message,
        );
    }
    if (olds.state === "pending") {
        // A snapshot recorded before it completed (an interrupted or timed-out create): finish the wait.
        return { outs: await waitUntilCompleted(client, { ...news, diskSnapshotName: id }, ref, undefined) };
    }
    return { outs: updatedOutputs(diskSnapshotSchema, olds, news) };
}

/** Deletes the snapshot; one already gone is success, one still pending is retried until the delete timeout. */
async function remove(id: string, props: DiskSnapshotOutputs): Promise<void> {
    const aws = lightsail();
    const ref = refOf(props, id);
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
            timeoutMs(props, "delete", DEFAULT_DELETE_TIMEOUT_MS),
        );
    } catch (error) {
        if ((error as { reason?: string }).reason === "interrupted") {
            throw new Error(
                `DiskSnapshot "${id}" in ${ref.region}: the delete was interrupted; run pulumi destroy again`,
            );
        }
        throw resourceError("DeleteDiskSnapshot", ref, error);
    }
}

/** The DiskSnapshot methods, typed on its schema. */
export const diskSnapshotMethods = {
    /** Validates inputs without calling AWS; generates the snapshot name once. */
    check: checkMethod<DiskSnapshotInputs>((olds, news) => checkDiskSnapshot(olds, news, Math.random)),
    /** Decides between no change, an in-place update and a replacement, without calling AWS. */
    diff: diffMethod(diffDiskSnapshot),
    create,
    read,
    update,
    delete: remove,
} satisfies pulumi.dynamic.ResourceProvider<DiskSnapshotInputs, DiskSnapshotOutputs>;
