/**
 * An end-to-end test bed: the real Pulumi CLI with a temporary file backend, a consumer program
 * that installs this package from its packed tarball, and an emulator the program's snapshots
 * live in. Each step changes the stack config `snapshots` and runs a real `pulumi` command.
 */

import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { EmulatorOptions } from "../emulator";
import { AUTO_SNAPSHOTS_TYPE, DISK_FROM_SNAPSHOT_TYPE, DISK_SNAPSHOT_COPY_TYPE, DISK_SNAPSHOT_TYPE } from "../provider";
import * as native from "../provider/native";
import { REGION } from "./account";
import {
    createPulumiWorkspace,
    managedResources,
    type PulumiWorkspace,
    type RunOptions,
    type RunResult,
} from "./engine";
import { consumerWithPackage } from "./packageInstall";
import { DEV_PULUMI_VERSION, PACKAGE_NAME } from "./repo";
import { type LightsailTestBed, startTestBed } from "./testBed";

/** One DiskSnapshot the program declares: the resource name plus its arguments. */
export type SnapshotSpec = { resourceName: string } & Record<string, unknown>;

/** One AutoSnapshots the program declares: the resource name plus its arguments. */
export type AutoSnapshotsSpec = { resourceName: string } & Record<string, unknown>;

/** One DiskFromSnapshot the program declares: the resource name, `fromSnapshot` (a declared snapshot's resource name) and its arguments. */
export type RestoreSpec = { resourceName: string; fromSnapshot?: string } & Record<string, unknown>;

/** One DiskSnapshotCopy the program declares: the resource name, `fromSnapshot` (a declared snapshot's resource name) and its arguments. */
export type CopySpec = { resourceName: string; fromSnapshot?: string } & Record<string, unknown>;

/** A resource of the stack's state, as the tests read it. */
export interface StateResource {
    urn: string;
    id?: string;
    outputs?: Record<string, unknown>;
}

/**
 * Which face of the package the program declares its resources with: the dynamic provider (the
 * package's main entry) or the native plugin (`<package>/native`, run by the engine from the
 * package's `bin` folder through the project's `plugins:` entry).
 */
export type Face = "dynamic" | "native";

/** The type tokens the state records, by face and resource. */
const STATE_TYPES: Record<Face, Record<"snapshot" | "auto" | "restore" | "copy", string>> = {
    dynamic: {
        snapshot: DISK_SNAPSHOT_TYPE,
        auto: AUTO_SNAPSHOTS_TYPE,
        restore: DISK_FROM_SNAPSHOT_TYPE,
        copy: DISK_SNAPSHOT_COPY_TYPE,
    },
    native: {
        snapshot: native.DiskSnapshot.token,
        auto: native.AutoSnapshots.token,
        restore: native.DiskFromSnapshot.token,
        copy: native.DiskSnapshotCopy.token,
    },
};

/**
 * The `plugins:` entry a project using the native face needs (see the README); the program's
 * folder is inside the consumer folder, whose node_modules holds the package.
 */
const NATIVE_PLUGINS_ENTRY = `plugins:
    providers:
        - name: lightsail-snapshots
          path: ../node_modules/${PACKAGE_NAME}/bin
`;

/** Options of {@link startSnapshotStack}. */
export interface SnapshotStackOptions {
    /** The face the program declares its resources with (default: dynamic). */
    face?: Face;
    /** The program under `harness/programs`: CommonJS (default) or ES module. */
    fixture?: "snapshots" | "snapshots-esm";
    /** The `@pulumi/pulumi` the consumer installs (default: the repository's pinned version). */
    pulumiVersion?: string;
    /** Emulator options (snapshot duration, faults...). */
    emulator?: EmulatorOptions;
    /** Extra environment for every pulumi command. */
    env?: Record<string, string>;
}

/** A stack of the consumer program, its emulator and helpers. */
export interface SnapshotStack {
    /** The Pulumi workspace (file backend, PULUMI_HOME) the stack lives in. */
    readonly ws: PulumiWorkspace;
    /** The emulator the program's snapshots live in, and the environment pointing at it. */
    readonly bed: LightsailTestBed;
    /** The program's folder, inside the consumer folder. */
    readonly programDir: string;
    /** Sets the snapshots the program declares. */
    declare(specs: SnapshotSpec[]): Promise<void>;
    /** Sets the automatic-snapshot schedules the program declares (config `autoSnapshots`). */
    declareAutoSnapshots(specs: AutoSnapshotsSpec[]): Promise<void>;
    /** Sets the DiskFromSnapshot resources the program declares. */
    declareRestores(specs: RestoreSpec[]): Promise<void>;
    /** Sets the DiskSnapshotCopy resources the program declares. */
    declareCopies(specs: CopySpec[]): Promise<void>;
    /** Runs `pulumi <args>` in the program. */
    pulumi(args: string[], options?: RunOptions): Promise<RunResult>;
    /**
     * The DiskSnapshot resources in the state, without those marked `pendingReplacement` (deleted
     * by a delete-before-replace whose new snapshot is yet to be created: the state knows they are gone).
     */
    snapshotsInState(): Promise<StateResource[]>;
    /** The AutoSnapshots resources in the state. */
    autoSnapshotsInState(): Promise<StateResource[]>;
    /** The DiskFromSnapshot resources in the state. */
    restoresInState(): Promise<StateResource[]>;
    /** The DiskSnapshotCopy resources in the state. */
    copiesInState(): Promise<StateResource[]>;
    /** Asserts the emulator holds exactly the snapshots the state knows (no leak, nothing dangling). */
    assertStateMatchesEmulator(): Promise<void>;
    /** Destroys, removes the stack, stops the emulator; asserts nothing is left. */
    close(): Promise<void>;
}

/** Starts a stack of the consumer program against a fresh emulator with Disk-1, Disk-2 and WordPress-1. */
export async function startSnapshotStack(options: SnapshotStackOptions = {}): Promise<SnapshotStack> {
    const consumer = consumerWithPackage(options.pulumiVersion ?? DEV_PULUMI_VERSION);
    const fixture = path.resolve(__dirname, "programs", options.fixture ?? "snapshots");
    const programDir = fs.mkdtempSync(path.join(consumer, "program-"));
    fs.cpSync(fixture, programDir, { recursive: true });
    const face = options.face ?? "dynamic";
    const types = STATE_TYPES[face];
    if (face === "native") {
        fs.appendFileSync(path.join(programDir, "Pulumi.yaml"), NATIVE_PLUGINS_ENTRY);
    }

    const bed = await startTestBed(options.emulator ?? { snapshot: { durationMs: 300 } });
    for (const name of ["Disk-1", "Disk-2"]) bed.emulator.seedDisk({ name, region: REGION, sizeInGb: 16 });
    bed.emulator.seedInstance({ name: "WordPress-1", region: REGION, systemDiskSizeInGb: 40 });

    const ws = createPulumiWorkspace({
        env: { ...bed.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...options.env },
    });
    await ws.initStack(programDir, "test");
    if (face === "native") await ws.run(["config", "set", "face", "native"], { cwd: programDir });

    const resourcesInState = async (type: string): Promise<StateResource[]> => {
        const state = await ws.exportStack();
        return managedResources(state)
            .filter((r) => r.type === type && r.pendingReplacement !== true)
            .map((r) => ({ urn: r.urn, id: r.id, outputs: r.outputs }));
    };
    const snapshotsInState = () => resourcesInState(types.snapshot);
    const setConfig = async (key: string, value: unknown) => {
        await ws.run(["config", "set", "--", key, JSON.stringify(value)], { cwd: programDir });
    };

    return {
        ws,
        bed,
        programDir,
        declare: (specs) => setConfig("snapshots", specs),
        declareAutoSnapshots: (specs) => setConfig("autoSnapshots", specs),
        declareRestores: (specs) => setConfig("restores", specs),
        declareCopies: (specs) => setConfig("copies", specs),
        pulumi: (args, runOptions) => ws.run(args, { cwd: programDir, ...runOptions }),
        snapshotsInState,
        autoSnapshotsInState: () => resourcesInState(types.auto),
        restoresInState: () => resourcesInState(types.restore),
        copiesInState: () => resourcesInState(types.copy),
        assertStateMatchesEmulator: async () => {
            const inState = (await snapshotsInState()).map((r) => r.id).sort();
            const inEmulator = bed.emulator
                .snapshots(REGION)
                .map((s) => s.name)
                .sort();
            assert.deepEqual(inEmulator, inState, "the emulator's snapshots and the state's differ");
        },
        close: async () => {
            try {
                await ws.run(["destroy", "--yes", "--skip-preview"], { cwd: programDir });
                assert.deepEqual(bed.emulator.snapshots(REGION), [], "destroy left snapshots behind");
            } finally {
                await ws.cleanup();
                await bed.stop();
                fs.rmSync(programDir, { recursive: true, force: true });
            }
        },
    };
}

/** The AWS operations the emulator logged, optionally only those after `since` (a log length). */
export function loggedOperations(bed: LightsailTestBed, since = 0): string[] {
    return bed.emulator
        .requests()
        .slice(since)
        .map((r) => r.operation ?? "?");
}
