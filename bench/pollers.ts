/**
 * The waiters compared in virtual time: this project's production waiter, and the schedules of
 * the tools people use for the same job, each modelled from its source (the links say where).
 *
 * Every poller runs against the same {@link PollTarget}: a virtual clock that only moves when
 * someone sleeps or a request is in flight, and a `read` that answers as the emulator would.
 */

import { type Random, uniform } from "../harness/random";
import type { VirtualClock } from "../harness/virtualClock";
import { DEFAULT_POLL_POLICY, type PollPolicy } from "../provider/pollSchedule";
import { type SnapshotStatus, waitForCompletion } from "../provider/waiter";

/** What a poller works against. */
export interface PollTarget {
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
    wait(target: PollTarget): Promise<void>;
}

const done = (status: SnapshotStatus) => status.state === "completed" || status.state === "error";

/** This project: {@link waitForCompletion} with a poll policy (the default one unless given). */
export function productionWaiter(policy: PollPolicy = DEFAULT_POLL_POLICY, id = "ours"): Poller {
    return {
        id,
        label: "this package (waitForCompletion + DEFAULT_POLL_POLICY)",
        schedule: "progress-extrapolating; backs off while progress tells nothing",
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
export const ansible: Poller = {
    id: "ansible-5s",
    label: "Ansible community.aws lightsail_snapshot",
    schedule: "one extra read, then a fixed 5 s",
    source: "community.aws plugins/modules/lightsail_snapshot.py wait_for_instance_snapshot",
    wait: async (target) => {
        await target.read();
        for (;;) {
            if (done(await target.read())) return;
            await target.clock.sleep(5_000);
        }
    },
};

/**
 * Terraform's Lightsail operation waiter: `StateChangeConf{Delay: 5s, MinTimeout: 3s}` in
 * internal/service/lightsail/wait.go, run by internal/retry's WaitForStateContext: wait `Delay`,
 * read at once, then the wait doubles from 100 ms, bounded below by MinTimeout and above by 10 s
 * (5 s, then 3 s, 6 s, 10 s, 10 s...).
 */
export const terraform: Poller = {
    id: "terraform",
    label: "Terraform AWS provider, Lightsail operation waiter",
    schedule: "5 s, then 3 s doubling to 10 s",
    source: "hashicorp/terraform-provider-aws internal/service/lightsail/wait.go + internal/retry/state.go",
    wait: async (target) => {
        await target.clock.sleep(5_000);
        let wait = 0;
        for (;;) {
            await target.clock.sleep(wait);
            if (wait === 0) wait = 100;
            if (done(await target.read())) return;
            wait *= 2;
            wait = wait < 3_000 ? 3_000 : Math.min(wait, 10_000);
        }
    },
};

/**
 * Pulumi aws-native's CloudControl awaiter: `retry.NewExponentialJitterBackoff(30s)` from
 * aws-sdk-go-v2, i.e. a pause of `rand[0,1) * 2^i` seconds for i <= floor(log2(30)) = 4, then
 * 30 s; the first check uses CreateResource's own answer, so the first read follows a pause.
 */
export const awsNative: Poller = {
    id: "aws-native",
    label: "Pulumi aws-native CloudControl awaiter",
    schedule: "rand·2^i s jitter, then 30 s",
    source: "pulumi/pulumi-aws-native provider/pkg/client/awaiter.go; aws-sdk-go-v2 aws/retry/jitter_backoff.go",
    wait: async (target) => {
        const maxBackoffAttempts = Math.floor(Math.log2(30));
        for (let i = 0; ; i++) {
            const pause = i > maxBackoffAttempts ? 30_000 : target.random() * 2 ** i * 1_000;
            await target.clock.sleep(pause);
            if (done(await target.read())) return;
        }
    },
};

/**
 * The AWS SDK's `@smithy/util-waiter` runPolling with the EC2 snapshot waiter's delays
 * (minDelay 15 s, maxDelay 120 s): read at once, then `uniform(min, min·2^(attempt-1))` until
 * attempt exceeds log2(max/min)+1, then max.
 */
export const smithy: Poller = {
    id: "smithy-waiter",
    label: "AWS SDK @smithy/util-waiter (EC2 snapshot waiter delays)",
    schedule: "read, then uniform(15 s, 15·2^(n-1) s) up to 120 s",
    source: "smithy-lang/smithy-typescript packages/util-waiter/src/poller.ts",
    wait: async (target) => {
        const minDelay = 15;
        const maxDelay = 120;
        if (done(await target.read())) return;
        const attemptCeiling = Math.log(maxDelay / minDelay) / Math.log(2) + 1;
        for (let attempt = 1; ; attempt++) {
            const delay =
                attempt > attemptCeiling ? maxDelay : uniform(target.random, minDelay, minDelay * 2 ** (attempt - 1));
            await target.clock.sleep(delay * 1_000);
            if (done(await target.read())) return;
        }
    },
};

/** grucloud: `retryCall` with the AWS provider's default `retryDelay: 10e3`: read, then every 10 s. */
export const grucloud: Poller = {
    id: "grucloud-10s",
    label: "grucloud (retryCall, provider default retryDelay)",
    schedule: "read, then a fixed 10 s",
    source: "grucloud/grucloud packages/core/Retry.js; AwsProvider configProviderDefault",
    wait: async (target) => {
        for (;;) {
            if (done(await target.read())) return;
            await target.clock.sleep(10_000);
        }
    },
};

/** Every peer, in table order. */
export const PEERS: readonly Poller[] = [ansible, terraform, awsNative, smithy, grucloud];
