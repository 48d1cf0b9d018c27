/**
 * Lookups of existing snapshots, for programs that read rather than manage them. They run in the
 * program's process, with the same region, endpoint and credential rules as the resource. Each
 * comes in two forms, as `@pulumi/aws`'s do: `getX` takes plain values and returns a Promise,
 * `getXOutput` takes Inputs (such as another resource's outputs) and returns an Output.
 */

import type { AutoSnapshotDetails, DiskSnapshot as LightsailDiskSnapshot } from "@aws-sdk/client-lightsail";
import * as pulumi from "@pulumi/pulumi";
import { type ProviderSettings, resolveSettings } from "./config";
import { endpointOverride, type ResourceRef, resourceError } from "./errors";
import type * as LightsailModule from "./lightsail";
import { pickReported, toPlainJson } from "./outputs";
import { snapshotOutputs } from "./resources/diskSnapshot/outputs";
import type { DiskSnapshotInfo } from "./resources/diskSnapshot/schema";
import { diskSnapshotSchema } from "./resources/diskSnapshot/schema";
import { defaultRegion } from "./resources/dynamicResource";

/** Arguments of {@link getDiskSnapshot}. */
export interface GetDiskSnapshotArgs {
    /** The snapshot's name. */
    diskSnapshotName: string;
    /** Its region; default: `aws:region`, then `AWS_REGION`, then `AWS_DEFAULT_REGION`. */
    region?: string;
}

/** Arguments of {@link getLatestDiskSnapshot}: exactly one of `diskName` and `instanceName`. */
export interface GetLatestDiskSnapshotArgs {
    /** The source disk. */
    diskName?: string;
    /** The source instance (snapshots of its system volume). */
    instanceName?: string;
    /** The region; default as for {@link GetDiskSnapshotArgs.region}. */
    region?: string;
    /** Also consider snapshots that are not `completed` yet. Default false. */
    includeIncomplete?: boolean;
}

/** Arguments of a lookup's Output form: each argument may be an Input. */
export type OutputArgs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

function lightsail(): typeof LightsailModule {
    return require("./lightsail") as typeof LightsailModule;
}

/** The settings lookups in a program use: the `aws:` stack configuration and the AWS environment. */
function programSettings(): ProviderSettings {
    const awsConfig = new pulumi.Config("aws");
    const settings = resolveSettings({ get: (key) => awsConfig.get(key.replace(/^aws:/, "")) }, process.env);
    const region = defaultRegion() ?? settings.defaultRegion;
    return region ? { ...settings, defaultRegion: region } : settings;
}

function clientFor(region: string | undefined, what: string, settings: ProviderSettings, kind = "DiskSnapshot") {
    const resolved = region ?? settings.defaultRegion;
    if (!resolved) throw new Error(`${what}: no region; pass region, or set aws:region or AWS_REGION`);
    const ref: ResourceRef = { kind, name: "", region: resolved, endpoint: endpointOverride(settings.client) };
    return { ref, client: lightsail().lightsailClient(resolved, settings.client) };
}

function info(snapshot: LightsailDiskSnapshot, region: string): DiskSnapshotInfo {
    return pickReported(diskSnapshotSchema, snapshotOutputs({ region }, snapshot)) as DiskSnapshotInfo;
}

/**
 * Reads one snapshot by name. Rejects when it does not exist.
 *
 * @param settings Where and how Lightsail is reached; default: the program's `aws:` configuration and the AWS environment.
 */
export async function getDiskSnapshot(
    args: GetDiskSnapshotArgs,
    settings: ProviderSettings = programSettings(),
): Promise<DiskSnapshotInfo> {
    const { ref, client } = clientFor(args.region, `getDiskSnapshot("${args.diskSnapshotName}")`, settings);
    ref.name = args.diskSnapshotName;
    let snapshot: LightsailDiskSnapshot | undefined;
    try {
        snapshot = await lightsail().findDiskSnapshot(client, args.diskSnapshotName);
    } catch (error) {
        throw resourceError("GetDiskSnapshot", ref, error);
    }
    if (!snapshot) throw new Error(`DiskSnapshot "${args.diskSnapshotName}" in ${ref.region}: no such snapshot`);
    return info(snapshot, ref.region);
}

/** {@link getDiskSnapshot} for Inputs: the snapshot as an Output. */
export function getDiskSnapshotOutput(args: OutputArgs<GetDiskSnapshotArgs>): pulumi.Output<DiskSnapshotInfo> {
    return pulumi.output(args).apply((plain) => getDiskSnapshot(plain as GetDiskSnapshotArgs));
}

/** Picks the newest snapshot of a source from a list. Pure. */
export function latestOf(
    snapshots: readonly LightsailDiskSnapshot[],
    source: { diskName?: string; instanceName?: string },
    includeIncomplete: boolean,
): LightsailDiskSnapshot | undefined {
    return snapshots
        .filter((s) =>
            source.diskName !== undefined
                ? s.fromDiskName === source.diskName
                : s.fromInstanceName === source.instanceName,
        )
        .filter((s) => includeIncomplete || s.state === "completed")
        .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0];
}

/**
 * The newest snapshot of a disk or of an instance's system volume, reading every page. Rejects when there is none.
 *
 * @param settings As for {@link getDiskSnapshot}.
 */
export async function getLatestDiskSnapshot(
    args: GetLatestDiskSnapshotArgs,
    settings: ProviderSettings = programSettings(),
): Promise<DiskSnapshotInfo> {
    const hasDisk = args.diskName !== undefined;
    if (hasDisk === (args.instanceName !== undefined)) {
        throw new Error("getLatestDiskSnapshot: set exactly one of diskName and instanceName");
    }
    const source = hasDisk ? `disk "${args.diskName}"` : `instance "${args.instanceName}"`;
    const { ref, client } = clientFor(args.region, `getLatestDiskSnapshot(${source})`, settings);
    ref.name = `(latest of ${source})`;
    let snapshots: LightsailDiskSnapshot[];
    try {
        snapshots = await lightsail().listDiskSnapshots(client);
    } catch (error) {
        throw resourceError("GetDiskSnapshots", ref, error);
    }
    const latest = latestOf(snapshots, args, args.includeIncomplete ?? false);
    if (!latest) {
        const which = args.includeIncomplete ? "" : " completed";
        throw new Error(`getLatestDiskSnapshot: no${which} snapshot of ${source} in ${ref.region}`);
    }
    return info(latest, ref.region);
}

/** {@link getLatestDiskSnapshot} for Inputs: the newest snapshot as an Output. */
export function getLatestDiskSnapshotOutput(
    args: OutputArgs<GetLatestDiskSnapshotArgs>,
): pulumi.Output<DiskSnapshotInfo> {
    return pulumi.output(args).apply((plain) => getLatestDiskSnapshot(plain as GetLatestDiskSnapshotArgs));
}

/** Arguments of {@link getAutoSnapshots}: exactly one of `diskName` and `instanceName`. */
export interface GetAutoSnapshotsArgs {
    /** The disk whose automatic snapshots to list. */
    diskName?: string;
    /** The instance whose automatic snapshots to list. */
    instanceName?: string;
    /** The region; default as for {@link GetDiskSnapshotArgs.region}. */
    region?: string;
}

/** One automatic snapshot, as {@link getAutoSnapshots} returns it. */
export interface AutoSnapshotInfo {
    /** The day it was taken, `YYYY-MM-DD` (what restores and copies name it by). */
    date: string;
    /** When it was taken, ISO 8601. */
    createdAt?: string;
    /** `Success`, `InProgress`, `Failed` or `NotFound`. */
    status?: string;
    /** For an instance: the block storage disks attached when it was taken. */
    fromAttachedDisks: { path?: string; sizeInGb?: number }[];
}

/**
 * Automatic snapshots as {@link getAutoSnapshots} returns them, newest first whatever the order
 * Lightsail lists them in (its API reference promises none). Pure.
 */
export function newestFirst(details: readonly AutoSnapshotDetails[]): AutoSnapshotInfo[] {
    // YYYY-MM-DD dates order as text.
    return details.map(autoSnapshotInfo).sort((a, b) => b.date.localeCompare(a.date));
}

function autoSnapshotInfo(details: AutoSnapshotDetails): AutoSnapshotInfo {
    return toPlainJson({
        date: details.date ?? "",
        createdAt: details.createdAt,
        status: details.status,
        fromAttachedDisks: (details.fromAttachedDisks ?? []).map((disk) => ({
            path: disk.path,
            sizeInGb: disk.sizeInGb,
        })),
    }) as AutoSnapshotInfo;
}

/**
 * The automatic snapshots of a disk or instance, newest first (at most seven: Lightsail keeps no more).
 *
 * @param settings As for {@link getDiskSnapshot}.
 */
export async function getAutoSnapshots(
    args: GetAutoSnapshotsArgs,
    settings: ProviderSettings = programSettings(),
): Promise<AutoSnapshotInfo[]> {
    const hasDisk = args.diskName !== undefined;
    if (hasDisk === (args.instanceName !== undefined)) {
        throw new Error("getAutoSnapshots: set exactly one of diskName and instanceName");
    }
    const name = (hasDisk ? args.diskName : args.instanceName) as string;
    const { ref, client } = clientFor(args.region, `getAutoSnapshots("${name}")`, settings, "AutoSnapshots");
    ref.name = name;
    let details: AutoSnapshotDetails[];
    try {
        details = await lightsail().listAutoSnapshots(client, name);
    } catch (error) {
        throw resourceError("GetAutoSnapshots", ref, error);
    }
    return newestFirst(details);
}

/** {@link getAutoSnapshots} for Inputs: the list as an Output. */
export function getAutoSnapshotsOutput(args: OutputArgs<GetAutoSnapshotsArgs>): pulumi.Output<AutoSnapshotInfo[]> {
    return pulumi.output(args).apply((plain) => getAutoSnapshots(plain as GetAutoSnapshotsArgs));
}
