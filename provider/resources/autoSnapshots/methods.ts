/**
 * AutoSnapshots' provider methods: thin glue between the engine, the pure decisions (check,
 * diff, outputs), recovery and the Lightsail calls. Runs in the dynamic-provider plugin.
 */

import type { LightsailClient } from "@aws-sdk/client-lightsail";
import type * as pulumi from "@pulumi/pulumi";
import { describeFailure, type ResourceRef, resourceError } from "../../errors";
import type { AutoSnapshotSource, AutoSnapshotSourceType } from "../../lightsail/addOns";
import { refreshedInputs } from "../../outputs";
import { partialCreate } from "../../recovery";
import { clientFor, lightsail } from "../../runtime";
import { leftToReplacement, recordTakeover } from "../../takeovers";
import type { SnapshotStatus } from "../../waiter";
import { checkMethod, diffMethod } from "../engineMethods";
import { declaredTimeoutMs, resourceFailure, resourceRef } from "../refs";
import { checkAutoSnapshots } from "./check";
import { diffAutoSnapshots } from "./diff";
import { autoSnapshotsOutputs } from "./outputs";
import { type AutoSnapshotsInputs, type AutoSnapshotsOutputs, autoSnapshotsSchema } from "./schema";

/** Default create and delete timeouts: Lightsail enables and disables add-ons in moments. */
export const DEFAULT_ADD_ON_TIMEOUT_MS = 10 * 60 * 1000;

type StateProps = Partial<AutoSnapshotsOutputs>;

function sourceOf(props: StateProps): { type: AutoSnapshotSourceType; name: string } {
    return props.diskName !== undefined
        ? { type: "Disk", name: props.diskName }
        : { type: "Instance", name: props.instanceName ?? props.resourceName ?? "" };
}

/** The call that reads a source's add-on: GetDisk or GetInstance. */
function readAction(source: { type: AutoSnapshotSourceType }): "GetDisk" | "GetInstance" {
    return source.type === "Disk" ? "GetDisk" : "GetInstance";
}

/**
 * The message of a failed wait for a source's add-on: the waiter's own (a timeout, a failed
 * add-on), or the failed read with its AWS error and Lightsail's text.
 */
export function waitFailureMessage(error: unknown, ref: ResourceRef, source: { type: AutoSnapshotSourceType }): string {
    return (error as { reason?: string }).reason
        ? resourceFailure(ref, (error as Error).message).message
        : describeFailure(readAction(source), ref, error);
}

function refOf(props: StateProps): ResourceRef {
    const source = sourceOf(props);
    const words = `${source.type === "Disk" ? "disk" : "instance"} "${source.name}"`;
    return resourceRef("AutoSnapshots", source.name, props.region, words);
}

function timeoutMs(props: StateProps, kind: "create" | "delete"): number {
    return declaredTimeoutMs(props.timeouts, kind, DEFAULT_ADD_ON_TIMEOUT_MS);
}

/**
 * The add-on as the waiter sees it: `completed` once it is enabled at the declared time. Enabled at
 * another time (retimed by hand) says so, so a timeout does not read as if all were well.
 */
function enabledStatus(source: AutoSnapshotSource, timeOfDay: string): SnapshotStatus & { source: AutoSnapshotSource } {
    const status = source.addOn?.status;
    const at = source.addOn?.snapshotTimeOfDay;
    if (status === "Enabled" && at === timeOfDay) return { source, state: "completed" };
    if (status === "Failed") return { source, state: "error" };
    return { source, state: status === "Enabled" ? `Enabled at ${at}, not ${timeOfDay}` : (status ?? "Enabling") };
}

/**
 * Asks for the add-on at the declared time and waits until Lightsail reports it. Any failure after
 * the request was accepted throws a partial-create error (when `recordOnFailure`), so the engine
 * keeps the resource and a later `up` or `destroy` deals with it.
 */
async function enableAndWait(
    client: LightsailClient,
    inputs: AutoSnapshotsInputs,
    ref: ResourceRef,
    timeoutName: "create" | "update",
): Promise<AutoSnapshotsOutputs> {
    const aws = lightsail();
    const source = sourceOf(inputs);
    try {
        await aws.enableAutoSnapshots(client, source.name, inputs.snapshotTimeOfDay);
    } catch (error) {
        // Already enabled at that time (by an earlier, interrupted up, or by hand): that is what is declared.
        if (!aws.isAlreadyInRequestedState(error)) throw resourceError("EnableAddOn", ref, error);
        // Taken over: a delete of it later in this process is the replaced resource's (see ../../takeovers).
        if (timeoutName === "create") recordTakeover(ref);
    }
    try {
        const { source: live } = await aws.waitForResource(
            async () => {
                const found = await aws.findAutoSnapshotSource(client, source.type, source.name);
                return found && enabledStatus(found, inputs.snapshotTimeOfDay);
            },
            {
                label: `AutoSnapshots "${source.name}" (${ref.region})`,
                timeoutMs: timeoutMs(inputs, "create"),
                subject: ref.source,
                timeoutName: timeoutName === "create" ? "create" : "create (used for updates too)",
                vanished: `${ref.source} was deleted while its automatic snapshots were being enabled`,
            },
        );
        return autoSnapshotsOutputs(inputs, live);
    } catch (error) {
        const failure = error as { reason?: string; lastSnapshot?: { source: AutoSnapshotSource } };
        if (failure.reason === "vanished") {
            throw resourceFailure(ref, (error as Error).message);
        }
        throw partialCreate(
            `${waitFailureMessage(error, ref, source)}; the add-on was requested and is recorded in the stack: run pulumi up to retry or pulumi destroy to disable it`,
            source.name,
            inputs,
            failure.lastSnapshot && autoSnapshotsOutputs(inputs, failure.lastSnapshot.source),
        );
    }
}

/** Enables the add-on at the declared time and waits until Lightsail reports it enabled. */
async function create(inputs: AutoSnapshotsInputs): Promise<{ id: string; outs: AutoSnapshotsOutputs }> {
    const ref = refOf(inputs);
    const outs = await enableAndWait(clientFor(ref.region), inputs, ref, "create");
    return { id: outs.resourceName, outs };
}

/** Reads the add-on back; a disk or instance that is gone drops the resource. */
async function read(id: string, props: StateProps = {}): Promise<pulumi.dynamic.ReadResult<AutoSnapshotsOutputs>> {
    const aws = lightsail();
    const ref = refOf({ resourceName: id, ...props });
    const source = sourceOf({ resourceName: id, ...props });
    let found: AutoSnapshotSource | undefined;
    try {
        found = await aws.findAutoSnapshotSource(clientFor(ref.region), source.type, source.name);
    } catch (error) {
        throw resourceError(readAction(source), ref, error);
    }
    if (!found) return { id: "" };
    const outputs = autoSnapshotsOutputs({ ...props, region: ref.region } as AutoSnapshotsInputs, found);
    // The SDK types read's inputs as outputs; they are the subset of them the program declares.
    return { id, props: outputs, inputs: refreshedInputs(autoSnapshotsSchema, outputs) as AutoSnapshotsOutputs };
}

/** Retimes (or turns back on) the add-on with one EnableAddOn and waits for it. */
async function update(
    _id: string,
    _olds: AutoSnapshotsOutputs,
    news: AutoSnapshotsInputs,
): Promise<{ outs: AutoSnapshotsOutputs }> {
    const ref = refOf(news);
    return { outs: await enableAndWait(clientFor(ref.region), news, ref, "update") };
}

/**
 * Disables the add-on and waits until Lightsail reports it disabled. The automatic snapshots
 * already taken stay. A disk or instance already gone, or an add-on already off, is success.
 */
async function remove(_id: string, props: AutoSnapshotsOutputs): Promise<void> {
    const aws = lightsail();
    const ref = refOf(props);
    if (leftToReplacement(ref)) return;
    const source = sourceOf(props);
    const client = clientFor(ref.region);
    try {
        await aws.disableAutoSnapshots(client, source.name);
    } catch (error) {
        if (aws.isNotFound(error) || aws.isAddOnNotEnabled(error)) return;
        throw resourceError("DisableAddOn", ref, error);
    }
    try {
        await aws.waitForResource(
            async () => {
                const found = await aws.findAutoSnapshotSource(client, source.type, source.name);
                const status = found?.addOn?.status;
                return { state: !found || !status || status === "Disabled" ? "completed" : status };
            },
            {
                label: `AutoSnapshots "${source.name}" (${ref.region})`,
                timeoutMs: timeoutMs(props, "delete"),
                subject: `the AutoSnapshot add-on of ${ref.source}`,
                timeoutName: "delete",
            },
        );
    } catch (error) {
        throw new Error(waitFailureMessage(error, ref, source), { cause: error });
    }
}

/** The AutoSnapshots methods, typed on its schema. */
export const autoSnapshotsMethods = {
    /** Validates inputs without calling AWS. */
    check: checkMethod<AutoSnapshotsInputs>((_olds, news) => checkAutoSnapshots(news)),
    /** Decides between no change, an in-place update and a replacement, without calling AWS. */
    diff: diffMethod(diffAutoSnapshots),
    create,
    read,
    update,
    delete: remove,
} satisfies pulumi.dynamic.ResourceProvider<AutoSnapshotsInputs, AutoSnapshotsOutputs>;
