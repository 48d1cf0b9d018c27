/**
 * Waiting for real resources: {@link waitForCompletion} reading through the SDK on the system
 * clock, printing progress lines, and stopping early when the plugin is asked to stop.
 */

import type { DiskSnapshot, LightsailClient } from "@aws-sdk/client-lightsail";
import { tellUser } from "../diagnostics";
import { ProgressReporter } from "../progress";
import {
    type Attempt,
    refusedRetryDelayMs,
    retryUntilDone,
    type SnapshotStatus,
    systemClock,
    waitForCompletion,
} from "../waiter";
import { findDiskSnapshot } from "./snapshots";

/** Options of {@link waitForResource} and {@link waitForSnapshot}. */
export interface ResourceWaitOptions {
    /** Names the resource in progress lines, e.g. `DiskSnapshot "nightly-1" (us-east-1)`. */
    label: string;
    /** Give up after this long. */
    timeoutMs: number;
    /** Where progress lines go; the plugin's stderr reaches the CLI as diagnostics. */
    report?: (line: string) => void;
    /** What is waited for, in messages; default `the snapshot`. */
    subject?: string;
    /** Which timeout applies, in messages; default `create`. */
    timeoutName?: string;
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
        retryUntilDone({ attempt, clock: systemClock, timeoutMs, delayMs: refusedRetryDelayMs, signal }),
    );
}

/**
 * Waits until `read` reports `completed` (see {@link waitForCompletion}), on the system clock,
 * printing progress lines. SIGINT or SIGTERM during the wait (a cancelled `pulumi up`) end it
 * with an "interrupted" failure, so the caller can still record the resource.
 *
 * @param read Reads the resource as the waiter sees it; undefined when it does not exist.
 */
export function waitForResource<T extends SnapshotStatus>(
    read: () => Promise<T | undefined>,
    options: ResourceWaitOptions,
): Promise<T> {
    const startedAtMs = systemClock.now();
    const reporter = new ProgressReporter(options.label, startedAtMs);
    const report = options.report ?? ((line: string) => tellUser(`${line}`));
    return interruptibly((signal) =>
        waitForCompletion<T>({
            read,
            clock: systemClock,
            startedAtMs,
            timeoutMs: options.timeoutMs,
            signal,
            subject: options.subject,
            timeoutName: options.timeoutName,
            onObservation: (status, observation) => {
                const line = reporter.observe(observation.atMs, status.state, observation.progress);
                if (line) report(line);
            },
        }),
    );
}

/** Waits until the named snapshot is `completed`; see {@link waitForResource}. */
export function waitForSnapshot(
    client: LightsailClient,
    name: string,
    options: ResourceWaitOptions,
): Promise<DiskSnapshot> {
    return waitForResource(() => findDiskSnapshot(client, name), options);
}
