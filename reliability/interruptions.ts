/**
 * Interruptions: `pulumi up`, `pulumi refresh` and `pulumi destroy` stopped with SIGINT (Ctrl-C:
 * the CLI's process group), SIGTERM (the group, as a service manager stops it) or SIGKILL
 * (`kill -9` of the group, then of the plugins, which run in process groups of their own, as a
 * crash would end them) at a seeded random moment, then the documented recovery, then the check
 * that the stack converged with nothing leaked.
 *
 * Recoveries, as README.md documents them:
 * - after SIGINT or SIGTERM (the CLI cancels on both, as on Ctrl-C): run the same command again;
 * - after SIGKILL: `pulumi cancel --yes`, `pulumi refresh --yes --clear-pending-creates`, then the
 *   same command again (for `up`, a snapshot with an explicit name that had a pending create is
 *   declared with `adopt: true` for that `up`; generated names are taken back by themselves).
 *
 * Each DiskSnapshot lane runs cycles of up → refresh (after an out-of-band tag change, so it has
 * work) → destroy, each command interrupted once. The AutoSnapshots lane runs cycles of up →
 * destroy of a disk's and an instance's add-on, each signalled just after EnableAddOn (DisableAddOn)
 * was accepted, while the add-on is Enabling (Disabling), the three signals in turn.
 *
 * @module
 */

import * as fs from "node:fs";
import * as path from "node:path";
import type { EmulatorOptions } from "../emulator";
import { REGION } from "../harness/account";
import { callApi } from "../harness/emulatorClient";
import { killProcessesIn, pluginsOutliving, startPulumi } from "../harness/interrupt";
import { Rng } from "../harness/random";
import type { SnapshotSpec } from "../harness/snapshotStack";
import { sleep } from "../harness/time";
import { crashSignatures } from "./crashes";
import { filesUnder } from "./files";
import { Lane, type SectionOptions } from "./lane";
import { detachOutOfBand, startIfStopped } from "./outOfBand";
import { pool } from "./pool";
import {
    AUTO_SNAPSHOTS,
    AUTO_SNAPSHOTS_SPECS,
    autoSnapshotsEmulator,
    COPIES,
    DISK_SNAPSHOTS,
    RESTORES,
    restoresEmulator,
    type Subject,
    type SubjectType,
} from "./subjects";

/** An interrupted command. */
export type InterruptedCommand = "up" | "refresh" | "destroy";
/** How it was interrupted. */
export type InterruptSignal = "SIGINT" | "SIGTERM" | "SIGKILL";

/** One interrupted run and its recovery. */
export interface InterruptionRun {
    /** The resource type the lane declares. */
    resource: SubjectType;
    lane: number;
    cycle: number;
    command: InterruptedCommand;
    signal: InterruptSignal;
    /**
     * When the signal was due: `2.5 s`, `request 4 + 120 ms` (the command's 4th Lightsail call), or
     * `EnableAddOn + 120 ms` (after its first accepted EnableAddOn).
     */
    trigger: string;
    /** Time from start to the signal (or to the exit, when it came first), ms. */
    delayMs: number;
    /** False when the command had already exited when the signal was due. */
    interrupted: boolean;
    /** Lightsail calls the command made before the signal. */
    callsBeforeSignal: number;
    /** Exit code of the interrupted command. */
    exitCode: number;
    /** Time from the signal to its exit, ms. */
    stopMs: number;
    /** The recovery commands, in order. */
    recovery: string[];
    /** Every recovery command exited 0. */
    recoveryOk: boolean;
    /** Leaks, dangling entries and pending operations after the recovery. */
    leaked: string[];
    dangling: string[];
    pending: number;
    /** After the documented recovery alone, the stack reached the command's goal (all declared resources at the declared state, or none left). */
    converged: boolean;
    /** A step beyond the documented recovery that was needed (an engine problem), if any. */
    extraStep?: string;
    /** Whether the stack converged once that extra step was taken. */
    convergedWithExtraStep?: boolean;
    /** Crash signatures in the recovery commands' output. */
    crashes: string[];
    /** After SIGKILL of the CLI: dynamic-provider plugins still running 30 s later (0 when not SIGKILL). */
    pluginsOutlived: number;
    /** Crash-like lines in the interrupted command's own output (expected from a killed plugin). */
    interruptedLines: string[];
    notes: string[];
}

const SPECS: SnapshotSpec[] = [
    { resourceName: "data", diskName: "Disk-1", tags: { team: "web" } },
    { resourceName: "system", instanceName: "WordPress-1", tags: { team: "web" } },
    { resourceName: "named", diskName: "Disk-2", diskSnapshotName: "named-1", tags: { team: "ops" } },
];

const ARGS: Record<InterruptedCommand, string[]> = {
    up: ["up", "--yes", "--skip-preview"],
    refresh: ["refresh", "--yes", "--skip-preview"],
    destroy: ["destroy", "--yes", "--skip-preview"],
};

/** When the signal is sent: after a time, after the command's n-th call, or after an operation was accepted. */
type Trigger =
    | { kind: "time"; ms: number }
    | { kind: "request"; request: number; ms: number }
    | { kind: "accepted"; operation: string; ms: number };

function describeTrigger(trigger: Trigger): string {
    if (trigger.kind === "time") return `${(trigger.ms / 1000).toFixed(1)} s`;
    if (trigger.kind === "request") return `request ${trigger.request} + ${trigger.ms} ms`;
    return `${trigger.operation} + ${trigger.ms} ms`;
}

/** The lane a run happens on: the lane, its number and what it declares. */
interface LaneRef {
    lane: Lane;
    index: number;
    subject: Subject;
}

/** Pending creates in the state: the snapshot names they carry. */
async function pendingCreateNames(lane: Lane): Promise<string[]> {
    const state = await lane.stack.ws.exportStack();
    const pending = (state.deployment.pending_operations ?? []) as {
        type: string;
        resource: { inputs?: { diskSnapshotName?: string } };
    }[];
    return pending.filter((op) => op.type === "creating").map((op) => String(op.resource.inputs?.diskSnapshotName));
}

/** Why the stack has not reached the command's goal: the declared state after up, nothing after destroy. */
async function goalProblem(
    at: LaneRef,
    command: InterruptedCommand,
    specs: SnapshotSpec[],
): Promise<string | undefined> {
    if (command === "refresh") return undefined;
    if (command === "up") return at.subject.atDeclared(at.lane, specs);
    const { inState, inEmulator } = await at.subject.reconcile(at.lane);
    if (inState.length > 0) return `${inState.length} ${at.subject.type} resources still in the state`;
    if (inEmulator.length > 0) return `${inEmulator.length} still live in Lightsail: ${inEmulator.join(", ")}`;
    return at.subject.afterDestroy?.(at.lane);
}

/** Which run an {@link InterruptionRun} is: resource, lane, cycle, command, signal and when it was due. */
function runIdentity(
    at: LaneRef,
    cycle: number,
    command: InterruptedCommand,
    signal: InterruptSignal,
    trigger: Trigger,
): Pick<InterruptionRun, "resource" | "lane" | "cycle" | "command" | "signal" | "trigger"> {
    return { resource: at.subject.type, lane: at.index, cycle, command, signal, trigger: describeTrigger(trigger) };
}

/** Waits until the trigger is due or the command has exited. */
async function untilDue(lane: Lane, trigger: Trigger, exited: () => boolean): Promise<void> {
    const callsBefore = lane.requests().length;
    const pause = async (ms: number) => {
        const deadline = Date.now() + ms;
        while (!exited() && Date.now() < deadline) await sleep(Math.min(10, Math.max(1, deadline - Date.now())));
    };
    if (trigger.kind === "request") {
        while (!exited() && lane.requests().length - callsBefore < trigger.request) await sleep(10);
    } else if (trigger.kind === "accepted") {
        const accepted = (r: { operation: string | null; status: number | null }) =>
            r.operation === trigger.operation && r.status === 200;
        while (!exited() && !lane.requests().slice(callsBefore).some(accepted)) await sleep(10);
    }
    await pause(trigger.ms);
}

/** Interrupts one command and recovers as documented. */
async function interruptOnce(
    at: LaneRef,
    cycle: number,
    command: InterruptedCommand,
    signal: InterruptSignal,
    trigger: Trigger,
    specs: SnapshotSpec[],
): Promise<{ run: InterruptionRun; specs: SnapshotSpec[] }> {
    const { lane } = at;
    const notes: string[] = [];
    const callsBefore = lane.requests().length;
    const started = Date.now();
    const running = startPulumi(lane.stack.ws, lane.stack.programDir, ARGS[command]);
    let exited = false;
    void running.done.then(() => {
        exited = true;
    });
    await untilDue(lane, trigger, () => exited);
    const delayMs = Date.now() - started;
    const interrupted = !exited;
    const callsBeforeSignal = lane.requests().length - callsBefore;
    const signalledAt = Date.now();
    if (interrupted) running.signal(signal);
    // A Ctrl-C'd command finishes what is in flight; give it a while, then kill it.
    let timer: NodeJS.Timeout | undefined;
    const stopped = await Promise.race([
        running.done,
        new Promise<undefined>((resolve) => {
            timer = setTimeout(() => resolve(undefined), 120_000);
        }),
    ]);
    clearTimeout(timer);
    if (!stopped) {
        notes.push("did not exit within 120 s of SIGINT; killed");
        running.signal("SIGKILL");
    }
    const result = await running.done;
    const stopMs = Date.now() - signalledAt;
    // The plugins run in process groups of their own: after SIGKILL the provider plugin must end
    // by itself once it finds its engine gone. The language host and the program end on their own
    // health checks minutes later; a crash would not leave them, so end them as
    // test/e2e/interruptions.test.ts does.
    const killed = interrupted && signal === "SIGKILL";
    const pluginsOutlived = killed ? (await pluginsOutliving(lane.stack.programDir, 30_000)).length : 0;
    if (pluginsOutlived > 0) notes.push(`${pluginsOutlived} provider plugins were still running 30 s after SIGKILL`);
    if (interrupted && signal !== "SIGINT") {
        const orphans = killProcessesIn(lane.stack.programDir);
        if (orphans > 0) notes.push(`${orphans} plugin processes outlived the CLI and were killed`);
    }
    lane.record({
        args: [...ARGS[command], `# ${interrupted ? signal : "not interrupted"} at ${describeTrigger(trigger)}`],
        code: result.code,
        output: result.output,
        durationMs: Date.now() - started,
        crashes: [],
    });

    // The documented recovery.
    const recoveryStart = lane.commands.length;
    const recovery: string[] = [];
    let nextSpecs = specs;
    const run = async (args: string[]) => {
        recovery.push(`pulumi ${args.filter((a) => a !== "--yes" && a !== "--skip-preview").join(" ")}`);
        return lane.pulumi(args);
    };
    const documented = async (): Promise<{ ok: boolean; specs: SnapshotSpec[] }> => {
        let ok = true;
        let declared = specs;
        if (killed) {
            await run(["cancel", "--yes"]); // fails harmlessly when the lock was not held
            const pendingNames = await pendingCreateNames(lane);
            const refresh = await run(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
            ok &&= refresh.code === 0;
            if (command === "up") {
                declared = specs.map((spec) =>
                    typeof spec.diskSnapshotName === "string" && pendingNames.includes(spec.diskSnapshotName)
                        ? { ...spec, adopt: true }
                        : spec,
                );
                if (declared.some((s, i) => s !== specs[i])) {
                    await at.subject.declare(lane, declared);
                    recovery.push("declare adopt: true");
                }
            }
        }
        const again = await run(ARGS[command]);
        ok &&= again.code === 0;
        if (again.code !== 0) {
            const line = again.output.split("\n").find((l) => /error: /.test(l));
            notes.push(`recovery ${command} failed: ${line?.trim() ?? `exit ${again.code}`}`);
        }
        return { ok, specs: declared };
    };
    let recoveryOk = false;
    let extraStep: string | undefined;
    let harnessError: string | undefined;
    let rec: Awaited<ReturnType<Lane["reconcile"]>> | undefined;
    let problem: string | undefined;
    try {
        const first = await documented().catch((error: Error) => {
            notes.push(`recovery failed: ${error.message.split("\n")[0]}`);
            return { ok: false, specs };
        });
        recoveryOk = first.ok;
        nextSpecs = first.specs;
        if (!recoveryOk) {
            // kill -9 can leave the file backend's metadata sidecar (`<stack>.json.attrs`) empty:
            // gocloud.dev/blob/fileblob truncates and rewrites it in place. Every command then
            // fails with "failed to load checkpoint: EOF". Remove it and recover again.
            const broken = brokenSidecars(lane.stack.ws.backendDir);
            if (broken.length > 0) {
                for (const file of broken) fs.rmSync(file);
                extraStep = `removed ${broken.length} empty file-backend sidecar(s): ${broken.map((f) => path.relative(lane.stack.ws.backendDir, f)).join(", ")}`;
                notes.push(extraStep);
                const second = await documented();
                recoveryOk = second.ok;
                nextSpecs = second.specs;
            }
        }
        rec = await at.subject.reconcile(lane);
        problem = await goalProblem(at, command, nextSpecs);
        if (problem) notes.push(problem);
    } catch (error) {
        harnessError = (error as Error).message.split("\n")[0];
        notes.push(`harness: ${harnessError}`);
    }
    const converged =
        rec !== undefined &&
        recoveryOk &&
        rec.leaked.length === 0 &&
        rec.dangling.length === 0 &&
        rec.pending === 0 &&
        problem === undefined;
    return {
        specs: nextSpecs,
        run: {
            ...runIdentity(at, cycle, command, signal, trigger),
            delayMs,
            interrupted,
            callsBeforeSignal,
            exitCode: result.code,
            stopMs,
            recovery,
            recoveryOk,
            leaked: rec?.leaked ?? [],
            dangling: rec?.dangling ?? [],
            pending: rec?.pending ?? 0,
            converged: converged && extraStep === undefined,
            ...(extraStep ? { extraStep, convergedWithExtraStep: converged } : {}),
            crashes: lane.commands.slice(recoveryStart).flatMap((c) => c.crashes),
            pluginsOutlived,
            interruptedLines: crashSignatures(result.output),
            notes,
        },
    };
}

/** Metadata sidecars of the file backend that are empty or not JSON (see interruptOnce). */
export function brokenSidecars(dir: string): string[] {
    return filesUnder(dir).filter((file) => {
        if (!file.endsWith(".attrs")) return false;
        try {
            JSON.parse(fs.readFileSync(file, "utf8"));
            return false;
        } catch {
            return true;
        }
    });
}

/** Disables the add-on of a disk or instance, as someone else would. */
async function disableAddOn(lane: Lane, resourceName: string): Promise<void> {
    const answer = await callApi(
        lane.emulator.url,
        "DisableAddOn",
        { addOnType: "AutoSnapshot", resourceName },
        REGION,
    );
    if (answer.status !== 200) throw new Error(`DisableAddOn ${resourceName}: ${answer.status} ${answer.text}`);
}

/** Brings a lane back to an empty stack and an empty emulator after a run that did not converge. */
async function repair(lane: Lane): Promise<void> {
    for (const file of brokenSidecars(lane.stack.ws.backendDir)) fs.rmSync(file);
    await lane.pulumi(["cancel", "--yes"]);
    await lane.pulumi(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
    await lane.pulumi(["destroy", "--yes", "--skip-preview"]);
    for (const snapshot of lane.emulator.snapshots(REGION)) lane.emulator.deleteSnapshot(snapshot.name, REGION);
    for (const name of lane.enabledAddOns()) await disableAddOn(lane, name);
    for (const disk of Object.keys(lane.emulator.core.world.read(REGION).disks)) {
        if (disk.startsWith("restored")) await detachOutOfBand(lane, disk, true);
    }
    await startIfStopped(lane, "WordPress-1");
    await lane.pulumi(["refresh", "--yes", "--skip-preview"]);
}

/** Options of {@link runInterruptions}. */
export interface InterruptionOptions extends SectionOptions {
    /** Cycles per lane (each cycle interrupts up, refresh and destroy once). */
    cycles: number;
    /** Lanes side by side. */
    lanes: number;
    /** Seed of the random moments and signals. */
    seed: number;
}

/**
 * Interrupts one command, recovers, and repairs the lane when the run did not converge. Returns
 * the run, the specs declared now, and whether the lane can go on.
 */
async function interruptAndCheck(
    at: LaneRef,
    cycle: number,
    command: InterruptedCommand,
    signal: InterruptSignal,
    trigger: Trigger,
    specs: SnapshotSpec[],
    options: SectionOptions,
): Promise<{ run: InterruptionRun; specs: SnapshotSpec[]; goOn: boolean }> {
    const name = `interrupt ${at.subject.type} lane ${at.index} cycle ${cycle}`;
    options.log?.(`${name}: ${command} ${signal} at ${describeTrigger(trigger)}`);
    let outcome: Awaited<ReturnType<typeof interruptOnce>>;
    try {
        outcome = await interruptOnce(at, cycle, command, signal, trigger, specs);
    } catch (error) {
        outcome = {
            specs,
            run: {
                ...runIdentity(at, cycle, command, signal, trigger),
                delayMs: 0,
                interrupted: false,
                callsBeforeSignal: 0,
                exitCode: -1,
                stopMs: 0,
                recovery: [],
                recoveryOk: false,
                leaked: [],
                dangling: [],
                pending: 0,
                converged: false,
                crashes: [],
                pluginsOutlived: 0,
                interruptedLines: [],
                notes: [`harness: ${(error as Error).message.split("\n")[0]}`],
            },
        };
    }
    const goOn = outcome.run.converged || outcome.run.convergedWithExtraStep === true;
    if (!goOn) {
        options.log?.(`${name}: ${command} did not converge`);
        await repair(at.lane).catch((error: Error) =>
            options.log?.(`${name}: repair failed: ${error.message.split("\n")[0]}`),
        );
    }
    return { ...outcome, goOn };
}

/** Runs one lane of the interruption section: `cycles` cycles of up, refresh and destroy. */
export async function runInterruptionLane(laneIndex: number, options: InterruptionOptions): Promise<InterruptionRun[]> {
    const rng = new Rng(options.seed * 1_000 + laneIndex);
    // Signals balanced per command (and across lanes), in a seeded order.
    const commands = ["up", "refresh", "destroy"] as const;
    const signals = Object.fromEntries(
        commands.map((command, c) => [
            command,
            rng.shuffle(
                Array.from(
                    { length: options.cycles },
                    (_, i): InterruptSignal => ((i + laneIndex + c) % 2 === 0 ? "SIGINT" : "SIGKILL"),
                ),
            ),
        ]),
    ) as Record<InterruptedCommand, InterruptSignal[]>;
    // Typical durations, refined as recoveries run uninterrupted.
    const estimate: Record<InterruptedCommand, number> = { up: 8_000, refresh: 3_000, destroy: 3_000 };
    const calls: Record<InterruptedCommand, number> = { up: 15, refresh: 3, destroy: 3 };
    // Every Lightsail answer takes 300 ms, as real ones take a few hundred: signals sent just after
    // a call arrives then land while it is in flight.
    const lane = await Lane.start({
        emulator: { snapshot: { durationMs: 3_000 }, faults: { "*": { kind: "latency", latencyMs: LATENCY_MS } } },
    });
    const at: LaneRef = { lane, index: laneIndex, subject: DISK_SNAPSHOTS };
    const runs: InterruptionRun[] = [];
    try {
        for (let cycle = 0; cycle < options.cycles; cycle++) {
            let specs = SPECS;
            await lane.declare(specs);
            for (const command of commands) {
                if (command === "refresh") {
                    const data = (await lane.stack.snapshotsInState()).find((s) => s.urn.endsWith("::data"));
                    if (data?.id && lane.emulator.snapshots(REGION).some((s) => s.name === data.id)) {
                        lane.emulator.setSnapshotTags(data.id, [{ key: "drift", value: String(cycle) }], REGION);
                    }
                }
                const signal = signals[command][cycle] as InterruptSignal;
                // A third of the signals come at a random time (often before any Lightsail call), the
                // rest 0 to 500 ms after a random one of the command's Lightsail calls arrived.
                const trigger: Trigger =
                    rng.random() < 1 / 3
                        ? { kind: "time", ms: Math.round(estimate[command] * (0.05 + 0.95 * rng.random())) }
                        : { kind: "request", request: rng.int(1, calls[command]), ms: rng.int(0, 500) };
                const outcome = await interruptAndCheck(at, cycle, command, signal, trigger, specs, options);
                specs = outcome.specs;
                runs.push(outcome.run);
                if (!outcome.run.interrupted && outcome.run.delayMs > 0) {
                    // It ran to its end: learn how long it takes and how many calls it makes.
                    estimate[command] = Math.round(0.5 * estimate[command] + 0.5 * outcome.run.delayMs);
                    calls[command] = Math.max(
                        1,
                        Math.round(0.5 * calls[command] + 0.5 * outcome.run.callsBeforeSignal),
                    );
                }
                if (!outcome.goOn) break;
            }
        }
    } finally {
        if (options.logDir) lane.dump(path.join(options.logDir, `interruptions-${laneIndex}.log`), "interruptions");
        await lane.close().catch(() => undefined);
    }
    return runs;
}

/** Every Lightsail answer of an interruption lane takes this long, ms. */
const LATENCY_MS = 300;

/** The signals of the AutoSnapshots lane, in turn. */
const AUTO_SIGNALS: readonly InterruptSignal[] = ["SIGKILL", "SIGTERM", "SIGINT"];

/** Options of {@link runAutoSnapshotsInterruptions}. */
export interface AutoSnapshotsInterruptionOptions extends SectionOptions {
    /** Cycles (each interrupts up and destroy once; three cycles give each command each signal). */
    cycles: number;
    /** Seed of the moments. */
    seed: number;
}

/**
 * The AutoSnapshots lane: `cycles` cycles of up and destroy of a disk's and an instance's add-on,
 * each signalled 0 to 500 ms after its first EnableAddOn (DisableAddOn) was accepted, while the
 * add-on is Enabling (Disabling, for 4 s), the signals in turn.
 */
export async function runAutoSnapshotsInterruptions(
    options: AutoSnapshotsInterruptionOptions,
): Promise<InterruptionRun[]> {
    const rng = new Rng(options.seed * 1_000 + 999);
    const lane = await Lane.start({
        emulator: {
            ...autoSnapshotsEmulator(4_000),
            faults: { "*": { kind: "latency", latencyMs: LATENCY_MS } },
        },
    });
    const at: LaneRef = { lane, index: 0, subject: AUTO_SNAPSHOTS };
    const runs: InterruptionRun[] = [];
    const accepted: Record<"up" | "destroy", string> = { up: "EnableAddOn", destroy: "DisableAddOn" };
    try {
        for (let cycle = 0; cycle < options.cycles; cycle++) {
            let specs: SnapshotSpec[] = [...AUTO_SNAPSHOTS_SPECS];
            await lane.declareAutoSnapshots(specs);
            for (const [offset, command] of (["up", "destroy"] as const).entries()) {
                const signal = AUTO_SIGNALS[(cycle + offset) % AUTO_SIGNALS.length] as InterruptSignal;
                const trigger: Trigger = { kind: "accepted", operation: accepted[command], ms: rng.int(0, 500) };
                const outcome = await interruptAndCheck(at, cycle, command, signal, trigger, specs, options);
                specs = outcome.specs;
                runs.push(outcome.run);
                if (!outcome.goOn) break;
            }
        }
    } finally {
        if (options.logDir) lane.dump(path.join(options.logDir, "interruptions-auto-snapshots.log"), "interruptions");
        await lane.close().catch(() => undefined);
    }
    return runs;
}

/** A lane of up and destroy cycles, each command signalled just after an operation that starts a transition. */
interface MomentLane {
    /** What the lane declares and checks. */
    subject: Subject;
    /** The emulator's options (transition durations; every answer is LATENCY_MS late on top). */
    emulator: EmulatorOptions;
    /** The operations after whose acceptance each command is signalled, in turn per cycle. */
    moments: Record<"up" | "destroy", readonly string[]>;
    /** The signals, in turn. */
    signals: readonly InterruptSignal[];
    /** The lane log's file name, and the seed's offset. */
    name: string;
    seedOffset: number;
}

/**
 * Runs `cycles` cycles of up and destroy of `lane.subject`'s specs, each command signalled 0 to
 * 500 ms after one of its moments was accepted (see {@link MomentLane}).
 */
async function runMomentLane(lane: MomentLane, options: AutoSnapshotsInterruptionOptions): Promise<InterruptionRun[]> {
    const rng = new Rng(options.seed * 1_000 + lane.seedOffset);
    const running = await Lane.start({
        emulator: { ...lane.emulator, faults: { "*": { kind: "latency", latencyMs: LATENCY_MS } } },
    });
    const at: LaneRef = { lane: running, index: 0, subject: lane.subject };
    const runs: InterruptionRun[] = [];
    try {
        for (let cycle = 0; cycle < options.cycles; cycle++) {
            let specs: SnapshotSpec[] = [...lane.subject.matrixSpecs];
            await lane.subject.declare(running, specs);
            for (const [offset, command] of (["up", "destroy"] as const).entries()) {
                const signal = lane.signals[(cycle + offset) % lane.signals.length] as InterruptSignal;
                const moments = lane.moments[command];
                const operation = moments[cycle % moments.length] as string;
                const trigger: Trigger = { kind: "accepted", operation, ms: rng.int(0, 500) };
                const outcome = await interruptAndCheck(at, cycle, command, signal, trigger, specs, options);
                specs = outcome.specs;
                runs.push(outcome.run);
                if (!outcome.goOn) break;
            }
        }
    } finally {
        if (options.logDir) running.dump(path.join(options.logDir, `interruptions-${lane.name}.log`), "interruptions");
        await running.close().catch(() => undefined);
    }
    return runs;
}

/**
 * The DiskFromSnapshot lane: up and destroy of a snapshot of Disk-1 and a disk restored from it
 * and attached to WordPress-1. `up` is signalled while the disk is pending (after
 * CreateDiskFromSnapshot) or attaching (after AttachDisk); `destroy` while the instance is stopping
 * for the detach (after StopInstance) or the disk is detaching (after DetachDisk). Every
 * transition takes 3 s. Besides the usual convergence, the instance must be running once the
 * recovery is done: a detach stops it, and an interrupted one must not leave it so.
 */
export function runRestoreInterruptions(options: AutoSnapshotsInterruptionOptions): Promise<InterruptionRun[]> {
    return runMomentLane(
        {
            subject: RESTORES,
            emulator: restoresEmulator(3_000),
            moments: { up: ["CreateDiskFromSnapshot", "AttachDisk"], destroy: ["StopInstance", "DetachDisk"] },
            signals: ["SIGKILL", "SIGINT", "SIGTERM"],
            name: "restores",
            seedOffset: 998,
        },
        options,
    );
}

/**
 * The DiskSnapshotCopy lane: up and destroy of a snapshot of Disk-1 and its copy in another
 * region. `up` is signalled while the copy is pending and untagged (after CopySnapshot) or being
 * tagged (after TagResource); `destroy` after the first DeleteDiskSnapshot. Snapshots and copies
 * take 3 s.
 */
export function runCopyInterruptions(options: AutoSnapshotsInterruptionOptions): Promise<InterruptionRun[]> {
    return runMomentLane(
        {
            subject: COPIES,
            emulator: { snapshot: { durationMs: 3_000 } },
            moments: { up: ["CopySnapshot", "TagResource"], destroy: ["DeleteDiskSnapshot"] },
            signals: ["SIGKILL", "SIGINT", "SIGTERM"],
            name: "copies",
            seedOffset: 997,
        },
        options,
    );
}

/** Runs the interruption section: `lanes` lanes side by side. */
export async function runInterruptions(options: InterruptionOptions): Promise<InterruptionRun[]> {
    const lanes = Array.from({ length: options.lanes }, (_, i) => i);
    const results = await pool(lanes, options.lanes, (laneIndex) => runInterruptionLane(laneIndex, options));
    return results.flat();
}
