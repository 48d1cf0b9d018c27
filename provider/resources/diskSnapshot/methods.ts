/**
 * DiskSnapshot's provider methods: thin glue between the engine, the pure decisions (check,
 * diff, outputs), recovery and the Lightsail calls. Runs in the dynamic-provider plugin.
 */

import type { LightsailClient, DiskSnapshot as LightsailDiskSnapshot, Operation } from "@aws-sdk/client-lightsail";
import type * as pulumi from "@pulumi/pulumi";
import { tellUser } from "../../diagnostics";
import { formatElapsed } from "../../duration";
import { nameTakenHint, type ResourceRef, resourceError } from "../../errors";
import { AUTO_NAMED } from "../../naming";
import { claimAfterFailedCreate } from "../../recovery";
import { clientFor, lightsail } from "../../runtime";
import { checkMethod, diffMethod } from "../engineMethods";
import { labelOf, resourceRef } from "../refs";
import { checkDiskSnapshot } from "./check";
import { diffDiskSnapshot } from "./diff";
import {
    applyDeclaredTags,
    DEFAULT_CREATE_TIMEOUT_MS,
    type SnapshotKind,
    snapshotMethods,
    snapshotTimeoutMs,
    waitUntilCompleted,
} from "./lifecycle";
import { snapshotOutputs } from "./outputs";
import { type DiskSnapshotInputs, type DiskSnapshotOutputs, diskSnapshotSchema } from "./schema";

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

/** DiskSnapshot as the shared snapshot lifecycle sees it. */
const DISK_SNAPSHOT: SnapshotKind<DiskSnapshotInputs, DiskSnapshotOutputs> = {
    schema: diskSnapshotSchema,
    refOf,
    outputs: snapshotOutputs,
};

/** Read, update and delete, shared with every resource that is a disk snapshot. */
const lifecycle = snapshotMethods(DISK_SNAPSHOT);

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
                    tellUser(`${labelOf(ref)}: waiting for the automatic snapshot of ${source} to finish`);
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
    const createTimeoutMs = snapshotTimeoutMs(inputs, "create");
    const startedAtMs = Date.now();
    let operationId: string | undefined;
    try {
        const operations = await requestSnapshot(client, inputs, ref, createTimeoutMs);
        operationId = operations.find((operation) => operation.resourceType === "DiskSnapshot")?.id;
    } catch (error) {
        if (error instanceof InterruptedBeforeCreate) throw error;
        const claim = await claimAfterFailedCreate({
            ref,
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
            tellUser(`DiskSnapshot "${ref.name}" (${ref.region}): taking over the existing snapshot of this name`);
            await applyDeclaredTags(DISK_SNAPSHOT, client, inputs, ref, claim.existing, "was taken over");
        }
    }
    // From here on the snapshot exists: every failure must leave it recorded in the state.
    const remainingMs = Math.max(0, createTimeoutMs - (Date.now() - startedAtMs));
    return {
        id: ref.name,
        outs: await waitUntilCompleted(DISK_SNAPSHOT, client, inputs, ref, operationId, remainingMs),
    };
}

/** The DiskSnapshot methods, typed on its schema. */
export const diskSnapshotMethods = {
    /** Validates inputs without calling AWS; generates the snapshot name once. */
    check: checkMethod<DiskSnapshotInputs>((olds, news) => checkDiskSnapshot(olds, news, Math.random)),
    /** Decides between no change, an in-place update and a replacement, without calling AWS. */
    diff: diffMethod(diffDiskSnapshot),
    create,
    read: lifecycle.read,
    update: lifecycle.update,
    delete: lifecycle.delete,
} satisfies pulumi.dynamic.ResourceProvider<DiskSnapshotInputs, DiskSnapshotOutputs>;
