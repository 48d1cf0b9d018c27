/**
 * What a lane of the suite declares and checks: DiskSnapshots, or AutoSnapshots (the AutoSnapshot
 * add-on of a disk or instance). Each subject says how to declare its specs, how to compare the
 * emulator with the state (a leak is live in the emulator but not in the state; a dangling entry
 * is in the state but not live), and whether the stack is at the declared specs.
 *
 * @module
 */

import type { EmulatorOptions } from "../emulator";
import { REGION } from "../harness/account";
import type { AutoSnapshotsSpec, SnapshotSpec } from "../harness/snapshotStack";
import type { Lane, Reconciliation } from "./lane";

/** The resource types a lane can be about. */
export type SubjectType = "DiskSnapshot" | "AutoSnapshots";

/** A resource type as the suite drives and checks it. */
export interface Subject {
    /** The resource type, as error messages name it (`DiskSnapshot "nightly-1"`, `AutoSnapshots "Disk-1"`). */
    type: SubjectType;
    /** Sets the specs the program declares. */
    declare(lane: Lane, specs: SnapshotSpec[]): Promise<void>;
    /** Compares the emulator with the state. */
    reconcile(lane: Lane): Promise<Reconciliation>;
    /** Why the stack is not at the declared specs, or undefined when it is. */
    atDeclared(lane: Lane, specs: SnapshotSpec[]): Promise<string | undefined>;
}

/** The state resource declared as `spec`, by its URN's name. */
function declaredIn<T extends { urn: string }>(inState: readonly T[], spec: { resourceName: string }): T | undefined {
    return inState.find((s) => s.urn.endsWith(`::${spec.resourceName}`));
}

/** Tags as a comparable string, key order aside. */
function sortedTags(tags: Record<string, string>): string {
    return JSON.stringify(Object.entries(tags).sort());
}

/** DiskSnapshots: each declared snapshot completed (live and as recorded), with the declared tags. */
export const DISK_SNAPSHOTS: Subject = {
    type: "DiskSnapshot",
    declare: (lane, specs) => lane.declare(specs),
    reconcile: (lane) => lane.reconcile(),
    atDeclared: async (lane, specs) => {
        const inState = await lane.stack.snapshotsInState();
        for (const spec of specs) {
            const resource = declaredIn(inState, spec);
            if (!resource) return `${spec.resourceName} is not in the state`;
            const live = lane.emulator.snapshots(REGION).find((s) => s.name === resource.id);
            if (!live) return `${spec.resourceName}'s snapshot ${resource.id} does not exist`;
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
    },
};

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

/** The AutoSnapshots the suite's AutoSnapshots lanes declare: a disk's and an instance's add-on. */
export const AUTO_SNAPSHOTS_SPECS: readonly AutoSnapshotsSpec[] = [
    { resourceName: "nightly", diskName: "Disk-1", snapshotTimeOfDay: "06:00" },
    { resourceName: "server", instanceName: "WordPress-1", snapshotTimeOfDay: "07:00" },
];

/**
 * The emulator of an AutoSnapshots lane: its clock starts at 05:00 UTC (no automatic snapshot
 * falls due during a run), and an add-on takes `addOnDurationMs` to be Enabled or Disabled.
 */
export function autoSnapshotsEmulator(addOnDurationMs: number): EmulatorOptions {
    return { startTime: Date.parse("2024-01-01T05:00:00Z"), autoSnapshot: { addOnDurationMs } };
}
