/**
 * What a lane of the suite declares and checks: DiskSnapshots, AutoSnapshots (the AutoSnapshot
 * add-on of a disk or instance), or DiskFromSnapshots (a disk restored from a snapshot of Disk-1
 * and attached to WordPress-1). Each subject says how to declare its specs, how to compare the
 * emulator with the state (a leak is live in the emulator but not in the state; a dangling entry
 * is in the state but not live), and whether the stack is at the declared specs.
 *
 * @module
 */

import type { EmulatorOptions } from "../emulator";
import { REGION } from "../harness/account";
import type { AutoSnapshotsSpec, CopySpec, RestoreSpec, SnapshotSpec } from "../harness/snapshotStack";
import type { Lane, Reconciliation } from "./lane";

/** The resource types a lane can be about. */
export type SubjectType = "DiskSnapshot" | "AutoSnapshots" | "DiskFromSnapshot" | "DiskSnapshotCopy";

/** The resource types, in the order reports show them. */
export const SUBJECT_TYPES: readonly SubjectType[] = [
    "DiskSnapshot",
    "AutoSnapshots",
    "DiskFromSnapshot",
    "DiskSnapshotCopy",
];

/** A resource type as the suite drives and checks it. */
export interface Subject {
    /** The resource type, as error messages name it (`DiskSnapshot "nightly-1"`, `AutoSnapshots "Disk-1"`). */
    type: SubjectType;
    /** What a fault-matrix lane declares first. */
    matrixSpecs: readonly SnapshotSpec[];
    /** The change a fault-matrix lane's update phase makes. */
    updated(specs: readonly SnapshotSpec[]): SnapshotSpec[];
    /** Sets the specs the program declares. */
    declare(lane: Lane, specs: SnapshotSpec[]): Promise<void>;
    /** Compares the emulator with the state. */
    reconcile(lane: Lane): Promise<Reconciliation>;
    /** Why the stack is not at the declared specs, or undefined when it is. */
    atDeclared(lane: Lane, specs: SnapshotSpec[]): Promise<string | undefined>;
    /** The region its resources live in, which its messages name (default the lane's). */
    region?: string;
    /** After a destroy: why what the resources used is not as it was before them, if it is not. */
    afterDestroy?(lane: Lane): string | undefined;
}

/** The state resource declared as `spec`, by its URN's name. */
function declaredIn<T extends { urn: string }>(inState: readonly T[], spec: { resourceName: string }): T | undefined {
    return inState.find((s) => s.urn.endsWith(`::${spec.resourceName}`));
}

/** Tags as a comparable string, key order aside. */
function sortedTags(tags: Record<string, string>): string {
    return JSON.stringify(Object.entries(tags).sort());
}

/** The specs with `extra` added to their tags. */
function withTags(specs: readonly SnapshotSpec[], extra: Record<string, string>): SnapshotSpec[] {
    return specs.map((spec) => ({ ...spec, tags: { ...(spec.tags as Record<string, string>), ...extra } }));
}

/**
 * Why the declared snapshots (or copies) are not each `completed` in `region`, live and as
 * recorded, with the declared tags; undefined when they are.
 */
function snapshotsAtDeclared(
    lane: Lane,
    specs: readonly SnapshotSpec[],
    inState: readonly { urn: string; id?: string; outputs?: Record<string, unknown> }[],
    region: string,
): string | undefined {
    for (const spec of specs) {
        const resource = declaredIn(inState, spec);
        if (!resource) return `${spec.resourceName} is not in the state`;
        const live = lane.emulator.snapshots(region).find((s) => s.name === resource.id);
        if (!live) return `${spec.resourceName}'s snapshot ${resource.id} does not exist in ${region}`;
        if (live.state !== "completed") return `${spec.resourceName}'s snapshot is ${live.state}`;
        if (resource.outputs?.state !== "completed") {
            return `${spec.resourceName} is recorded as ${String(resource.outputs?.state)}`;
        }
        const tags = Object.fromEntries(live.tags.map((t) => [t.key, t.value ?? ""]));
        const declared = (spec.tags ?? {}) as Record<string, string>;
        if (sortedTags(tags) !== sortedTags(declared)) {
            return `${spec.resourceName}'s tags are ${JSON.stringify(tags)}, declared ${JSON.stringify(declared)}`;
        }
    }
    return undefined;
}

/** DiskSnapshots: each declared snapshot completed (live and as recorded), with the declared tags. */
export const DISK_SNAPSHOTS: Subject = {
    type: "DiskSnapshot",
    matrixSpecs: [
        { resourceName: "data", diskName: "Disk-1", tags: { team: "web" } },
        { resourceName: "system", instanceName: "WordPress-1", tags: { team: "web" } },
    ],
    updated: (specs) => withTags(specs, { env: "prod" }),
    declare: (lane, specs) => lane.declare(specs),
    reconcile: (lane) => lane.reconcile(),
    atDeclared: async (lane, specs) => snapshotsAtDeclared(lane, specs, await lane.stack.snapshotsInState(), REGION),
};

/** The AutoSnapshots the suite's AutoSnapshots lanes declare: a disk's and an instance's add-on. */
export const AUTO_SNAPSHOTS_SPECS: readonly AutoSnapshotsSpec[] = [
    { resourceName: "nightly", diskName: "Disk-1", snapshotTimeOfDay: "06:00" },
    { resourceName: "server", instanceName: "WordPress-1", snapshotTimeOfDay: "07:00" },
];

/** The specs, each an hour later (the update phase of the AutoSnapshots rows). */
function anHourLater(specs: readonly AutoSnapshotsSpec[]): AutoSnapshotsSpec[] {
    return specs.map((spec) => {
        const hour = (Number(String(spec.snapshotTimeOfDay).slice(0, 2)) + 1) % 24;
        return { ...spec, snapshotTimeOfDay: `${String(hour).padStart(2, "0")}:00` };
    });
}

/** The disk or instance an AutoSnapshots spec is about. */
function sourceName(spec: AutoSnapshotsSpec): string {
    return String(spec.diskName ?? spec.instanceName);
}

/**
 * AutoSnapshots: an add-on is live while it is enabled (`Enabled` or `Enabling`); at the declared
 * specs, each one is `Enabled` at the declared time, in Lightsail and as recorded.
 */
export const AUTO_SNAPSHOTS: Subject = {
    type: "AutoSnapshots",
    matrixSpecs: AUTO_SNAPSHOTS_SPECS,
    updated: anHourLater,
    declare: (lane, specs) => lane.declareAutoSnapshots(specs),
    reconcile: (lane) => lane.reconcileAddOns(),
    atDeclared: async (lane, specs) => {
        const inState = await lane.stack.autoSnapshotsInState();
        for (const spec of specs) {
            const resource = declaredIn(inState, spec);
            if (!resource) return `${spec.resourceName} is not in the state`;
            const declared = `Enabled at ${String(spec.snapshotTimeOfDay)}`;
            const live = lane.addOn(sourceName(spec));
            const liveText = live ? `${live.status} at ${live.snapshotTimeOfDay}` : "never enabled";
            if (liveText !== declared) return `${spec.resourceName}'s add-on is ${liveText}, declared ${declared}`;
            const recorded = `${String(resource.outputs?.status)} at ${String(resource.outputs?.snapshotTimeOfDay)}`;
            if (recorded !== declared) return `${spec.resourceName} is recorded as ${recorded}, declared ${declared}`;
        }
        return undefined;
    },
};

/**
 * The emulator of an AutoSnapshots lane: its clock starts at 05:00 UTC (no automatic snapshot
 * falls due during a run), and an add-on takes `addOnDurationMs` to be Enabled or Disabled.
 */
export function autoSnapshotsEmulator(addOnDurationMs: number): EmulatorOptions {
    return { startTime: Date.parse("2024-01-01T05:00:00Z"), autoSnapshot: { addOnDurationMs } };
}

/** The snapshot every DiskFromSnapshot lane restores from: a manual snapshot of Disk-1. */
export const RESTORE_SOURCE: SnapshotSpec = { resourceName: "data", diskName: "Disk-1" };

/** The instance the restored disks attach to. */
const RESTORE_INSTANCE = "WordPress-1";

/**
 * The DiskFromSnapshot a restore lane declares: a disk of RESTORE_SOURCE's snapshot, with a
 * generated name, attached to WordPress-1.
 */
export const RESTORE_SPECS: readonly RestoreSpec[] = [
    {
        resourceName: "restored",
        fromSnapshot: RESTORE_SOURCE.resourceName,
        availabilityZone: `${REGION}a`,
        attachTo: { instanceName: RESTORE_INSTANCE, diskPath: "/dev/xvdf" },
        tags: { team: "storage" },
    },
];

/** The attachment a restore spec declares. */
function attachmentOf(spec: RestoreSpec): { instanceName: string; diskPath: string } | undefined {
    return spec.attachTo as { instanceName: string; diskPath: string } | undefined;
}

/**
 * DiskFromSnapshots: a disk is live while it exists (the restored disks are those named after
 * their resource, `restored-...`), and so is the snapshot it came from. At the declared specs,
 * each disk is attached as declared and settled (`in-use`, attachment `attached`), in Lightsail
 * and as recorded, with the declared tags, and the instance it attaches to is running (a detach
 * stops it and must start it again).
 */
export const RESTORES: Subject = {
    type: "DiskFromSnapshot",
    matrixSpecs: RESTORE_SPECS,
    // The update moves the attachment to another path (stop, detach, start, attach) and adds a tag.
    updated: (specs) =>
        withTags(specs, { env: "prod" }).map((spec) => {
            const attachTo = attachmentOf(spec);
            return attachTo ? { ...spec, attachTo: { ...attachTo, diskPath: "/dev/xvdg" } } : spec;
        }),
    declare: async (lane, specs) => {
        await lane.declare([RESTORE_SOURCE]);
        await lane.declareRestores(specs);
    },
    reconcile: (lane) => lane.reconcileRestores(),
    atDeclared: async (lane, specs) => {
        const inState = await lane.stack.restoresInState();
        for (const spec of specs) {
            const resource = declaredIn(inState, spec);
            if (!resource?.id) return `${spec.resourceName} is not in the state`;
            const live = lane.emulator.core.world.read(REGION).disks[resource.id];
            if (!live) return `${spec.resourceName}'s disk ${resource.id} does not exist`;
            const declared = attachmentOf(spec);
            const attachment = lane.emulator.diskAttachment(resource.id, REGION);
            const liveText = attachment
                ? `${attachment.state} to ${attachment.instanceName} at ${attachment.path}`
                : "detached";
            const declaredText = declared ? `attached to ${declared.instanceName} at ${declared.diskPath}` : "detached";
            if (liveText !== declaredText)
                return `${spec.resourceName}'s disk is ${liveText}, declared ${declaredText}`;
            const recorded = resource.outputs ?? {};
            const recordedText =
                recorded.isAttached === true
                    ? `${String(recorded.state)}, attached to ${String(recorded.attachedTo)} at ${String(recorded.path)}`
                    : `${String(recorded.state)}, detached`;
            const expectedRecord = declared ? `in-use, ${declaredText}` : "available, detached";
            if (recordedText !== expectedRecord) {
                return `${spec.resourceName} is recorded as ${recordedText}, declared ${expectedRecord}`;
            }
            const tags = Object.fromEntries(live.tags.map((t) => [t.key, t.value ?? ""]));
            const declaredTags = (spec.tags ?? {}) as Record<string, string>;
            if (sortedTags(tags) !== sortedTags(declaredTags)) {
                return `${spec.resourceName}'s tags are ${JSON.stringify(tags)}, declared ${JSON.stringify(declaredTags)}`;
            }
            const instance = instanceNotRunning(lane);
            if (instance) return instance;
        }
        return undefined;
    },
    afterDestroy: instanceNotRunning,
};

/** Why the instance the restored disks attach to is not running (a detach stops it and must start it again). */
function instanceNotRunning(lane: Lane): string | undefined {
    const state = lane.emulator.instanceState(RESTORE_INSTANCE, REGION).name;
    return state === "running" ? undefined : `instance ${RESTORE_INSTANCE} is ${state}`;
}

/**
 * The emulator of a DiskFromSnapshot lane: a snapshot takes `ms` to complete, a disk as long to
 * be available, an attachment or detachment and an instance's stop or start as long to settle.
 */
export function restoresEmulator(ms: number): EmulatorOptions {
    return { snapshot: { durationMs: ms }, resourceDurationMs: ms, instanceTransitionMs: ms, attachmentDurationMs: ms };
}

/** The region the copy lanes copy into. */
export const COPY_REGION = "us-west-2";

/** The DiskSnapshotCopy a copy lane declares: RESTORE_SOURCE's snapshot, copied to COPY_REGION under a generated name. */
export const COPY_SPECS: readonly CopySpec[] = [
    {
        resourceName: "offsite",
        fromSnapshot: RESTORE_SOURCE.resourceName,
        sourceRegion: REGION,
        region: COPY_REGION,
        tags: { copy: "offsite" },
    },
];

/**
 * DiskSnapshotCopies: a copy is live while it exists in COPY_REGION, and so is its source in
 * REGION. At the declared specs, each copy is `completed` in COPY_REGION, in Lightsail and as
 * recorded, with the declared tags (set after CopySnapshot, which takes none).
 */
export const COPIES: Subject = {
    type: "DiskSnapshotCopy",
    region: COPY_REGION,
    matrixSpecs: COPY_SPECS,
    updated: (specs) => withTags(specs, { env: "prod" }),
    declare: async (lane, specs) => {
        await lane.declare([RESTORE_SOURCE]);
        await lane.declareCopies(specs);
    },
    reconcile: (lane) => lane.reconcileCopies(COPY_REGION),
    atDeclared: async (lane, specs) => snapshotsAtDeclared(lane, specs, await lane.stack.copiesInState(), COPY_REGION),
};
