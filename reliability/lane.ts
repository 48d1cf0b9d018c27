/**
 * A {@link Lane}: one stack of the consumer program (`harness/snapshotStack.ts`) with its own
 * emulator, which records every `pulumi` command it runs (output, exit code, duration, crash
 * signatures) and every Lightsail request (across emulator restarts), and compares the emulator's
 * snapshots with the state.
 *
 * @module
 */

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    type AddOnStatus,
    type EmulatorOptions,
    type RequestLogEntry,
    type RunningEmulator,
    startEmulator,
} from "../emulator";
import { addOnStatus } from "../emulator/autoSnapshotSchedule";
import { REGION } from "../harness/account";
import type { RunOptions } from "../harness/engine";
import {
    type AutoSnapshotsSpec,
    type CopySpec,
    type Face,
    type RestoreSpec,
    type SnapshotSpec,
    type SnapshotStack,
    startSnapshotStack,
} from "../harness/snapshotStack";
import { sleep } from "../harness/time";
import { crashSignatures } from "./crashes";

/** One `pulumi` command a lane ran. */
export interface CommandRecord {
    /** The arguments after `pulumi`. */
    args: string[];
    /** Exit code (-1 after a signal). */
    code: number;
    /** stdout and stderr. */
    output: string;
    /** Wall time, ms. */
    durationMs: number;
    /** Crash signature lines found in the output. */
    crashes: string[];
}

/** A comparison of the emulator's snapshots (or enabled add-ons) with the state. */
export interface Reconciliation {
    /** Snapshots (add-ons) in the emulator the state does not know (and that were not made out of band): leaks. */
    leaked: string[];
    /** State entries whose snapshot does not exist (whose add-on is not enabled): dangling. */
    dangling: string[];
    /** Operations the engine left pending in the state. */
    pending: number;
    /** The resource IDs in the state. */
    inState: string[];
    /** The snapshots (disks and instances with an enabled add-on) in the emulator, by name, out-of-band ones included. */
    inEmulator: string[];
}

/** Options of {@link startLane}. */
export interface LaneOptions {
    /** The face the lane's program declares its resources with (default: dynamic). */
    face?: Face;
    /** Emulator options (snapshot duration, error pattern...). A state file is always used. */
    emulator?: EmulatorOptions;
    /** Extra environment for every command. */
    env?: Record<string, string>;
}

/** What every section of the suite takes. */
export interface SectionOptions {
    /** Progress lines. */
    log?: (line: string) => void;
    /** Where to write each lane's commands and outputs. */
    logDir?: string;
}

/** One stack of the consumer program, its emulator (restartable), and what happened to them. */
export class Lane {
    /** Every command run, oldest first. */
    readonly commands: CommandRecord[] = [];
    /** Snapshots created out of band (by the harness, as "someone else"): never counted as leaks. */
    readonly foreign = new Set<string>();
    private archivedRequests: RequestLogEntry[] = [];
    private readonly extraEmulators: RunningEmulator[] = [];
    private stopped: { port: number; behaviour: ReturnType<RunningEmulator["snapshotBehaviour"]> } | undefined;

    private constructor(
        readonly stack: SnapshotStack,
        private readonly statePath: string,
        private readonly stateDir: string,
    ) {}

    /** Starts a lane: a new stack, an emulator with a state file, Disk-1, Disk-2 and WordPress-1. */
    static async start(options: LaneOptions = {}): Promise<Lane> {
        const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "reliability-emulator-"));
        const statePath = path.join(stateDir, "state.json");
        const stack = await startSnapshotStack({
            emulator: { snapshot: { durationMs: 1_000 }, ...options.emulator, statePath },
            ...(options.env ? { env: options.env } : {}),
            ...(options.face ? { face: options.face } : {}),
        });
        return new Lane(stack, statePath, stateDir);
    }

    /** The running emulator. */
    get emulator(): RunningEmulator {
        return this.stack.bed.emulator;
    }

    /** Every Lightsail request the lane's emulators logged, across restarts. */
    requests(): RequestLogEntry[] {
        return this.stopped ? [...this.archivedRequests] : [...this.archivedRequests, ...this.emulator.requests()];
    }

    /** Sets the snapshots the program declares. */
    declare(specs: SnapshotSpec[]): Promise<void> {
        return this.stack.declare(specs);
    }

    /** Sets the automatic-snapshot schedules the program declares. */
    declareAutoSnapshots(specs: AutoSnapshotsSpec[]): Promise<void> {
        return this.stack.declareAutoSnapshots(specs);
    }

    /** Sets the DiskFromSnapshot resources the program declares. */
    declareRestores(specs: RestoreSpec[]): Promise<void> {
        return this.stack.declareRestores(specs);
    }

    /** Sets the DiskSnapshotCopy resources the program declares. */
    declareCopies(specs: CopySpec[]): Promise<void> {
        return this.stack.declareCopies(specs);
    }

    /** Runs `pulumi <args>` (never throws on a non-zero exit) and records it. */
    async pulumi(args: string[], options: RunOptions = {}): Promise<CommandRecord> {
        const started = Date.now();
        let code: number;
        let output: string;
        try {
            const result = await this.stack.pulumi(args, { allowFailure: true, ...options });
            code = result.code;
            output = `${result.stdout}\n${result.stderr}`;
        } catch (error) {
            code = -2;
            output = String((error as Error).message);
        }
        const record = { args, code, output, durationMs: Date.now() - started, crashes: crashSignatures(output) };
        this.commands.push(record);
        return record;
    }

    /** Records a command run outside {@link pulumi} (an interrupted one). */
    record(record: CommandRecord): void {
        this.commands.push(record);
    }

    /** Compares the emulator's snapshots with the state (out-of-band snapshots excluded from leaks). */
    async reconcile(): Promise<Reconciliation> {
        const inState = (await this.stack.snapshotsInState()).map((r) => String(r.id));
        return this.compare(
            inState,
            this.emulator.snapshots(REGION).map((s) => s.name),
        );
    }

    /**
     * Compares the emulator's AutoSnapshot add-ons with the state: an add-on enabled (`Enabled` or
     * `Enabling`) on a disk or instance no AutoSnapshots resource is about is a leak; a resource
     * whose add-on is not enabled is dangling.
     */
    async reconcileAddOns(): Promise<Reconciliation> {
        const inState = (await this.stack.autoSnapshotsInState()).map((r) => String(r.id));
        return this.compare(inState, this.enabledAddOns());
    }

    /**
     * Compares the restored disks (those named `restored...`, after their resource) and the
     * snapshots they come from with the state: a disk or snapshot the state does not know is a
     * leak; a DiskFromSnapshot or DiskSnapshot in the state whose disk or snapshot is gone is dangling.
     */
    async reconcileRestores(): Promise<Reconciliation> {
        const inState = [...(await this.stack.restoresInState()), ...(await this.stack.snapshotsInState())];
        const live = [
            ...Object.keys(this.emulator.core.world.read(REGION).disks).filter((name) => name.startsWith("restored")),
            ...this.emulator.snapshots(REGION).map((s) => s.name),
        ];
        return this.compare(
            inState.map((r) => String(r.id)),
            live,
        );
    }

    /**
     * Compares the copies in `copyRegion` and the snapshots they come from (in the lane's region)
     * with the state: a snapshot the state does not know is a leak, a DiskSnapshotCopy or
     * DiskSnapshot in the state whose snapshot is gone is dangling.
     */
    async reconcileCopies(copyRegion: string): Promise<Reconciliation> {
        const inState = [...(await this.stack.copiesInState()), ...(await this.stack.snapshotsInState())];
        const live = [...this.emulator.snapshots(copyRegion), ...this.emulator.snapshots(REGION)].map((s) => s.name);
        return this.compare(
            inState.map((r) => String(r.id)),
            live,
        );
    }

    /** The disks and instances whose AutoSnapshot add-on is enabled (`Enabled` or `Enabling`). */
    enabledAddOns(): string[] {
        const view = this.emulator.core.world.read(REGION);
        return [...Object.values(view.disks), ...Object.values(view.instances)]
            .filter((holder) => holder.autoSnapshotAddOn?.enabled === true)
            .map((holder) => holder.name);
    }

    /** The AutoSnapshot add-on of a disk or instance as Lightsail reports it now, if it was ever enabled. */
    addOn(name: string): { status: AddOnStatus; snapshotTimeOfDay: string } | undefined {
        const view = this.emulator.core.world.read(REGION);
        const addOn = (view.disks[name] ?? view.instances[name])?.autoSnapshotAddOn;
        if (!addOn) return undefined;
        return { status: addOnStatus(addOn, this.emulator.core.now()), snapshotTimeOfDay: addOn.snapshotTimeOfDay };
    }

    /** What the state knows against what is live in the emulator (out-of-band names excluded from leaks). */
    private async compare(inState: string[], live: string[]): Promise<Reconciliation> {
        const state = await this.stack.ws.exportStack();
        const inEmulator = [...live].sort();
        return {
            leaked: inEmulator.filter((name) => !inState.includes(name) && !this.foreign.has(name)),
            dangling: inState.filter((name) => !inEmulator.includes(name)),
            pending: (state.deployment.pending_operations ?? []).length,
            inState: [...inState].sort(),
            inEmulator,
        };
    }

    /** Stops the emulator (its world stays in the state file); {@link startEmulatorAgain} brings it back. */
    async stopEmulator(): Promise<void> {
        const old = this.emulator;
        this.stopped = { port: old.port, behaviour: old.snapshotBehaviour() };
        this.archivedRequests.push(...old.requests());
        await old.stop();
    }

    /** Starts a new emulator on the stopped one's port, from the same state file. */
    async startEmulatorAgain(): Promise<void> {
        if (!this.stopped) return;
        const { port, behaviour } = this.stopped;
        this.stopped = undefined;
        const next = await startEmulator({ port, statePath: this.statePath, snapshot: behaviour });
        this.extraEmulators.push(next);
        this.stack.bed.emulator = next;
    }

    /**
     * Stops the emulator, waits `downMs`, and starts a new one on the same port from the same state
     * file (the world survives; faults and the request log do not).
     */
    async restartEmulator(downMs: number): Promise<void> {
        await this.stopEmulator();
        await sleep(downMs);
        await this.startEmulatorAgain();
    }

    /** Writes every command and its output to `file`, for reading after a run. */
    dump(file: string, title: string): void {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const parts = [`# ${title}\n`];
        for (const c of this.commands) {
            parts.push(`\n$ pulumi ${c.args.join(" ")}   (exit ${c.code}, ${c.durationMs} ms)\n${c.output}\n`);
        }
        fs.writeFileSync(file, parts.join(""));
    }

    /** Removes the stack (destroying what is left), stops the emulators, deletes temporary files. */
    async close(): Promise<void> {
        await this.startEmulatorAgain();
        try {
            await this.stack.ws.cleanup();
        } finally {
            await this.stack.bed.stop();
            for (const emulator of this.extraEmulators) await emulator.stop();
            fs.rmSync(this.stack.programDir, { recursive: true, force: true });
            fs.rmSync(this.stateDir, { recursive: true, force: true });
        }
    }
}
