/**
 * The admin interface: out-of-band commands at `/_emulator/<command>`, outside the AWS API.
 *
 * Requests are `POST` with a JSON body (read-only commands also accept `GET`). Answers are JSON:
 * `200` with the command's result, `400 {"error": "..."}` for bad input, `404` for an unknown command.
 * No authentication is required.
 *
 * | command | body | result |
 * |---|---|---|
 * | `health` | | `{ok: true}` |
 * | `seed` | seed file (`{"us-west-2": {"disks": [...], "instances": [...]}}`) | `{ok: true}` |
 * | `seed-disk` | `{name, region?, sizeInGb?, availabilityZone?, tags?, attachedTo?, path?}` | `{disk}` |
 * | `seed-instance` | `{name, region?, systemDiskSizeInGb?, availabilityZone?, blueprintId?, bundleId?, tags?, state?}` | `{instance}` |
 * | `snapshot-behaviour` | `{durationMs?, curve?, errorPattern?, deletePending?}` (empty: read) | `{behaviour}` |
 * | `fault` | `{operation, kind, count?, probability?, latencyMs?}` | `{faults}` |
 * | `clear-faults` | `{operation?}` | `{faults}` |
 * | `faults` | | `{faults}` |
 * | `rate-limit` | `{ratePerSecond, burst}`, or `{}` to remove | `{rateLimit}` |
 * | `requests` | | `{requests}` |
 * | `clear-requests` | | `{ok: true}` |
 * | `snapshots` | `{region?}` | `{snapshots}` (records with state and progress) |
 * | `delete-snapshot` | `{name, region?}` | `{ok: true}` |
 * | `set-snapshot-tags` | `{name, tags, region?}` | `{ok: true}` |
 * | `clock` | | `{now, nowMs, offsetMs}` (ISO time, epoch ms, offset from the base clock) |
 * | `advance-clock` | `{ms}` (forward by), or `{to}` (forward to: ISO 8601 or epoch ms) | `{now, nowMs, offsetMs}` |
 * | `take-auto-snapshots` | | `{taken}` (the automatic snapshots that were due, now taken) |
 * | `state` | | the persisted form of the world |
 * | `reset` | | `{ok: true}` |
 *
 * @module
 */

import type { EmulatorCore } from "./core";
import { validateFault, validateRateLimit } from "./faults";
import type { SeedDisk, SeedFile, SeedInstance, SnapshotBehaviour, Tag } from "./types";

/** URL path prefix of admin commands. */
export const ADMIN_PREFIX = "/_emulator/";

/** An admin answer. */
export interface AdminAnswer {
    /** HTTP status. */
    status: number;
    /** JSON body. */
    body: unknown;
}

type Command = (core: EmulatorCore, body: Record<string, unknown>) => unknown;

function stringMember(body: Record<string, unknown>, member: string, required = true): string | undefined {
    const value = body[member];
    if (value === undefined || value === null) {
        if (required) {
            throw new Error(`'${member}' is required`);
        }
        return undefined;
    }
    if (typeof value !== "string") {
        throw new Error(`'${member}' must be a string`);
    }
    return value;
}

function tagList(value: unknown): Tag[] {
    if (!Array.isArray(value)) {
        throw new Error("'tags' must be a list of {key, value?}");
    }
    return value.map((entry) => {
        if (entry === null || typeof entry !== "object" || typeof (entry as Tag).key !== "string") {
            throw new Error("each tag needs a string 'key'");
        }
        const tag = entry as Tag;
        if (tag.value !== undefined && typeof tag.value !== "string") {
            throw new Error("a tag 'value' must be a string");
        }
        return tag.value === undefined ? { key: tag.key } : { key: tag.key, value: tag.value };
    });
}

/** Reads an instant given as epoch ms or as an ISO 8601 text. */
function instant(value: unknown, member: string): number {
    const ms = typeof value === "string" ? Date.parse(value) : value;
    if (typeof ms !== "number" || !Number.isFinite(ms)) {
        throw new Error(`'${member}' must be an ISO 8601 time or epoch milliseconds`);
    }
    return ms;
}

function clockAnswer(core: EmulatorCore): { now: string; nowMs: number; offsetMs: number } {
    const nowMs = core.now();
    return { now: new Date(nowMs).toISOString(), nowMs, offsetMs: core.world.clockOffsetMs() };
}

/** Read-only commands (also served on `GET`). */
const READ_ONLY = new Set(["health", "faults", "requests", "snapshots", "state", "snapshot-behaviour", "clock"]);

const COMMANDS: Record<string, Command> = {
    health: () => ({ ok: true }),
    seed: (core, body) => {
        core.seed(body as SeedFile);
        return { ok: true };
    },
    "seed-disk": (core, body) => ({ disk: core.seedDisk(body as unknown as SeedDisk) }),
    "seed-instance": (core, body) => ({ instance: core.seedInstance(body as unknown as SeedInstance) }),
    "snapshot-behaviour": (core, body) => ({
        behaviour: core.setSnapshotBehaviour(body as Partial<SnapshotBehaviour>),
    }),
    fault: (core, body) => {
        const operation = stringMember(body, "operation") as string;
        const { operation: _ignored, ...fault } = body;
        core.faults.set(operation, validateFault(fault));
        return { faults: core.faults.list() };
    },
    "clear-faults": (core, body) => {
        core.faults.clear(stringMember(body, "operation", false));
        return { faults: core.faults.list() };
    },
    faults: (core) => ({ faults: core.faults.list() }),
    "rate-limit": (core, body) => {
        const off = body.ratePerSecond === undefined && body.burst === undefined;
        core.faults.setRateLimit(off ? undefined : validateRateLimit(body));
        return { rateLimit: core.faults.rateLimit() ?? null };
    },
    requests: (core) => ({ requests: core.requests() }),
    "clear-requests": (core) => {
        core.clearRequests();
        return { ok: true };
    },
    snapshots: (core, body) => ({ snapshots: core.snapshots(stringMember(body, "region", false)) }),
    "delete-snapshot": (core, body) => {
        core.deleteSnapshot(stringMember(body, "name") as string, stringMember(body, "region", false));
        return { ok: true };
    },
    "set-snapshot-tags": (core, body) => {
        core.setSnapshotTags(
            stringMember(body, "name") as string,
            tagList(body.tags),
            stringMember(body, "region", false),
        );
        return { ok: true };
    },
    clock: (core) => {
        core.refresh();
        return clockAnswer(core);
    },
    "advance-clock": (core, body) => {
        if ((body.ms === undefined) === (body.to === undefined)) {
            throw new Error("give 'ms' (move forward by) or 'to' (move forward to), not both");
        }
        if (body.ms !== undefined) {
            if (typeof body.ms !== "number") {
                throw new Error("'ms' must be a number");
            }
            core.advanceClock(body.ms);
        } else {
            core.advanceClockTo(instant(body.to, "to"));
        }
        return clockAnswer(core);
    },
    "take-auto-snapshots": (core) => ({ taken: core.takeDueAutoSnapshots() }),
    state: (core) => core.world.toJSON(),
    reset: (core) => {
        core.reset();
        return { ok: true };
    },
};

/** Names of the admin commands. */
export const ADMIN_COMMANDS: readonly string[] = Object.keys(COMMANDS);

/**
 * Runs an admin command.
 *
 * @param method HTTP method (`GET` only for read-only commands).
 * @param command The path segment after `/_emulator/`.
 * @param rawBody The request body (JSON object, or empty).
 */
export function runAdmin(core: EmulatorCore, method: string, command: string, rawBody: string): AdminAnswer {
    const run = COMMANDS[command];
    if (!run) {
        return { status: 404, body: { error: `unknown admin command '${command}'`, commands: ADMIN_COMMANDS } };
    }
    if (method !== "POST" && !(method === "GET" && READ_ONLY.has(command))) {
        return { status: 405, body: { error: `use POST for /_emulator/${command}` } };
    }
    let body: Record<string, unknown> = {};
    if (rawBody.trim() !== "") {
        try {
            const parsed = JSON.parse(rawBody) as unknown;
            if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
                throw new Error("not an object");
            }
            body = parsed as Record<string, unknown>;
        } catch {
            return { status: 400, body: { error: "the admin request body must be a JSON object" } };
        }
    }
    try {
        return { status: 200, body: run(core, body) };
    } catch (err) {
        return { status: 400, body: { error: err instanceof Error ? err.message : String(err) } };
    }
}
