/**
 * The emulator's moving parts in one place: world, snapshot behaviour, faults, request log and the
 * state file. Both the HTTP server and the in-process API drive it; it does no networking.
 *
 * @module
 */

import { FaultController, validateRateLimit } from "./faults";
import { type HandlerContext, handle, OPERATION_TABLE } from "./handlers";
import { currentAttachment } from "./lifecycle";
import {
    type FileStamp,
    readStateFile,
    removeStaleTemporaries,
    sameStamp,
    stampOf,
    writeStateFile,
} from "./persistence";
import { seededRandom } from "./random";
import type { Wire } from "./render";
import { DEFAULT_REGION, type IdSource, World } from "./store";
import {
    type AutoSnapshotBehaviour,
    type Clock,
    type DiskAttachment,
    type DiskRecord,
    type DiskSnapshotRecord,
    type Fault,
    type InstanceRecord,
    type InstanceState,
    PROGRESS_CURVES,
    type ProgressCurve,
    type RateLimit,
    type RequestLogEntry,
    type SeedDisk,
    type SeedFile,
    type SeedInstance,
    type SnapshotBehaviour,
    type Tag,
    type TakenAutoSnapshot,
    type TransitionBehaviour,
} from "./types";
import { validateTags } from "./validation";

/** Default time from snapshot creation to completion, ms. */
export const DEFAULT_SNAPSHOT_DURATION_MS = 1500;

/** Default page size of `Get*s` operations (small so clients exercise paging). */
export const DEFAULT_PAGE_SIZE = 5;

/** Default time new disks and instances stay `pending`, ms. */
export const DEFAULT_RESOURCE_DURATION_MS = 1000;

/** Default time an instance stays `stopping` after StopInstance and `pending` after StartInstance, ms. */
export const DEFAULT_INSTANCE_TRANSITION_MS = 1000;

/** Default time a disk stays `attaching` after AttachDisk and `detaching` after DetachDisk, ms. */
export const DEFAULT_ATTACHMENT_DURATION_MS = 1000;

/** Default number of request log entries kept (oldest dropped first). */
export const DEFAULT_REQUEST_LOG_LIMIT = 10000;

/** Default timing of automatic snapshots (a few seconds `InProgress`) and of the add-on's transitions. */
export const DEFAULT_AUTO_SNAPSHOT_BEHAVIOUR: Readonly<AutoSnapshotBehaviour> = {
    durationMs: 3000,
    addOnDurationMs: 1000,
};

/** Default snapshot behaviour. */
export const DEFAULT_SNAPSHOT_BEHAVIOUR: Readonly<SnapshotBehaviour> = {
    durationMs: DEFAULT_SNAPSHOT_DURATION_MS,
    curve: "linear",
    deletePending: "allow",
};

/** Options of the emulator core (the network-independent part of `EmulatorOptions`). */
export interface CoreOptions {
    /** Account id in ARNs and support codes; default `123456789012`. */
    accountId?: string;
    /** Persist the world to this file after every acknowledged mutation, and load it at start. */
    statePath?: string;
    /** Disks and instances to create at start (skipped when a resource of that name already exists). */
    seed?: SeedFile;
    /** Snapshot behaviour overrides. */
    snapshot?: Partial<SnapshotBehaviour>;
    /** Items per page in `GetDiskSnapshots`, `GetDisks`, `GetInstances`, `GetOperations`; default 5. */
    pageSize?: number;
    /** How long new disks and instances stay `pending`, ms; default 1000. */
    resourceDurationMs?: number;
    /** How long an instance stays `stopping` (StopInstance) and `pending` (StartInstance), ms; default 1000. */
    instanceTransitionMs?: number;
    /** How long a disk stays `attaching` (AttachDisk) and `detaching` (DetachDisk, DeleteInstance), ms; default 1000. */
    attachmentDurationMs?: number;
    /** Faults installed at start, by operation name (or `*`). */
    faults?: Record<string, Fault>;
    /** Token-bucket rate limit for all AWS calls. */
    rateLimit?: RateLimit;
    /** Seed of the random source used by probabilistic faults; default 1. */
    randomSeed?: number;
    /** Timing of automatic snapshots and of the add-on's `Enabling`/`Disabling`. */
    autoSnapshot?: Partial<AutoSnapshotBehaviour>;
    /** Clock (epoch ms); default `Date.now`. Inject a virtual clock to test progress without sleeping. */
    clock?: Clock;
    /**
     * Start the emulator's clock at this instant (epoch ms), running on from there. Ignored when the
     * state file already records a clock (a restart keeps its time). Not with `clockOffsetMs`.
     */
    startTime?: number;
    /** Run the emulator's clock this far ahead of `clock` (ms; negative: behind), with `startTime`'s caveat. */
    clockOffsetMs?: number;
    /** Identifier source (UUIDs, hex); default `node:crypto`. */
    ids?: IdSource;
    /** Request log capacity; default 10000. */
    requestLogLimit?: number;
}

/**
 * Checks a partial snapshot behaviour and merges it into `base`.
 *
 * @throws Error describing the first invalid member.
 */
export function mergeBehaviour(base: SnapshotBehaviour, patch: Partial<SnapshotBehaviour>): SnapshotBehaviour {
    const next: SnapshotBehaviour = { ...base };
    if (patch.durationMs !== undefined) {
        if (typeof patch.durationMs !== "number" || !Number.isFinite(patch.durationMs) || patch.durationMs < 0) {
            throw new Error(
                `snapshot durationMs must be a non-negative number; got ${JSON.stringify(patch.durationMs)}`,
            );
        }
        next.durationMs = patch.durationMs;
    }
    if (patch.curve !== undefined) {
        if (!PROGRESS_CURVES.includes(patch.curve)) {
            throw new Error(
                `progress curve must be one of ${PROGRESS_CURVES.join(", ")}; got ${JSON.stringify(patch.curve)}`,
            );
        }
        next.curve = patch.curve as ProgressCurve;
    }
    if ("errorPattern" in patch) {
        const pattern = patch.errorPattern;
        if (pattern === undefined || pattern === null || pattern === "") {
            delete next.errorPattern;
        } else {
            if (typeof pattern !== "string") {
                throw new Error("errorPattern must be a string (a regular expression source)");
            }
            try {
                new RegExp(pattern);
            } catch (err) {
                throw new Error(`errorPattern is not a valid regular expression: ${(err as Error).message}`);
            }
            next.errorPattern = pattern;
        }
    }
    if (patch.deletePending !== undefined) {
        if (patch.deletePending !== "allow" && patch.deletePending !== "refuse") {
            throw new Error(`deletePending must be 'allow' or 'refuse'; got ${JSON.stringify(patch.deletePending)}`);
        }
        next.deletePending = patch.deletePending;
    }
    return next;
}

/**
 * Checks a partial automatic snapshot behaviour and merges it into `base`.
 *
 * @throws Error describing the first invalid member.
 */
export function mergeAutoSnapshotBehaviour(
    base: AutoSnapshotBehaviour,
    patch: Partial<AutoSnapshotBehaviour>,
): AutoSnapshotBehaviour {
    const next: AutoSnapshotBehaviour = { ...base };
    for (const member of ["durationMs", "addOnDurationMs"] as const) {
        const value = patch[member];
        if (value === undefined) {
            continue;
        }
        if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
            throw new Error(`autoSnapshot ${member} must be a non-negative number; got ${JSON.stringify(value)}`);
        }
        next[member] = value;
    }
    return next;
}

/** Checks a duration option (a non-negative finite number of ms). @throws Error */
function durationOption(name: string, value: number): number {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
        throw new Error(`${name} must be a non-negative number of ms; got ${JSON.stringify(value)}`);
    }
    return value;
}

/**
 * The instant the options ask the clock to start at, if any.
 *
 * @throws Error when both `startTime` and `clockOffsetMs` are given, or either is not a finite number.
 */
function startInstant(clock: Clock, options: CoreOptions): number | undefined {
    const { startTime, clockOffsetMs } = options;
    if (startTime !== undefined && clockOffsetMs !== undefined) {
        throw new Error("give startTime or clockOffsetMs, not both");
    }
    for (const [name, value] of [
        ["startTime", startTime],
        ["clockOffsetMs", clockOffsetMs],
    ] as const) {
        if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value))) {
            throw new Error(`${name} must be a finite number of ms; got ${JSON.stringify(value)}`);
        }
    }
    if (startTime !== undefined) {
        return startTime;
    }
    return clockOffsetMs === undefined ? undefined : clock() + clockOffsetMs;
}

/** Lists the disks and instances of a seed file with their regions filled in. */
export function seedEntries(seed: SeedFile): { disks: SeedDisk[]; instances: SeedInstance[] } {
    const disks: SeedDisk[] = [];
    const instances: SeedInstance[] = [];
    for (const [key, value] of Object.entries(seed)) {
        if (value === undefined) {
            continue;
        }
        if (key === "disks" || key === "instances") {
            if (!Array.isArray(value)) {
                throw new Error(`seed '${key}' must be a list`);
            }
            (key === "disks" ? disks : instances).push(...(value as SeedDisk[]));
            continue;
        }
        if (typeof value !== "object" || Array.isArray(value)) {
            throw new Error(`seed region '${key}' must be an object with 'disks' and/or 'instances'`);
        }
        const region = value as { disks?: SeedDisk[]; instances?: SeedInstance[] };
        for (const disk of region.disks ?? []) {
            disks.push({ ...disk, region: disk.region ?? key });
        }
        for (const instance of region.instances ?? []) {
            instances.push({ ...instance, region: instance.region ?? key });
        }
    }
    for (const entry of [...disks, ...instances]) {
        if (!entry || typeof entry.name !== "string" || !/^\w[\w-]*\w$/.test(entry.name)) {
            throw new Error(`seed entry ${JSON.stringify(entry)} needs a valid 'name'`);
        }
    }
    return { disks, instances };
}

/** The emulator without its network front: world, behaviour, faults, log and persistence. */
export class EmulatorCore {
    /** The world. */
    readonly world: World;
    /** Fault and rate-limit decisions. */
    readonly faults: FaultController;
    /** Items per page. */
    readonly pageSize: number;
    /** Time new disks and instances stay pending, ms. */
    readonly resourceDurationMs: number;
    /** Timing of automatic snapshots and of the add-on's transitions. */
    readonly autoSnapshot: Readonly<AutoSnapshotBehaviour>;
    /** Timing of instance stops and starts and of disk attachments. */
    readonly transitions: Readonly<TransitionBehaviour>;
    private currentBehaviour: SnapshotBehaviour;
    private readonly initialBehaviour: SnapshotBehaviour;
    private readonly statePath: string | undefined;
    /** The state file version this process last read or wrote. */
    private knownStamp: FileStamp | undefined;
    private log: RequestLogEntry[] = [];
    private lastSequence = 0;
    private readonly logLimit: number;

    /**
     * Builds the core, loads the state file (if any) and applies the seed.
     *
     * @throws Error on invalid options or an unreadable state file.
     */
    constructor(options: CoreOptions = {}) {
        const clock = options.clock ?? Date.now;
        this.world = new World({
            clock,
            ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
            ...(options.ids === undefined ? {} : { ids: options.ids }),
        });
        this.faults = new FaultController(seededRandom(options.randomSeed ?? 1), clock);
        this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
        if (!Number.isInteger(this.pageSize) || this.pageSize < 1) {
            throw new Error(`pageSize must be a positive integer; got ${options.pageSize}`);
        }
        this.resourceDurationMs = options.resourceDurationMs ?? DEFAULT_RESOURCE_DURATION_MS;
        this.transitions = {
            instanceTransitionMs: durationOption(
                "instanceTransitionMs",
                options.instanceTransitionMs ?? DEFAULT_INSTANCE_TRANSITION_MS,
            ),
            attachmentDurationMs: durationOption(
                "attachmentDurationMs",
                options.attachmentDurationMs ?? DEFAULT_ATTACHMENT_DURATION_MS,
            ),
        };
        this.autoSnapshot = mergeAutoSnapshotBehaviour(
            { ...DEFAULT_AUTO_SNAPSHOT_BEHAVIOUR },
            options.autoSnapshot ?? {},
        );
        this.initialBehaviour = mergeBehaviour({ ...DEFAULT_SNAPSHOT_BEHAVIOUR }, options.snapshot ?? {});
        this.currentBehaviour = { ...this.initialBehaviour };
        this.logLimit = options.requestLogLimit ?? DEFAULT_REQUEST_LOG_LIMIT;
        this.statePath = options.statePath;
        for (const [operation, fault] of Object.entries(options.faults ?? {})) {
            this.faults.set(operation, fault);
        }
        if (options.rateLimit !== undefined) {
            this.faults.setRateLimit(validateRateLimit(options.rateLimit));
        }
        if (this.statePath !== undefined) {
            removeStaleTemporaries(this.statePath);
            this.reload();
        }
        const start = startInstant(clock, options);
        if (start !== undefined) {
            this.transact(() => this.world.startClockAt(start));
        }
        if (options.seed !== undefined) {
            this.seed(options.seed, true);
        }
    }

    /** Current time from the clock. */
    now(): number {
        return this.world.now();
    }

    /** Context for a handler serving `region`. */
    context(region: string): HandlerContext {
        return {
            world: this.world,
            region,
            behaviour: { ...this.currentBehaviour },
            pageSize: this.pageSize,
            resourceDurationMs: this.resourceDurationMs,
            autoSnapshot: { ...this.autoSnapshot },
            transitions: { ...this.transitions },
        };
    }

    // ---- state file and transactions -----------------------------------------------------------

    private reload(): void {
        if (this.statePath === undefined) {
            return;
        }
        const stamp = stampOf(this.statePath);
        const data = readStateFile(this.statePath);
        if (data === undefined) {
            this.world.reset();
        } else {
            this.world.load(data);
        }
        this.knownStamp = stamp;
    }

    /**
     * Reloads the world when another process has written the state file since our last write. A
     * vanished file is not a change: the in-memory world stays, and the next write recreates the file.
     */
    refresh(): void {
        if (this.statePath === undefined) {
            return;
        }
        const current = stampOf(this.statePath);
        if (current !== undefined && !sameStamp(current, this.knownStamp)) {
            this.reload();
        }
    }

    /**
     * Runs one Lightsail operation for a region. Operations that may change the world run as a
     * {@link transact | transaction}; the others just see the world brought up to date.
     *
     * @throws AwsError for Lightsail errors; Error when the state file cannot be written.
     */
    runOperation(operation: string, region: string, input: Record<string, unknown>): Wire {
        this.catchUp();
        if (OPERATION_TABLE[operation]?.mutates !== true) {
            this.refresh();
            return handle(operation, this.context(region), input);
        }
        return this.transact(() => handle(operation, this.context(region), input));
    }

    /**
     * Runs one change to the world as a transaction. Every change goes through here, whether it comes
     * from the API, an admin command or the in-process API: the world is first brought up to date with
     * the state file, and the change is persisted before this returns (so before any answer is sent).
     * If the change throws or cannot be persisted, the world is restored from a copy taken first.
     *
     * The copy costs a clone of the whole world, so it is only taken when there is a state file that
     * memory must stay equal to; without one, a seed that fails part-way keeps the entries before the
     * failure.
     *
     * @throws whatever `change` throws; Error when the state file cannot be written.
     */
    transact<T>(change: () => T): T {
        this.refresh();
        const before = this.statePath === undefined ? undefined : this.world.toJSON();
        try {
            const result = change();
            if (this.statePath !== undefined) {
                this.knownStamp = writeStateFile(this.statePath, this.world.toJSON());
            }
            return result;
        } catch (err) {
            if (before !== undefined) {
                this.world.load(before);
            }
            throw err;
        }
    }

    /**
     * Brings the world up to date: the state file, then the automatic snapshots that fell due since
     * (taken, and persisted, in a transaction of their own, so that a request that fails later still
     * finds them).
     */
    private catchUp(): void {
        this.refresh();
        if (this.world.autoSnapshotsDue()) {
            this.transact(() => this.world.takeDueAutoSnapshots());
        }
    }

    // ---- the clock and automatic snapshots --------------------------------------------------------

    /**
     * Moves the emulator's clock forward by `ms` (persisted with the world). Automatic snapshots that
     * fall due are taken by the next request, or by {@link EmulatorCore.takeDueAutoSnapshots}.
     *
     * @returns the new time, epoch ms.
     * @throws RangeError when `ms` is negative or not finite.
     */
    advanceClock(ms: number): number {
        return this.transact(() => this.world.advanceClock(ms));
    }

    /**
     * Moves the emulator's clock forward to `epochMs`.
     *
     * @returns the new time, epoch ms.
     * @throws RangeError when `epochMs` is in the emulator's past or not finite.
     */
    advanceClockTo(epochMs: number): number {
        return this.transact(() => {
            const now = this.world.now();
            if (!Number.isFinite(epochMs)) {
                throw new RangeError(`the clock needs a finite epoch time in ms; got ${epochMs}`);
            }
            if (epochMs < now) {
                throw new RangeError(
                    `the clock only moves forward: ${new Date(epochMs).toISOString()} is before ${new Date(now).toISOString()}`,
                );
            }
            return this.world.advanceClock(epochMs - now);
        });
    }

    /** Takes every automatic snapshot that is due now, and returns what was taken. */
    takeDueAutoSnapshots(): TakenAutoSnapshot[] {
        return this.transact(() => this.world.takeDueAutoSnapshots());
    }

    // ---- request log ---------------------------------------------------------------------------

    /** Appends a log entry (the caller fills in the answer later) and returns it. */
    startEntry(body: unknown): RequestLogEntry {
        this.lastSequence += 1;
        const entry: RequestLogEntry = {
            seq: this.lastSequence,
            time: this.now(),
            operation: null,
            region: null,
            body,
            status: null,
            latencyMs: null,
        };
        this.log.push(entry);
        if (this.log.length > this.logLimit) {
            this.log.splice(0, this.log.length - this.logLimit);
        }
        return entry;
    }

    /** Copies of the logged requests, oldest first. */
    requests(): RequestLogEntry[] {
        return structuredClone(this.log);
    }

    /** Empties the request log (sequence numbers keep increasing). */
    clearRequests(): void {
        this.log = [];
    }

    // ---- behaviour -----------------------------------------------------------------------------

    /** The current snapshot behaviour. */
    behaviour(): SnapshotBehaviour {
        return { ...this.currentBehaviour };
    }

    /** Changes the snapshot behaviour for snapshots created from now on (and `deletePending` at once). */
    setSnapshotBehaviour(patch: Partial<SnapshotBehaviour>): SnapshotBehaviour {
        this.currentBehaviour = mergeBehaviour(this.currentBehaviour, patch);
        return this.behaviour();
    }

    // ---- out-of-band world changes --------------------------------------------------------------

    /**
     * Seeds disks and instances. With `skipExisting`, names already present are left alone (so a
     * restart with the same state and seed files is idempotent); otherwise they are an error.
     */
    seed(seed: SeedFile, skipExisting = false): void {
        const { disks, instances } = seedEntries(seed);
        this.transact(() => {
            // Instances first, so that seeded disks can be attached to them.
            for (const instance of instances) {
                if (!(skipExisting && this.world.read(instance.region ?? DEFAULT_REGION).instances[instance.name])) {
                    this.world.seedInstance(instance);
                }
            }
            for (const disk of disks) {
                if (!(skipExisting && this.world.read(disk.region ?? DEFAULT_REGION).disks[disk.name])) {
                    this.world.seedDisk(disk);
                }
            }
        });
    }

    /**
     * Seeds one disk (immediately available, or attached to `attachedTo` at `path`).
     *
     * @throws Error when the name is taken, or the attachment is refused.
     */
    seedDisk(disk: SeedDisk): DiskRecord {
        if (disk.tags !== undefined) {
            validateTags(disk.tags);
        }
        return structuredClone(this.transact(() => this.world.seedDisk(disk))) as DiskRecord;
    }

    /** Seeds one instance (immediately running, or stopped with `state: "stopped"`). @throws Error when the name is taken. */
    seedInstance(instance: SeedInstance): InstanceRecord {
        if (instance.tags !== undefined) {
            validateTags(instance.tags);
        }
        return structuredClone(this.transact(() => this.world.seedInstance(instance))) as InstanceRecord;
    }

    /**
     * A disk's attachment now: the instance, path and phase, or `undefined` when it is detached.
     *
     * @throws Error when the disk does not exist.
     */
    diskAttachment(name: string, region = DEFAULT_REGION): DiskAttachment | undefined {
        this.refresh();
        const attachment = currentAttachment(this.world.disk(region, name), this.world.now());
        return attachment === undefined
            ? undefined
            : { instanceName: attachment.instanceName, path: attachment.path, state: attachment.phase };
    }

    /** An instance's state now (`{code, name}`). @throws Error when the instance does not exist. */
    instanceState(name: string, region = DEFAULT_REGION): InstanceState {
        this.refresh();
        return this.world.instanceState(region, name);
    }

    /** Disk snapshots of a region (default `us-east-1`) with their current state, newest first. */
    snapshots(region = DEFAULT_REGION): DiskSnapshotRecord[] {
        this.refresh();
        return Object.values(this.world.read(region).snapshots)
            .map((snapshot) => this.world.view(snapshot))
            .sort((a, b) => b.createdAtMs - a.createdAtMs || a.name.localeCompare(b.name));
    }

    /** Deletes a snapshot out of band (no operation recorded). @throws Error when it does not exist. */
    deleteSnapshot(name: string, region = DEFAULT_REGION): void {
        this.transact(() => this.world.removeSnapshot(region, name));
    }

    /** Replaces a snapshot's tags out of band. @throws Error when it does not exist or the tags are invalid. */
    setSnapshotTags(name: string, tags: Tag[], region = DEFAULT_REGION): void {
        validateTags(tags);
        this.transact(() => this.world.setTags(region, "DiskSnapshot", name, tags));
    }

    /**
     * Empties the world, faults, rate limit and request log, and restores the initial snapshot
     * behaviour. The clock stays where it is (time is not content).
     */
    reset(): void {
        this.transact(() => this.world.reset());
        this.faults.clear();
        this.faults.setRateLimit(undefined);
        this.clearRequests();
        this.currentBehaviour = { ...this.initialBehaviour };
    }
}
