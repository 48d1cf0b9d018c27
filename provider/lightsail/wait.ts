/**
 * Waiting for a real snapshot: {@link waitForCompletion} reading through the SDK on the system
 * clock, printing progress lines, and stopping early when the plugin is asked to stop.
 */

import type { DiskSnapshot, LightsailClient } from "@aws-sdk/client-lightsail";
import { ProgressReporter } from "../progress";
import { type Attempt, deleteRetryDelayMs, retryUntilDone, systemClock, waitForCompletion } from "../waiter";
import { findDiskSnapshot } from "./snapshots";

/** Options of {@link waitForSnapshot}. */
export interface SnapshotWaitOptions {
    /** Names the snapshot in progress lines. */
    label: string;
    /** Give up after this long. */
    timeoutMs: number;
    /** Where progress lines go; the plugin's stderr reaches the CLI as diagnostics. */
    report?: (line: string) => void;
}

/** Waits under way in this process: one SIGINT/SIGTERM listener aborts them all. */
const interruptible = new Set<AbortController>();

function interruptAll(): void {
    for (const controller of interruptible) controller.abort();
}

function trackInterruptible(controller: AbortController): void {
    if (interruptible.size === 0) {
        process.on("SIGINT", interruptAll);
        process.on("SIGTERM", interruptAll);
    }
    interruptible.add(controller);
}

function untrackInterruptible(controller: AbortController): void {
    interruptible.delete(controller);
    if (interruptible.size === 0) {
        process.removeListener("SIGINT", interruptAll);
        process.removeListener("SIGTERM", interruptAll);
    }
}

/** Runs `wait` with a signal that SIGINT or SIGTERM (a cancelled `pulumi up`) abort. */
async function interruptibly<T>(wait: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const interruption = new AbortController();
    trackInterruptible(interruption);
    try {
        return await wait(interruption.signal);
    } finally {
        untrackInterruptible(interruption);
    }
}

/**
 * Repeats `attempt` until it is done, on the system clock, stopping on SIGINT or SIGTERM; see
 * {@link retryUntilDone}.
 */
export function retryInterruptibly<T>(attempt: () => Promise<Attempt<T>>, timeoutMs: number): Promise<T> {
    return interruptibly((signal) =>
        retryUntilDone({ attempt, clock: systemClock, timeoutMs, delayMs: deleteRetryDelayMs, signal }),
    );
}

/**
 * Waits until the named snapshot is `completed`. SIGINT or SIGTERM during the wait (a cancelled
 * `pulumi up`) end it with an "interrupted" failure, so the caller can still record the snapshot.
 */
export async function waitForSnapshot(
    client: LightsailClient,
    name: string,
    options: SnapshotWaitOptions,
): Promise<DiskSnapshot> {
    const startedAtMs = systemClock.now();
    const reporter = new ProgressReporter(options.label, startedAtMs);
    const report = options.report ?? ((line: string) => process.stderr.write(`${line}\n`));
    return interruptibly((signal) =>
        waitForCompletion<DiskSnapshot>({
            read: () => findDiskSnapshot(client, name),
            clock: systemClock,
            startedAtMs,
            timeoutMs: options.timeoutMs,
            signal,
            onObservation: (snapshot, observation) => {
                const line = reporter.observe(observation.atMs, snapshot.state, observation.progress);
                if (line) report(line);
            },
        }),
    );
}
