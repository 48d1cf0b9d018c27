/**
 * The waiters compared in virtual time: this project's production waiter, and the schedules of
 * the tools people use for the same job, each modelled from its source (the links say where).
 *
 * Every poller runs against the same {@link PollTarget}: a virtual clock that only moves when
 * someone sleeps or a request is in flight, and a `read` that answers as the emulator would.
 */

import { type Random, uniform } from "../harness/random";
import type { VirtualClock } from "../harness/virtualClock";
import { DEFAULT_POLL_POLICY, type Observation, type PollPolicy, parseProgress } from "../provider/pollSchedule";
import { type SnapshotStatus, waitForCompletion } from "../provider/waiter";

/** What a poller works against. */
export interface PollTarget {
    /** Virtual time, moved by sleeps and by each read's round trip. */
    clock: VirtualClock;
    /** One GetDiskSnapshot: takes a round trip of virtual time, counts one call. */
    read(): Promise<SnapshotStatus>;
    /** When the waiter started (CreateDiskSnapshot's answer arrived), on `clock`. */
    startedAtMs: number;
    /** The poller's own randomness (jitter). */
    random: Random;
}

/** A waiting strategy: returns once it has read `completed`. */
export interface Poller {
    /** Short column name. */
    id: string;
    /** Who uses this schedule. */
    label: string;
    /** The schedule in words. */
    schedule: string;
    /** Where it was read. */
    source: string;
    /** Polls `target` until a read says `completed` (or `error`). */
    wait(target: PollTarget): Promise<void>;
}

/** Who uses a schedule and where it was read: a {@link Poller} without its loop. */
export type PollerInfo = Omit<Poller, "wait">;

/** What a schedule knows before each read. */
export interface PollState {
    /** Reads made so far (the leading read not counted). */
    attempt: number;
    /** The target being polled. */
    target: PollTarget;
    /** When each read so far answered, and the progress it reported. */
    observations: readonly Observation[];
}

/**
 * A poller that sleeps `delayBefore(state)` before every read and returns once a read says
 * `completed` or `error`; with `leadingRead`, it first makes one read whose answer it ignores.
 */
export function schedulePoller(
    info: PollerInfo,
    delayBefore: (state: PollState) => number,
    leadingRead = false,
): Poller {
    return {
        ...info,
        wait: async (target) => {
            if (leadingRead) await target.read();
            const observations: Observation[] = [];
            for (let attempt = 0; ; attempt++) {
                await target.clock.sleep(delayBefore({ attempt, target, observations }));
                const status = await target.read();
                observations.push({ atMs: target.clock.now(), progress: parseProgress(status.progress) });
                if (status.state === "completed" || status.state === "error") return;
            }
        },
    };
}

/** This project: {@link waitForCompletion} with a poll policy (the default one unless given). */
export function productionWaiter(policy: PollPolicy = DEFAULT_POLL_POLICY, id = "ours"): Poller {
    return {
        id,
        label: "this package (waitForCompletion + DEFAULT_POLL_POLICY)",
        schedule: "progress-extrapolating; without progress, a fifth of the elapsed time, 0.5-3.5 s",
        source: "provider/waiter.ts, provider/pollSchedule.ts",
        wait: async (target) => {
            await waitForCompletion({
                read: target.read,
                clock: target.clock,
                startedAtMs: target.startedAtMs,
                timeoutMs: 24 * 3_600_000,
                policy,
            });
        },
    };
}

/**
 * Ansible `community.aws.lightsail_snapshot`: one read before the loop, then read, and sleep 5 s
 * while the state is `pending`.
 */
export const ansible = schedulePoller(
    {
        id: "ansible-5s",
        label: "Ansible community.aws lightsail_snapshot",
        schedule: "one extra read, then a fixed 5 s",
        source: "community.aws plugins/modules/lightsail_snapshot.py wait_for_instance_snapshot",
    },
    ({ attempt }) => (attempt === 0 ? 0 : 5_000),
    true,
);

/**
 * Terraform's Lightsail operation waiter: `StateChangeConf{Delay: 5s, MinTimeout: 3s}` in
 * internal/service/lightsail/wait.go, run by internal/retry's WaitForStateContext: wait `Delay`,
 * read at once, then the wait doubles from 100 ms, bounded below by MinTimeout and above by 10 s
 * (5 s, then 3 s, 6 s, 10 s, 10 s...).
 */
export const terraform = schedulePoller(
    {
        id: "terraform",
        label: "Terraform AWS provider, Lightsail operation waiter",
        schedule: "5 s, then 3 s doubling to 10 s",
        source: "hashicorp/terraform-provider-aws internal/service/lightsail/wait.go + internal/retry/state.go",
    },
    ({ attempt }) => {
        if (attempt === 0) return 5_000;
        let wait = 100;
        // Once at 10 s the wait stays there.
        for (let i = 0; i < attempt && wait < 10_000; i++) {
            wait *= 2;
            wait = wait < 3_000 ? 3_000 : Math.min(wait, 10_000);
        }
        return wait;
    },
);

/**
 * Pulumi aws-native's CloudControl awaiter: `retry.NewExponentialJitterBackoff(30s)` from
 * aws-sdk-go-v2, i.e. a pause of `rand[0,1) * 2^i` seconds for i <= floor(log2(30)) = 4, then
 * 30 s; the first check uses CreateResource's own answer, so the first read follows a pause.
 */
export const awsNative = schedulePoller(
    {
        id: "aws-native",
        label: "Pulumi aws-native CloudControl awaiter",
        schedule: "rand·2^i s jitter, then 30 s",
        source: "pulumi/pulumi-aws-native provider/pkg/client/awaiter.go; aws-sdk-go-v2 aws/retry/jitter_backoff.go",
    },
    ({ attempt, target }) => (attempt > Math.floor(Math.log2(30)) ? 30_000 : target.random() * 2 ** attempt * 1_000),
);

/**
 * The AWS SDK's `@smithy/util-waiter` runPolling with the EC2 snapshot waiter's delays
 * (minDelay 15 s, maxDelay 120 s): read at once, then `uniform(min, min·2^(attempt-1))` until
 * attempt exceeds log2(max/min)+1, then max.
 */
export const smithy = schedulePoller(
    {
        id: "smithy-waiter",
        label: "AWS SDK @smithy/util-waiter (EC2 snapshot waiter delays)",
        schedule: "read, then uniform(15 s, 15·2^(n-1) s) up to 120 s",
        source: "smithy-lang/smithy-typescript packages/util-waiter/src/poller.ts",
    },
    ({ attempt, target }) => {
        const minDelay = 15;
        const maxDelay = 120;
        if (attempt === 0) return 0;
        const attemptCeiling = Math.log(maxDelay / minDelay) / Math.log(2) + 1;
        const delay =
            attempt > attemptCeiling ? maxDelay : uniform(target.random, minDelay, minDelay * 2 ** (attempt - 1));
        return delay * 1_000;
    },
);

/** grucloud: `retryCall` with the AWS provider's default `retryDelay: 10e3`: read, then every 10 s. */
export const grucloud = schedulePoller(
    {
        id: "grucloud-10s",
        label: "grucloud (retryCall, provider default retryDelay)",
        schedule: "read, then a fixed 10 s",
        source: "grucloud/grucloud packages/core/Retry.js; AwsProvider configProviderDefault",
    },
    ({ attempt }) => (attempt === 0 ? 0 : 10_000),
);

/** Every peer, in table order. */
export const PEERS: readonly Poller[] = [ansible, terraform, awsNative, smithy, grucloud];
