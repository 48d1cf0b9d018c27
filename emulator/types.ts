/**
 * Types shared by the emulator's modules and its public API.
 *
 * Records ending in `Record` are the emulator's own view of the world (times in epoch milliseconds);
 * the wire format (epoch seconds, AWS member names and order) is produced by `render.ts`.
 *
 * @module
 */

/**
 * A deeply read-only view of `T`. The world hands out its records this way, so that only its own
 * methods can change them.
 */
export type Immutable<T> = T extends readonly (infer U)[]
    ? readonly Immutable<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Immutable<T[K]> }
      : T;

/** A source of "now" in epoch milliseconds. Injected everywhere so tests can run in virtual time. */
export type Clock = () => number;

/** A Lightsail tag as it travels on the wire: the key is required, the value optional. */
export interface Tag {
    /** Tag key (1-128 characters). */
    key: string;
    /** Tag value (0-256 characters); absent when the tag has no value. */
    value?: string;
}

/**
 * How a disk snapshot's `progress` string evolves while it is `pending`.
 *
 * - `linear`: proportional to elapsed time.
 * - `front-loaded`: fast at first, slow near the end.
 * - `stalled-then-jump`: climbs to 50% in the first quarter, sits there, then jumps to 100% on completion.
 * - `none`: no `progress` member while pending (it appears as `100%` once completed).
 */
export type ProgressCurve = "linear" | "front-loaded" | "stalled-then-jump" | "none";

/** All progress curves, for validating user input. */
export const PROGRESS_CURVES: readonly ProgressCurve[] = ["linear", "front-loaded", "stalled-then-jump", "none"];

/** Whether `DeleteDiskSnapshot` on a `pending` snapshot is accepted or refused with `InvalidInputException`. */
export type DeletePendingPolicy = "allow" | "refuse";

/** How new disk snapshots behave. Baked into each snapshot when it is created (except `deletePending`). */
export interface SnapshotBehaviour {
    /** Time from creation to `completed` (or `error`), in milliseconds. */
    durationMs: number;
    /** Shape of the `progress` string while pending. */
    curve: ProgressCurve;
    /**
     * Snapshots whose name matches this regular expression (source text, unanchored) end in state `error`
     * and their create operations end `Failed`. `undefined` disables failures.
     */
    errorPattern?: string;
    /** Whether a pending snapshot may be deleted. */
    deletePending: DeletePendingPolicy;
}

/** How automatic snapshots and the add-on's transitions are timed (on the emulator's clock). */
export interface AutoSnapshotBehaviour {
    /** Time an automatic snapshot stays `InProgress` before `Success`, ms; baked into each add-on when enabled. */
    durationMs: number;
    /** Time `EnableAddOn` and `DisableAddOn` stay `Enabling` / `Disabling` (and their operations `Started`), ms. */
    addOnDurationMs: number;
}

/** How instance power changes and disk attachments are timed (on the emulator's clock). */
export interface TransitionBehaviour {
    /** Time an instance stays `stopping` after `StopInstance` and `pending` after `StartInstance`, ms. */
    instanceTransitionMs: number;
    /** Time a disk stays `attaching` after `AttachDisk` and `detaching` after `DetachDisk`, ms. */
    attachmentDurationMs: number;
}

/** Kinds of injected fault. */
export type FaultKind =
    /** Answer 400 `ThrottlingException` (the SDK and the CLI retry it as throttling). */
    | "throttle"
    /** Answer 500 `ServiceException` (the model's server fault; retried as a transient error). */
    | "error"
    /** Answer 503 `ServiceUnavailableException` (retried as a transient error). */
    | "unavailable"
    /** Answer 400 `AccessDeniedException`, as when an IAM policy denies the call (not retried). */
    | "denied"
    /** Destroy the socket without answering, before the request has any effect. */
    | "reset"
    /** Apply the request (mutations persist), then destroy the socket: the answer is lost. */
    | "reset-after"
    /** Answer normally after `latencyMs`. */
    | "latency"
    /** Never answer; the connection is closed only when the emulator stops. */
    | "hang";

/** All fault kinds, for validating user input. */
export const FAULT_KINDS: readonly FaultKind[] = [
    "throttle",
    "error",
    "unavailable",
    "denied",
    "reset",
    "reset-after",
    "latency",
    "hang",
];

/**
 * A fault injected into calls of one operation (or `*`, every operation).
 *
 * With `count`, it fires on the next `count` matching calls and is then removed. With `probability`,
 * each matching call fires with that probability (seeded randomness). With both, it fires with that
 * probability until it has fired `count` times. With neither, it fires on every call until cleared.
 */
export interface Fault {
    /** What happens when the fault fires. */
    kind: FaultKind;
    /** Fire on the next N matching calls only. */
    count?: number;
    /** Fire with this probability (0..1) on each matching call. */
    probability?: number;
    /** Delay before the fault's effect (required for `latency`, optional for the others), in ms. */
    latencyMs?: number;
}

/** A token-bucket rate limit applied to every AWS API call; calls over the limit get `ThrottlingException`. */
export interface RateLimit {
    /** Tokens added per second. */
    ratePerSecond: number;
    /** Bucket capacity (and initial fill). */
    burst: number;
}

/** One AWS API call as seen by the emulator (admin calls are not logged). */
export interface RequestLogEntry {
    /** Monotonic sequence number, from 1. */
    seq: number;
    /** When the request arrived (epoch ms, from the emulator's clock). */
    time: number;
    /** Operation name from `X-Amz-Target`, or `null` when it could not be determined. */
    operation: string | null;
    /** Region from the SigV4 credential scope, or `null` when absent. */
    region: string | null;
    /** The request body: parsed JSON when it parses, otherwise the raw text. Headers are never logged. */
    body: unknown;
    /** HTTP status answered, or `null` when no answer was sent (reset, hang). */
    status: number | null;
    /** `__type` of the error answered, or a pseudo type (`ConnectionReset`, `Hang`) for faults without an answer. */
    errorType?: string;
    /** Fault that fired on this call, if any. */
    fault?: FaultKind;
    /** Time from arrival to answer (or to the reset), in ms; `null` while a hung request is pending. */
    latencyMs: number | null;
}

/**
 * Statuses of the automatic snapshot add-on the emulator reports. Lightsail's `AddOn.status` is a free
 * string; these four are among the values Lightsail's CloudFormation schema lists for it.
 */
export type AddOnStatus = "Enabling" | "Enabled" | "Disabling" | "Disabled";

/** The automatic snapshot add-on of a disk or instance, as stored (its status is derived from time). */
export interface AutoSnapshotAddOnRecord {
    /** Whether the last request enabled it (`true`) or disabled it. */
    enabled: boolean;
    /** When the last request takes effect (`Enabling` → `Enabled`, `Disabling` → `Disabled`), epoch ms. */
    settlesAtMs: number;
    /** The configured daily snapshot time, `HH:00` UTC. */
    snapshotTimeOfDay: string;
    /** When the next automatic snapshot is taken, epoch ms (meaningful while enabled). */
    nextSnapshotAtMs: number;
    /** How long each automatic snapshot it takes stays `InProgress`, ms. */
    snapshotDurationMs: number;
    /** Date (`YYYY-MM-DD`) of the last automatic snapshot taken, deleted or not: a day gets one at most. */
    lastSnapshotDate?: string;
}

/** A block storage disk attached to an instance when its automatic snapshot was taken. */
export interface AttachedDiskRecord {
    /** Device path, e.g. `/dev/xvdf`. */
    path: string;
    /** Size in GB. */
    sizeInGb: number;
}

/** An automatic snapshot, as stored (its status is derived from time). It has no name, ARN or tags. */
export interface AutoSnapshotRecord {
    /** The UTC day it was taken, `YYYY-MM-DD`: unique among the resource's automatic snapshots. */
    date: string;
    /** When it was taken, epoch ms. */
    createdAtMs: number;
    /** Time from `InProgress` to `Success`, ms. */
    durationMs: number;
    /** The disks attached to the instance when it was taken (none for a disk). */
    fromAttachedDisks: AttachedDiskRecord[];
}

/** Lightsail's `AutoSnapshotStatus` values the emulator reports. */
export type AutoSnapshotStatus = "InProgress" | "Success";

/** An automatic snapshot with its status evaluated at some instant. */
export interface AutoSnapshotView extends AutoSnapshotRecord {
    /** Status at the evaluation instant. */
    status: AutoSnapshotStatus;
}

/** An automatic snapshot the emulator has just taken. */
export interface TakenAutoSnapshot {
    /** Region. */
    region: string;
    /** Type of the source. */
    resourceType: "Disk" | "Instance";
    /** Name of the source disk or instance. */
    resourceName: string;
    /** Its date, `YYYY-MM-DD`. */
    date: string;
    /** When it was taken (the scheduled instant), epoch ms. */
    createdAtMs: number;
}

/** What disks and instances share: the automatic snapshot add-on and the snapshots it took. */
export interface AutoSnapshotHolder {
    /** The add-on, once it has been enabled (it stays, `Disabled`, after DisableAddOn). */
    autoSnapshotAddOn?: AutoSnapshotAddOnRecord;
    /** Automatic snapshots, newest first; they are kept when the add-on is disabled. */
    autoSnapshots?: AutoSnapshotRecord[];
}

/**
 * A disk's attachment to an instance, as stored (its phase is derived from time, see
 * `lifecycle.ts`). It stays recorded after the detach settles; from then on the disk is detached.
 */
export interface DiskAttachmentRecord {
    /** The instance the disk is (or was being) attached to. */
    instanceName: string;
    /** Device path on the instance, `/dev/xvd[f-t]`. */
    path: string;
    /** When `AttachDisk` was accepted, epoch ms. */
    attachedAtMs: number;
    /** When `attaching` becomes `attached`, epoch ms. */
    attachSettlesAtMs: number;
    /** When the detach (`DetachDisk`, or `DeleteInstance` of the instance) settles, epoch ms; absent until then. */
    detachSettlesAtMs?: number;
}

/** Lightsail's disk `attachmentState` values while a disk is attached or in transition. */
export type AttachmentPhase = "attaching" | "attached" | "detaching";

/** A disk's attachment as the in-process API shows it. */
export interface DiskAttachment {
    /** The instance. */
    instanceName: string;
    /** Device path. */
    path: string;
    /** `attaching`, `attached` or `detaching` (the disk's `attachmentState`). */
    state: AttachmentPhase;
}

/** A block storage disk in the emulator's world. */
export interface DiskRecord extends AutoSnapshotHolder {
    /** Disk name, unique among disks in its region. */
    name: string;
    /** `arn:aws:lightsail:REGION:ACCOUNT:Disk/UUID`. */
    arn: string;
    /** `ACCOUNT/vol-HEX`. */
    supportCode: string;
    /** Creation time, epoch ms. */
    createdAtMs: number;
    /** When the disk becomes `available` (epoch ms); seeded disks are ready at creation. */
    readyAtMs: number;
    /** Region name. */
    region: string;
    /** Availability zone, e.g. `us-west-2a`. */
    availabilityZone: string;
    /** Size in GB. */
    sizeInGb: number;
    /** Tags. */
    tags: Tag[];
    /** The last attachment to an instance, if the disk was ever attached. */
    attachment?: DiskAttachmentRecord;
}

/** The last power request of an instance (`StopInstance`/`StartInstance`), as stored. */
export interface InstancePowerRecord {
    /** The state the request leads to. */
    target: "running" | "stopped";
    /** When the instance reaches it (`stopping` → `stopped`, `pending` → `running`), epoch ms. */
    settlesAtMs: number;
}

/** Lightsail instance state names the emulator reports. */
export type InstanceStateName = "pending" | "running" | "stopping" | "stopped";

/** An instance's `state`: Lightsail's (EC2's) state codes with their names. */
export interface InstanceState {
    /** State code: 0 pending, 16 running, 64 stopping, 80 stopped. */
    code: number;
    /** State name. */
    name: InstanceStateName;
}

/** An instance in the emulator's world (enough of one to snapshot its system disk and attach disks to it). */
export interface InstanceRecord extends AutoSnapshotHolder {
    /** Instance name, unique among instances in its region. */
    name: string;
    /** `arn:aws:lightsail:REGION:ACCOUNT:Instance/UUID`. */
    arn: string;
    /** `ACCOUNT/i-HEX`. */
    supportCode: string;
    /** Creation time, epoch ms. */
    createdAtMs: number;
    /** When the instance becomes `running` (epoch ms). */
    readyAtMs: number;
    /** Region name. */
    region: string;
    /** Availability zone. */
    availabilityZone: string;
    /** Blueprint id, e.g. `ubuntu_22_04`. */
    blueprintId: string;
    /** Blueprint display name. */
    blueprintName: string;
    /** Bundle id, e.g. `nano_3_0`. */
    bundleId: string;
    /** Number of vCPUs. */
    cpuCount: number;
    /** RAM in GB. */
    ramSizeInGb: number;
    /** Size of the system disk in GB (the size of its snapshots). */
    systemDiskSizeInGb: number;
    /** Private IPv4 address. */
    privateIpAddress: string;
    /** Public IPv4 address. */
    publicIpAddress: string;
    /** Default SSH user name. */
    username: string;
    /** Key pair name, when one was given. */
    sshKeyName?: string;
    /** Tags. */
    tags: Tag[];
    /** The last stop or start, if the instance was ever stopped; without it the instance runs once ready. */
    power?: InstancePowerRecord;
}

/** Where a disk snapshot came from. */
export interface SnapshotSource {
    /** A block storage disk or an instance's system disk. */
    kind: "disk" | "instance";
    /** Name of the source disk or instance. */
    name: string;
    /** ARN of the source disk or instance. */
    arn: string;
}

/** A disk snapshot as stored (state and progress are derived from time, see {@link DiskSnapshotRecord}). */
export interface StoredDiskSnapshot {
    /** Snapshot name, unique among disk snapshots in its region. */
    name: string;
    /** `arn:aws:lightsail:REGION:ACCOUNT:DiskSnapshot/UUID`. */
    arn: string;
    /** `ACCOUNT/snap-HEX`. */
    supportCode: string;
    /** Creation time, epoch ms. */
    createdAtMs: number;
    /** Region name. */
    region: string;
    /** Size of the source, in GB. */
    sizeInGb: number;
    /** Tags. */
    tags: Tag[];
    /** Source disk or instance. */
    source: SnapshotSource;
    /** Time from creation to completion (or failure), ms. */
    durationMs: number;
    /** Progress curve. */
    curve: ProgressCurve;
    /** Whether the snapshot ends in `error` instead of `completed`. */
    fails: boolean;
    /**
     * Set on a copy of an automatic snapshot (`CopySnapshot` with `sourceResourceName`); absent on
     * every other snapshot, and in state files written before copies existed.
     */
    isFromAutoSnapshot?: true;
}

/** Lightsail disk snapshot states. */
export type DiskSnapshotState = "pending" | "completed" | "error";

/** A disk snapshot with its state and progress evaluated at some instant. */
export interface DiskSnapshotRecord extends StoredDiskSnapshot {
    /** State at the evaluation instant. */
    state: DiskSnapshotState;
    /** Progress string (`"42%"`), or `undefined` when not reported. */
    progress?: string;
}

/** Outcome of an operation once it settles. */
export type OperationOutcome = "Succeeded" | "Failed";

/** A Lightsail operation as stored; its status is derived from time. */
export interface OperationRecord {
    /** Operation id (UUID). */
    id: string;
    /** Name of the resource the operation is about. */
    resourceName: string;
    /** Resource type, e.g. `DiskSnapshot`, `Disk`, `Instance`. */
    resourceType: string;
    /** Creation time, epoch ms. */
    createdAtMs: number;
    /** Region name. */
    region: string;
    /** Availability zone (`all` for regional resources such as snapshots). */
    availabilityZone: string;
    /** Free text, e.g. the other resource involved. */
    operationDetails?: string;
    /** Operation type; absent for operations the model has no type for (tagging). */
    operationType?: string;
    /** When the operation becomes terminal (epoch ms). */
    settlesAtMs: number;
    /** Status once settled. */
    outcome: OperationOutcome;
    /** Error code when the outcome is `Failed`. */
    errorCode?: string;
    /** Error details when the outcome is `Failed`. */
    errorDetails?: string;
    /** Set for operations Lightsail answers without `statusChangedAt` (`DeleteAutoSnapshot`). */
    omitStatusChangedAt?: true;
}

/** Everything in one region. */
export interface RegionState {
    /** Disks by name. */
    disks: Record<string, DiskRecord>;
    /** Instances by name. */
    instances: Record<string, InstanceRecord>;
    /** Disk snapshots by name. */
    snapshots: Record<string, StoredDiskSnapshot>;
    /** Operations in creation order. */
    operations: OperationRecord[];
}

/** A disk to seed (out of band, immediately `available`). */
export interface SeedDisk {
    /** Disk name. */
    name: string;
    /** Region; default `us-east-1`. */
    region?: string;
    /** Size in GB; default 8. */
    sizeInGb?: number;
    /** Availability zone; default `<region>a`. */
    availabilityZone?: string;
    /** Tags. */
    tags?: Tag[];
    /** Seed it attached (already `attached`, `in-use`) to this instance of the region, at `path`. */
    attachedTo?: string;
    /** Device path when `attachedTo` is given; default `/dev/xvdf`. */
    path?: string;
}

/** An instance to seed (out of band, immediately `running`, or `stopped` if asked). */
export interface SeedInstance {
    /** Instance name. */
    name: string;
    /** Region; default `us-east-1`. */
    region?: string;
    /** System disk size in GB; default 20. */
    systemDiskSizeInGb?: number;
    /** Availability zone; default `<region>a`. */
    availabilityZone?: string;
    /** Blueprint id; default `ubuntu_22_04`. */
    blueprintId?: string;
    /** Bundle id; default `nano_3_0`. */
    bundleId?: string;
    /** Tags. */
    tags?: Tag[];
    /** `running` (default) or `stopped`, settled at once. */
    state?: "running" | "stopped";
}

/**
 * Contents of a `--seed` file: region names mapping to disks and instances, and/or top-level
 * `disks`/`instances` arrays whose entries name their region.
 */
export interface SeedFile {
    /** Disks (each with an optional `region`). */
    disks?: SeedDisk[];
    /** Instances (each with an optional `region`). */
    instances?: SeedInstance[];
    /** Per-region lists, keyed by region name. */
    [region: string]: { disks?: SeedDisk[]; instances?: SeedInstance[] } | SeedDisk[] | SeedInstance[] | undefined;
}
