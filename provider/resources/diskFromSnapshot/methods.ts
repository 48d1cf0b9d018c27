/**
 * DiskFromSnapshot's provider methods: thin glue between the engine, the pure decisions (check,
 * diff, outputs), recovery and the Lightsail calls. Runs in the dynamic-provider plugin.
 */

import type { Disk, Instance, LightsailClient } from "@aws-sdk/client-lightsail";
import type * as pulumi from "@pulumi/pulumi";
import { tellUser } from "../../diagnostics";
import { nameTakenHint, type ResourceRef, resourceError } from "../../errors";
import type { RestoreSource, TagCallError } from "../../lightsail";
import { isAuthError } from "../../lightsail/errors";
import { AUTO_NAMED } from "../../naming";
import { refreshedInputs, tagMap, withoutProvider } from "../../outputs";
import { claimAfterFailedCreate, partialCreate } from "../../recovery";
import { clientFor, lightsail } from "../../runtime";
import { leftToReplacement } from "../../takeovers";
import { checkMethod, diffMethod } from "../engineMethods";
import { declaredTimeoutMs, labelOf, resourceFailure, resourceRef } from "../refs";
import { checkDiskFromSnapshot } from "./check";
import { diffDiskFromSnapshot } from "./diff";
import { diskOutputs } from "./outputs";
import {
    type DiskAttachment,
    type DiskFromSnapshotInputs,
    type DiskFromSnapshotOutputs,
    diskFromSnapshotSchema,
} from "./schema";

/** Default create and delete timeouts: restoring, attaching and detaching take minutes. */
export const DEFAULT_DISK_TIMEOUT_MS = 30 * 60 * 1000;

type StateProps = Partial<DiskFromSnapshotOutputs>;

function sourceOf(props: StateProps): string | undefined {
    if (props.diskSnapshotName !== undefined) return `snapshot "${props.diskSnapshotName}"`;
    if (props.sourceDiskName === undefined) return undefined;
    const which = props.restoreDate ?? "the newest restorable day";
    return `the automatic snapshot of disk "${props.sourceDiskName}" (${which})`;
}

function refOf(props: StateProps, id?: string): ResourceRef {
    return resourceRef("DiskFromSnapshot", props.diskName ?? id ?? "", props.region, sourceOf(props));
}

function timeoutMs(props: StateProps, kind: "create" | "delete"): number {
    return declaredTimeoutMs(props.timeouts, kind, DEFAULT_DISK_TIMEOUT_MS);
}

/** Runs a Lightsail read; its failure is an error naming the operation and this resource. */
function reading<T>(operation: string, ref: ResourceRef, read: () => Promise<T>): Promise<T> {
    return read().catch((error: unknown) => {
        throw resourceError(operation, ref, error);
    });
}

function getDisk(client: LightsailClient, ref: ResourceRef, name: string): Promise<Disk | undefined> {
    return reading("GetDisk", ref, () => lightsail().findDisk(client, name));
}

function getInstance(client: LightsailClient, ref: ResourceRef, name: string): Promise<Instance | undefined> {
    return reading("GetInstance", ref, () => lightsail().findInstance(client, name));
}

function restoreSource(inputs: DiskFromSnapshotInputs): RestoreSource {
    if (inputs.diskSnapshotName !== undefined) return { diskSnapshotName: inputs.diskSnapshotName };
    return inputs.restoreDate !== undefined
        ? { sourceDiskName: inputs.sourceDiskName ?? "", restoreDate: inputs.restoreDate }
        : { sourceDiskName: inputs.sourceDiskName ?? "", useLatestRestorableAutoSnapshot: true };
}

/**
 * What can be known before anything is created: the source exists and can be restored, the size
 * is not smaller than it, and the instance to attach to is in the disk's zone. Returns the size
 * to ask for.
 */
async function preflight(client: LightsailClient, inputs: DiskFromSnapshotInputs, ref: ResourceRef): Promise<number> {
    const aws = lightsail();
    let sourceSizeInGb: number | undefined;
    if (inputs.diskSnapshotName !== undefined) {
        const snapshot = await reading("GetDiskSnapshot", ref, () =>
            aws.findDiskSnapshot(client, inputs.diskSnapshotName ?? ""),
        );
        if (!snapshot)
            throw resourceFailure(ref, `snapshot "${inputs.diskSnapshotName}" does not exist in ${ref.region}`);
        if (snapshot.state !== "completed") {
            throw resourceFailure(
                ref,
                `snapshot "${inputs.diskSnapshotName}" is ${snapshot.state ?? "not completed"}: a disk can be restored only from a completed snapshot`,
            );
        }
        sourceSizeInGb = snapshot.sizeInGb;
    } else {
        const sourceName = inputs.sourceDiskName ?? "";
        const disk = await getDisk(client, ref, sourceName);
        if (!disk) {
            throw resourceFailure(
                ref,
                `disk "${sourceName}" does not exist in ${ref.region}, and its automatic snapshots went with it`,
            );
        }
        const restorable = (
            await reading("GetAutoSnapshots", ref, () => aws.listAutoSnapshots(client, sourceName))
        ).filter((s) => s.status === "Success");
        const dates = restorable.map((s) => s.date).join(", ") || "none yet";
        if (inputs.restoreDate !== undefined && !restorable.some((s) => s.date === inputs.restoreDate)) {
            throw resourceFailure(
                ref,
                `disk "${sourceName}" has no restorable automatic snapshot of ${inputs.restoreDate}; it has: ${dates}`,
            );
        }
        if (restorable.length === 0)
            throw resourceFailure(ref, `disk "${sourceName}" has no restorable automatic snapshot yet`);
        sourceSizeInGb = disk.sizeInGb;
    }
    const sizeInGb = inputs.sizeInGb ?? sourceSizeInGb ?? 0;
    if (sourceSizeInGb !== undefined && sizeInGb < sourceSizeInGb) {
        throw resourceFailure(
            ref,
            `sizeInGb ${sizeInGb} is smaller than ${ref.source ?? "the source"} (${sourceSizeInGb} GB); a restored disk is at least as large as its snapshot`,
        );
    }
    if (inputs.attachTo)
        await requireInstanceInZone(client, inputs.attachTo.instanceName, inputs.availabilityZone, ref);
    return sizeInGb;
}

async function requireInstanceInZone(
    client: LightsailClient,
    instanceName: string,
    zone: string,
    ref: ResourceRef,
): Promise<Instance> {
    const instance = await getInstance(client, ref, instanceName);
    if (!instance) throw resourceFailure(ref, `instance "${instanceName}" (attachTo) does not exist in ${ref.region}`);
    const instanceZone = instance.location?.availabilityZone;
    if (instanceZone !== zone) {
        throw resourceFailure(
            ref,
            `instance "${instanceName}" is in ${instanceZone}, the disk in ${zone}: a disk attaches only to an instance of its own zone; set availabilityZone to "${instanceZone}"`,
        );
    }
    return instance;
}

/** Waits until `read` says done; the disk or instance reports no progress, only its state. */
function waitFor<T>(
    read: () => Promise<T | undefined>,
    done: (value: T) => string,
    ref: ResourceRef,
    options: { timeoutMs: number; subject: string; timeoutName: string; vanished?: string },
    readShared?: (holdMs: number) => Promise<T | undefined>,
): Promise<T & { state: string }> {
    const aws = lightsail();
    const seen = (value: T | undefined) => (value === undefined ? undefined : { value, state: done(value) });
    return aws
        .waitForResource(async () => seen(await read()), {
            label: labelOf(ref),
            ...options,
            readShared: readShared && (async (holdMs) => seen(await readShared(holdMs))),
        })
        .then((seen) => seen.value as T & { state: string });
}

/** A disk's state in the waiter's terms: `available` or `in-use` count as done (`completed`). */
export function diskReady(disk: Pick<Disk, "state">): string {
    return disk.state === "available" || disk.state === "in-use" ? "completed" : (disk.state ?? "pending");
}

// A disk counts as attached (isAttached, attachedTo, in-use) from AttachDisk on; only its
// attachmentState tells when the attachment has settled, as CloudFormation's handler waits for.
function attachedAs(attachment: DiskAttachment): (disk: Disk) => string {
    return (disk) =>
        disk.isAttached &&
        disk.attachedTo === attachment.instanceName &&
        disk.state === "in-use" &&
        (disk.attachmentState ?? "attached") === "attached"
            ? "completed"
            : (disk.attachmentState ?? disk.state ?? "attaching");
}

function detached(disk: Disk): string {
    return !disk.isAttached && disk.state === "available" && (disk.attachmentState ?? "detached") === "detached"
        ? "completed"
        : (disk.attachmentState ?? "detaching");
}

/**
 * Sends a request that changes a disk's attachment or an instance's state. Those requests are not
 * idempotent: when an answer is lost and the SDK retries, Lightsail refuses the retry because the
 * first attempt took effect ("is being attached", "is not attached", "must be running to stop
 * it"). So on a refusal, `tookEffect` reads what Lightsail has now, and a change already made (or
 * under way) counts as done.
 */
async function changeOnce(send: () => Promise<void>, tookEffect: () => Promise<boolean>): Promise<void> {
    try {
        await send();
    } catch (error) {
        if (isAuthError(error) || !(await tookEffect().catch(() => false))) throw error;
    }
}

/** Waits until the instance is in one of `states` (Lightsail attaches only to a running or stopped one). */
function waitForInstance(
    client: LightsailClient,
    instanceName: string,
    states: readonly string[],
    ref: ResourceRef,
    options: { timeoutMs: number; timeoutName: string },
): Promise<Instance> {
    return waitFor(
        () => getInstance(client, ref, instanceName),
        (instance) => (states.includes(instance.state?.name ?? "") ? "completed" : (instance.state?.name ?? "pending")),
        ref,
        {
            ...options,
            subject: `instance "${instanceName}"`,
            vanished: `instance "${instanceName}" was deleted before it was ${states.join(" or ")}`,
        },
    );
}

/** Attaches the disk and waits until Lightsail reports it in use by the instance. */
async function attachAndWait(
    client: LightsailClient,
    diskName: string,
    attachment: DiskAttachment,
    ref: ResourceRef,
    budgetMs: number,
): Promise<Disk> {
    const aws = lightsail();
    await waitForInstance(client, attachment.instanceName, ["running", "stopped"], ref, {
        timeoutMs: budgetMs,
        timeoutName: "create",
    });
    const attachedHere = async () => {
        const disk = await getDisk(client, ref, diskName);
        return (
            disk?.isAttached === true &&
            disk.attachedTo === attachment.instanceName &&
            disk.path === attachment.diskPath
        );
    };
    try {
        await changeOnce(
            () => aws.attachDisk(client, diskName, attachment.instanceName, attachment.diskPath),
            attachedHere,
        );
    } catch (error) {
        throw resourceError(
            "AttachDisk",
            ref,
            error,
            `attaching to instance "${attachment.instanceName}" at ${attachment.diskPath}`,
        );
    }
    return waitFor(() => getDisk(client, ref, diskName), attachedAs(attachment), ref, {
        timeoutMs: budgetMs,
        subject: `the attachment to instance "${attachment.instanceName}"`,
        timeoutName: "create",
    });
}

/**
 * Detaches the disk from `instanceName`. Lightsail detaches only from a stopped instance, so a
 * running one is stopped first and started again afterwards, whatever happens in between.
 */
async function detachFrom(
    client: LightsailClient,
    diskName: string,
    instanceName: string,
    ref: ResourceRef,
    budgetMs: number,
): Promise<void> {
    const aws = lightsail();
    const instanceState = async () => (await getInstance(client, ref, instanceName))?.state?.name;
    const waitInstance = (...targets: string[]) =>
        waitForInstance(client, instanceName, targets, ref, { timeoutMs: budgetMs, timeoutName: "delete" });
    const instanceIn = (states: readonly string[]) => async () => states.includes((await instanceState()) ?? "");
    const wasRunning = (await instanceState()) === "running";
    if (wasRunning) {
        tellUser(
            `${labelOf(ref)}: stopping instance ${instanceName} to detach the disk (Lightsail detaches only from a stopped instance); it is started again afterwards`,
        );
        try {
            await changeOnce(() => aws.stopInstance(client, instanceName), instanceIn(["stopping", "stopped"]));
        } catch (error) {
            throw resourceError("StopInstance", ref, error, `stopping instance "${instanceName}" to detach the disk`);
        }
    }
    try {
        await waitInstance("stopped");
        const detachedOrDetaching = async () => {
            const disk = await getDisk(client, ref, diskName);
            return disk !== undefined && (!disk.isAttached || disk.attachmentState === "detaching");
        };
        try {
            await changeOnce(() => aws.detachDisk(client, diskName), detachedOrDetaching);
        } catch (error) {
            throw resourceError("DetachDisk", ref, error, `detaching from instance "${instanceName}"`);
        }
        await waitFor(() => getDisk(client, ref, diskName), detached, ref, {
            timeoutMs: budgetMs,
            subject: "the detach",
            timeoutName: "delete",
            vanished: `the disk was deleted while it was being detached from instance "${instanceName}"`,
        });
    } finally {
        if (wasRunning) {
            // The stop may still be under way (a failed or interrupted detach): Lightsail starts only a stopped instance.
            const settled = await waitInstance("stopped", "pending", "running");
            if (settled.state?.name === "stopped") {
                await changeOnce(() => aws.startInstance(client, instanceName), instanceIn(["pending", "running"]));
            }
            await waitInstance("running");
            tellUser(`${labelOf(ref)}: instance ${instanceName} started again`);
        }
    }
}

/** The instance holding the disk when it is not the attachment this resource declared, in words for an error. */
function heldByOther(disk: Disk, declared: DiskAttachment | undefined): string | undefined {
    if (!disk.isAttached || !disk.attachedTo) return undefined;
    if (declared && declared.instanceName === disk.attachedTo) return undefined;
    return `it is attached to instance "${disk.attachedTo}" by something other than this resource (for example aws.lightsail.Disk_attachment): detach it there first`;
}

/** Creates the disk from its snapshot with its tags, waits until it is available, and attaches it when asked. */
async function create(inputs: DiskFromSnapshotInputs): Promise<{ id: string; outs: DiskFromSnapshotOutputs }> {
    const aws = lightsail();
    const ref = refOf(inputs);
    const client = clientFor(ref.region);
    const budgetMs = timeoutMs(inputs, "create");
    const startedAtMs = Date.now();
    const sizeInGb = await preflight(client, inputs, ref);
    let adopted: Disk | undefined;
    try {
        await aws.createDiskFromSnapshot(client, {
            diskName: ref.name,
            availabilityZone: inputs.availabilityZone,
            sizeInGb,
            source: restoreSource(inputs),
            tags: inputs.tags,
        });
    } catch (error) {
        const claim = await claimAfterFailedCreate<Disk>({
            ref,
            error,
            adoptAsked: inputs.adopt === true,
            generatedName: inputs[AUTO_NAMED] === true,
            find: () => getDisk(client, ref, ref.name),
            sameSource: (existing) => existing.location?.availabilityZone === inputs.availabilityZone,
            refuseAdoption: (existing) => {
                throw resourceFailure(
                    ref,
                    `cannot adopt the existing disk: it is in ${existing.location?.availabilityZone}, not in the declared ${inputs.availabilityZone}`,
                );
            },
        });
        if (!claim.claimed) {
            const sameZone = claim.existing && claim.existing.location?.availabilityZone === inputs.availabilityZone;
            const hint = aws.isNameTaken(error) ? nameTakenHint("disk", sameZone || undefined, undefined) : undefined;
            throw resourceError("CreateDiskFromSnapshot", ref, error, hint);
        }
        adopted = claim.adopted ? claim.existing : undefined;
    }
    // From here on the disk exists: every failure must leave it recorded in the state.
    let disk: Disk | undefined = adopted;
    try {
        if (adopted) {
            // Taken over by name: it carries whatever tags it had; give it the declared ones.
            await aws.syncTags(client, ref.name, tagMap(adopted.tags), inputs.tags).catch((error: unknown) => {
                const { action, cause } = error as TagCallError;
                throw resourceError(action, ref, cause);
            });
        }
        disk = await waitFor(
            () => getDisk(client, ref, ref.name),
            diskReady,
            ref,
            { timeoutMs: budgetMs, subject: "the disk", timeoutName: "create" },
            (holdMs) => reading("GetDisk", ref, () => aws.sharedDiskReads(client).read(ref.name, holdMs)),
        );
        if (inputs.attachTo) {
            const remainingMs = Math.max(0, budgetMs - (Date.now() - startedAtMs));
            disk = await attachAndWait(client, ref.name, inputs.attachTo, ref, remainingMs);
        }
        return { id: ref.name, outs: diskOutputs(inputs, disk) };
    } catch (error) {
        const failure = error as { reason?: string; lastSnapshot?: { value: Disk | Instance } };
        // A wait on the instance (stopping it to attach) saw the instance, not the disk.
        const seen = failure.lastSnapshot?.value;
        const last = seen?.resourceType === "Disk" ? (seen as Disk) : disk;
        const message = failure.reason
            ? resourceFailure(ref, (error as Error).message).message
            : (error as Error).message;
        throw partialCreate(
            `${message}; the disk exists and is recorded in the stack: run pulumi up to retry or pulumi destroy to delete it`,
            ref.name,
            inputs,
            last && diskOutputs({ ...inputs, attachTo: undefined }, last),
        );
    }
}

/** Reads the live disk; one that is gone returns an empty ID (the engine drops it from the stack). */
async function read(id: string, props: StateProps = {}): Promise<pulumi.dynamic.ReadResult<DiskFromSnapshotOutputs>> {
    const ref = refOf(props, id);
    const disk = await getDisk(clientFor(ref.region), ref, id);
    if (!disk) return { id: "" };
    const outputs = diskOutputs(props, disk);
    // The SDK types read's inputs as outputs; they are the subset of them the program declares.
    return { id, props: outputs, inputs: refreshedInputs(diskFromSnapshotSchema, outputs) as DiskFromSnapshotOutputs };
}

function sameAttachment(a: DiskAttachment | undefined, b: DiskAttachment | undefined): boolean {
    return a?.instanceName === b?.instanceName && a?.diskPath === b?.diskPath;
}

/** Applies tag changes (only the difference) and moves the attachment: detach, then attach. */
async function update(
    id: string,
    olds: DiskFromSnapshotOutputs,
    news: DiskFromSnapshotInputs,
): Promise<{ outs: DiskFromSnapshotOutputs }> {
    const aws = lightsail();
    const ref = refOf(olds, id);
    const client = clientFor(ref.region);
    try {
        await aws.syncTags(client, id, olds.tags ?? {}, news.tags);
    } catch (error) {
        const { action, cause } = error as TagCallError;
        throw resourceError(action, ref, cause);
    }
    let disk = await getDisk(client, ref, id);
    if (!disk) throw resourceFailure(ref, "the disk was deleted outside Pulumi: run pulumi refresh");
    // The attachment in place that this resource made, if any, against the one now declared.
    if (!sameAttachment(diskOutputs(olds, disk).attachTo, news.attachTo)) {
        const budgetMs = timeoutMs(news, "create");
        const held = heldByOther(disk, olds.attachTo);
        if (held) throw resourceFailure(ref, `cannot change the attachment: ${held}`);
        if (disk.isAttached && disk.attachedTo) await detachFrom(client, id, disk.attachedTo, ref, budgetMs);
        if (news.attachTo) {
            await requireInstanceInZone(client, news.attachTo.instanceName, disk.location?.availabilityZone ?? "", ref);
            disk = await attachAndWait(client, id, news.attachTo, ref, budgetMs);
        } else {
            disk = (await getDisk(client, ref, id)) ?? disk;
        }
    } else {
        disk = (await getDisk(client, ref, id)) ?? disk;
    }
    return { outs: diskOutputs({ ...withoutProvider(olds), ...news }, disk) };
}

/**
 * Detaches the disk when this resource attached it, then deletes it. One already gone is success;
 * one another owner attached is left alone, with an error that says who holds it.
 */
async function remove(id: string, props: DiskFromSnapshotOutputs): Promise<void> {
    const aws = lightsail();
    const ref = refOf(props, id);
    if (leftToReplacement(ref)) return;
    const client = clientFor(ref.region);
    const disk = await getDisk(client, ref, id);
    if (!disk) return;
    const held = heldByOther(disk, props.attachTo);
    if (held) throw resourceFailure(ref, `not deleted: ${held}`);
    if (disk.isAttached && disk.attachedTo) {
        try {
            await detachFrom(client, id, disk.attachedTo, ref, timeoutMs(props, "delete"));
        } catch (error) {
            // Deleted by someone else meanwhile: what destroy was for. A disk that cannot be read
            // is not known to be gone.
            if ((await getDisk(client, ref, id).catch(() => disk)) === undefined) return;
            throw error;
        }
    }
    try {
        await aws.deleteDisk(client, id);
    } catch (error) {
        throw resourceError("DeleteDisk", ref, error);
    }
}

/** The DiskFromSnapshot methods, typed on its schema. */
export const diskFromSnapshotMethods = {
    /** Validates inputs without calling AWS; generates the disk name once. */
    check: checkMethod<DiskFromSnapshotInputs>((olds, news) => checkDiskFromSnapshot(olds, news, Math.random)),
    /** Decides between no change, an in-place update and a replacement, without calling AWS. */
    diff: diffMethod(diffDiskFromSnapshot),
    create,
    read,
    update,
    delete: remove,
} satisfies pulumi.dynamic.ResourceProvider<DiskFromSnapshotInputs, DiskFromSnapshotOutputs>;
