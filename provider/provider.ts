/**
 * The DiskSnapshot provider's methods: thin glue between the Pulumi engine, the pure decisions
 * (inputs, diff, outputs) and the Lightsail calls. This module runs in the dynamic-provider
 * plugin; the serialized provider object only refers to it by module name, so its state (the
 * configured settings, the cached clients) never enters the Pulumi state.
 */

import type { DiskSnapshot, LightsailClient } from "@aws-sdk/client-lightsail";
import type * as pulumi from "@pulumi/pulumi";
import { type ProviderSettings, resolveSettings } from "./config";
import { diffSnapshot } from "./diff";
import { parseDuration } from "./duration";
import { PartialCreateError, type SnapshotRef, snapshotError } from "./errors";
import { AUTO_NAMED, checkInputs, PROVIDER_KEY } from "./inputs";
import type * as LightsailModule from "./lightsail";
import { refreshedInputs, snapshotOutputs, tagMap, toPlainJson, updatedOutputs } from "./outputs";

/** Default create timeout: snapshots of large disks take a long time. */
export const DEFAULT_CREATE_TIMEOUT_MS = 2 * 60 * 60 * 1000;
/** Default delete timeout: how long a snapshot Lightsail will not delete yet is retried. */
export const DEFAULT_DELETE_TIMEOUT_MS = 20 * 60 * 1000;

/**
 * Where the AWS side lives, as an absolute path: when the package is imported from source rather
 * than from node_modules, this module is serialized by value, and only a captured absolute path
 * (not `__dirname`, nor a relative require) still resolves in the plugin.
 */
const LIGHTSAIL_MODULE = `${__dirname}/lightsail`;

/**
 * The configured settings, in an object rather than a `let`: serialized by value, each function
 * gets its own copy of captured variables, but an object captured by several stays one object.
 */
const configured: { settings?: ProviderSettings } = {};

function currentSettings(): ProviderSettings {
    configured.settings ??= resolveSettings({ get: () => undefined }, process.env);
    return configured.settings;
}

/** Loads the AWS side on first use: preview (check and diff) never pays for the SDK. */
function lightsail(): typeof LightsailModule {
    return require(LIGHTSAIL_MODULE) as typeof LightsailModule;
}

function refOf(props: Record<string, unknown>, id?: string): SnapshotRef {
    const ref: SnapshotRef = {
        name: String(props.diskSnapshotName ?? id ?? ""),
        region: String(props.region ?? currentSettings().defaultRegion ?? ""),
    };
    if (typeof props.diskName === "string") ref.diskName = props.diskName;
    if (typeof props.instanceName === "string") ref.instanceName = props.instanceName;
    return ref;
}

function regionOf(props: Record<string, unknown>, name: string): string {
    const region = (props.region as string | undefined) ?? currentSettings().defaultRegion;
    if (!region) {
        throw new Error(
            `DiskSnapshot "${name}": no region known; pass region to DiskSnapshot.get, or set aws:region or AWS_REGION`,
        );
    }
    return region;
}

function client(region: string) {
    return lightsail().lightsailClient(region, currentSettings().client);
}

function timeoutMs(props: Record<string, unknown>, kind: "create" | "delete", fallback: number): number {
    const timeouts = props.timeouts as Record<string, string> | undefined;
    const text = timeouts?.[kind];
    return (text && parseDuration(text)) || fallback;
}

function sourceMatches(
    snapshot: { fromDiskName?: string; fromInstanceName?: string },
    inputs: Record<string, unknown>,
) {
    return inputs.diskName !== undefined
        ? snapshot.fromDiskName === inputs.diskName
        : snapshot.fromInstanceName === inputs.instanceName;
}

/** Reads the stack configuration the engine hands the plugin (see {@link resolveSettings}). */
export async function configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
    configured.settings = resolveSettings(request.config, process.env);
}

/** Validates inputs without calling AWS; generates the snapshot name once. */
export async function check(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckResult> {
    const outcome = checkInputs(olds, news, Math.random);
    return { inputs: outcome.inputs, failures: outcome.failures };
}

/** Decides between no change, an in-place tag update and a replacement, without calling AWS. */
export async function diff(
    _id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
): Promise<pulumi.dynamic.DiffResult> {
    return diffSnapshot(olds, news);
}

/**
 * After a CreateDiskSnapshot that failed, finds the snapshot if it is nevertheless ours to keep:
 * adoption was asked for, or the request may have reached Lightsail before failing (a retried
 * call whose first attempt created it). Undefined when there is nothing to claim.
 */
async function claimAfterFailedCreate(
    inputs: Record<string, unknown>,
    ref: SnapshotRef,
    error: unknown,
): Promise<{ adopted: boolean; existing: DiskSnapshot } | undefined> {
    const aws = lightsail();
    // A generated name is this resource's alone (see seededRandom): taken, it is a snapshot an
    // earlier, interrupted create of this very resource made.
    const adopt = (inputs.adopt === true || inputs[AUTO_NAMED] === true) && aws.isNameTaken(error);
    const ambiguous = !aws.isAuthError(error) && aws.mayHaveReachedService(error);
    if (!adopt && !ambiguous) return undefined;
    let existing: Awaited<ReturnType<typeof aws.findDiskSnapshot>>;
    try {
        existing = await aws.findDiskSnapshot(client(ref.region), ref.name);
    } catch {
        return undefined;
    }
    if (!existing) return undefined;
    if (!sourceMatches(existing, inputs)) {
        if (adopt) {
            const source = existing.fromDiskName ?? existing.fromInstanceName ?? "another source";
            throw new Error(
                `DiskSnapshot "${ref.name}" in ${ref.region}: cannot adopt the existing snapshot: it was taken from "${source}", not from the source declared`,
            );
        }
        return undefined;
    }
    return { adopted: adopt, existing };
}

/**
 * Gives a snapshot taken over by name the tags the program declares (it may carry other tags, or
 * none). A failure here leaves the snapshot, now this resource's, recorded in the state with the
 * tags it really has, so the next `pulumi up` retries the tag change.
 */
async function applyDeclaredTags(
    lightsailClient: LightsailClient,
    inputs: Record<string, unknown>,
    ref: SnapshotRef,
    existing: DiskSnapshot,
): Promise<void> {
    const aws = lightsail();
    const desired = (inputs.tags as Record<string, string> | undefined) ?? {};
    try {
        await aws.syncTags(lightsailClient, ref.name, tagMap(existing.tags), desired);
    } catch (error) {
        const { action, cause } = error as LightsailModule.TagCallError;
        throw new PartialCreateError(
            `${snapshotError(action, ref, cause).message}; the snapshot was taken over and is recorded in the stack: run pulumi up to retry`,
            ref.name,
            { ...snapshotOutputs(inputs, existing), [PROVIDER_KEY]: inputs[PROVIDER_KEY] },
        );
    }
}

/** Creates the snapshot with its tags and waits until it is completed. */
export async function create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const aws = lightsail();
    const ref = refOf(inputs);
    const lightsailClient = client(ref.region);
    let operationId: string | undefined;
    try {
        const operations = await aws.createDiskSnapshot(lightsailClient, {
            diskSnapshotName: ref.name,
            diskName: inputs.diskName as string | undefined,
            instanceName: inputs.instanceName as string | undefined,
            tags: (inputs.tags as Record<string, string> | undefined) ?? {},
        });
        operationId = operations.find((operation) => operation.resourceType === "DiskSnapshot")?.id;
    } catch (error) {
        const claimed = await claimAfterFailedCreate(inputs, ref, error);
        if (!claimed) throw snapshotError("CreateDiskSnapshot", ref, error);
        if (claimed.adopted) {
            process.stderr.write(
                `DiskSnapshot "${ref.name}" (${ref.region}): taking over the existing snapshot of this name\n`,
            );
            await applyDeclaredTags(lightsailClient, inputs, ref, claimed.existing);
        }
    }
    // From here on the snapshot exists: every failure must leave it recorded in the state.
    return { id: ref.name, outs: await waitUntilCompleted(lightsailClient, inputs, ref, operationId) };
}

/**
 * Waits for an existing snapshot to complete and returns its outputs. Any failure but its
 * disappearance throws a {@link PartialCreateError}, so the engine keeps it in the state.
 */
async function waitUntilCompleted(
    lightsailClient: LightsailClient,
    inputs: Record<string, unknown>,
    ref: SnapshotRef,
    operationId: string | undefined,
): Promise<Record<string, unknown>> {
    const aws = lightsail();
    try {
        const snapshot = await aws.waitForSnapshot(lightsailClient, ref.name, {
            label: `DiskSnapshot "${ref.name}" (${ref.region})`,
            timeoutMs: timeoutMs(inputs, "create", DEFAULT_CREATE_TIMEOUT_MS),
        });
        return snapshotOutputs(inputs, snapshot);
    } catch (error) {
        const failure = error as { reason?: string; lastSnapshot?: DiskSnapshot };
        if (failure.reason === "vanished") {
            throw new Error(`DiskSnapshot "${ref.name}" in ${ref.region}: ${(error as Error).message}`);
        }
        const last = failure.lastSnapshot ? snapshotOutputs(inputs, failure.lastSnapshot) : undefined;
        const message =
            failure.reason === "error"
                ? await describeErrorState(lightsailClient, ref, operationId)
                : failure.reason
                  ? `DiskSnapshot "${ref.name}" in ${ref.region}: ${(error as Error).message}`
                  : snapshotError("GetDiskSnapshot", ref, error).message;
        const properties = {
            ...(last ?? (toPlainJson(stripProvider(inputs)) as Record<string, unknown>)),
            [PROVIDER_KEY]: inputs[PROVIDER_KEY],
        } as Record<string, unknown>;
        throw new PartialCreateError(
            `${message}; the snapshot exists and is recorded in the stack: run pulumi up to retry or pulumi destroy to delete it`,
            ref.name,
            properties,
        );
    }
}

function stripProvider(props: Record<string, unknown>): Record<string, unknown> {
    const { [PROVIDER_KEY]: _provider, ...rest } = props;
    return rest;
}

/** Lightsail's own account of why the snapshot ended in `error`, from its create operation. */
async function describeErrorState(
    lightsailClient: LightsailClient,
    ref: SnapshotRef,
    operationId: string | undefined,
): Promise<string> {
    const aws = lightsail();
    let detail = "Lightsail gave no detail";
    try {
        const operation = operationId ? await aws.findOperation(lightsailClient, operationId) : undefined;
        if (operation) {
            detail = `${operation.errorCode ?? "error"}: ${operation.errorDetails ?? "no detail given"}`;
        }
    } catch (error) {
        detail = `the create operation could not be read (${aws.awsErrorName(error)}: ${aws.awsErrorMessage(error)})`;
    }
    return `DiskSnapshot "${ref.name}" in ${ref.region}: the snapshot ended in state error: ${detail}`;
}

/** Reads the live snapshot; an empty ID tells the engine it is gone. */
export async function read(id: string, props: Record<string, unknown> = {}): Promise<pulumi.dynamic.ReadResult> {
    const aws = lightsail();
    const region = regionOf(props, id);
    const ref = { ...refOf(props, id), region };
    let snapshot: Awaited<ReturnType<typeof aws.findDiskSnapshot>>;
    try {
        snapshot = await aws.findDiskSnapshot(client(region), id);
    } catch (error) {
        throw snapshotError("GetDiskSnapshot", ref, error);
    }
    if (!snapshot) return { id: "" };
    const inputs = { ...stripProvider(props), region };
    const outputs = snapshotOutputs(inputs, snapshot);
    const managed = props.diskSnapshotName !== undefined;
    return managed ? { id, props: outputs, inputs: refreshedInputs(outputs) } : { id, props: outputs };
}

/**
 * Applies a tag change in place: TagResource and UntagResource with only the difference. A
 * snapshot recorded while still pending is waited for, as its create would have.
 */
export async function update(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
): Promise<pulumi.dynamic.UpdateResult> {
    const aws = lightsail();
    const ref = refOf(olds, id);
    const lightsailClient = client(ref.region);
    try {
        await aws.syncTags(
            lightsailClient,
            id,
            (olds.tags as Record<string, string> | undefined) ?? {},
            (news.tags as Record<string, string> | undefined) ?? {},
        );
    } catch (error) {
        const { action, cause } = error as LightsailModule.TagCallError;
        const message = snapshotError(action, ref, cause).message;
        throw new Error(
            aws.isNotFound(cause) ? `${message} (it was deleted outside Pulumi: run pulumi refresh)` : message,
        );
    }
    if (olds.state === "pending") {
        // A snapshot recorded before it completed (an interrupted or timed-out create): finish the wait.
        return { outs: await waitUntilCompleted(lightsailClient, { ...news, diskSnapshotName: id }, ref, undefined) };
    }
    return { outs: updatedOutputs(olds, news) };
}

/** Deletes the snapshot; one already gone is success, one still pending is retried until the timeout. */
export async function remove(id: string, props: Record<string, unknown>): Promise<void> {
    const aws = lightsail();
    const region = regionOf(props, id);
    const ref = { ...refOf(props, id), region };
    const lightsailClient = client(region);
    const deadline = Date.now() + timeoutMs(props, "delete", DEFAULT_DELETE_TIMEOUT_MS);
    for (let attempt = 0; ; attempt++) {
        try {
            await aws.deleteDiskSnapshot(lightsailClient, id);
            return;
        } catch (error) {
            let current: DiskSnapshot | undefined;
            try {
                current = await aws.findDiskSnapshot(lightsailClient, id);
            } catch {
                throw snapshotError("DeleteDiskSnapshot", ref, error);
            }
            if (current === undefined) return;
            const busy = current.state === "pending";
            if (!busy || Date.now() >= deadline) throw snapshotError("DeleteDiskSnapshot", ref, error);
            const delay = Math.min(15_000, 1_000 * 1.5 ** attempt);
            await new Promise((resolve) => setTimeout(resolve, Math.min(delay, Math.max(0, deadline - Date.now()))));
        }
    }
}
