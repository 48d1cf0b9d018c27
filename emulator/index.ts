/**
 * A local, wire-faithful Amazon Lightsail endpoint (AWS JSON 1.1) for disk snapshot work: disks,
 * instances (enough to snapshot their system disk, stop, start and attach disks to), disk
 * snapshots, automatic snapshots, restores, tags and
 * operations, with a movable clock, fault injection, a rate limit, a request log and an optional
 * durable state file.
 *
 * ```ts
 * import { startEmulator } from "pulumi-lightsail-disk-snapshot/emulator";
 * const emu = await startEmulator({ snapshot: { durationMs: 500 } });
 * emu.seedDisk({ name: "Disk-1", region: "us-west-2" });
 * const client = new LightsailClient({ endpoint: emu.url, region: "us-west-2",
 *     credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" } });
 * // ...
 * await emu.stop();
 * ```
 *
 * @module
 */

import { type CoreOptions, EmulatorCore } from "./core";
import { startHttp } from "./server";
import type {
    DiskAttachment,
    DiskRecord,
    DiskSnapshotRecord,
    Fault,
    InstanceRecord,
    InstanceState,
    RateLimit,
    RequestLogEntry,
    SeedDisk,
    SeedFile,
    SeedInstance,
    SnapshotBehaviour,
    Tag,
    TakenAutoSnapshot,
} from "./types";

export { ADMIN_COMMANDS, ADMIN_PREFIX } from "./admin";
export { AUTO_SNAPSHOT_RETENTION, DEFAULT_SNAPSHOT_TIMES } from "./autoSnapshotSchedule";
export {
    type CoreOptions,
    DEFAULT_ATTACHMENT_DURATION_MS,
    DEFAULT_AUTO_SNAPSHOT_BEHAVIOUR,
    DEFAULT_INSTANCE_TRANSITION_MS,
    DEFAULT_PAGE_SIZE,
    DEFAULT_RESOURCE_DURATION_MS,
    DEFAULT_SNAPSHOT_BEHAVIOUR,
    DEFAULT_SNAPSHOT_DURATION_MS,
    EmulatorCore,
} from "./core";
export { ANY_OPERATION, parseFaultSpec } from "./faults";
export { OPERATIONS } from "./handlers";
export { AwsError, TARGET_PREFIX } from "./protocol";
export { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from "./store";
export * from "./types";

/** Options of {@link startEmulator}. */
export interface EmulatorOptions extends CoreOptions {
    /** TCP port on 127.0.0.1; 0 (default) picks a free port. */
    port?: number;
}

/** A running emulator: its address and the in-process admin API. */
export interface RunningEmulator {
    /** Base URL, `http://127.0.0.1:PORT` (use as the SDK `endpoint` or the CLI `--endpoint-url`). */
    readonly url: string;
    /** Bound port. */
    readonly port: number;
    /** Account id in ARNs. */
    readonly accountId: string;
    /** Stops the server: hung requests and open connections are closed. Idempotent. */
    stop(): Promise<void>;
    /**
     * Seeds a disk, immediately `available` (region default `us-east-1`, size 8 GB, zone `<region>a`),
     * or already attached with `attachedTo` (an instance of the region) and `path` (default `/dev/xvdf`).
     */
    seedDisk(disk: SeedDisk): DiskRecord;
    /**
     * Seeds an instance, immediately `running`, or `stopped` with `state: "stopped"` (region default
     * `us-east-1`, zone `<region>a`, system disk 20 GB).
     */
    seedInstance(instance: SeedInstance): InstanceRecord;
    /** A disk's attachment now (instance, path, `attaching`/`attached`/`detaching`), or `undefined` when detached. */
    diskAttachment(name: string, region?: string): DiskAttachment | undefined;
    /** An instance's state now, `{code, name}` (`pending` 0, `running` 16, `stopping` 64, `stopped` 80). */
    instanceState(name: string, region?: string): InstanceState;
    /** Seeds several disks and instances (seed file format). */
    seed(seed: SeedFile): void;
    /** Current snapshot behaviour. */
    snapshotBehaviour(): SnapshotBehaviour;
    /** Changes how snapshots created from now on behave (`deletePending` applies at once). */
    setSnapshotBehaviour(behaviour: Partial<SnapshotBehaviour>): SnapshotBehaviour;
    /** Installs (replaces) the fault for an operation name, or `*` for every operation. */
    setFault(operation: string, fault: Fault): void;
    /** Removes one operation's fault, or all faults. */
    clearFaults(operation?: string): void;
    /** Installed faults by operation (counts show what is left). */
    faults(): Record<string, Fault>;
    /** Sets or removes the token-bucket rate limit on all AWS calls. */
    setRateLimit(limit: RateLimit | undefined): void;
    /** The request log, oldest first. */
    requests(): RequestLogEntry[];
    /** Empties the request log. */
    clearRequests(): void;
    /** Disk snapshots of a region (default `us-east-1`) with state and progress, newest first. */
    snapshots(region?: string): DiskSnapshotRecord[];
    /** Deletes a snapshot out of band (as if deleted elsewhere). */
    deleteSnapshot(name: string, region?: string): void;
    /** Replaces a snapshot's tags out of band (drift). */
    setSnapshotTags(name: string, tags: Tag[], region?: string): void;
    /** The emulator's current time, epoch ms. */
    now(): number;
    /** Moves the emulator's clock forward by `ms`; returns the new time. */
    advanceClock(ms: number): number;
    /** Moves the emulator's clock forward to `epochMs`; returns the new time. */
    advanceClockTo(epochMs: number): number;
    /**
     * Takes the automatic snapshots that are due now (each at its scheduled instant) and returns them.
     * Any request does this too; calling it makes the snapshots visible to the state file at once.
     */
    takeDueAutoSnapshots(): TakenAutoSnapshot[];
    /** Empties the world, faults, rate limit and log; restores the initial snapshot behaviour. The clock stays. */
    reset(): void;
    /** The emulator core, for advanced tests (world, clock, fault controller). */
    readonly core: EmulatorCore;
}

/**
 * Starts an emulator on 127.0.0.1.
 *
 * @throws Error on invalid options, an unreadable state file, or when the port is taken.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    const core = new EmulatorCore(options);
    const http = await startHttp(core, options.port ?? 0);
    let stopping: Promise<void> | undefined;
    return {
        url: `http://127.0.0.1:${http.port}`,
        port: http.port,
        accountId: core.world.accountId,
        core,
        stop: () => {
            stopping ??= http.close();
            return stopping;
        },
        seedDisk: (disk) => core.seedDisk(disk),
        seedInstance: (instance) => core.seedInstance(instance),
        diskAttachment: (name, region) => core.diskAttachment(name, region),
        instanceState: (name, region) => core.instanceState(name, region),
        seed: (seed) => core.seed(seed),
        snapshotBehaviour: () => core.behaviour(),
        setSnapshotBehaviour: (behaviour) => core.setSnapshotBehaviour(behaviour),
        setFault: (operation, fault) => core.faults.set(operation, fault),
        clearFaults: (operation) => core.faults.clear(operation),
        faults: () => core.faults.list(),
        setRateLimit: (limit) => core.faults.setRateLimit(limit),
        requests: () => core.requests(),
        clearRequests: () => core.clearRequests(),
        snapshots: (region) => core.snapshots(region),
        deleteSnapshot: (name, region) => core.deleteSnapshot(name, region),
        setSnapshotTags: (name, tags, region) => core.setSnapshotTags(name, tags, region),
        now: () => core.now(),
        advanceClock: (ms) => core.advanceClock(ms),
        advanceClockTo: (epochMs) => core.advanceClockTo(epochMs),
        takeDueAutoSnapshots: () => core.takeDueAutoSnapshots(),
        reset: () => core.reset(),
    };
}
