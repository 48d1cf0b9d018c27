/**
 * DiskSnapshotCopy's provider methods. Only the create is its own (CopySnapshot, sent to the
 * target region, then the declared tags, which CopySnapshot cannot carry); the wait, read, tag
 * update and delete are every disk snapshot's (../diskSnapshot/lifecycle.ts). Runs in the
 * dynamic-provider plugin.
 */

import type { LightsailClient, DiskSnapshot as LightsailDiskSnapshot } from "@aws-sdk/client-lightsail";
import type * as pulumi from "@pulumi/pulumi";
import { nameTakenHint, type ResourceRef, resourceError } from "../../errors";
import type { CopyRequest } from "../../lightsail";
import { AUTO_NAMED } from "../../naming";
import { claimAfterFailedCreate, partialCreate } from "../../recovery";
import { clientFor, lightsail } from "../../runtime";
import { diffSnapshotOf } from "../diskSnapshot/diff";
import {
    applyDeclaredTags,
    type SnapshotKind,
    snapshotMethods,
    snapshotTimeoutMs,
    waitUntilCompleted,
} from "../diskSnapshot/lifecycle";
import { snapshotOutputsOf } from "../diskSnapshot/outputs";
import { checkMethod, diffMethod } from "../engineMethods";
import { resourceRef } from "../refs";
import { checkDiskSnapshotCopy } from "./check";
import { type DiskSnapshotCopyInputs, type DiskSnapshotCopyOutputs, diskSnapshotCopySchema } from "./schema";

type StateProps = Partial<DiskSnapshotCopyOutputs>;

/** The source in words: `snapshot "nightly-1" in us-east-1`. */
function sourceOf(props: StateProps): string | undefined {
    const where = props.sourceRegion ? ` in ${props.sourceRegion}` : "";
    if (props.sourceSnapshotName !== undefined) return `snapshot "${props.sourceSnapshotName}"${where}`;
    if (props.sourceDiskName === undefined) return undefined;
    const which = props.restoreDate ?? "the newest restorable day";
    return `the automatic snapshot of disk "${props.sourceDiskName}" (${which})${where}`;
}

function refOf(props: StateProps, id?: string): ResourceRef {
    return resourceRef("DiskSnapshotCopy", props.diskSnapshotName ?? id ?? "", props.region, sourceOf(props));
}

/** DiskSnapshotCopy as the shared snapshot lifecycle sees it. */
const COPY: SnapshotKind<DiskSnapshotCopyInputs, DiskSnapshotCopyOutputs> = {
    schema: diskSnapshotCopySchema,
    refOf,
    outputs: (inputs, snapshot) =>
        snapshotOutputsOf(diskSnapshotCopySchema, inputs, snapshot) as DiskSnapshotCopyOutputs,
};

/** Read, update and delete, as for every disk snapshot. */
const lifecycle = snapshotMethods(COPY);

function copySource(inputs: DiskSnapshotCopyInputs): CopyRequest["source"] {
    if (inputs.sourceSnapshotName !== undefined) return { sourceSnapshotName: inputs.sourceSnapshotName };
    return inputs.restoreDate !== undefined
        ? { sourceResourceName: inputs.sourceDiskName ?? "", restoreDate: inputs.restoreDate }
        : { sourceResourceName: inputs.sourceDiskName ?? "", useLatestRestorableAutoSnapshot: true };
}

/**
 * The disk the copy's data comes from, which a copy reports as `fromDiskName` (Lightsail keeps
 * the original disk's name through a copy): the automatic snapshot's disk, or the manual
 * snapshot's own `fromDiskName` (read in the source region), undefined when it cannot be read.
 */
async function sourceDisk(inputs: DiskSnapshotCopyInputs): Promise<string | undefined> {
    if (inputs.sourceDiskName !== undefined) return inputs.sourceDiskName;
    try {
        const source = await lightsail().findDiskSnapshot(
            clientFor(inputs.sourceRegion),
            inputs.sourceSnapshotName ?? "",
        );
        return source?.fromDiskName ?? source?.fromInstanceName;
    } catch {
        return undefined;
    }
}

/** Whether an existing snapshot holds the data of the declared source. */
function fromSameDisk(existing: LightsailDiskSnapshot, disk: string | undefined): boolean {
    return disk !== undefined && (existing.fromDiskName ?? existing.fromInstanceName) === disk;
}

/**
 * Asks for the copy. When that fails, finds out whether the copy is nevertheless this resource's
 * (a lost answer, a generated name taken by an earlier interrupted create, `adopt: true`);
 * returns it then, and undefined for a fresh copy.
 */
async function requestCopy(
    client: LightsailClient,
    inputs: DiskSnapshotCopyInputs,
    ref: ResourceRef,
): Promise<{ operationId?: string; claimed?: LightsailDiskSnapshot }> {
    const aws = lightsail();
    try {
        const operations = await aws.copySnapshot(client, {
            targetSnapshotName: ref.name,
            sourceRegion: inputs.sourceRegion,
            source: copySource(inputs),
        });
        return { operationId: operations.find((o) => o.resourceType === "DiskSnapshot")?.id ?? operations[0]?.id };
    } catch (error) {
        const disk = await sourceDisk(inputs);
        const claim = await claimAfterFailedCreate({
            ref,
            error,
            adoptAsked: inputs.adopt === true,
            generatedName: inputs[AUTO_NAMED] === true,
            find: () => aws.findDiskSnapshot(client, ref.name),
            sameSource: (existing) => fromSameDisk(existing, disk),
            refuseAdoption: (existing) => {
                throw new Error(
                    `DiskSnapshotCopy "${ref.name}" in ${ref.region}: cannot adopt the existing snapshot: it holds disk "${existing.fromDiskName ?? existing.fromInstanceName}", not ${ref.source ?? "the declared source"}`,
                );
            },
        });
        if (!claim.claimed) {
            const hint = aws.isNameTaken(error)
                ? nameTakenHint(
                      "snapshot",
                      claim.existing && fromSameDisk(claim.existing, disk),
                      claim.existing && `disk "${claim.existing.fromDiskName ?? claim.existing.fromInstanceName}"`,
                  )
                : undefined;
            throw resourceError("CopySnapshot", ref, error, hint);
        }
        return { claimed: claim.existing };
    }
}

/** Copies the snapshot into the resource's region, tags the copy, and waits until it is completed. */
async function create(inputs: DiskSnapshotCopyInputs): Promise<{ id: string; outs: DiskSnapshotCopyOutputs }> {
    const aws = lightsail();
    const ref = refOf(inputs);
    const client = clientFor(ref.region);
    const budgetMs = snapshotTimeoutMs(inputs, "create");
    const startedAtMs = Date.now();
    const { operationId, claimed } = await requestCopy(client, inputs, ref);
    // From here on the copy exists: every failure must leave it recorded in the state.
    let copy = claimed;
    if (!copy) {
        try {
            copy = await aws.findDiskSnapshot(client, ref.name);
        } catch (error) {
            throw partialCreate(
                `${resourceError("GetDiskSnapshot", ref, error).message}; the copy exists and is recorded in the stack: run pulumi up to tag it and wait for it, or pulumi destroy to delete it`,
                ref.name,
                inputs,
                undefined,
            );
        }
    }
    if (copy) await applyDeclaredTags(COPY, client, inputs, ref, copy, claimed ? "was taken over" : "was copied");
    const remainingMs = Math.max(0, budgetMs - (Date.now() - startedAtMs));
    return { id: ref.name, outs: await waitUntilCompleted(COPY, client, inputs, ref, operationId, remainingMs) };
}

/** The DiskSnapshotCopy methods, typed on its schema. */
export const diskSnapshotCopyMethods = {
    /** Validates inputs without calling AWS; generates the copy's name once. */
    check: checkMethod<DiskSnapshotCopyInputs>((olds, news) => checkDiskSnapshotCopy(olds, news, Math.random)),
    /** Decides between no change, an in-place update (tags) and a replacement, without calling AWS. */
    diff: diffMethod((olds: Partial<DiskSnapshotCopyOutputs>, news: DiskSnapshotCopyInputs) =>
        diffSnapshotOf(diskSnapshotCopySchema, olds, news),
    ),
    create,
    read: lifecycle.read,
    update: lifecycle.update,
    delete: lifecycle.delete,
} satisfies pulumi.dynamic.ResourceProvider<DiskSnapshotCopyInputs, DiskSnapshotCopyOutputs>;
