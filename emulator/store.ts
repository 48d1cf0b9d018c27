/**
 * The emulator's world: disks, instances, disk snapshots and operations, per region.
 *
 * Pure-ish: no I/O, time comes from the injected clock and identifiers from an injected generator.
 * Time-dependent facts (snapshot state, operation status) are derived on read, never stored.
 * Serializes to and from plain JSON for persistence.
 *
 * @module
 */

import { randomBytes, randomUUID } from "node:crypto";
import { BLUEPRINTS, BUNDLES } from "./catalog";
import { snapshotStatus } from "./progress";
import type {
    Clock,
    DiskRecord,
    DiskSnapshotRecord,
    InstanceRecord,
    OperationOutcome,
    OperationRecord,
    RegionState,
    SeedDisk,
    SeedInstance,
    SnapshotSource,
    StoredDiskSnapshot,
    Tag,
} from "./types";

/** Region used by seeding helpers when none is given. */
export const DEFAULT_REGION = "us-east-1";

/** Account id used in ARNs and support codes when none is given. */
export const DEFAULT_ACCOUNT_ID = "123456789012";

/** Identifier sources, injectable for deterministic tests. */
export interface IdSource {
    /** A new UUID (operation ids, ARN resource ids). */
    uuid(): string;
    /** `n` random lowercase hex digits (support codes). */
    hex(n: number): string;
}

/** Identifiers from `node:crypto`. */
export const cryptoIds: IdSource = {
    uuid: () => randomUUID(),
    hex: (n) =>
        randomBytes(Math.ceil(n / 2))
            .toString("hex")
            .slice(0, n),
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
}

function emptyRegion(): RegionState {
    return { disks: {}, instances: {}, snapshots: {}, operations: [] };
}

function copyTags(tags: readonly Tag[] | undefined): Tag[] {
    return (tags ?? []).map((t) => (t.value === undefined ? { key: t.key } : { key: t.key, value: t.value }));
}

/**
 * All resources of one emulator, keyed by region. Regions spring into existence on first write.
 */
export class World {
    /** Account id for ARNs. */
    readonly accountId: string;
    /** The clock. */
    readonly clock: Clock;
    private readonly ids: IdSource;
    private regions: Record<string, RegionState> = {};

    /** @param options account id, clock and id source. */
    constructor(options: WorldOptions = {}) {
        this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
        this.clock = options.clock ?? Date.now;
        this.ids = options.ids ?? cryptoIds;
    }

    /** Current time, epoch ms. */
    now(): number {
        return this.clock();
    }

    /** Read-only view of a region (an empty one when it has never been written). */
    read(region: string): Readonly<RegionState> {
        return this.regions[region] ?? emptyRegion();
    }

    /** The writable state of a region, created on demand. */
    write(region: string): RegionState {
        let state = this.regions[region];
        if (!state) {
            state = emptyRegion();
            this.regions[region] = state;
        }
        return state;
    }

    /** Names of regions that have state. */
    regionNames(): string[] {
        return Object.keys(this.regions).sort();
    }

    /** Removes everything. */
    reset(): void {
        this.regions = {};
    }

    /** A fresh ARN for a resource. */
    arn(region: string, resourceType: string): string {
        return `arn:aws:lightsail:${region}:${this.accountId}:${resourceType}/${this.ids.uuid()}`;
    }

    /** A fresh support code with the given resource prefix (`vol`, `snap`, `i`). */
    supportCode(prefix: string): string {
        return `${this.accountId}/${prefix}-0${this.ids.hex(16)}`;
    }

    /** Records an operation in a region and returns it. */
    addOperation(region: string, op: NewOperation): OperationRecord {
        const now = op.createdAtMs ?? this.now();
        const record: OperationRecord = {
            id: this.ids.uuid(),
            resourceName: op.resourceName,
            resourceType: op.resourceType,
            createdAtMs: now,
            region,
            availabilityZone: op.availabilityZone,
            settlesAtMs: op.settlesAtMs ?? now,
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
        this.write(region).operations.push(record);
        return record;
    }

    /** Finds an operation by id in a region. */
    operation(region: string, id: string): OperationRecord | undefined {
        return this.read(region).operations.find((op) => op.id === id);
    }

    /** Evaluates a stored snapshot's state and progress now. */
    view(snapshot: StoredDiskSnapshot): DiskSnapshotRecord {
        const status = snapshotStatus(snapshot, this.now());
        const view: DiskSnapshotRecord = { ...snapshot, tags: copyTags(snapshot.tags), state: status.state };
        if (status.progress !== undefined) {
            view.progress = status.progress;
        }
        return view;
    }

    /** Builds (without inserting) a disk record. */
    newDisk(input: {
        name: string;
        region: string;
        availabilityZone: string;
        sizeInGb: number;
        tags?: readonly Tag[];
        readyAtMs?: number;
    }): DiskRecord {
        const now = this.now();
        return {
            name: input.name,
            arn: this.arn(input.region, "Disk"),
            supportCode: this.supportCode("vol"),
            createdAtMs: now,
            readyAtMs: input.readyAtMs ?? now,
            region: input.region,
            availabilityZone: input.availabilityZone,
            sizeInGb: input.sizeInGb,
            tags: copyTags(input.tags),
        };
    }

    /** Builds (without inserting) an instance record. The bundle and blueprint must be in the catalogue. */
    newInstance(input: {
        name: string;
        region: string;
        availabilityZone: string;
        blueprintId: string;
        bundleId: string;
        systemDiskSizeInGb?: number;
        keyPairName?: string;
        tags?: readonly Tag[];
        readyAtMs?: number;
    }): InstanceRecord {
        const now = this.now();
        const bundle = BUNDLES[input.bundleId] ?? BUNDLES.nano_3_0;
        const blueprint = BLUEPRINTS[input.blueprintId] ?? { name: input.blueprintId, username: "admin" };
        const n = Object.keys(this.read(input.region).instances).length;
        const record: InstanceRecord = {
            name: input.name,
            arn: this.arn(input.region, "Instance"),
            supportCode: this.supportCode("i"),
            createdAtMs: now,
            readyAtMs: input.readyAtMs ?? now,
            region: input.region,
            availabilityZone: input.availabilityZone,
            blueprintId: input.blueprintId,
            blueprintName: blueprint.name,
            bundleId: input.bundleId,
            cpuCount: bundle?.cpuCount ?? 2,
            ramSizeInGb: bundle?.ramSizeInGb ?? 0.5,
            systemDiskSizeInGb: input.systemDiskSizeInGb ?? bundle?.diskSizeInGb ?? 20,
            privateIpAddress: `172.26.${(n >> 8) & 255}.${(n & 255) + 1}`,
            publicIpAddress: `192.0.2.${(n % 250) + 1}`,
            username: blueprint.username,
            tags: copyTags(input.tags),
        };
        if (input.keyPairName !== undefined) {
            record.sshKeyName = input.keyPairName;
        }
        return record;
    }

    /** Builds (without inserting) a disk snapshot record. */
    newSnapshot(input: {
        name: string;
        region: string;
        sizeInGb: number;
        source: SnapshotSource;
        tags?: readonly Tag[];
        durationMs: number;
        curve: StoredDiskSnapshot["curve"];
        fails: boolean;
    }): StoredDiskSnapshot {
        return {
            name: input.name,
            arn: this.arn(input.region, "DiskSnapshot"),
            supportCode: this.supportCode("snap"),
            createdAtMs: this.now(),
            region: input.region,
            sizeInGb: input.sizeInGb,
            tags: copyTags(input.tags),
            source: { ...input.source },
            durationMs: input.durationMs,
            curve: input.curve,
            fails: input.fails,
        };
    }

    /**
     * Seeds a disk out of band (immediately `available`, no operation recorded).
     *
     * @throws Error when a disk of that name exists in the region.
     */
    seedDisk(seed: SeedDisk): DiskRecord {
        const region = seed.region ?? DEFAULT_REGION;
        if (this.read(region).disks[seed.name]) {
            throw new Error(`disk ${seed.name} already exists in ${region}`);
        }
        const disk = this.newDisk({
            name: seed.name,
            region,
            availabilityZone: seed.availabilityZone ?? `${region}a`,
            sizeInGb: seed.sizeInGb ?? 8,
            tags: seed.tags ?? [],
        });
        this.write(region).disks[disk.name] = disk;
        return disk;
    }

    /**
     * Seeds an instance out of band (immediately `running`, no operation recorded).
     *
     * @throws Error when an instance of that name exists in the region.
     */
    seedInstance(seed: SeedInstance): InstanceRecord {
        const region = seed.region ?? DEFAULT_REGION;
        if (this.read(region).instances[seed.name]) {
            throw new Error(`instance ${seed.name} already exists in ${region}`);
        }
        const instance = this.newInstance({
            name: seed.name,
            region,
            availabilityZone: seed.availabilityZone ?? `${region}a`,
            blueprintId: seed.blueprintId ?? "ubuntu_22_04",
            bundleId: seed.bundleId ?? "nano_3_0",
            systemDiskSizeInGb: seed.systemDiskSizeInGb ?? 20,
            tags: seed.tags ?? [],
        });
        this.write(region).instances[instance.name] = instance;
        return instance;
    }

    /** The persisted form (a deep copy). */
    toJSON(): WorldSnapshot {
        return {
            format: "lightsail-emulator-state",
            version: 1,
            accountId: this.accountId,
            regions: structuredClone(this.regions),
        };
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
        this.regions = regions;
    }
}
