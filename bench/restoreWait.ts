/**
 * Section 2's restore rows: a disk restored from a snapshot and attached to an instance
 * (DiskFromSnapshot), in real time against the emulator. A disk reports no progress, only its
 * state, so both of its waits (`pending` → `available`, then `attaching` → `attached`) are
 * progress-less. Each run gets an emulator of its own whose disk and attachment durations are
 * drawn (seeded) within ±20 % of the nominal ones, and on it the provider's own `create` and a
 * fixed 5 s poller (the Ansible schedule, through the same SDK: create, read, sleep 5 s while
 * pending; attach, read, sleep 5 s while attaching) restore and attach a disk side by side. Lags
 * come from the emulator: the disk's `readyAtMs` and its attachment's `attachSettlesAtMs`.
 */

import {
    AttachDiskCommand,
    CreateDiskFromSnapshotCommand,
    GetDiskCommand,
    LightsailClient,
} from "@aws-sdk/client-lightsail";
import { DUMMY_CREDENTIALS, REGION } from "../harness/account";
import { checkedDiskFromSnapshotInputs, checkedInputs, configureProvider } from "../harness/providerCalls";
import { seededRandom, uniform } from "../harness/random";
import { startTestBed } from "../harness/testBed";
import { sleep } from "../harness/time";
import { diskFromSnapshot, diskSnapshot } from "../provider/engine";
import { closeClients } from "../provider/lightsail";
import { withProviderQuiet } from "./sideBySide";
import { type Summary, summarize } from "./stats";
import { VIRTUAL_DEFAULTS } from "./virtualTime";

/** Options of {@link runRestoreWait}. */
export interface RestoreWaitOptions {
    /** Nominal time a restored disk stays `pending`, ms. */
    diskMs: number;
    /** Nominal time an attachment stays `attaching`, ms. */
    attachMs: number;
    /** Runs (each restores one disk per waiter). */
    runs: number;
    /** Seed of the drawn durations. */
    seed?: number;
    log: (line: string) => void;
}

/** One waiter over all runs. */
export interface RestoreWaitRow {
    waiter: "provider" | "fixed-5s";
    /** From the disk becoming `available` to AttachDisk reaching Lightsail, per run (ms). */
    availableLagsMs: number[];
    /** From the attachment settling to the waiter returning, per run (ms). */
    attachedLagsMs: number[];
    /** GetDisk calls naming the disk, per run. */
    calls: number[];
    availableLag: Summary;
    attachedLag: Summary;
    call: Summary;
}

const ZONE = `${REGION}a`;
const INSTANCE = "WordPress-1";
const SOURCE = "bench-source";

/** The Ansible-style waiter through the SDK: read once, then read and sleep 5 s while `pending` (`attaching`). */
async function fixedPoller(client: LightsailClient, diskName: string): Promise<void> {
    await client.send(
        new CreateDiskFromSnapshotCommand({ diskName, diskSnapshotName: SOURCE, availabilityZone: ZONE, sizeInGb: 32 }),
    );
    const read = async () => (await client.send(new GetDiskCommand({ diskName }))).disk;
    while ((await read())?.state === "pending") await sleep(5_000);
    await client.send(new AttachDiskCommand({ diskName, instanceName: INSTANCE, diskPath: "/dev/xvdg" }));
    while ((await read())?.attachmentState !== "attached") await sleep(5_000);
}

/** Runs the restore rows of section 2. */
export async function runRestoreWait(options: RestoreWaitOptions): Promise<RestoreWaitRow[]> {
    const draw = seededRandom((options.seed ?? VIRTUAL_DEFAULTS.seed) + 7);
    const spread = VIRTUAL_DEFAULTS.durationSpread;
    const rows: Record<RestoreWaitRow["waiter"], { available: number[]; attached: number[]; calls: number[] }> = {
        provider: { available: [], attached: [], calls: [] },
        "fixed-5s": { available: [], attached: [], calls: [] },
    };
    await withProviderQuiet("DiskFromSnapshot ", async () => {
        for (let run = 0; run < options.runs; run++) {
            const bed = await startTestBed({
                snapshot: { durationMs: 100 },
                resourceDurationMs: Math.round(options.diskMs * uniform(draw, 1 - spread, 1 + spread)),
                attachmentDurationMs: Math.round(options.attachMs * uniform(draw, 1 - spread, 1 + spread)),
                requestLogLimit: 1_000_000,
            });
            const client = new LightsailClient({
                endpoint: bed.emulator.url,
                region: REGION,
                credentials: DUMMY_CREDENTIALS,
            });
            try {
                bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
                bed.emulator.seedInstance({ name: INSTANCE, region: REGION });
                closeClients();
                await configureProvider();
                await diskSnapshot.create(await checkedInputs({ diskName: "Disk-1", diskSnapshotName: SOURCE }));
                const returnedAt: Record<string, number> = {};
                const provider = async () => {
                    const inputs = await checkedDiskFromSnapshotInputs({
                        diskSnapshotName: SOURCE,
                        availabilityZone: ZONE,
                        diskName: "rs-provider",
                        attachTo: { instanceName: INSTANCE, diskPath: "/dev/xvdf" },
                    });
                    await diskFromSnapshot.create(inputs);
                    returnedAt["rs-provider"] = Date.now();
                };
                const fixed = async () => {
                    await fixedPoller(client, "rs-fixed");
                    returnedAt["rs-fixed"] = Date.now();
                };
                await Promise.all([provider(), fixed()]);
                const disks = bed.emulator.core.world.read(REGION).disks;
                for (const [waiter, name] of [
                    ["provider", "rs-provider"],
                    ["fixed-5s", "rs-fixed"],
                ] as const) {
                    const disk = disks[name];
                    const ended = returnedAt[name];
                    if (!disk?.attachment || ended === undefined) throw new Error(`no attached disk ${name}`);
                    rows[waiter].available.push(disk.attachment.attachedAtMs - disk.readyAtMs);
                    rows[waiter].attached.push(ended - disk.attachment.attachSettlesAtMs);
                    rows[waiter].calls.push(
                        bed.emulator
                            .requests()
                            .filter(
                                (r) =>
                                    r.operation === "GetDisk" && (r.body as { diskName?: string })?.diskName === name,
                            ).length,
                    );
                }
            } finally {
                client.destroy();
                await bed.stop();
            }
            options.log(`realtime: restore run ${run + 1} of ${options.runs} done`);
        }
    });
    return (["provider", "fixed-5s"] as const).map((waiter) => ({
        waiter,
        availableLagsMs: rows[waiter].available,
        attachedLagsMs: rows[waiter].attached,
        calls: rows[waiter].calls,
        availableLag: summarize(rows[waiter].available),
        attachedLag: summarize(rows[waiter].attached),
        call: summarize(rows[waiter].calls),
    }));
}
