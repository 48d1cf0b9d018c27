/**
 * A Lightsail DiskSnapshot as the plain JSON the Pulumi state holds. Pure. Everything returned
 * crosses gRPC: no `undefined`, `Date` or `BigInt` may appear (they fail the host after the
 * snapshot exists), so absent fields are left out and times become ISO 8601 strings.
 */

import type { DiskSnapshot } from "@aws-sdk/client-lightsail";
import { AUTO_NAME_BASE, AUTO_NAME_SCOPE, AUTO_NAMED, PROVIDER_KEY } from "./inputs";

/** Input properties echoed into the outputs, so diffs compare like with like. */
const ECHOED_INPUTS = [
    "diskName",
    "instanceName",
    "region",
    "timeouts",
    "adopt",
    AUTO_NAMED,
    AUTO_NAME_BASE,
    AUTO_NAME_SCOPE,
];

/** Lightsail's tag list as a map with sorted keys; a tag without a value maps to "". */
export function tagMap(tags: readonly { key?: string; value?: string }[] | undefined): Record<string, string> {
    const result: Record<string, string> = {};
    const pairs = (tags ?? []).flatMap((t) => (t.key === undefined ? [] : [[t.key, t.value ?? ""] as const]));
    for (const [key, value] of pairs.sort(([a], [b]) => (a < b ? -1 : 1))) result[key] = value;
    return result;
}

/** Converts a value to plain JSON: Dates to ISO strings, bigints to numbers, undefined dropped. */
export function toPlainJson(value: unknown): unknown {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === "bigint") return Number(value);
    if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(toPlainJson);
    if (value !== null && typeof value === "object") {
        const result: Record<string, unknown> = {};
        for (const [key, v] of Object.entries(value)) {
            if (v !== undefined && typeof v !== "function") result[key] = toPlainJson(v);
        }
        return result;
    }
    return value;
}

/**
 * The outputs of a DiskSnapshot resource: the live snapshot's fields plus the inputs it was made
 * from (without the serialized provider, which the host adds back).
 */
export function snapshotOutputs(inputs: Record<string, unknown>, snapshot: DiskSnapshot): Record<string, unknown> {
    const outputs: Record<string, unknown> = {
        diskSnapshotName: snapshot.name,
        arn: snapshot.arn,
        state: snapshot.state,
        progress: snapshot.progress,
        sizeInGb: snapshot.sizeInGb,
        createdAt: snapshot.createdAt,
        fromDiskName: snapshot.fromDiskName,
        fromDiskArn: snapshot.fromDiskArn,
        fromInstanceName: snapshot.fromInstanceName,
        fromInstanceArn: snapshot.fromInstanceArn,
        isFromAutoSnapshot: snapshot.isFromAutoSnapshot ?? false,
        location: snapshot.location
            ? { availabilityZone: snapshot.location.availabilityZone, regionName: snapshot.location.regionName }
            : undefined,
        resourceType: snapshot.resourceType,
        supportCode: snapshot.supportCode,
        tags: tagMap(snapshot.tags),
    };
    for (const key of ECHOED_INPUTS) {
        if (inputs[key] !== undefined && key !== PROVIDER_KEY) outputs[key] = inputs[key];
    }
    if (outputs.region === undefined && snapshot.location?.regionName) outputs.region = snapshot.location.regionName;
    return toPlainJson(outputs) as Record<string, unknown>;
}

/** The inputs a refreshed snapshot implies: the state's inputs with the live tags. */
export function refreshedInputs(outputs: Record<string, unknown>): Record<string, unknown> {
    const inputs: Record<string, unknown> = { diskSnapshotName: outputs.diskSnapshotName, tags: outputs.tags };
    for (const key of ECHOED_INPUTS) {
        if (outputs[key] !== undefined) inputs[key] = outputs[key];
    }
    return inputs;
}

/**
 * The outputs after an in-place update: the previous outputs with the new inputs' values (tags,
 * timeouts, adopt) laid over them. Tags are the only thing Lightsail changes in place.
 */
export function updatedOutputs(olds: Record<string, unknown>, news: Record<string, unknown>): Record<string, unknown> {
    const outputs: Record<string, unknown> = { ...olds };
    delete outputs[PROVIDER_KEY];
    outputs.tags = news.tags ?? {};
    for (const key of ["timeouts", "adopt"]) {
        if (news[key] === undefined) delete outputs[key];
        else outputs[key] = news[key];
    }
    return toPlainJson(outputs) as Record<string, unknown>;
}
