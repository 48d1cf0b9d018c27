#!/usr/bin/env node
/**
 * `lightsail-emulator`: runs the emulator as a process. The first line on stdout is the base URL.
 *
 * ```
 * lightsail-emulator [--port 0] [--state FILE] [--seed FILE]
 *     [--snapshot-duration MS] [--progress-curve linear|front-loaded|stalled-then-jump|none]
 *     [--error-pattern REGEX] [--delete-pending allow|refuse]
 *     [--rate-limit PER_SECOND [--burst N]] [--fault Operation=kind[:count][,p=P][,ms=MS]]...
 *     [--page-size N] [--resource-duration MS] [--account-id ID] [--random-seed N]
 *     [--start-time ISO | --clock-offset [-]DURATION] [--auto-snapshot-duration MS] [--add-on-duration MS]
 *     [--instance-transition MS] [--attachment-duration MS]
 * ```
 *
 * Stops cleanly on SIGINT/SIGTERM. Exits 2 on bad arguments.
 *
 * @module
 */

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseFaultSpec } from "./faults";
import { type EmulatorOptions, startEmulator } from "./index";
import { type DeletePendingPolicy, type Fault, PROGRESS_CURVES, type ProgressCurve, type SeedFile } from "./types";

/** Usage text. */
export const USAGE = `usage: lightsail-emulator [options]
  --port N                    TCP port on 127.0.0.1 (0 = any free port; default 0)
  --state FILE                persist the world to FILE (atomic, after every acknowledged change)
  --seed FILE                 JSON: {"us-west-2": {"disks": [{"name": "Disk-1", "sizeInGb": 8}], "instances": [...]}}
  --snapshot-duration MS      time to 'completed' (e.g. 1500, 1500ms, 2s; default 1500)
  --progress-curve CURVE      ${PROGRESS_CURVES.join(" | ")} (default linear)
  --error-pattern REGEX       snapshots whose name matches end in state 'error'
  --delete-pending POLICY     allow | refuse deleting pending snapshots (default allow)
  --rate-limit R              token bucket: R calls per second for all calls ...
  --burst B                   ... with capacity B (default max(1, R))
  --fault SPEC                Operation=kind[:count][,p=PROBABILITY][,ms=LATENCY]; repeatable; Operation may be *
                              kinds: throttle error unavailable denied reset reset-after latency hang
  --page-size N               items per page of Get* list operations (default 5)
  --resource-duration MS      time new disks/instances stay pending (default 1000)
  --account-id ID             account id in ARNs (default 123456789012)
  --random-seed N             seed for probabilistic faults (default 1)
  --start-time ISO            start the emulator's clock at this instant (e.g. 2024-01-01T05:00:00Z)
  --clock-offset DURATION     run the clock this far ahead (e.g. 1d, 90m; --clock-offset=-1h behind);
                              not with --start-time; a state file that records a clock keeps it
  --auto-snapshot-duration MS time an automatic snapshot stays InProgress (default 3000)
  --add-on-duration MS        time EnableAddOn/DisableAddOn stay Enabling/Disabling (default 1000)
  --instance-transition MS    time StopInstance/StartInstance stay stopping/pending (default 1000)
  --attachment-duration MS    time AttachDisk/DetachDisk stay attaching/detaching (default 1000)
  --help                      show this text
`;

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses a duration: a number of ms, or a number with an `ms`, `s`, `m`, `h` or `d` suffix. */
export function parseDuration(text: string, flag: string): number {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
    if (!match) {
        throw new Error(`${flag} expects a duration such as 1500, 1500ms, 1.5s, 90m, 2h or 1d; got '${text}'`);
    }
    return Number(match[1]) * (UNIT_MS[match[2] ?? "ms"] as number);
}

/** Parses a signed duration (`-1h` is an hour back). */
function parseOffset(text: string, flag: string): number {
    const trimmed = text.trim();
    return trimmed.startsWith("-") ? -parseDuration(trimmed.slice(1), flag) : parseDuration(trimmed, flag);
}

/** Parses an ISO 8601 instant into epoch ms. */
function parseInstant(text: string, flag: string): number {
    const ms = Date.parse(text);
    if (!/^\d{4}-\d{2}-\d{2}/.test(text.trim()) || !Number.isFinite(ms)) {
        throw new Error(`${flag} expects an ISO 8601 time such as 2024-01-01T05:00:00Z; got '${text}'`);
    }
    return ms;
}

function parseNumber(text: string, flag: string, integer = false): number {
    const value = Number(text);
    if (text.trim() === "" || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
        throw new Error(`${flag} expects ${integer ? "an integer" : "a number"}; got '${text}'`);
    }
    return value;
}

/**
 * Turns command-line arguments into emulator options.
 *
 * @throws Error with a message for the user on bad arguments.
 */
export function parseCliArgs(argv: readonly string[]): EmulatorOptions & { help?: boolean } {
    const { values } = parseArgs({
        args: [...argv],
        strict: true,
        allowPositionals: false,
        options: {
            port: { type: "string" },
            state: { type: "string" },
            seed: { type: "string" },
            "snapshot-duration": { type: "string" },
            "progress-curve": { type: "string" },
            "error-pattern": { type: "string" },
            "delete-pending": { type: "string" },
            "rate-limit": { type: "string" },
            burst: { type: "string" },
            fault: { type: "string", multiple: true },
            "page-size": { type: "string" },
            "resource-duration": { type: "string" },
            "instance-transition": { type: "string" },
            "attachment-duration": { type: "string" },
            "account-id": { type: "string" },
            "random-seed": { type: "string" },
            "start-time": { type: "string" },
            "clock-offset": { type: "string" },
            "auto-snapshot-duration": { type: "string" },
            "add-on-duration": { type: "string" },
            help: { type: "boolean" },
        },
    });
    const options: EmulatorOptions & { help?: boolean } = {};
    if (values.help) {
        options.help = true;
    }
    if (values.port !== undefined) {
        options.port = parseNumber(values.port, "--port", true);
        if (options.port < 0 || options.port > 65535) {
            throw new Error(`--port must be between 0 and 65535; got ${options.port}`);
        }
    }
    if (values.state !== undefined) {
        options.statePath = values.state;
    }
    if (values.seed !== undefined) {
        try {
            options.seed = JSON.parse(readFileSync(values.seed, "utf8")) as SeedFile;
        } catch (err) {
            throw new Error(`--seed ${values.seed}: ${(err as Error).message}`);
        }
    }
    const snapshot: EmulatorOptions["snapshot"] = {};
    if (values["snapshot-duration"] !== undefined) {
        snapshot.durationMs = parseDuration(values["snapshot-duration"], "--snapshot-duration");
    }
    if (values["progress-curve"] !== undefined) {
        const curve = values["progress-curve"];
        if (!PROGRESS_CURVES.includes(curve as ProgressCurve)) {
            throw new Error(`--progress-curve must be one of ${PROGRESS_CURVES.join(", ")}; got '${curve}'`);
        }
        snapshot.curve = curve as ProgressCurve;
    }
    if (values["error-pattern"] !== undefined) {
        snapshot.errorPattern = values["error-pattern"];
    }
    if (values["delete-pending"] !== undefined) {
        const policy = values["delete-pending"];
        if (policy !== "allow" && policy !== "refuse") {
            throw new Error(`--delete-pending must be 'allow' or 'refuse'; got '${policy}'`);
        }
        snapshot.deletePending = policy as DeletePendingPolicy;
    }
    if (Object.keys(snapshot).length > 0) {
        options.snapshot = snapshot;
    }
    if (values["rate-limit"] !== undefined) {
        const rate = parseNumber(values["rate-limit"], "--rate-limit");
        const burst = values.burst === undefined ? Math.max(1, rate) : parseNumber(values.burst, "--burst");
        options.rateLimit = { ratePerSecond: rate, burst };
    } else if (values.burst !== undefined) {
        throw new Error("--burst needs --rate-limit");
    }
    if (values.fault !== undefined) {
        const faults: Record<string, Fault> = {};
        for (const spec of values.fault) {
            const { operation, fault } = parseFaultSpec(spec);
            faults[operation] = fault;
        }
        options.faults = faults;
    }
    if (values["page-size"] !== undefined) {
        options.pageSize = parseNumber(values["page-size"], "--page-size", true);
    }
    if (values["resource-duration"] !== undefined) {
        options.resourceDurationMs = parseDuration(values["resource-duration"], "--resource-duration");
    }
    if (values["instance-transition"] !== undefined) {
        options.instanceTransitionMs = parseDuration(values["instance-transition"], "--instance-transition");
    }
    if (values["attachment-duration"] !== undefined) {
        options.attachmentDurationMs = parseDuration(values["attachment-duration"], "--attachment-duration");
    }
    if (values["account-id"] !== undefined) {
        if (!/^\d{12}$/.test(values["account-id"])) {
            throw new Error(`--account-id must be 12 digits; got '${values["account-id"]}'`);
        }
        options.accountId = values["account-id"];
    }
    if (values["random-seed"] !== undefined) {
        options.randomSeed = parseNumber(values["random-seed"], "--random-seed", true);
    }
    if (values["start-time"] !== undefined && values["clock-offset"] !== undefined) {
        throw new Error("give --start-time or --clock-offset, not both");
    }
    if (values["start-time"] !== undefined) {
        options.startTime = parseInstant(values["start-time"], "--start-time");
    }
    if (values["clock-offset"] !== undefined) {
        options.clockOffsetMs = parseOffset(values["clock-offset"], "--clock-offset");
    }
    const autoSnapshot: EmulatorOptions["autoSnapshot"] = {};
    if (values["auto-snapshot-duration"] !== undefined) {
        autoSnapshot.durationMs = parseDuration(values["auto-snapshot-duration"], "--auto-snapshot-duration");
    }
    if (values["add-on-duration"] !== undefined) {
        autoSnapshot.addOnDurationMs = parseDuration(values["add-on-duration"], "--add-on-duration");
    }
    if (Object.keys(autoSnapshot).length > 0) {
        options.autoSnapshot = autoSnapshot;
    }
    return options;
}

/** Runs the CLI: parses arguments, starts the emulator, prints the URL, waits for a signal. */
export async function main(argv: readonly string[]): Promise<number> {
    let options: ReturnType<typeof parseCliArgs>;
    try {
        options = parseCliArgs(argv);
    } catch (err) {
        process.stderr.write(`lightsail-emulator: ${(err as Error).message}\n${USAGE}`);
        return 2;
    }
    if (options.help) {
        process.stdout.write(USAGE);
        return 0;
    }
    const { help: _help, ...emulatorOptions } = options;
    let emulator: Awaited<ReturnType<typeof startEmulator>>;
    try {
        emulator = await startEmulator(emulatorOptions);
    } catch (err) {
        process.stderr.write(`lightsail-emulator: ${(err as Error).message}\n`);
        return 1;
    }
    process.stdout.write(`${emulator.url}\n`);
    await new Promise<void>((resolve) => {
        const stop = (): void => {
            process.off("SIGINT", stop);
            process.off("SIGTERM", stop);
            resolve();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
    });
    await emulator.stop();
    return 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (err: unknown) => {
            process.stderr.write(`lightsail-emulator: ${String(err)}\n`);
            process.exitCode = 1;
        },
    );
}
