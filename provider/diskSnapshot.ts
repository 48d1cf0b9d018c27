/**
 * The DiskSnapshot resource users declare.
 */

import * as pulumi from "@pulumi/pulumi";
import { AUTO_NAME_BASE, AUTO_NAME_SCOPE } from "./inputs";
import { diskSnapshotProvider } from "./resourceProvider";
import type { SnapshotLocation } from "./types";

/** The type token in the state: `pulumi-nodejs:dynamic/lightsail:DiskSnapshot`. Renaming it needs aliases. */
export const DISK_SNAPSHOT_TYPE = "pulumi-nodejs:dynamic/lightsail:DiskSnapshot";

/** Create and delete timeouts, as duration strings: `"90s"`, `"45m"`, `"2h"`, `"1h30m"`. */
export interface DiskSnapshotTimeouts {
    /** How long `pulumi up` waits for the snapshot to complete. Default `"2h"`. */
    create?: pulumi.Input<string>;
    /** How long `pulumi destroy` retries a snapshot Lightsail will not delete yet. Default `"20m"`. */
    delete?: pulumi.Input<string>;
}

/** The inputs of a {@link DiskSnapshot}. Exactly one of `diskName` and `instanceName` is required. */
export interface DiskSnapshotArgs {
    /** The block storage disk to snapshot (e.g. `Disk-1`). Changing it replaces the snapshot. */
    diskName?: pulumi.Input<string>;
    /** The instance whose system volume to snapshot (e.g. `WordPress-1`). Changing it replaces the snapshot. */
    instanceName?: pulumi.Input<string>;
    /**
     * The snapshot's name: 2 to 255 letters, digits, underscores and dashes. Default: the resource
     * name plus a random suffix, generated once. Changing it replaces the snapshot.
     */
    diskSnapshotName?: pulumi.Input<string>;
    /** Tags, sent in the CreateDiskSnapshot request itself (tag-based access control); changed in place. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** AWS region. Default: the stack's `aws:region`, then `AWS_REGION`, then `AWS_DEFAULT_REGION`. Changing it replaces the snapshot. */
    region?: pulumi.Input<string>;
    /**
     * Create and delete timeouts. Pulumi's `customTimeouts` resource option does not reach dynamic
     * providers, so they are inputs; changing them changes only the state.
     */
    timeouts?: pulumi.Input<DiskSnapshotTimeouts>;
    /**
     * When a snapshot with this `diskSnapshotName` already exists from the same source, take it
     * under management instead of failing (the adoption path, since `pulumi import` does not work
     * with dynamic providers). The adopted snapshot is deleted by `pulumi destroy` like any other.
     */
    adopt?: pulumi.Input<boolean>;
}

/** What {@link DiskSnapshot.get} needs besides the snapshot's name. */
export interface DiskSnapshotLookupState {
    /** The snapshot's region; default as for {@link DiskSnapshotArgs.region}. */
    region?: pulumi.Input<string>;
}

const OUTPUT_NAMES = [
    "diskSnapshotName",
    "arn",
    "state",
    "progress",
    "sizeInGb",
    "createdAt",
    "fromDiskName",
    "fromDiskArn",
    "fromInstanceName",
    "fromInstanceArn",
    "isFromAutoSnapshot",
    "location",
    "resourceType",
    "supportCode",
    "tags",
    "region",
    "diskName",
    "instanceName",
    "timeouts",
    "adopt",
] as const;

/** The region a program gets when it names none: `aws:region`, then the environment. */
export function defaultRegion(): string | undefined {
    return new pulumi.Config("aws").get("region") ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
}

/**
 * A snapshot of a Lightsail block storage disk, or of an instance's system volume.
 *
 * `pulumi up` creates it with its tags and returns once Lightsail reports it `completed`; the
 * ID is the snapshot's name. Changing the name, source or region replaces it; changing tags
 * updates it in place; `pulumi refresh` sees drift and deletion; `pulumi destroy` deletes it.
 *
 * @example
 * ```ts
 * const nightly = new DiskSnapshot("data", { diskName: "Disk-1", tags: { team: "web" } });
 * export const arn = nightly.arn;
 * ```
 */
export class DiskSnapshot extends pulumi.dynamic.Resource {
    /** The snapshot's Lightsail name (its ID). */
    declare readonly diskSnapshotName: pulumi.Output<string>;
    /** The snapshot's ARN. */
    declare readonly arn: pulumi.Output<string>;
    /** `completed` after a successful `pulumi up`; `error` if Lightsail failed it. */
    declare readonly state: pulumi.Output<string>;
    /** Lightsail's progress string, `"100%"` once completed. */
    declare readonly progress: pulumi.Output<string | undefined>;
    /** Size of the source disk, in GB. */
    declare readonly sizeInGb: pulumi.Output<number>;
    /** Creation time, ISO 8601. */
    declare readonly createdAt: pulumi.Output<string>;
    /** Source disk name (snapshots of block storage disks). */
    declare readonly fromDiskName: pulumi.Output<string | undefined>;
    /** Source disk ARN. */
    declare readonly fromDiskArn: pulumi.Output<string | undefined>;
    /** Source instance name (snapshots of system volumes). */
    declare readonly fromInstanceName: pulumi.Output<string | undefined>;
    /** Source instance ARN. */
    declare readonly fromInstanceArn: pulumi.Output<string | undefined>;
    /** Whether an automatic snapshot made it (always false for snapshots made here). */
    declare readonly isFromAutoSnapshot: pulumi.Output<boolean>;
    /** Region and availability zone (`all` for snapshots). */
    declare readonly location: pulumi.Output<SnapshotLocation>;
    /** `DiskSnapshot`. */
    declare readonly resourceType: pulumi.Output<string>;
    /** The code AWS Support asks for. */
    declare readonly supportCode: pulumi.Output<string>;
    /** The snapshot's tags, as Lightsail reports them. */
    declare readonly tags: pulumi.Output<Record<string, string>>;
    /** The snapshot's region. */
    declare readonly region: pulumi.Output<string>;
    /** The source disk input, if any. */
    declare readonly diskName: pulumi.Output<string | undefined>;
    /** The source instance input, if any. */
    declare readonly instanceName: pulumi.Output<string | undefined>;
    /** The timeouts input, if any. */
    declare readonly timeouts: pulumi.Output<DiskSnapshotTimeouts | undefined>;
    /** The adopt input, if any. */
    declare readonly adopt: pulumi.Output<boolean | undefined>;

    /**
     * Declares a disk snapshot.
     *
     * @param name The Pulumi resource name; also the base of a generated snapshot name.
     * @param args The snapshot's source, name, tags and region.
     * @param opts Resource options.
     */
    constructor(name: string, args: DiskSnapshotArgs, opts?: pulumi.CustomResourceOptions) {
        const props: Record<string, unknown> = {};
        for (const output of OUTPUT_NAMES) props[output] = undefined;
        if (opts?.id === undefined) {
            Object.assign(props, args, {
                region: args.region ?? defaultRegion(),
                [AUTO_NAME_BASE]: name,
                [AUTO_NAME_SCOPE]: `${pulumi.getProject()}/${pulumi.getStack()}`,
            });
        } else {
            props.region = args.region ?? defaultRegion();
        }
        super(diskSnapshotProvider, name, props, opts, "lightsail", "DiskSnapshot");
    }

    /**
     * Reads an existing snapshot into the program without managing it: Pulumi never changes or
     * deletes it. To take one under management, declare it with `adopt: true` instead.
     *
     * @param name The Pulumi resource name.
     * @param id The snapshot's Lightsail name.
     * @param state Its region, when not the default one.
     * @param opts Resource options.
     */
    static get(
        name: string,
        id: pulumi.Input<string>,
        state?: DiskSnapshotLookupState,
        opts?: pulumi.CustomResourceOptions,
    ): DiskSnapshot {
        return new DiskSnapshot(name, { region: state?.region }, { ...opts, id });
    }
}
