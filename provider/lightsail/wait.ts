/**
 * Waiting for real resources: {@link waitForCompletion} reading through the SDK on the system
 * clock, printing progress lines, and stopping early when the plugin is asked to stop.
 */

import type { Disk, DiskSnapshot, LightsailClient } from "@aws-sdk/client-lightsail";
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
import { disksPage, findDisk } from "./disks";
import { type ReadSource, SharedReads } from "./sharedReads";
import { diskSnapshotsPage, findDiskSnapshot } from "./snapshots";

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
    /** The failure's message when what is waited for disappears (see the waiter's `vanished`). */
    vanished?: string;
}

/** `off` turns shared reads off: every wait then reads alone, as before they were shared. */
export const SHARED_READS_ENV = "LIGHTSAIL_SNAPSHOT_SHARED_READS";

/** Whether waits share their reads (see sharedReads.ts); on unless {@link SHARED_READS_ENV} is `off`. */
export function sharingReads(env: Record<string, string | undefined> = process.env): boolean {
    return env[SHARED_READS_ENV]?.trim().toLowerCase() !== "off";
}

// One per client, so per region, endpoint and credentials: only waits a walk can answer share.
const snapshotReads = new WeakMap<LightsailClient, SharedReads<DiskSnapshot>>();
const diskReads = new WeakMap<LightsailClient, SharedReads<Disk>>();

function sharedReadsOf<T>(
    cache: WeakMap<LightsailClient, SharedReads<T>>,
    client: LightsailClient,
    source: () => ReadSource<T>,
): SharedReads<T> {
    let reads = cache.get(client);
    if (!reads) {
        reads = new SharedReads<T>(source(), systemClock);
        cache.set(client, reads);
    }
    return reads;
}

/** The shared snapshot reads of `client`'s region. */
export function sharedSnapshotReads(client: LightsailClient): SharedReads<DiskSnapshot> {
    return sharedReadsOf(snapshotReads, client, () => ({
        readOne: (name) => findDiskSnapshot(client, name),
        readPage: (token) => diskSnapshotsPage(client, token),
        nameOf: (snapshot) => snapshot.name,
    }));
}

/** The shared disk reads of `client`'s region. */
export function sharedDiskReads(client: LightsailClient): SharedReads<Disk> {
    return sharedReadsOf(diskReads, client, () => ({
        readOne: (name) => findDisk(client, name),
        readPage: (token) => disksPage(client, token),
        nameOf: (disk) => disk.name,
    }));
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
    options: ResourceWaitOptions & {
        /** Reads as `read` does, possibly held and shared with other waits (`readShared` of waiter.ts). */
        readShared?: (holdMs: number) => Promise<T | undefined>;
    },
): Promise<T> {
    const startedAtMs = systemClock.now();
    const reporter = new ProgressReporter(options.label, startedAtMs);
    const report = options.report ?? ((line: string) => tellUser(`${line}`));
    return interruptibly((signal) =>
        waitForCompletion<T>({
            read,
            readShared: sharingReads() ? options.readShared : undefined,
            clock: systemClock,
            startedAtMs,
            timeoutMs: options.timeoutMs,
            signal,
            subject: options.subject,
            timeoutName: options.timeoutName,
            vanished: options.vanished,
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
    return waitForResource(() => findDiskSnapshot(client, name), {
        ...options,
        readShared: (holdMs) => sharedSnapshotReads(client).read(name, holdMs),
    });
}
