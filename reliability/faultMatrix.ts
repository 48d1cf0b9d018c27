/**
 * The fault matrix: each fault kind crossed with the lifecycle phases it can hit (preview, create
 * and wait, update, refresh, delete), through the real engine against the emulator. Most rows are
 * about DiskSnapshots; the `AutoSnapshots:` rows are about AutoSnapshots (a disk's and an
 * instance's AutoSnapshot add-on), whose update is a new time of day; the `DiskFromSnapshot:` rows
 * about a disk restored from a snapshot and attached to an instance, whose update moves the
 * attachment to another path.
 *
 * Each fault kind gets its own {@link Lane} and walks the lifecycle once: preview, `up` (create),
 * `up` (a tags change), `refresh`, `destroy`, with the fault in place for the phase's command only.
 * After every faulted command the harness clears the fault and runs the documented follow-up
 * (`pulumi refresh`; after a failed create or update also `pulumi up` again; after `destroy`,
 * `refresh` then `destroy`) and compares the emulator with the state: a snapshot the state does not
 * know is a leak, a state entry whose snapshot does not exist is dangling; for AutoSnapshots, an
 * add-on enabled (`Enabled` or `Enabling`) that no resource in the state is about is a leak, a
 * resource whose add-on is not enabled is dangling (see `subjects.ts`).
 *
 * @module
 */

import * as path from "node:path";
import type { Fault } from "../emulator";
import { REGION } from "../harness/account";
import { callApi } from "../harness/emulatorClient";
import { killProcessesIn } from "../harness/interrupt";
import type { SnapshotSpec } from "../harness/snapshotStack";
import { sleep } from "../harness/time";
import { type CommandRecord, Lane, type LaneOptions, type SectionOptions } from "./lane";
import { checkMessage, type MessageCheck } from "./messages";
import { detachOutOfBand as detachDisk } from "./outOfBand";
import { pool } from "./pool";
import {
    AUTO_SNAPSHOTS,
    autoSnapshotsEmulator,
    COPIES,
    DISK_SNAPSHOTS,
    RESTORES,
    restoresEmulator,
    type Subject,
    type SubjectType,
} from "./subjects";

/** A lifecycle phase. */
export type Phase = "preview" | "create" | "update" | "refresh" | "delete";
/** The phases, in the order the matrix shows them. */
export const PHASES: readonly Phase[] = ["preview", "create", "update", "refresh", "delete"];

/** A phase that runs a command with effects. */
type ChangePhase = Exclude<Phase, "preview">;

/** The Lightsail operation each phase of a DiskSnapshot is mostly made of. */
const PHASE_OPERATION: Record<ChangePhase, string> = {
    create: "CreateDiskSnapshot",
    update: "TagResource",
    refresh: "GetDiskSnapshot",
    delete: "DeleteDiskSnapshot",
};

/**
 * The Lightsail operation each phase of an AutoSnapshots is mostly made of: create and update
 * are one EnableAddOn (then GetDisk until Enabled), delete one DisableAddOn (then GetDisk until
 * Disabled), refresh one GetDisk (GetInstance for the instance's add-on).
 */
const AUTO_PHASE_OPERATION: Record<ChangePhase, string> = {
    create: "EnableAddOn",
    update: "EnableAddOn",
    refresh: "GetDisk",
    delete: "DisableAddOn",
};

/**
 * The Lightsail operation each phase of a DiskFromSnapshot (restored and attached to WordPress-1)
 * is mostly made of: create is CreateDiskFromSnapshot (then GetDisk until available, AttachDisk,
 * GetDisk until attached), the update moves the attachment (StopInstance, DetachDisk, StartInstance,
 * AttachDisk), refresh is one GetDisk, delete is the detach, then DeleteDisk.
 */
const RESTORE_PHASE_OPERATION: Record<ChangePhase, string> = {
    create: "CreateDiskFromSnapshot",
    update: "AttachDisk",
    refresh: "GetDisk",
    delete: "DeleteDisk",
};

/**
 * The Lightsail operation each phase of a DiskSnapshotCopy (Disk-1's snapshot copied to us-west-2)
 * is mostly made of: create is CopySnapshot (then TagResource and GetDiskSnapshot until
 * completed), the update a TagResource, refresh a GetDiskSnapshot, delete a DeleteDiskSnapshot.
 */
const COPY_PHASE_OPERATION: Record<ChangePhase, string> = {
    create: "CopySnapshot",
    update: "TagResource",
    refresh: "GetDiskSnapshot",
    delete: "DeleteDiskSnapshot",
};

/** Shared between a cell's hooks and the command it watches. */
interface CellContext {
    lane: Lane;
    phase: Phase;
    /** Set once the faulted command has exited. */
    done: boolean;
    /** Notes for the report. */
    notes: string[];
}

/** How a fault is applied to one phase. */
interface PhasePlan {
    /** Applies the fault before the command. */
    before?(ctx: CellContext): Promise<void> | void;
    /** Runs while the command runs (watching the request log). */
    during?(ctx: CellContext): Promise<void>;
    /** Removes the fault after the command (default: every fault and the rate limit). */
    after?(ctx: CellContext): Promise<void> | void;
    /** What the command should do: succeed (the provider rides it out) or fail with a clear message. */
    expect: "success" | "failure";
    /** The failure comes from an AWS error, so the message must carry its name and Lightsail's text. */
    awsError?: boolean;
    /** Extra command arguments. */
    args?: string[];
}

/** One fault kind and how it hits each phase. */
export interface FaultKind {
    /** Short identifier. */
    id: string;
    /** What the lane declares (default DiskSnapshots). */
    subject?: Subject;
    /** Row title. */
    title: string;
    /** How it is injected, for the report. */
    how: string;
    /** Lane options (snapshot duration, environment). */
    lane?: LaneOptions;
    /** Where the preview runs: before the first `up` (create) or before the tags change (update). */
    previewAt?: "create" | "update";
    /** The plan per phase; a phase without one gets `notApplicable`'s reason. */
    plans: Partial<Record<Phase, PhasePlan>>;
    /** Why a phase cannot be hit. */
    notApplicable?: Partial<Record<Phase, string>>;
}

/** The outcome of one cell. */
export interface CellResult {
    kind: string;
    /** The resource type the lane declares. */
    resource: SubjectType;
    phase: Phase;
    /** False when the fault cannot hit the phase. */
    applicable: boolean;
    /** Why not applicable. */
    reason?: string;
    /** The faulted command. */
    command?: string;
    /** What the command did. */
    outcome?: "succeeded" | "failed";
    /** What the plan expected. */
    expected?: "success" | "failure";
    /** The user's message, when the command failed. */
    message?: MessageCheck;
    /** The failure comes from an AWS error (so its name and Lightsail's text are required). */
    awsErrorExpected?: boolean;
    /** True when the failure message named the snapshot, the region and (for AWS errors) the error and Lightsail's text. */

    clear?: boolean;
    /** Lightsail calls made while the command ran. */
    calls?: number;
    /** Leaked snapshots (enabled add-ons) after the follow-up. */
    leaked: string[];
    /** Dangling state entries after the follow-up. */
    dangling: string[];
    /** Pending operations left in the state after the follow-up. */
    pending: number;
    /** Whether, after the follow-up, the stack is at the declared state (or empty, after destroy). */
    converged?: boolean;
    /** The follow-up commands run after the fault was removed. */
    followUp?: string;
    /** Crash signatures in any command of the cell. */
    crashes: string[];
    /** Wall time of the faulted command, ms. */
    durationMs?: number;
    /** The first error line, when the command failed. */
    firstError?: string;
    /** Observations. */
    notes: string[];
    /** A harness failure (the cell could not be run as planned). */
    harnessError?: string;
}

/** The lane of the AutoSnapshots rows: an add-on takes 1.5 s to be Enabled or Disabled. */
const AUTO_LANE: LaneOptions = { emulator: autoSnapshotsEmulator(1_500) };

/** The lane of the DiskFromSnapshot rows: snapshots, disks, attachments and instance stops take 1.5 s. */
const RESTORE_LANE: LaneOptions = { emulator: restoresEmulator(1_500) };

function setFault(operation: string, fault: Fault): (ctx: CellContext) => void {
    return (ctx) => ctx.lane.emulator.setFault(operation, fault);
}

/** Waits until a logged request satisfies `predicate` (or the command ends); returns it. */
async function waitForRequest(
    ctx: CellContext,
    predicate: (r: { operation: string | null; status: number | null; body: unknown }) => boolean,
    since = 0,
) {
    for (;;) {
        const found = ctx.lane
            .requests()
            .slice(since)
            .find((r) => predicate(r));
        if (found || ctx.done) return found;
        await sleep(25);
    }
}

/** The name of the first snapshot the command created (once CreateDiskSnapshot answered 200). */
async function firstCreated(ctx: CellContext): Promise<string | undefined> {
    const created = await waitForRequest(ctx, (r) => r.operation === "CreateDiskSnapshot" && r.status === 200);
    return created ? String((created.body as { diskSnapshotName?: string }).diskSnapshotName) : undefined;
}

/** The state ID of a declared DiskSnapshot (or, with `restores`, DiskFromSnapshot). */
async function idOf(lane: Lane, resourceName: string, restores = false): Promise<string | undefined> {
    const inState = restores ? await lane.stack.restoresInState() : await lane.stack.snapshotsInState();
    return inState.find((s) => s.urn.endsWith(`::${resourceName}`))?.id;
}

/** Deletes the snapshot the state records for `resourceName` (when it exists), as someone else would. */
function deleteOutOfBand(resourceName: string): (ctx: CellContext) => Promise<void> {
    return async (ctx) => {
        const id = await idOf(ctx.lane, resourceName);
        if (id && ctx.lane.emulator.snapshots(REGION).some((s) => s.name === id)) {
            ctx.lane.emulator.deleteSnapshot(id, REGION);
        }
    };
}

/** Replaces the tags of the snapshot the state records for `resourceName`, as someone else would. */
function retagOutOfBand(resourceName: string, tags: Record<string, string>): (ctx: CellContext) => Promise<void> {
    return async (ctx) => {
        const id = await idOf(ctx.lane, resourceName);
        const list = Object.entries(tags).map(([key, value]) => ({ key, value }));
        if (id) ctx.lane.emulator.setSnapshotTags(id, list, REGION);
    };
}

async function deleteDisk(lane: Lane, name: string): Promise<void> {
    const answer = await callApi(lane.emulator.url, "DeleteDisk", { diskName: name }, REGION);
    if (answer.status !== 200) throw new Error(`DeleteDisk ${name}: ${answer.status} ${answer.text}`);
}

async function createForeign(lane: Lane, name: string): Promise<void> {
    if (lane.emulator.snapshots(REGION).some((s) => s.name === name)) return;
    const answer = await callApi(
        lane.emulator.url,
        "CreateDiskSnapshot",
        { diskName: "Disk-1", diskSnapshotName: name },
        REGION,
    );
    if (answer.status !== 200) throw new Error(`CreateDiskSnapshot ${name}: ${answer.status} ${answer.text}`);
    lane.foreign.add(name);
}

/** Detaches the disk the state records for `resourceName` as someone else would (see outOfBand.ts). */
function detachOutOfBand(resourceName: string, thenDelete = false): (ctx: CellContext) => Promise<void> {
    return async (ctx) => {
        const id = await idOf(ctx.lane, resourceName, true);
        if (id) await detachDisk(ctx.lane, id, thenDelete);
    };
}

function reseedDisk1(ctx: CellContext): void {
    if (!ctx.lane.emulator.core.world.read(REGION).disks["Disk-1"]) {
        ctx.lane.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 16 });
    }
}

/** Every phase but preview with the same plan, given the phase's operation. */
function everyPhase(
    plan: (op: string) => PhasePlan,
    operations: Record<ChangePhase, string> = PHASE_OPERATION,
): Partial<Record<Phase, PhasePlan>> {
    return {
        create: plan(operations.create),
        update: plan(operations.update),
        refresh: plan(operations.refresh),
        delete: plan(operations.delete),
    };
}

/** Plans for a fault every phase must ride out: the same fault before each command, which must succeed. */
function riddenOut(before: NonNullable<PhasePlan["before"]>): Partial<Record<Phase, PhasePlan>> {
    const plan = (): PhasePlan => ({ before, expect: "success" });
    return { preview: plan(), ...everyPhase(plan) };
}

/** Plans for a fault on the phase's operation, on every call, which the command must fail on with the AWS error. */
function persistentError(operations: Record<ChangePhase, string>): Partial<Record<Phase, PhasePlan>> {
    return {
        preview: { before: setFault("*", { kind: "error" }), expect: "success" },
        ...everyPhase(
            (op) => ({ before: setFault(op, { kind: "error" }), expect: "failure", awsError: true }),
            operations,
        ),
    };
}

/** Plans for an answer lost once on the phase's operation (the effect applied), which the command must ride out. */
function answerLost(operations: Record<ChangePhase, string>): Partial<Record<Phase, PhasePlan>> {
    return {
        preview: { before: setFault("*", { kind: "reset-after", count: 1 }), expect: "success" },
        ...everyPhase(
            (op) => ({ before: setFault(op, { kind: "reset-after", count: 1 }), expect: "success" }),
            operations,
        ),
    };
}

/**
 * A plan that, once `accepted` answered 200 (an add-on is Enabling or Disabling, a disk pending,
 * attaching or detaching), makes every GetDisk answer 500: the wait fails with the AWS error.
 */
function failTheWaitAfter(accepted: string): PhasePlan {
    return {
        during: async (c) => {
            const answered = await waitForRequest(c, (r) => r.operation === accepted && r.status === 200);
            if (answered) c.lane.emulator.setFault("GetDisk", { kind: "error" });
            else c.notes.push(`the command ended before ${accepted} answered`);
        },
        expect: "failure",
        awsError: true,
    };
}

const HANG_REQUEST_TIMEOUT_MS = 5_000;

/** The fault kinds of the dynamic face. */
const DYNAMIC_FACE_KINDS: readonly FaultKind[] = [
    {
        id: "throttle-burst",
        title: "Throttling burst",
        how: "`*` → `ThrottlingException` for the next 4 calls",
        plans: riddenOut(setFault("*", { kind: "throttle", count: 4 })),
    },
    {
        id: "rate-limit",
        title: "Sustained rate limit",
        how: "token bucket, 1 call/s, burst 1, on every call",
        plans: riddenOut((c) => c.lane.emulator.setRateLimit({ ratePerSecond: 1, burst: 1 })),
    },
    {
        id: "error-500",
        title: "500 `ServiceException`, persistent",
        how: "the phase's operation answers 500 on every call (all 10 SDK attempts)",
        plans: persistentError(PHASE_OPERATION),
    },
    {
        id: "unavailable-503",
        title: "503 `ServiceUnavailableException`, intermittent",
        how: "`*` → 503 on half the calls (seeded coin)",
        plans: riddenOut(setFault("*", { kind: "unavailable", probability: 0.5 })),
    },
    {
        id: "reset",
        title: "Connection reset before any effect",
        how: "`*` → socket destroyed for the next 2 calls",
        plans: riddenOut(setFault("*", { kind: "reset", count: 2 })),
    },
    {
        id: "reset-after",
        title: "Connection reset after the effect (answer lost)",
        how: "the phase's operation is applied, then its socket destroyed (once)",
        plans: answerLost(PHASE_OPERATION),
    },
    {
        id: "latency",
        title: "Slow answers",
        how: "`*` → every answer 2.5 s late",
        plans: riddenOut(setFault("*", { kind: "latency", latencyMs: 2_500 })),
    },
    {
        id: "hang",
        title: "Hung request",
        how: `the phase's operation never answers (once); request timeout ${HANG_REQUEST_TIMEOUT_MS / 1000} s via LIGHTSAIL_SNAPSHOT_REQUEST_TIMEOUT_MS`,
        lane: { env: { LIGHTSAIL_SNAPSHOT_REQUEST_TIMEOUT_MS: String(HANG_REQUEST_TIMEOUT_MS) } },
        plans: {
            preview: { before: setFault("*", { kind: "hang" }), expect: "success" },
            ...everyPhase((op) => ({ before: setFault(op, { kind: "hang", count: 1 }), expect: "success" })),
        },
    },
    {
        id: "snapshot-error",
        title: "Snapshot → `error`",
        how: "new snapshots end in state `error`; the follow-up `pulumi up` is the retry the message advises",
        previewAt: "create",
        plans: {
            preview: {
                before: (c) => void c.lane.emulator.setSnapshotBehaviour({ errorPattern: "." }),
                expect: "success",
            },
            create: {
                before: (c) => void c.lane.emulator.setSnapshotBehaviour({ errorPattern: "." }),
                after: (c) => void c.lane.emulator.setSnapshotBehaviour({ errorPattern: undefined }),
                expect: "failure",
                awsError: true,
            },
        },
        notApplicable: {
            update: "a snapshot ends in error only while it is created; the create cell's follow-up is the documented retry (refresh, then up)",
            refresh: "as update: the create cell's follow-up refresh reads the errored snapshots",
            delete: "as update",
        },
    },
    {
        id: "oob-delete",
        title: "Out-of-band deletion",
        how: "the snapshot is deleted by someone else: mid-wait (create) or before the command",
        plans: {
            preview: { before: deleteOutOfBand("data"), expect: "success" },
            create: {
                during: async (c) => {
                    const name = await firstCreated(c);
                    if (name) c.lane.emulator.deleteSnapshot(name, REGION);
                    else c.notes.push("the command ended before a snapshot was created");
                },
                expect: "failure",
            },
            update: { before: deleteOutOfBand("data"), expect: "failure", awsError: true },
            refresh: { before: deleteOutOfBand("data"), expect: "success" },
            delete: { before: deleteOutOfBand("system"), expect: "success" },
        },
    },
    {
        id: "oob-tags",
        title: "Out-of-band tag change",
        how: "the snapshot's tags are replaced by someone else: mid-wait (create) or before the command",
        plans: {
            preview: { before: retagOutOfBand("data", { team: "ops" }), expect: "success" },
            create: {
                during: async (c) => {
                    const name = await firstCreated(c);
                    if (name) c.lane.emulator.setSnapshotTags(name, [{ key: "team", value: "ops" }], REGION);
                },
                expect: "success",
            },
            update: { before: retagOutOfBand("data", { team: "ops", extra: "x" }), expect: "success" },
            refresh: { before: retagOutOfBand("data", { owner: "someone" }), expect: "success" },
            delete: { before: retagOutOfBand("data", {}), expect: "success" },
        },
    },
    {
        id: "source-deleted",
        title: "Source disk deleted",
        how: "`DeleteDisk Disk-1` before the command (Disk-1 re-made after it)",
        previewAt: "create",
        plans: {
            preview: { before: (c) => deleteDisk(c.lane, "Disk-1"), after: reseedDisk1, expect: "success" },
            create: {
                before: (c) => deleteDisk(c.lane, "Disk-1"),
                after: reseedDisk1,
                expect: "failure",
                awsError: true,
            },
            update: { before: (c) => deleteDisk(c.lane, "Disk-1"), after: reseedDisk1, expect: "success" },
            refresh: { before: (c) => deleteDisk(c.lane, "Disk-1"), after: reseedDisk1, expect: "success" },
            delete: { before: (c) => deleteDisk(c.lane, "Disk-1"), after: reseedDisk1, expect: "success" },
        },
    },
    {
        id: "duplicate-name",
        title: "Duplicate name",
        how: "a snapshot of the declared name exists already (made out of band); the follow-up adopts it (`adopt: true`)",
        previewAt: "create",
        plans: {
            preview: { before: (c) => createForeign(c.lane, "taken-1"), expect: "success" },
            create: { before: (c) => createForeign(c.lane, "taken-1"), expect: "failure", awsError: true },
            update: { before: (c) => createForeign(c.lane, "taken-2"), expect: "failure", awsError: true },
        },
        notApplicable: {
            refresh: "a name conflict needs a create",
            delete: "a name conflict needs a create",
        },
    },
    {
        id: "restart",
        title: "Emulator restart",
        how: "the emulator process stops and comes back on the same port from its state file: mid-wait (create: the endpoint has answered, so the outage is ridden out), or down for the whole command, back for the follow-up (update, refresh, delete: the endpoint never answered in this command, so it fails fast, as a mistaken endpoint does)",
        lane: { emulator: { snapshot: { durationMs: 6_000 } } },
        plans: {
            preview: {
                before: (c) => c.lane.stopEmulator(),
                after: (c) => c.lane.startEmulatorAgain(),
                expect: "success",
            },
            create: {
                during: async (c) => {
                    const created = await waitForRequest(
                        c,
                        (r) => r.operation === "CreateDiskSnapshot" && r.status === 200,
                    );
                    if (!created) return;
                    const polled = await waitForRequest(c, (r) => r.operation === "GetDiskSnapshot");
                    if (!polled) return;
                    await c.lane.restartEmulator(2_000);
                    c.notes.push("restarted mid-wait, down 2 s");
                },
                expect: "success",
            },
            ...Object.fromEntries(
                (["update", "refresh", "delete"] as const).map((phase) => [
                    phase,
                    {
                        before: (c: CellContext) => c.lane.stopEmulator(),
                        after: (c: CellContext) => c.lane.startEmulatorAgain(),
                        expect: "failure" as const,
                    },
                ]),
            ),
        },
    },
    {
        id: "auto-throttle-burst",
        subject: AUTO_SNAPSHOTS,
        title: "AutoSnapshots: throttling burst",
        how: "`*` → `ThrottlingException` for the next 4 calls",
        lane: AUTO_LANE,
        plans: riddenOut(setFault("*", { kind: "throttle", count: 4 })),
    },
    {
        id: "auto-error-500",
        subject: AUTO_SNAPSHOTS,
        title: "AutoSnapshots: 500 `ServiceException`, persistent",
        how: "the phase's operation (EnableAddOn, EnableAddOn, GetDisk, DisableAddOn) answers 500 on every call",
        lane: AUTO_LANE,
        plans: persistentError(AUTO_PHASE_OPERATION),
    },
    {
        id: "auto-wait-error",
        subject: AUTO_SNAPSHOTS,
        title: "AutoSnapshots: 500 while waiting",
        how: "once EnableAddOn (create, update) or DisableAddOn (delete) answered, every GetDisk answers 500: the wait for Disk-1's add-on fails",
        lane: AUTO_LANE,
        plans: {
            create: failTheWaitAfter("EnableAddOn"),
            update: failTheWaitAfter("EnableAddOn"),
            delete: failTheWaitAfter("DisableAddOn"),
        },
        notApplicable: {
            preview: "a preview waits for nothing",
            refresh: "a refresh waits for nothing (its GetDisk is the 500 row's refresh cell)",
        },
    },
    {
        id: "auto-reset-after",
        subject: AUTO_SNAPSHOTS,
        title: "AutoSnapshots: connection reset after the effect (answer lost)",
        how: "the phase's operation is applied, then its socket destroyed (once); the SDK's retry finds the add-on already enabled (or not enabled)",
        lane: AUTO_LANE,
        plans: answerLost(AUTO_PHASE_OPERATION),
    },
    {
        id: "restore-throttle-burst",
        subject: RESTORES,
        title: "DiskFromSnapshot: throttling burst",
        how: "`*` → `ThrottlingException` for the next 4 calls",
        lane: RESTORE_LANE,
        plans: riddenOut(setFault("*", { kind: "throttle", count: 4 })),
    },
    {
        id: "restore-error-500",
        subject: RESTORES,
        title: "DiskFromSnapshot: 500 `ServiceException`, persistent",
        how: "the phase's operation (CreateDiskFromSnapshot, AttachDisk after the detach, GetDisk, DeleteDisk after the detach) answers 500 on every call",
        lane: RESTORE_LANE,
        plans: persistentError(RESTORE_PHASE_OPERATION),
    },
    {
        id: "restore-wait-error",
        subject: RESTORES,
        title: "DiskFromSnapshot: 500 while waiting",
        how: "once CreateDiskFromSnapshot (create), AttachDisk (update) or DetachDisk (delete) answered, every GetDisk answers 500: the wait for the disk fails",
        lane: RESTORE_LANE,
        plans: {
            create: failTheWaitAfter("CreateDiskFromSnapshot"),
            update: failTheWaitAfter("AttachDisk"),
            delete: failTheWaitAfter("DetachDisk"),
        },
        notApplicable: {
            preview: "a preview waits for nothing",
            refresh: "a refresh waits for nothing (its GetDisk is the 500 row's refresh cell)",
        },
    },
    {
        id: "restore-reset-after",
        subject: RESTORES,
        title: "DiskFromSnapshot: connection reset after the effect (answer lost)",
        how: "the phase's operation is applied, then its socket destroyed (once): CreateDiskFromSnapshot, AttachDisk, GetDisk, and for delete both DetachDisk and DeleteDisk; the SDK's retry finds the disk made, attached, detached or gone",
        lane: RESTORE_LANE,
        plans: {
            ...answerLost(RESTORE_PHASE_OPERATION),
            delete: {
                before: (c) => {
                    c.lane.emulator.setFault("DetachDisk", { kind: "reset-after", count: 1 });
                    c.lane.emulator.setFault("DeleteDisk", { kind: "reset-after", count: 1 });
                },
                expect: "success",
            },
        },
    },
    {
        id: "restore-oob",
        subject: RESTORES,
        title: "DiskFromSnapshot: out-of-band detach and deletion",
        how: "someone else stops WordPress-1, detaches the restored disk and starts it again (preview, update, refresh), or also deletes the disk (delete), before the command",
        lane: RESTORE_LANE,
        plans: {
            preview: { before: detachOutOfBand("restored"), expect: "success" },
            update: { before: detachOutOfBand("restored"), expect: "success" },
            refresh: { before: detachOutOfBand("restored"), expect: "success" },
            delete: { before: detachOutOfBand("restored", true), expect: "success" },
        },
        notApplicable: {
            create: "Lightsail refuses to detach an attaching disk or delete a pending one, so nothing can be done to it out of band mid-create",
        },
    },
    {
        id: "copy-throttle-burst",
        subject: COPIES,
        title: "DiskSnapshotCopy: throttling burst",
        how: "`*` → `ThrottlingException` for the next 4 calls",
        plans: riddenOut(setFault("*", { kind: "throttle", count: 4 })),
    },
    {
        id: "copy-error-500",
        subject: COPIES,
        title: "DiskSnapshotCopy: 500 `ServiceException`, persistent",
        how: "the phase's operation (CopySnapshot, TagResource, GetDiskSnapshot, DeleteDiskSnapshot) answers 500 on every call",
        plans: persistentError(COPY_PHASE_OPERATION),
    },
    {
        id: "copy-reset-after",
        subject: COPIES,
        title: "DiskSnapshotCopy: connection reset after the effect (answer lost)",
        how: "the phase's operation is applied, then its socket destroyed (once); the SDK's retry finds the copy made, tagged or gone",
        plans: answerLost(COPY_PHASE_OPERATION),
    },
    {
        id: "copy-tag-error",
        subject: COPIES,
        title: "DiskSnapshotCopy: tagging fails after the copy",
        how: "every TagResource answers 500 during the create (the only TagResource there is the copy's: CopySnapshot takes no tags): the copy exists untagged and must be recorded, and the follow-up `pulumi up` tags it",
        plans: {
            create: { before: setFault("TagResource", { kind: "error" }), expect: "failure", awsError: true },
        },
        notApplicable: {
            preview: "a preview makes no copy",
            update: "the update is the 500 row's update cell (TagResource)",
            refresh: "a refresh tags nothing",
            delete: "a delete tags nothing",
        },
    },
];

/**
 * The DiskSnapshot kinds that run again through the native plugin: its check, diff, create (with
 * the wait), update, read and delete are the same functions behind another server, so these rows
 * test what the plugin adds (its gRPC answers, errors and partial state as the engine reads them).
 */
const NATIVE_FACE_KIND_IDS = ["throttle-burst", "error-500", "reset-after", "oob-delete"] as const;

/** A DiskSnapshot kind run through the native plugin (`<package>/native` classes): same plans, own lane. */
function onNativeFace(kind: FaultKind): FaultKind {
    return {
        ...kind,
        id: `native-${kind.id}`,
        title: `Native plugin: ${kind.title.charAt(0).toLowerCase()}${kind.title.slice(1)}`,
        lane: { ...kind.lane, face: "native" },
    };
}

/** The fault kinds: the dynamic face's, then the native plugin's. */
export const FAULT_KINDS: readonly FaultKind[] = [
    ...DYNAMIC_FACE_KINDS,
    ...DYNAMIC_FACE_KINDS.filter((kind) => (NATIVE_FACE_KIND_IDS as readonly string[]).includes(kind.id)).map(
        onNativeFace,
    ),
];

/** Runs a command with a plan's `during` hook alongside it. */
async function runPlanned(ctx: CellContext, plan: PhasePlan, args: string[]): Promise<CommandRecord> {
    ctx.done = false;
    const during = plan.during
        ? plan.during(ctx).catch((error) => {
              ctx.notes.push(`during-hook failed: ${(error as Error).message}`);
          })
        : Promise.resolve();
    const record = await ctx.lane.pulumi([...args, ...(plan.args ?? [])]);
    ctx.done = true;
    await during;
    return record;
}

async function clearFaults(ctx: CellContext, plan: PhasePlan): Promise<void> {
    if (plan.after) await plan.after(ctx);
    await ctx.lane.startEmulatorAgain();
    ctx.lane.emulator.clearFaults();
    ctx.lane.emulator.setRateLimit(undefined);
}

function emptyCell(kind: string, resource: SubjectType, phase: Phase): CellResult {
    return { kind, resource, phase, applicable: true, leaked: [], dangling: [], pending: 0, crashes: [], notes: [] };
}

function judge(cell: CellResult, plan: PhasePlan, record: CommandRecord, region: string): void {
    cell.command = `pulumi ${record.args.filter((a) => !a.startsWith("--")).join(" ")}`;
    cell.outcome = record.code === 0 ? "succeeded" : "failed";
    cell.expected = plan.expect;
    cell.durationMs = record.durationMs;
    if (record.code !== 0) {
        const message = checkMessage(record.output, cell.resource, region);
        cell.message = message;
        cell.awsErrorExpected = plan.awsError === true;
        cell.firstError = message.errors.find((l) => l.includes(`${cell.resource} "`)) ?? message.errors[0];
        cell.clear =
            message.snapshot && message.region && (!plan.awsError || (message.awsError && message.lightsailMessage));
    }
}

/** Options of {@link runFaultKind}. */
export interface FaultOptions extends SectionOptions {
    /** Only these phases (the smoke test's subset); default all. */
    phases?: readonly Phase[];
}

/** Runs every phase of one fault kind on its own lane. */
export async function runFaultKind(kind: FaultKind, options: FaultOptions = {}): Promise<CellResult[]> {
    const log = options.log ?? (() => undefined);
    const cells: CellResult[] = [];
    const subject = kind.subject ?? DISK_SNAPSHOTS;
    const lane = await Lane.start(kind.lane ?? {});
    const crashesFrom = (start: number) => lane.commands.slice(start).flatMap((c) => c.crashes);
    let specs = [...subject.matrixSpecs];
    try {
        const runPreview = async () => {
            if (options.phases && !options.phases.includes("preview")) return;
            const cell = emptyCell(kind.id, subject.type, "preview");
            const plan = kind.plans.preview;
            if (!plan) {
                cells.push({ ...cell, applicable: false, reason: kind.notApplicable?.preview ?? "not applicable" });
                return;
            }
            const ctx: CellContext = { lane, phase: "preview", done: false, notes: cell.notes };
            const start = lane.commands.length;
            try {
                await plan.before?.(ctx);
                const callsBefore = lane.requests().length;
                const record = await runPlanned(ctx, plan, ["preview"]);
                cell.calls = lane.requests().length - callsBefore;
                judge(cell, plan, record, subject.region ?? REGION);
            } catch (error) {
                cell.harnessError = (error as Error).message;
            } finally {
                await clearFaults(ctx, plan);
            }
            cell.crashes = crashesFrom(start);
            cells.push(cell);
        };

        const runPhase = async (phase: ChangePhase) => {
            if (options.phases && !options.phases.includes(phase)) return;
            const cell = emptyCell(kind.id, subject.type, phase);
            const plan = kind.plans[phase];
            if (!plan) {
                cells.push({ ...cell, applicable: false, reason: kind.notApplicable?.[phase] ?? "not applicable" });
                return;
            }
            const ctx: CellContext = { lane, phase, done: false, notes: cell.notes };
            const start = lane.commands.length;
            log(`fault ${kind.id}: ${phase}`);
            try {
                await plan.before?.(ctx);
                const command =
                    phase === "refresh"
                        ? ["refresh", "--yes", "--skip-preview"]
                        : phase === "delete"
                          ? ["destroy", "--yes", "--skip-preview"]
                          : ["up", "--yes", "--skip-preview"];
                const callsBefore = lane.requests().length;
                const record = await runPlanned(ctx, plan, command);
                cell.calls = lane.requests().length - callsBefore;
                judge(cell, plan, record, subject.region ?? REGION);
                await clearFaults(ctx, plan);
                if (record.code === -2) {
                    // The harness's time limit ended it (SIGINT, then SIGKILL): release the lock.
                    cell.notes.push("the command hit the harness's time limit");
                    killProcessesIn(lane.stack.programDir);
                    await lane.pulumi(["cancel", "--yes"]);
                }

                // The documented follow-up, then the leak check.
                const refresh = await lane.pulumi(["refresh", "--yes", "--skip-preview"]);
                if (refresh.code !== 0) cell.notes.push("the follow-up refresh failed");
                if (phase === "delete") {
                    cell.followUp = "refresh, destroy";
                    const destroy = await lane.pulumi(["destroy", "--yes", "--skip-preview"]);
                    const rec = await subject.reconcile(lane);
                    Object.assign(cell, { leaked: rec.leaked, dangling: rec.dangling, pending: rec.pending });
                    const leftBehind = subject.afterDestroy?.(lane);
                    if (leftBehind) cell.notes.push(`after the follow-up: ${leftBehind}`);
                    cell.converged =
                        destroy.code === 0 &&
                        rec.inState.length === 0 &&
                        rec.leaked.length === 0 &&
                        leftBehind === undefined;
                } else {
                    const rec = await subject.reconcile(lane);
                    Object.assign(cell, { leaked: rec.leaked, dangling: rec.dangling, pending: rec.pending });
                    if (phase === "create" || phase === "update") {
                        // Converged: the declared snapshots, completed, with the declared tags. A
                        // failed command (or drift the command could not see) takes the documented
                        // retry, `pulumi up`, first.
                        if (kind.id === "duplicate-name") await adoptForeign(lane, specs, cell);
                        let problem = record.code === 0 ? await subject.atDeclared(lane, specs) : "the command failed";
                        if (problem !== undefined) {
                            cell.notes.push(`before the follow-up up: ${problem}`);
                            const again = await lane.pulumi(["up", "--yes", "--skip-preview"]);
                            problem =
                                again.code === 0 ? await subject.atDeclared(lane, specs) : "the follow-up up failed";
                            cell.followUp = "refresh, up";
                        } else {
                            cell.followUp = "refresh";
                        }
                        const after = await subject.reconcile(lane);
                        cell.converged =
                            problem === undefined && after.leaked.length === 0 && after.dangling.length === 0;
                        if (problem) cell.notes.push(`after the follow-up: ${problem}`);
                    } else {
                        cell.followUp = "refresh";
                    }
                }
            } catch (error) {
                cell.harnessError = (error as Error).message;
                await clearFaults(ctx, plan).catch(() => undefined);
            }
            cell.crashes = crashesFrom(start);
            cells.push(cell);
        };

        // Create.
        if (kind.id === "duplicate-name") {
            const [data, system] = DISK_SNAPSHOTS.matrixSpecs as [SnapshotSpec, SnapshotSpec];
            specs = [{ ...data, diskSnapshotName: "taken-1" }, system];
        }
        await subject.declare(lane, specs);
        if (kind.previewAt === "create") await runPreview();
        await runPhase("create");
        // Update (the subject's change; for duplicate-name, a rename onto a taken name).
        specs =
            kind.id === "duplicate-name"
                ? specs.map((s) =>
                      s.resourceName === "data" ? { ...s, diskSnapshotName: "taken-2", adopt: false } : s,
                  )
                : subject.updated(specs);
        await subject.declare(lane, specs);
        if (kind.previewAt !== "create") await runPreview();
        await runPhase("update");
        await runPhase("refresh");
        await runPhase("delete");
        // Out-of-band snapshots are someone else's: remove them now that the check is done.
        for (const name of lane.foreign) {
            if (lane.emulator.snapshots(REGION).some((s) => s.name === name))
                lane.emulator.deleteSnapshot(name, REGION);
        }
    } finally {
        if (options.logDir) lane.dump(path.join(options.logDir, `fault-${kind.id}.log`), `fault ${kind.id}`);
        await lane.close().catch((error) => log(`fault ${kind.id}: cleanup failed: ${(error as Error).message}`));
    }
    const order = new Map(PHASES.map((p, i) => [p, i]));
    return cells.sort((a, b) => (order.get(a.phase) ?? 0) - (order.get(b.phase) ?? 0));
}

/** The duplicate-name follow-up: declare `adopt: true` for a name someone else holds, as the hint says. */
async function adoptForeign(lane: Lane, specs: SnapshotSpec[], cell: CellResult): Promise<void> {
    const next = specs.map((spec) =>
        typeof spec.diskSnapshotName === "string" && lane.foreign.has(spec.diskSnapshotName)
            ? { ...spec, adopt: true }
            : spec,
    );
    await lane.declare(next);
    for (const spec of next) {
        if (spec.adopt === true) {
            lane.foreign.delete(String(spec.diskSnapshotName));
            cell.notes.push(`follow-up adopted ${spec.diskSnapshotName} (adopt: true)`);
        }
    }
    specs.splice(0, specs.length, ...next);
}

/** Runs the whole matrix, `concurrency` fault kinds at a time. */
export async function runFaultMatrix(
    kinds: readonly FaultKind[],
    concurrency: number,
    options: FaultOptions = {},
): Promise<CellResult[]> {
    const results = await pool(kinds, concurrency, (kind) => runFaultKind(kind, options));
    return results.flat();
}
