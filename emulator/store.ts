/**
 * The emulator's world: disks, instances, disk snapshots, attachments and operations, per region.
 *
 * The world owns its invariants: every insert and removal goes through one of its methods, which
 * checks before it changes anything, and what it hands out is read-only. Pure-ish: no I/O, time comes
 * from the injected clock and identifiers from an injected generator. Time-dependent facts (snapshot
 * state, operation status, instance state, attachment phase) are derived on read, never stored.
 * Serializes to and from plain JSON for persistence.
 *
 * @module
 */

import { randomBytes, randomUUID } from "node:crypto";
import {
    AUTO_SNAPSHOT_RETENTION,
    autoSnapshotStatus,
    type DayTaken,
    dateOf,
    dueSnapshotTimes,
    firstSnapshotAt,
    retimedSnapshotAt,
    TIME_OF_DAY_PATTERN,
} from "./autoSnapshotSchedule";
import { BLUEPRINTS, BUNDLES } from "./catalog";
import { currentAttachment, DISK_PATH_PATTERN, diskStateAt, instanceStateAt } from "./lifecycle";
import { snapshotStatus } from "./progress";
import type {
    AttachedDiskRecord,
    AutoSnapshotAddOnRecord,
    AutoSnapshotHolder,
    AutoSnapshotRecord,
    AutoSnapshotView,
    Clock,
    DiskRecord,
    DiskSnapshotRecord,
    Immutable,
    InstanceRecord,
    InstanceState,
    OperationOutcome,
    OperationRecord,
    RegionState,
    SeedDisk,
    SeedInstance,
    SnapshotSource,
    StoredDiskSnapshot,
    Tag,
    TakenAutoSnapshot,
} from "./types";
import {
    AttachedStorageQuotaError,
    AutoSnapshotDateTakenError,
    DiskAttachedError,
    DiskPathError,
    DiskStateError,
    InstanceStateError,
    type NamedResourceType,
    NameTakenError,
    NoSuchAutoSnapshotError,
    NoSuchResourceError,
    WorldError,
    ZoneMismatchError,
} from "./worldErrors";

/** Total block storage that may be attached to instances in a region, GB (Lightsail's quota). */
export const ATTACHED_STORAGE_QUOTA_GB = 20_000;

/** Region used by seeding helpers when none is given. */
export const DEFAULT_REGION = "us-east-1";

/** Account id used in ARNs and support codes when none is given. */
export const DEFAULT_ACCOUNT_ID = "123456789012";

/** Identifier sources, injectable for deterministic tests. */
export interface IdSource {
    /** A new UUID (operation ids, ARN resource ids). */
    uuid(): string;
    /** `digits` random lowercase hex digits (support codes). */
    hex(digits: number): string;
}

/** Identifiers from `node:crypto`. */
export const cryptoIds: IdSource = {
    uuid: () => randomUUID(),
    hex: (digits) =>
        randomBytes(Math.ceil(digits / 2))
            .toString("hex")
            .slice(0, digits),
};

/** The persisted form of a world. */
export interface WorldSnapshot {
    /** Marks the file as an emulator state file. */
    format: "lightsail-emulator-state";
    /** Format version. */
    version: 1;
    /** Account id the ARNs were minted with. */
    accountId: string;
    /** Regions by name. */
    regions: Record<string, RegionState>;
    /**
     * How far the world's clock runs ahead of the base clock, ms (negative: behind). Absent in files
     * written before the clock could move; such a world takes its clock from the start options.
     */
    clockOffsetMs?: number;
}

/** Options for a {@link World}. */
export interface WorldOptions {
    /** Account id for ARNs and support codes. */
    accountId?: string;
    /** Clock (epoch ms). */
    clock?: Clock;
    /** Identifier source. */
    ids?: IdSource;
}

/** Input for a new operation; status timing defaults to "settled at creation, Succeeded". */
export interface NewOperation {
    /** Resource name. */
    resourceName: string;
    /** Resource type. */
    resourceType: string;
    /** Availability zone, or `all`. */
    availabilityZone: string;
    /** Operation type (omit for operations the model has no type for). */
    operationType?: string;
    /** Free-text details. */
    operationDetails?: string;
    /** Creation time; default now. */
    createdAtMs?: number;
    /** When it settles; default the creation time. */
    settlesAtMs?: number;
    /** Outcome once settled; default `Succeeded`. */
    outcome?: OperationOutcome;
    /** Error code for a `Failed` outcome. */
    errorCode?: string;
    /** Error details for a `Failed` outcome. */
    errorDetails?: string;
    /** Answer it without `statusChangedAt`, as Lightsail answers some operation types. */
    omitStatusChangedAt?: true;
}

/** A request to enable an automatic snapshot add-on, or to change its time. */
export interface EnableAutoSnapshots {
    /** Daily snapshot time, `HH:MM` UTC (the API only accepts `HH:00`). */
    snapshotTimeOfDay: string;
    /** When a newly enabled add-on becomes `Enabled`, epoch ms. */
    settlesAtMs: number;
    /** How long each automatic snapshot stays `InProgress`, ms. */
    snapshotDurationMs: number;
}

/** A new automatic snapshot. */
export interface NewAutoSnapshot {
    /** When it is taken, epoch ms; its date is that instant's UTC day. */
    createdAtMs: number;
    /** Time from `InProgress` to `Success`, ms. */
    durationMs: number;
}

/** A new block storage disk. */
export interface NewDisk {
    /** Disk name, unique among the region's disks. */
    name: string;
    /** Region. */
    region: string;
    /** Availability zone. */
    availabilityZone: string;
    /** Size in GB. */
    sizeInGb: number;
    /** Tags. */
    tags?: readonly Tag[];
    /** When it becomes `available`; default at once. */
    readyAtMs?: number;
}

/** A new instance. A bundle or blueprint outside the catalogue gets default hardware and user name. */
export interface NewInstance {
    /** Instance name, unique among the region's instances. */
    name: string;
    /** Region. */
    region: string;
    /** Availability zone. */
    availabilityZone: string;
    /** Blueprint id. */
    blueprintId: string;
    /** Bundle id. */
    bundleId: string;
    /** System disk size in GB; default the bundle's. */
    systemDiskSizeInGb?: number;
    /** Key pair name. */
    keyPairName?: string;
    /** Tags. */
    tags?: readonly Tag[];
    /** When it becomes `running`; default at once. */
    readyAtMs?: number;
}

/** A request to attach a disk to an instance. */
export interface NewAttachment {
    /** The disk. */
    diskName: string;
    /** The instance. */
    instanceName: string;
    /** Device path, `/dev/xvd[f-t]`, unused on the instance. */
    path: string;
    /** When `attaching` becomes `attached`, epoch ms; default at once. */
    settlesAtMs?: number;
}

/** A new disk snapshot; its size and source ARN come from the source, which must exist. */
export interface NewSnapshot {
    /** Snapshot name, unique among the region's disk snapshots. */
    name: string;
    /** Region (of the snapshot and its source). */
    region: string;
    /** The disk or instance to snapshot. */
    source: SnapshotSourceRef;
    /** Tags. */
    tags?: readonly Tag[];
    /** Time from creation to completion (or failure), ms. */
    durationMs: number;
    /** Progress curve. */
    curve: StoredDiskSnapshot["curve"];
    /** Whether the snapshot ends in `error`. */
    fails: boolean;
}

/** What a disk snapshot copy is read from: a manual disk snapshot, or a disk's automatic snapshot of a date. */
export type CopySourceRef =
    | {
          /** A manual disk snapshot. */
          kind: "manual";
          /** Its region. */
          region: string;
          /** Its name. */
          snapshotName: string;
      }
    | {
          /** An automatic snapshot of a disk. */
          kind: "auto";
          /** The disk's region. */
          region: string;
          /** The disk. */
          diskName: string;
          /** The automatic snapshot's date, `YYYY-MM-DD`. */
          date: string;
      };

/** A new disk snapshot copied from another, possibly of another region (see {@link World.copySnapshot}). */
export interface NewSnapshotCopy {
    /** Name of the copy, unique among the target region's disk snapshots. */
    name: string;
    /** The target region: where the copy is created. */
    region: string;
    /** What is copied. */
    from: CopySourceRef;
    /** Time from creation to completion (or failure), ms. */
    durationMs: number;
    /** Progress curve. */
    curve: StoredDiskSnapshot["curve"];
    /** Whether the copy ends in `error`. */
    fails: boolean;
}

/** Names the disk or instance a snapshot is taken of. */
export type SnapshotSourceRef = Pick<SnapshotSource, "kind" | "name">;

/** A snapshot source as found in the world. */
export interface SnapshotOrigin extends SnapshotSourceRef {
    /** Its resource type. */
    resourceType: "Disk" | "Instance";
    /** Its ARN. */
    arn: string;
    /** Its availability zone. */
    availabilityZone: string;
    /** Size of the disk (an instance's system disk), GB: the size of its snapshots. */
    sizeInGb: number;
}

/** How operations stopped by {@link World.abortOperations} fail. */
export interface OperationFailure {
    /** Error code. */
    errorCode: string;
    /** Error details. */
    errorDetails: string;
}

/** A region's contents as the world hands them out: read-only. */
export type RegionView = Immutable<RegionState>;

const FAMILY_KEY: Readonly<Record<NamedResourceType, "disks" | "instances" | "snapshots">> = {
    Disk: "disks",
    Instance: "instances",
    DiskSnapshot: "snapshots",
};

function emptyRegion(): RegionState {
    return { disks: {}, instances: {}, snapshots: {}, operations: [] };
}

function copyTags(tags: readonly Immutable<Tag>[] | undefined): Tag[] {
    return (tags ?? []).map((tag) => (tag.value === undefined ? { key: tag.key } : { key: tag.key, value: tag.value }));
}

/**
 * All resources of one emulator, keyed by region. Regions spring into existence on first write.
 *
 * Invariants, checked by the methods that could break them:
 * - names are unique per resource type and region;
 * - a record lives in the region it names, under its own name;
 * - a snapshot's source exists when the snapshot is created, and the snapshot has the source's size;
 *   a copy's source (a snapshot, or an automatic snapshot of a disk) exists when the copy is created,
 *   and the copy has its size and its original disk or instance;
 * - operations are only appended, in creation order, and an operation only changes while it runs;
 * - the automatic snapshot add-on and automatic snapshots live on an existing disk or instance (so
 *   they go with it); a resource has at most one automatic snapshot per day and keeps the seven
 *   newest; the snapshots that fell due are taken before the add-on changes;
 * - a disk is attached to at most one instance, of its own zone, at a path `/dev/xvd[f-t]` no other
 *   disk holds on that instance, within the region's 20,000 GB of attached storage; it is attached
 *   only when ready and to a running or stopped instance, detached only from a stopped one, and
 *   removed only when detached; removing an instance detaches its disks;
 * - an instance is stopped only when running (or, forced, stopping), started only when stopped;
 * - the clock only moves forward, and once it has been moved or recorded in a state file a restart
 *   keeps it.
 */
export class World {
    /** Account id for ARNs. */
    readonly accountId: string;
    /** The base clock; {@link World.now} adds the world's offset to it. */
    readonly clock: Clock;
    private readonly ids: IdSource;
    private regions: Record<string, RegionState> = {};
    private offsetMs = 0;
    /** Whether the offset was moved or loaded from a state file (then start options leave it alone). */
    private clockRecorded = false;

    /** @param options account id, clock and id source. */
    constructor(options: WorldOptions = {}) {
        this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
        this.clock = options.clock ?? Date.now;
        this.ids = options.ids ?? cryptoIds;
    }

    /** Current time on the world's clock, epoch ms: the base clock plus the offset. */
    now(): number {
        return this.clock() + this.offsetMs;
    }

    // ---- the clock -----------------------------------------------------------------------------

    /** How far the world's clock runs ahead of the base clock, ms (negative: behind). */
    clockOffsetMs(): number {
        return this.offsetMs;
    }

    /**
     * Sets the clock to read `epochMs` now, unless the world already has a clock of its own (moved, or
     * recorded in the state file it was loaded from), which a restart keeps.
     *
     * @returns whether the clock was set.
     * @throws RangeError when `epochMs` is not a finite number.
     */
    startClockAt(epochMs: number): boolean {
        if (!Number.isFinite(epochMs)) {
            throw new RangeError(`the clock needs a finite epoch time in ms; got ${epochMs}`);
        }
        if (this.clockRecorded) {
            return false;
        }
        this.offsetMs = epochMs - this.clock();
        this.clockRecorded = true;
        return true;
    }

    /**
     * Moves the clock forward by `ms`.
     *
     * @returns the new time, epoch ms.
     * @throws RangeError when `ms` is negative or not finite (the clock never runs backwards).
     */
    advanceClock(ms: number): number {
        if (!Number.isFinite(ms) || ms < 0) {
            throw new RangeError(`the clock only moves forward: give a non-negative number of ms; got ${ms}`);
        }
        this.offsetMs += ms;
        this.clockRecorded = true;
        return this.now();
    }

    // ---- reads -------------------------------------------------------------------------------

    /** Read-only view of a region (an empty one when it has never been written). */
    read(region: string): RegionView {
        return this.regions[region] ?? emptyRegion();
    }

    /** Names of regions that have state. */
    regionNames(): string[] {
        return Object.keys(this.regions).sort();
    }

    /** A disk. @throws NoSuchResourceError when the region has no disk of that name. */
    disk(region: string, name: string): Immutable<DiskRecord> {
        return this.existing(region, "Disk", name, this.read(region).disks[name]);
    }

    /** An instance. @throws NoSuchResourceError when the region has no instance of that name. */
    instance(region: string, name: string): Immutable<InstanceRecord> {
        return this.existing(region, "Instance", name, this.read(region).instances[name]);
    }

    /** A stored disk snapshot. @throws NoSuchResourceError when the region has no snapshot of that name. */
    snapshot(region: string, name: string): Immutable<StoredDiskSnapshot> {
        return this.existing(region, "DiskSnapshot", name, this.read(region).snapshots[name]);
    }

    /** Finds an operation by id in a region. */
    operation(region: string, id: string): Immutable<OperationRecord> | undefined {
        return this.read(region).operations.find((op) => op.id === id);
    }

    /** Evaluates a stored snapshot's state and progress now (a copy the caller may keep). */
    view(snapshot: Immutable<StoredDiskSnapshot>): DiskSnapshotRecord {
        const status = snapshotStatus(snapshot, this.now());
        const view: DiskSnapshotRecord = {
            ...snapshot,
            tags: copyTags(snapshot.tags),
            source: { ...snapshot.source },
            state: status.state,
        };
        if (status.progress !== undefined) {
            view.progress = status.progress;
        }
        return view;
    }

    /**
     * Checks that none of `names` is taken, reporting all that are (Lightsail names every conflict at
     * once, so a batch create checks before its first insert).
     *
     * @throws NameTakenError listing the names in use.
     */
    requireFreeNames(region: string, resourceType: NamedResourceType, names: readonly string[]): void {
        const family = this.read(region)[FAMILY_KEY[resourceType]];
        const taken = names.filter((name) => family[name] !== undefined);
        if (taken.length > 0) {
            throw new NameTakenError(resourceType, taken, region);
        }
    }

    // ---- disks, instances, snapshots ------------------------------------------------------------

    /** Creates a disk. @throws NameTakenError when the region has a disk of that name. */
    createDisk(spec: NewDisk): Immutable<DiskRecord> {
        this.requireFreeNames(spec.region, "Disk", [spec.name]);
        const now = this.now();
        const disk: DiskRecord = {
            name: spec.name,
            arn: this.arn(spec.region, "Disk"),
            supportCode: this.supportCode("vol"),
            createdAtMs: now,
            readyAtMs: spec.readyAtMs ?? now,
            region: spec.region,
            availabilityZone: spec.availabilityZone,
            sizeInGb: spec.sizeInGb,
            tags: copyTags(spec.tags),
        };
        this.write(spec.region).disks[disk.name] = disk;
        return disk;
    }

    /**
     * Removes a disk and returns it.
     *
     * @throws NoSuchResourceError when it does not exist; DiskAttachedError when it is attached to an
     * instance (or attaching, or detaching).
     */
    removeDisk(region: string, name: string): Immutable<DiskRecord> {
        const disk = this.disk(region, name);
        const attachment = currentAttachment(disk, this.now());
        if (attachment !== undefined) {
            throw new DiskAttachedError(name, attachment.instanceName, attachment.phase);
        }
        delete this.write(region).disks[name];
        return disk;
    }

    /** Creates an instance. @throws NameTakenError when the region has an instance of that name. */
    createInstance(spec: NewInstance): Immutable<InstanceRecord> {
        this.requireFreeNames(spec.region, "Instance", [spec.name]);
        const now = this.now();
        const bundle = BUNDLES[spec.bundleId] ?? BUNDLES.nano_3_0;
        const blueprint = BLUEPRINTS[spec.blueprintId] ?? { name: spec.blueprintId, username: "admin" };
        // Addresses are numbered by how many instances the region holds, so they differ within it.
        const ordinal = Object.keys(this.read(spec.region).instances).length;
        const instance: InstanceRecord = {
            name: spec.name,
            arn: this.arn(spec.region, "Instance"),
            supportCode: this.supportCode("i"),
            createdAtMs: now,
            readyAtMs: spec.readyAtMs ?? now,
            region: spec.region,
            availabilityZone: spec.availabilityZone,
            blueprintId: spec.blueprintId,
            blueprintName: blueprint.name,
            bundleId: spec.bundleId,
            cpuCount: bundle?.cpuCount ?? 2,
            ramSizeInGb: bundle?.ramSizeInGb ?? 0.5,
            systemDiskSizeInGb: spec.systemDiskSizeInGb ?? bundle?.diskSizeInGb ?? 20,
            privateIpAddress: `172.26.${(ordinal >> 8) & 255}.${(ordinal & 255) + 1}`,
            publicIpAddress: `192.0.2.${(ordinal % 250) + 1}`,
            username: blueprint.username,
            tags: copyTags(spec.tags),
        };
        if (spec.keyPairName !== undefined) {
            instance.sshKeyName = spec.keyPairName;
        }
        this.write(spec.region).instances[instance.name] = instance;
        return instance;
    }

    /**
     * Removes an instance and returns it. The disks attached to it (or attaching) start detaching, and
     * are detached at `detachSettlesAtMs`, as Lightsail's DeleteInstance detaches them.
     *
     * @throws NoSuchResourceError when it does not exist.
     */
    removeInstance(region: string, name: string, detachSettlesAtMs = this.now()): Immutable<InstanceRecord> {
        const instance = this.instance(region, name);
        const now = this.now();
        for (const disk of Object.values(this.write(region).disks)) {
            const attachment = currentAttachment(disk, now);
            if (attachment?.instanceName === name && attachment.phase !== "detaching" && disk.attachment) {
                disk.attachment.detachSettlesAtMs = Math.max(now, detachSettlesAtMs);
            }
        }
        delete this.write(region).instances[name];
        return instance;
    }

    // ---- instance power and disk attachments -----------------------------------------------------

    /** An instance's state now. @throws NoSuchResourceError */
    instanceState(region: string, name: string): InstanceState {
        return instanceStateAt(this.instance(region, name), this.now());
    }

    /**
     * Stops a running instance: `stopping` until `settlesAtMs`, then `stopped`. With `force`, an
     * instance stuck `stopping` is stopped at once (the API's `force`).
     *
     * @throws NoSuchResourceError; InstanceStateError when it is not running (nor, with `force`, stopping).
     */
    stopInstance(region: string, name: string, settlesAtMs: number, force = false): Immutable<InstanceRecord> {
        const instance = this.writableInstance(region, name);
        const state = instanceStateAt(instance, this.now());
        if (force && state.name === "stopping") {
            instance.power = { target: "stopped", settlesAtMs: this.now() };
            return instance;
        }
        if (state.name !== "running") {
            throw new InstanceStateError(name, state.name, "running");
        }
        instance.power = { target: "stopped", settlesAtMs: Math.max(this.now(), settlesAtMs) };
        return instance;
    }

    /**
     * Starts a stopped instance: `pending` until `settlesAtMs`, then `running`.
     *
     * @throws NoSuchResourceError; InstanceStateError when it is not stopped.
     */
    startInstance(region: string, name: string, settlesAtMs: number): Immutable<InstanceRecord> {
        const instance = this.writableInstance(region, name);
        const state = instanceStateAt(instance, this.now());
        if (state.name !== "stopped") {
            throw new InstanceStateError(name, state.name, "stopped");
        }
        instance.power = { target: "running", settlesAtMs: Math.max(this.now(), settlesAtMs) };
        return instance;
    }

    /**
     * The disks attached to an instance now, in any phase (`attaching`, `attached`, `detaching`),
     * by path.
     */
    disksAttachedTo(region: string, instanceName: string): Immutable<DiskRecord>[] {
        const now = this.now();
        return Object.values(this.read(region).disks)
            .filter((disk) => currentAttachment(disk, now)?.instanceName === instanceName)
            .sort((a, b) => ((a.attachment?.path ?? "") < (b.attachment?.path ?? "") ? -1 : 1));
    }

    /**
     * Attaches a disk to an instance at a device path: `attaching` until `settlesAtMs`, then
     * `attached`. Checks, in this order: both exist; the path is valid; the disk is ready and not
     * attached; the instance is running or stopped; they share a zone; the path is free on the
     * instance; the region's attached storage stays within its quota.
     *
     * @throws NoSuchResourceError, DiskPathError, DiskStateError, DiskAttachedError,
     * InstanceStateError, ZoneMismatchError, AttachedStorageQuotaError.
     */
    attachDisk(region: string, spec: NewAttachment): Immutable<DiskRecord> {
        const disk = this.writableDisk(region, spec.diskName);
        const instance = this.instance(region, spec.instanceName);
        const now = this.now();
        if (!DISK_PATH_PATTERN.test(spec.path)) {
            throw new DiskPathError(spec.path, spec.instanceName);
        }
        if (diskStateAt(disk, now) === "pending") {
            throw new DiskStateError(disk.name, "pending");
        }
        const current = currentAttachment(disk, now);
        if (current !== undefined) {
            throw new DiskAttachedError(disk.name, current.instanceName, current.phase);
        }
        const state = instanceStateAt(instance, now);
        if (state.name !== "running" && state.name !== "stopped") {
            throw new InstanceStateError(instance.name, state.name, "running or stopped");
        }
        if (disk.availabilityZone !== instance.availabilityZone) {
            throw new ZoneMismatchError(disk.name, disk.availabilityZone, instance.name, instance.availabilityZone);
        }
        const user = this.disksAttachedTo(region, instance.name).find((other) => other.attachment?.path === spec.path);
        if (user !== undefined) {
            throw new DiskPathError(spec.path, instance.name, user.name);
        }
        const attachedGb = Object.values(this.read(region).disks)
            .filter((other) => currentAttachment(other, now) !== undefined)
            .reduce((sum, other) => sum + other.sizeInGb, 0);
        if (attachedGb + disk.sizeInGb > ATTACHED_STORAGE_QUOTA_GB) {
            throw new AttachedStorageQuotaError(disk.name, attachedGb, ATTACHED_STORAGE_QUOTA_GB);
        }
        disk.attachment = {
            instanceName: instance.name,
            path: spec.path,
            attachedAtMs: now,
            attachSettlesAtMs: Math.max(now, spec.settlesAtMs ?? now),
        };
        return disk;
    }

    /**
     * Detaches an attached disk from its instance, which must be stopped: `detaching` until
     * `settlesAtMs`, then detached (`available`).
     *
     * @throws NoSuchResourceError; DiskStateError when it is not attached (or still attaching, or
     * already detaching); InstanceStateError when the instance is not stopped.
     */
    detachDisk(region: string, diskName: string, settlesAtMs: number): Immutable<DiskRecord> {
        const disk = this.writableDisk(region, diskName);
        const now = this.now();
        const current = currentAttachment(disk, now);
        if (current === undefined || disk.attachment === undefined) {
            throw new DiskStateError(diskName, "detached");
        }
        if (current.phase !== "attached") {
            throw new DiskStateError(diskName, current.phase);
        }
        const state = instanceStateAt(this.instance(region, current.instanceName), now);
        if (state.name !== "stopped") {
            throw new InstanceStateError(current.instanceName, state.name, "stopped");
        }
        disk.attachment.detachSettlesAtMs = Math.max(now, settlesAtMs);
        return disk;
    }

    /**
     * The disk or instance a snapshot would be taken of.
     *
     * @throws NoSuchResourceError when it does not exist.
     */
    snapshotSource(region: string, source: SnapshotSourceRef): SnapshotOrigin {
        if (source.kind === "disk") {
            const disk = this.disk(region, source.name);
            return {
                ...source,
                resourceType: "Disk",
                arn: disk.arn,
                availabilityZone: disk.availabilityZone,
                sizeInGb: disk.sizeInGb,
            };
        }
        const instance = this.instance(region, source.name);
        return {
            ...source,
            resourceType: "Instance",
            arn: instance.arn,
            availabilityZone: instance.availabilityZone,
            sizeInGb: instance.systemDiskSizeInGb,
        };
    }

    /**
     * Creates a disk snapshot of an existing disk or instance, with the source's size.
     *
     * @throws NoSuchResourceError when the source does not exist (checked first);
     * NameTakenError when the region has a snapshot of that name.
     */
    createSnapshot(spec: NewSnapshot): Immutable<StoredDiskSnapshot> {
        const { region } = spec;
        const origin = this.snapshotSource(region, spec.source);
        this.requireFreeNames(region, "DiskSnapshot", [spec.name]);
        const snapshot: StoredDiskSnapshot = {
            name: spec.name,
            arn: this.arn(region, "DiskSnapshot"),
            supportCode: this.supportCode("snap"),
            createdAtMs: this.now(),
            region,
            sizeInGb: origin.sizeInGb,
            tags: copyTags(spec.tags),
            source: { kind: origin.kind, name: origin.name, arn: origin.arn },
            durationMs: spec.durationMs,
            curve: spec.curve,
            fails: spec.fails,
        };
        this.write(region).snapshots[snapshot.name] = snapshot;
        return snapshot;
    }

    /**
     * Creates a disk snapshot in `spec.region` as a copy of a manual disk snapshot or of a disk's
     * automatic snapshot, of that region or another. The copy names the original disk or instance
     * (its `from*`), has the source's size and no tags, and is marked when it comes from an automatic
     * snapshot. It keeps no link to what it was copied from: removing that later leaves the copy alone.
     *
     * @throws NoSuchResourceError or NoSuchAutoSnapshotError when the source is not there (checked
     * first); NameTakenError when the target region has a snapshot of that name.
     */
    copySnapshot(spec: NewSnapshotCopy): Immutable<StoredDiskSnapshot> {
        const origin = this.copyOrigin(spec.from);
        this.requireFreeNames(spec.region, "DiskSnapshot", [spec.name]);
        const snapshot: StoredDiskSnapshot = {
            name: spec.name,
            arn: this.arn(spec.region, "DiskSnapshot"),
            supportCode: this.supportCode("snap"),
            createdAtMs: this.now(),
            region: spec.region,
            sizeInGb: origin.sizeInGb,
            tags: [],
            source: origin.source,
            durationMs: spec.durationMs,
            curve: spec.curve,
            fails: spec.fails,
        };
        if (origin.fromAutoSnapshot) {
            snapshot.isFromAutoSnapshot = true;
        }
        this.write(spec.region).snapshots[snapshot.name] = snapshot;
        return snapshot;
    }

    /** Removes a disk snapshot and returns it. @throws NoSuchResourceError when it does not exist. */
    removeSnapshot(region: string, name: string): Immutable<StoredDiskSnapshot> {
        const snapshot = this.snapshot(region, name);
        delete this.write(region).snapshots[name];
        return snapshot;
    }

    /** Replaces a resource's tags (copied). @throws NoSuchResourceError when it does not exist. */
    setTags(region: string, resourceType: NamedResourceType, name: string, tags: readonly Tag[]): void {
        const record = this.existing(
            region,
            resourceType,
            name,
            this.regions[region]?.[FAMILY_KEY[resourceType]][name],
        );
        record.tags = copyTags(tags);
    }

    /**
     * Seeds a disk out of band (immediately `available`, no operation recorded).
     *
     * @throws NameTakenError when a disk of that name exists in the region.
     */
    seedDisk(seed: SeedDisk): Immutable<DiskRecord> {
        const region = seed.region ?? DEFAULT_REGION;
        if (seed.attachedTo === undefined && seed.path !== undefined) {
            throw new WorldError(`seed disk ${seed.name}: a path needs attachedTo`);
        }
        const disk = this.createDisk({
            name: seed.name,
            region,
            availabilityZone: seed.availabilityZone ?? `${region}a`,
            sizeInGb: seed.sizeInGb ?? 8,
            tags: seed.tags ?? [],
        });
        if (seed.attachedTo !== undefined) {
            this.attachDisk(region, {
                diskName: seed.name,
                instanceName: seed.attachedTo,
                path: seed.path ?? "/dev/xvdf",
            });
        }
        return disk;
    }

    /**
     * Seeds an instance out of band (immediately `running`, no operation recorded).
     *
     * @throws NameTakenError when an instance of that name exists in the region.
     */
    seedInstance(seed: SeedInstance): Immutable<InstanceRecord> {
        const region = seed.region ?? DEFAULT_REGION;
        if (seed.state !== undefined && seed.state !== "running" && seed.state !== "stopped") {
            throw new WorldError(`seed instance ${seed.name}: state must be running or stopped`);
        }
        const instance = this.createInstance({
            name: seed.name,
            region,
            availabilityZone: seed.availabilityZone ?? `${region}a`,
            blueprintId: seed.blueprintId ?? "ubuntu_22_04",
            bundleId: seed.bundleId ?? "nano_3_0",
            systemDiskSizeInGb: seed.systemDiskSizeInGb ?? 20,
            tags: seed.tags ?? [],
        });
        if (seed.state === "stopped") {
            this.stopInstance(region, seed.name, this.now());
        }
        return instance;
    }

    // ---- automatic snapshots --------------------------------------------------------------------

    /** The automatic snapshot add-on of a disk or instance, if it was ever enabled. @throws NoSuchResourceError */
    autoSnapshotAddOn(region: string, source: SnapshotSourceRef): Immutable<AutoSnapshotAddOnRecord> | undefined {
        return this.holder(region, source).autoSnapshotAddOn;
    }

    /**
     * Enables the automatic snapshot add-on of a disk or instance, or changes the time of an enabled
     * one. The next snapshot is scheduled by Lightsail's rules (see `autoSnapshotSchedule.ts`); the
     * snapshots that fell due before are taken first. Changing the time leaves the status as it is.
     *
     * @throws NoSuchResourceError when the resource does not exist; RangeError on a malformed time.
     */
    enableAutoSnapshots(
        region: string,
        source: SnapshotSourceRef,
        spec: EnableAutoSnapshots,
    ): Immutable<AutoSnapshotAddOnRecord> {
        if (!TIME_OF_DAY_PATTERN.test(spec.snapshotTimeOfDay)) {
            throw new RangeError(`snapshotTimeOfDay must be HH:MM; got ${JSON.stringify(spec.snapshotTimeOfDay)}`);
        }
        const holder = this.holder(region, source);
        this.takeDueOf(region, source, holder);
        const now = this.now();
        const current = holder.autoSnapshotAddOn;
        const taken = this.dayTaken(holder);
        const settlesAtMs = current?.enabled ? current.settlesAtMs : spec.settlesAtMs;
        const nextSnapshotAtMs = current?.enabled
            ? retimedSnapshotAt(
                  now,
                  current.nextSnapshotAtMs,
                  current.snapshotTimeOfDay,
                  spec.snapshotTimeOfDay,
                  taken,
                  settlesAtMs,
              )
            : firstSnapshotAt(now, spec.snapshotTimeOfDay, taken, settlesAtMs);
        const addOn: AutoSnapshotAddOnRecord = {
            enabled: true,
            settlesAtMs,
            snapshotTimeOfDay: spec.snapshotTimeOfDay,
            nextSnapshotAtMs,
            snapshotDurationMs: spec.snapshotDurationMs,
        };
        if (current?.lastSnapshotDate !== undefined) {
            addOn.lastSnapshotDate = current.lastSnapshotDate;
        }
        holder.autoSnapshotAddOn = addOn;
        return addOn;
    }

    /**
     * Disables the automatic snapshot add-on of a disk or instance (`Disabling` until `settlesAtMs`).
     * The snapshots that fell due before are taken first; the automatic snapshots are kept.
     *
     * @throws NoSuchResourceError when the resource does not exist; WorldError when the add-on is not enabled.
     */
    disableAutoSnapshots(
        region: string,
        source: SnapshotSourceRef,
        settlesAtMs: number,
    ): Immutable<AutoSnapshotAddOnRecord> {
        const holder = this.holder(region, source);
        this.takeDueOf(region, source, holder);
        const current = holder.autoSnapshotAddOn;
        if (!current?.enabled) {
            throw new WorldError(`the automatic snapshot add-on of ${source.name} is not enabled in ${region}`);
        }
        const addOn: AutoSnapshotAddOnRecord = { ...current, enabled: false, settlesAtMs };
        holder.autoSnapshotAddOn = addOn;
        return addOn;
    }

    /**
     * Records an automatic snapshot of a disk or instance, with the disks attached to it now. When that
     * makes more than seven, the oldest are dropped (possibly the new one, when it is the oldest).
     *
     * @throws NoSuchResourceError when the resource does not exist; AutoSnapshotDateTakenError when the
     * resource has a snapshot of that day.
     */
    addAutoSnapshot(region: string, source: SnapshotSourceRef, spec: NewAutoSnapshot): Immutable<AutoSnapshotRecord> {
        const holder = this.holder(region, source);
        return this.insertAutoSnapshot(region, source, holder, spec);
    }

    /** Removes an automatic snapshot and returns it. @throws NoSuchResourceError, NoSuchAutoSnapshotError */
    removeAutoSnapshot(region: string, source: SnapshotSourceRef, date: string): Immutable<AutoSnapshotRecord> {
        const holder = this.holder(region, source);
        const list = holder.autoSnapshots ?? [];
        const index = list.findIndex((snapshot) => snapshot.date === date);
        const removed = list[index];
        if (removed === undefined) {
            throw new NoSuchAutoSnapshotError(source.name, date, region);
        }
        list.splice(index, 1);
        return removed;
    }

    /** A disk's or instance's automatic snapshots with their status now, newest first (copies). @throws NoSuchResourceError */
    autoSnapshots(region: string, source: SnapshotSourceRef): AutoSnapshotView[] {
        const now = this.now();
        return (this.holder(region, source).autoSnapshots ?? []).map((snapshot) => ({
            ...snapshot,
            fromAttachedDisks: snapshot.fromAttachedDisks.map((disk) => ({ ...disk })),
            status: autoSnapshotStatus(snapshot, now),
        }));
    }

    /** The automatic snapshot of a disk or instance that is being taken now, if any. @throws NoSuchResourceError */
    autoSnapshotInProgress(region: string, source: SnapshotSourceRef): AutoSnapshotView | undefined {
        return this.autoSnapshots(region, source).find((snapshot) => snapshot.status === "InProgress");
    }

    /**
     * The disks attached to an instance (`attached` now), as an automatic snapshot records them; none
     * for a disk. @throws NoSuchResourceError
     */
    attachedDisks(region: string, source: SnapshotSourceRef): AttachedDiskRecord[] {
        this.holder(region, source);
        if (source.kind === "disk") {
            return [];
        }
        const now = this.now();
        return this.disksAttachedTo(region, source.name)
            .filter((disk) => currentAttachment(disk, now)?.phase === "attached")
            .map((disk) => ({ path: disk.attachment?.path ?? "", sizeInGb: disk.sizeInGb }));
    }

    /** Whether some enabled add-on's next snapshot time has come. */
    autoSnapshotsDue(): boolean {
        const now = this.now();
        return Object.values(this.regions).some((state) =>
            [...Object.values(state.disks), ...Object.values(state.instances)].some(
                (holder) =>
                    holder.autoSnapshotAddOn?.enabled === true && holder.autoSnapshotAddOn.nextSnapshotAtMs <= now,
            ),
        );
    }

    /**
     * Takes every automatic snapshot that fell due up to now, each at its scheduled instant (so those
     * taken late are already `Success`), and schedules the next ones.
     *
     * @returns what was taken, oldest first per resource.
     */
    takeDueAutoSnapshots(): TakenAutoSnapshot[] {
        const taken: TakenAutoSnapshot[] = [];
        for (const region of this.regionNames()) {
            const state = this.regions[region] as RegionState;
            for (const disk of Object.values(state.disks)) {
                taken.push(...this.takeDueOf(region, { kind: "disk", name: disk.name }, disk));
            }
            for (const instance of Object.values(state.instances)) {
                taken.push(...this.takeDueOf(region, { kind: "instance", name: instance.name }, instance));
            }
        }
        return taken;
    }

    // ---- operations ----------------------------------------------------------------------------

    /** Records an operation in a region and returns it. */
    addOperation(region: string, op: NewOperation): Immutable<OperationRecord> {
        const createdAtMs = op.createdAtMs ?? this.now();
        const record: OperationRecord = {
            id: this.ids.uuid(),
            resourceName: op.resourceName,
            resourceType: op.resourceType,
            createdAtMs,
            region,
            availabilityZone: op.availabilityZone,
            settlesAtMs: op.settlesAtMs ?? createdAtMs,
            outcome: op.outcome ?? "Succeeded",
        };
        if (op.operationDetails !== undefined) {
            record.operationDetails = op.operationDetails;
        }
        if (op.operationType !== undefined) {
            record.operationType = op.operationType;
        }
        if (op.errorCode !== undefined) {
            record.errorCode = op.errorCode;
        }
        if (op.errorDetails !== undefined) {
            record.errorDetails = op.errorDetails;
        }
        if (op.omitStatusChangedAt) {
            record.omitStatusChangedAt = true;
        }
        this.write(region).operations.push(record);
        return record;
    }

    /**
     * Ends, as `Failed` now, every operation of the region that is still running and that `match`
     * selects. Settled operations are history and never change.
     */
    abortOperations(
        region: string,
        match: (op: Immutable<OperationRecord>) => boolean,
        failure: OperationFailure,
    ): void {
        const now = this.now();
        for (const op of this.regions[region]?.operations ?? []) {
            if (op.settlesAtMs > now && match(op)) {
                op.settlesAtMs = now;
                op.outcome = "Failed";
                op.errorCode = failure.errorCode;
                op.errorDetails = failure.errorDetails;
            }
        }
    }

    // ---- the whole world -------------------------------------------------------------------------

    /** Removes everything. */
    reset(): void {
        this.regions = {};
    }

    /** The persisted form (a deep copy). */
    toJSON(): WorldSnapshot {
        const snapshot: WorldSnapshot = {
            format: "lightsail-emulator-state",
            version: 1,
            accountId: this.accountId,
            regions: structuredClone(this.regions),
        };
        if (this.clockRecorded) {
            snapshot.clockOffsetMs = this.offsetMs;
        }
        return snapshot;
    }

    /**
     * Replaces the world's contents with a persisted form.
     *
     * @throws Error when the data is not an emulator state file.
     */
    load(data: unknown): void {
        if (
            data === null ||
            typeof data !== "object" ||
            (data as WorldSnapshot).format !== "lightsail-emulator-state" ||
            (data as WorldSnapshot).version !== 1 ||
            typeof (data as WorldSnapshot).regions !== "object"
        ) {
            throw new Error("not a lightsail-emulator state file (format/version mismatch)");
        }
        const regions = structuredClone((data as WorldSnapshot).regions);
        for (const state of Object.values(regions)) {
            state.disks ??= {};
            state.instances ??= {};
            state.snapshots ??= {};
            state.operations ??= [];
        }
        const offset = (data as WorldSnapshot).clockOffsetMs;
        this.regions = regions;
        this.offsetMs = typeof offset === "number" && Number.isFinite(offset) ? offset : 0;
        this.clockRecorded = typeof offset === "number" && Number.isFinite(offset);
    }

    // ---- internals -----------------------------------------------------------------------------

    /** The writable state of a region, created on demand. Only the world's own methods write. */
    private write(region: string): RegionState {
        let state = this.regions[region];
        if (!state) {
            state = emptyRegion();
            this.regions[region] = state;
        }
        return state;
    }

    /** The writable disk or instance `source` names. @throws NoSuchResourceError */
    private holder(region: string, source: SnapshotSourceRef): AutoSnapshotHolder {
        const state = this.regions[region];
        return source.kind === "disk"
            ? this.existing(region, "Disk", source.name, state?.disks[source.name])
            : this.existing(region, "Instance", source.name, state?.instances[source.name]);
    }

    /** Whether a day has had an automatic snapshot of `holder` (kept, or taken and since deleted). */
    private dayTaken(holder: AutoSnapshotHolder): DayTaken {
        const last = holder.autoSnapshotAddOn?.lastSnapshotDate;
        return (date) =>
            (last !== undefined && date <= last) ||
            (holder.autoSnapshots ?? []).some((snapshot) => snapshot.date === date);
    }

    /** Takes the automatic snapshots of one resource that fell due, and schedules its next one. */
    private takeDueOf(region: string, source: SnapshotSourceRef, holder: AutoSnapshotHolder): TakenAutoSnapshot[] {
        const addOn = holder.autoSnapshotAddOn;
        if (!addOn?.enabled) {
            return [];
        }
        const { due, nextMs } = dueSnapshotTimes(addOn, this.now());
        const taken: TakenAutoSnapshot[] = [];
        const dayTaken = this.dayTaken(holder);
        for (const createdAtMs of due) {
            const date = dateOf(createdAtMs);
            if (dayTaken(date)) {
                continue;
            }
            this.insertAutoSnapshot(region, source, holder, { createdAtMs, durationMs: addOn.snapshotDurationMs });
            addOn.lastSnapshotDate = date;
            taken.push({
                region,
                resourceType: source.kind === "disk" ? "Disk" : "Instance",
                resourceName: source.name,
                date,
                createdAtMs,
            });
        }
        addOn.nextSnapshotAtMs = nextMs;
        return taken;
    }

    private insertAutoSnapshot(
        region: string,
        source: SnapshotSourceRef,
        holder: AutoSnapshotHolder,
        spec: NewAutoSnapshot,
    ): AutoSnapshotRecord {
        const date = dateOf(spec.createdAtMs);
        const list = holder.autoSnapshots ?? [];
        if (list.some((snapshot) => snapshot.date === date)) {
            throw new AutoSnapshotDateTakenError(source.name, date, region);
        }
        const snapshot: AutoSnapshotRecord = {
            date,
            createdAtMs: spec.createdAtMs,
            durationMs: spec.durationMs,
            fromAttachedDisks: this.attachedDisks(region, source),
        };
        list.push(snapshot);
        list.sort((a, b) => (a.date < b.date ? 1 : -1));
        list.splice(AUTO_SNAPSHOT_RETENTION);
        holder.autoSnapshots = list;
        return snapshot;
    }

    /** What a copy of `from` inherits. @throws NoSuchResourceError, NoSuchAutoSnapshotError */
    private copyOrigin(from: CopySourceRef): { source: SnapshotSource; sizeInGb: number; fromAutoSnapshot: boolean } {
        if (from.kind === "manual") {
            const snapshot = this.snapshot(from.region, from.snapshotName);
            return { source: { ...snapshot.source }, sizeInGb: snapshot.sizeInGb, fromAutoSnapshot: false };
        }
        const disk = this.disk(from.region, from.diskName);
        if (!(disk.autoSnapshots ?? []).some((snapshot) => snapshot.date === from.date)) {
            throw new NoSuchAutoSnapshotError(disk.name, from.date, from.region);
        }
        // An automatic snapshot of a disk has its disk's size (Lightsail disks are never resized).
        return {
            source: { kind: "disk", name: disk.name, arn: disk.arn },
            sizeInGb: disk.sizeInGb,
            fromAutoSnapshot: true,
        };
    }

    /** The writable disk. @throws NoSuchResourceError */
    private writableDisk(region: string, name: string): DiskRecord {
        return this.existing(region, "Disk", name, this.regions[region]?.disks[name]);
    }

    /** The writable instance. @throws NoSuchResourceError */
    private writableInstance(region: string, name: string): InstanceRecord {
        return this.existing(region, "Instance", name, this.regions[region]?.instances[name]);
    }

    private existing<T>(region: string, resourceType: NamedResourceType, name: string, record: T | undefined): T {
        if (record === undefined) {
            throw new NoSuchResourceError(resourceType, name, region);
        }
        return record;
    }

    /** A fresh ARN for a resource. */
    private arn(region: string, resourceType: string): string {
        return `arn:aws:lightsail:${region}:${this.accountId}:${resourceType}/${this.ids.uuid()}`;
    }

    /** A fresh support code with the given resource prefix (`vol`, `snap`, `i`). */
    private supportCode(prefix: string): string {
        return `${this.accountId}/${prefix}-0${this.ids.hex(16)}`;
    }
}
