/**
 * Section 2's copy rows: a disk snapshot copied to another region (DiskSnapshotCopy), in real time
 * against the emulator. The emulator times a copy as it times a new snapshot (its duration and
 * progress curve, linear here), so the copy's wait is a snapshot wait whose progress moves. Each run
 * gets an emulator of its own whose snapshot duration is drawn (seeded) within ±20 % of the nominal
 * one; on it the provider's own `create` and a fixed 5 s poller (the Ansible schedule, through the
 * same SDK: CopySnapshot to the target region, then GetDiskSnapshot there every 5 s while pending)
 * copy the same completed snapshot side by side. Lags come from the emulator: the copy's
 * `createdAt` plus its duration.
 */

import { CopySnapshotCommand, GetDiskSnapshotCommand, LightsailClient } from "@aws-sdk/client-lightsail";
import { DUMMY_CREDENTIALS, REGION } from "../harness/account";
import { checkedDiskSnapshotCopyInputs, checkedInputs, configureProvider } from "../harness/providerCalls";
import { seededRandom, uniform } from "../harness/random";
import { startTestBed } from "../harness/testBed";
import { sleep } from "../harness/time";
import { diskSnapshot, diskSnapshotCopy } from "../provider/engine";
import { closeClients } from "../provider/lightsail";
import { withProviderQuiet } from "./sideBySide";
import { type Summary, summarize } from "./stats";
import { VIRTUAL_DEFAULTS } from "./virtualTime";

/** Options of {@link runCopyWait}. */
export interface CopyWaitOptions {
    /** Nominal time a copy stays `pending`, ms. */
    copyMs: number;
    /** Runs (each makes one copy per waiter). */
    runs: number;
    /** Seed of the drawn durations. */
    seed?: number;
    log: (line: string) => void;
}

/** One waiter over all runs. */
export interface CopyWaitRow {
    waiter: "provider" | "fixed-5s";
    /** From the copy completing to the waiter returning, per run (ms). */
    lagsMs: number[];
    /** GetDiskSnapshot calls naming the copy, per run. */
    calls: number[];
    lag: Summary;
    call: Summary;
}

/** Where the copies go. */
export const COPY_TARGET = "us-west-2";
const SOURCE = "bench-source";

/** The Ansible-style waiter through the SDK: copy, read once, then read and sleep 5 s while pending. */
async function fixedPoller(client: LightsailClient, targetSnapshotName: string): Promise<void> {
    await client.send(
        new CopySnapshotCommand({ sourceSnapshotName: SOURCE, sourceRegion: REGION, targetSnapshotName }),
    );
    const read = async () =>
        (await client.send(new GetDiskSnapshotCommand({ diskSnapshotName: targetSnapshotName }))).diskSnapshot;
    while ((await read())?.state === "pending") await sleep(5_000);
}

/** Runs the copy rows of section 2. */
export async function runCopyWait(options: CopyWaitOptions): Promise<CopyWaitRow[]> {
    const draw = seededRandom((options.seed ?? VIRTUAL_DEFAULTS.seed) + 11);
    const spread = VIRTUAL_DEFAULTS.durationSpread;
    const rows: Record<CopyWaitRow["waiter"], { lags: number[]; calls: number[] }> = {
        provider: { lags: [], calls: [] },
        "fixed-5s": { lags: [], calls: [] },
    };
    const names = { provider: "cp-provider", "fixed-5s": "cp-fixed" } as const;
    await withProviderQuiet("DiskSnapshot", async () => {
        for (let run = 0; run < options.runs; run++) {
            const bed = await startTestBed({ snapshot: { durationMs: 100 }, requestLogLimit: 1_000_000 });
            const client = new LightsailClient({
                endpoint: bed.emulator.url,
                region: COPY_TARGET,
                credentials: DUMMY_CREDENTIALS,
            });
            try {
                bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
                closeClients();
                await configureProvider();
                await diskSnapshot.create(await checkedInputs({ diskName: "Disk-1", diskSnapshotName: SOURCE }));
                // Both copies of this run take the same drawn time.
                bed.emulator.setSnapshotBehaviour({
                    durationMs: Math.round(options.copyMs * uniform(draw, 1 - spread, 1 + spread)),
                    curve: "linear",
                });
                const returnedAt: Partial<Record<CopyWaitRow["waiter"], number>> = {};
                const provider = async () => {
                    const inputs = await checkedDiskSnapshotCopyInputs({
                        sourceSnapshotName: SOURCE,
                        region: COPY_TARGET,
                        diskSnapshotName: names.provider,
                    });
                    await diskSnapshotCopy.create(inputs);
                    returnedAt.provider = Date.now();
                };
                const fixed = async () => {
                    await fixedPoller(client, names["fixed-5s"]);
                    returnedAt["fixed-5s"] = Date.now();
                };
                await Promise.all([provider(), fixed()]);
                const copies = bed.emulator.snapshots(COPY_TARGET);
                for (const waiter of ["provider", "fixed-5s"] as const) {
                    const copy = copies.find((s) => s.name === names[waiter]);
                    const ended = returnedAt[waiter];
                    if (!copy || ended === undefined) throw new Error(`no copy ${names[waiter]} in ${COPY_TARGET}`);
                    rows[waiter].lags.push(ended - (copy.createdAtMs + copy.durationMs));
                    rows[waiter].calls.push(
                        bed.emulator
                            .requests()
                            .filter(
                                (r) =>
                                    r.operation === "GetDiskSnapshot" &&
                                    (r.body as { diskSnapshotName?: string })?.diskSnapshotName === names[waiter],
                            ).length,
                    );
                }
            } finally {
                client.destroy();
                await bed.stop();
            }
            options.log(`realtime: copy run ${run + 1} of ${options.runs} done`);
        }
    });
    return (["provider", "fixed-5s"] as const).map((waiter) => ({
        waiter,
        lagsMs: rows[waiter].lags,
        calls: rows[waiter].calls,
        lag: summarize(rows[waiter].lags),
        call: summarize(rows[waiter].calls),
    }));
}
