/**
 * The wait for a snapshot to reach `completed`: the loop around {@link nextPollDelay}, with the
 * clock, the Lightsail read and the progress sink injected, so the same code runs in production,
 * in unit tests and in the virtual-time benchmark.
 */

import { DEFAULT_POLL_POLICY, nextPollWindow, type Observation, type PollPolicy, parseProgress } from "./pollSchedule";

/** What the waiter needs to know of a snapshot. */
export interface SnapshotStatus {
    /** `pending`, `completed`, `error` or `unknown`. */
    state?: string;
    /** Lightsail's progress string, such as `"42%"`. */
    progress?: string;
}

/** A clock the waiter can read and sleep on. */
export interface WaitClock {
    /** Milliseconds since an arbitrary origin. */
    now(): number;
    /** Resolves after `ms`, or rejects early when `signal` aborts. */
    sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Why a wait ended without `completed`. */
export type WaitFailureReason = "error" | "vanished" | "timeout" | "interrupted";

/** A wait that ended without the snapshot completing. */
export class WaitFailure<TSnapshot> extends Error {
    /**
     * @param reason Why the wait ended.
     * @param message What happened, for the user.
     * @param lastSnapshot The last answer seen, if any.
     */
    constructor(
        readonly reason: WaitFailureReason,
        message: string,
        readonly lastSnapshot: TSnapshot | undefined,
    ) {
        super(message);
        this.name = "WaitFailure";
    }
}

/** Everything {@link waitForCompletion} works with. */
export interface WaitOptions<TSnapshot extends SnapshotStatus> {
    /** Reads the snapshot; undefined when it does not exist. */
    read(): Promise<TSnapshot | undefined>;
    /**
     * Reads as `read` does, but may hold the request up to `holdMs` to answer it together with
     * other waits' reads (see lightsail/sharedReads.ts). When given, each poll is asked for at the
     * earliest time its window allows and answered by its latest: never later than a wait that
     * reads alone.
     */
    readShared?(holdMs: number): Promise<TSnapshot | undefined>;
    /** The clock to read and sleep on. */
    clock: WaitClock;
    /** When the snapshot was created, on `clock`. */
    startedAtMs: number;
    /** Give up this long after `startedAtMs`. */
    timeoutMs: number;
    /** Poll delays; defaults to {@link DEFAULT_POLL_POLICY}. */
    policy?: PollPolicy;
    /** Called after every read, with the observations so far. */
    onObservation?(snapshot: TSnapshot, observation: Observation): void;
    /** Aborts the wait (an interrupted `pulumi up`). */
    signal?: AbortSignal;
    /** What is waited for, in messages; default `the snapshot`. */
    subject?: string;
    /** Which timeout applies, in messages; default `create`. */
    timeoutName?: string;
    /** The failure's message when what is waited for disappears; default `<subject> was deleted while it was being created`. */
    vanished?: string;
}

/**
 * Polls until the snapshot is `completed` and returns it. Throws a {@link WaitFailure} when it
 * ends in `error`, disappears, times out, or the wait is interrupted. Errors from `read` (after
 * the SDK's own retries) propagate unchanged.
 */
export async function waitForCompletion<TSnapshot extends SnapshotStatus>(
    options: WaitOptions<TSnapshot>,
): Promise<TSnapshot> {
    const { clock, startedAtMs, timeoutMs, signal } = options;
    const policy = options.policy ?? DEFAULT_POLL_POLICY;
    const subject = options.subject ?? "the snapshot";
    const observations: Observation[] = [];
    const deadline = startedAtMs + timeoutMs;
    let last: TSnapshot | undefined;
    for (;;) {
        const window = nextPollWindow(startedAtMs, observations, clock.now(), policy);
        const latest = Math.min(window.delayMs, deadline - clock.now());
        const delay = options.readShared ? Math.min(window.earliestMs, latest) : latest;
        if (delay > 0) {
            try {
                await clock.sleep(delay, signal);
            } catch {
                throw new WaitFailure("interrupted", "the wait was interrupted", last);
            }
        }
        if (signal?.aborted) throw new WaitFailure("interrupted", "the wait was interrupted", last);
        const snapshot = options.readShared
            ? await options.readShared(Math.max(0, latest - Math.max(0, delay)))
            : await options.read();
        if (snapshot === undefined) {
            throw new WaitFailure(
                "vanished",
                options.vanished ?? `${subject} was deleted while it was being created`,
                last,
            );
        }
        last = snapshot;
        const observation = { atMs: clock.now(), progress: parseProgress(snapshot.progress) };
        observations.push(observation);
        options.onObservation?.(snapshot, observation);
        if (snapshot.state === "completed") return snapshot;
        if (snapshot.state === "error") {
            throw new WaitFailure("error", `${subject} ended in state error`, snapshot);
        }
        if (clock.now() >= deadline) {
            const progress = snapshot.progress ? ` at ${snapshot.progress}` : "";
            throw new WaitFailure(
                "timeout",
                `${subject} was still ${snapshot.state ?? "pending"}${progress} when the ${options.timeoutName ?? "create"} timeout ran out`,
                snapshot,
            );
        }
    }
}

/** The real clock: `performance.now()` and timers that abort cleanly. */
export const systemClock: WaitClock = {
    now: () => performance.now(),
    sleep: (ms, signal) =>
        new Promise<void>((resolve, reject) => {
            if (signal?.aborted) {
                reject(new Error("aborted"));
                return;
            }
            const onAbort = () => {
                clearTimeout(timer);
                reject(new Error("aborted"));
            };
            const timer = setTimeout(() => {
                signal?.removeEventListener("abort", onAbort);
                resolve();
            }, ms);
            signal?.addEventListener("abort", onAbort, { once: true });
        }),
};

/** One try of an action that may have to be repeated. */
export type Attempt<T> =
    /** It worked. */
    | { done: true; value: T }
    /** It failed: `retryable` when trying again later may succeed. */
    | { done: false; retryable: boolean; error: unknown };

/** Everything {@link retryUntilDone} works with. */
export interface RetryOptions<T> {
    /** One try. */
    attempt(): Promise<Attempt<T>>;
    /** The clock to read and sleep on. */
    clock: WaitClock;
    /** Give up this long after the first try. */
    timeoutMs: number;
    /** The delay after the `n`th failed try (from 0). */
    delayMs(n: number): number;
    /** Aborts the retries (an interrupted `pulumi destroy`). */
    signal?: AbortSignal;
}

/**
 * Tries until an attempt succeeds. Throws the last attempt's error when it is not retryable or
 * the timeout has run out, and a {@link WaitFailure} `interrupted` when the signal aborts.
 */
export async function retryUntilDone<T>(options: RetryOptions<T>): Promise<T> {
    const { clock, signal } = options;
    const deadline = clock.now() + options.timeoutMs;
    for (let n = 0; ; n++) {
        const outcome = await options.attempt();
        if (outcome.done) return outcome.value;
        if (!outcome.retryable || clock.now() >= deadline) throw outcome.error;
        try {
            await clock.sleep(Math.max(0, Math.min(options.delayMs(n), deadline - clock.now())), signal);
        } catch {
            throw new WaitFailure("interrupted", "the wait was interrupted", undefined);
        }
        if (signal?.aborted) throw new WaitFailure("interrupted", "the wait was interrupted", undefined);
    }
}

/**
 * Delays between tries of an action Lightsail refuses for now (a delete of a snapshot still being
 * taken, a manual snapshot while an automatic one runs): 1 s, growing by half each time, at most 15 s.
 */
export function refusedRetryDelayMs(n: number): number {
    return Math.min(15_000, 1_000 * 1.5 ** n);
}
