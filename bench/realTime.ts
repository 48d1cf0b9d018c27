/**
 * Section 2: real time against the emulator. Snapshots of a few durations are created through the
 * provider's own `create` (the production waiter on the system clock, the real SDK, HTTP to the
 * emulator in this process), all at once; next to each, a snapshot of the same duration is waited
 * on by a fixed 5 s poller (the Ansible schedule, through the same SDK), so every ratio compares
 * runs that shared the same machine at the same moment. Each snapshot's true duration is drawn
 * (seeded) within ±20 % of the nominal one, as in virtual time: a duration that is an exact
 * multiple of 5 s would let the 5 s poller arrive just as the snapshot completes, every time.
 * Lag and calls come from the emulator: completion = the snapshot's createdAt + its duration;
 * calls = GetDiskSnapshot requests naming it.
 */

import { CreateDiskSnapshotCommand, GetDiskSnapshotCommand, LightsailClient } from "@aws-sdk/client-lightsail";
import type { RunningEmulator } from "../emulator";
import { DUMMY_CREDENTIALS, REGION } from "../harness/account";
import { checkedInputs, configureProvider } from "../harness/providerCalls";
import { seededRandom, uniform } from "../harness/random";
import { startTestBed } from "../harness/testBed";
import { sleep, waitFor } from "../harness/time";
import { diskSnapshot as provider } from "../provider/engine";
import { closeClients } from "../provider/lightsail";
import { type Summary, summarize } from "./stats";
import { VIRTUAL_DEFAULTS } from "./virtualTime";

/** Options of {@link runRealTime}. */
export interface RealTimeOptions {
    durationsMs: readonly number[];
    /** Snapshots per duration and waiter. */
    runs: number;
    /** Seed of the drawn durations. */
    seed?: number;
    log: (line: string) => void;
}

/** One duration and waiter, over all runs. */
export interface RealTimeRow {
    durationMs: number;
    waiter: "provider" | "fixed-5s";
    lagsMs: number[];
    calls: number[];
    lag: Summary;
    call: Summary;
}

interface Job {
    name: string;
    /** The nominal duration. */
    durationMs: number;
    waiter: RealTimeRow["waiter"];
    returnedAt?: number;
    error?: unknown;
}

/** The Ansible-style waiter, through the SDK: read once, then read and sleep 5 s while pending. */
async function fixedPoller(client: LightsailClient, name: string): Promise<void> {
    await client.send(new CreateDiskSnapshotCommand({ diskSnapshotName: name, diskName: "Disk-1" }));
    await client.send(new GetDiskSnapshotCommand({ diskSnapshotName: name }));
    for (;;) {
        const { diskSnapshot } = await client.send(new GetDiskSnapshotCommand({ diskSnapshotName: name }));
        if (diskSnapshot?.state !== "pending") return;
        await sleep(5_000);
    }
}

function untilCreated(emulator: RunningEmulator, name: string): Promise<void> {
    return waitFor(() => emulator.snapshots(REGION).some((s) => s.name === name), 30_000, `snapshot ${name}`, 5);
}

/** Hides the provider's progress lines (`DiskSnapshot "...": pending, 40%...`) while the section runs. */
function quietProgress(): () => void {
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: unknown, ...rest: unknown[]) =>
        typeof chunk === "string" && chunk.startsWith("DiskSnapshot ")
            ? true
            : (write as (...args: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stderr.write;
    return () => {
        process.stderr.write = write;
    };
}

/** Runs section 2. */
export async function runRealTime(options: RealTimeOptions): Promise<RealTimeRow[]> {
    const bed = await startTestBed({ snapshot: { durationMs: 1_000, curve: "linear" }, requestLogLimit: 1_000_000 });
    const restore = quietProgress();
    const client = new LightsailClient({
        endpoint: bed.emulator.url,
        region: REGION,
        credentials: DUMMY_CREDENTIALS,
    });
    try {
        bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
        await configureProvider();
        const jobs: Job[] = [];
        const running: Promise<void>[] = [];
        let serial = 0;
        const draw = seededRandom(options.seed ?? VIRTUAL_DEFAULTS.seed);
        const spread = VIRTUAL_DEFAULTS.durationSpread;
        // Longest first, so that all finish at about the same time.
        for (const durationMs of [...options.durationsMs].sort((a, b) => b - a)) {
            for (let run = 0; run < options.runs; run++) {
                for (const waiter of ["provider", "fixed-5s"] as const) {
                    const job: Job = { name: `rt-${waiter}-${durationMs}-${++serial}`, durationMs, waiter };
                    jobs.push(job);
                    // A snapshot's duration is fixed when it is created: set it, start, wait for the record.
                    bed.emulator.setSnapshotBehaviour({
                        durationMs: Math.round(durationMs * uniform(draw, 1 - spread, 1 + spread)),
                        curve: "linear",
                    });
                    const work =
                        waiter === "provider"
                            ? (async () => {
                                  const inputs = { diskName: "Disk-1", diskSnapshotName: job.name };
                                  await provider.create(await checkedInputs(inputs, { nameBase: "rt" }));
                              })()
                            : fixedPoller(client, job.name);
                    running.push(
                        work.then(
                            () => {
                                job.returnedAt = Date.now();
                            },
                            (error: unknown) => {
                                job.error = error;
                            },
                        ),
                    );
                    await Promise.race([untilCreated(bed.emulator, job.name), work]);
                    if (job.error) throw job.error;
                }
            }
        }
        options.log(`realtime: ${jobs.length} snapshots waiting`);
        await Promise.all(running);
        const failed = jobs.find((j) => j.error !== undefined);
        if (failed) throw failed.error;
        const records = new Map(bed.emulator.snapshots(REGION).map((s) => [s.name, s]));
        const calls = new Map<string, number>();
        for (const entry of bed.emulator.requests()) {
            const name = (entry.body as { diskSnapshotName?: string } | null)?.diskSnapshotName;
            if (entry.operation === "GetDiskSnapshot" && name) calls.set(name, (calls.get(name) ?? 0) + 1);
        }
        const rows: RealTimeRow[] = [];
        for (const durationMs of options.durationsMs) {
            for (const waiter of ["provider", "fixed-5s"] as const) {
                const mine = jobs.filter((j) => j.durationMs === durationMs && j.waiter === waiter);
                const lagsMs = mine.map((j) => {
                    const record = records.get(j.name);
                    if (!record || j.returnedAt === undefined) throw new Error(`no record of ${j.name}`);
                    return j.returnedAt - (record.createdAtMs + record.durationMs);
                });
                const counts = mine.map((j) => calls.get(j.name) ?? 0);
                rows.push({
                    durationMs,
                    waiter,
                    lagsMs,
                    calls: counts,
                    lag: summarize(lagsMs),
                    call: summarize(counts),
                });
            }
        }
        return rows;
    } finally {
        restore();
        client.destroy();
        await bed.stop();
        // Leave no settings or clients pointing at the stopped emulator behind (the smoke test shares the process).
        closeClients();
        await configureProvider();
    }
}
