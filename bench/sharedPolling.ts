/**
 * Section 6: shared polling. N snapshots created together in one `pulumi up` (the real engine, the
 * installed package, the emulator), once with every wait reading alone (`LIGHTSAIL_SNAPSHOT_SHARED_READS=off`)
 * and once per emulator page size with waits sharing their reads, at the engine's default
 * `--parallel` and at a higher one. Read calls come from the emulator's request log. Each
 * snapshot's lag is the time from its completion to the first answer that showed it completed: a
 * GetDiskSnapshot naming it, or a GetDiskSnapshots page listing it (which page a call answered is
 * recomputed with the emulator's own paging, from the snapshots that existed when it arrived).
 */

import type { RequestLogEntry } from "../emulator";
import { listPage } from "../emulator/handlers/paging";
import { REGION } from "../harness/account";
import { startTestBed } from "../harness/testBed";
import { DISK_SNAPSHOT_TYPE } from "../provider";
import { SHARED_READS_ENV } from "../provider/lightsail/wait";
import { type EngineBed, timed } from "./engine";
import { median } from "./stats";

/** Options of {@link runSharedPolling}. */
export interface SharedPollingOptions {
    /** Snapshots created together. */
    counts: readonly number[];
    /** `--parallel` values; undefined in the list stands for the engine's default. */
    parallel: readonly (number | undefined)[];
    /** Emulator page sizes of GetDiskSnapshots. */
    pageSizes: readonly number[];
    /** How long each snapshot takes (linear progress, as Lightsail reports it). */
    snapshotDurationMs: number;
    log: (line: string) => void;
}

/** One `pulumi up`. */
export interface SharedPollingRow {
    count: number;
    /** `--parallel`; undefined: the engine's default. */
    parallel?: number;
    /** `alone`: every wait reads alone; `shared`: waits share their reads. */
    mode: "alone" | "shared";
    /** The emulator's page size (it matters only when shared). */
    pageSize: number;
    exitCode: number;
    wallMs: number;
    /** GetDiskSnapshot calls. */
    singleReads: number;
    /** GetDiskSnapshots calls. */
    pageReads: number;
    /** Median and 95th percentile of the snapshots' lags, ms. */
    lagP50Ms: number;
    lagP95Ms: number;
    /** Snapshots in the state after `up`. */
    inState: number;
}

interface SnapshotFacts {
    name: string;
    createdAtMs: number;
    completedAtMs: number;
}

/** When each snapshot was first seen completed (answer time, ms), from the request log. */
export function firstSeenCompleted(
    entries: readonly RequestLogEntry[],
    snapshots: readonly SnapshotFacts[],
    pageSize: number,
): Map<string, number> {
    const byName = new Map(snapshots.map((s) => [s.name, s]));
    const seen = new Map<string, number>();
    const note = (name: string, entry: RequestLogEntry) => {
        const snapshot = byName.get(name);
        if (!snapshot || entry.time < snapshot.completedAtMs) return;
        const answeredAt = entry.time + (entry.latencyMs ?? 0);
        if (answeredAt < (seen.get(name) ?? Number.POSITIVE_INFINITY)) seen.set(name, answeredAt);
    };
    for (const entry of entries) {
        if (entry.status !== 200) continue;
        const body = (entry.body ?? {}) as { diskSnapshotName?: string; pageToken?: string };
        if (entry.operation === "GetDiskSnapshot" && body.diskSnapshotName) note(body.diskSnapshotName, entry);
        if (entry.operation === "GetDiskSnapshots") {
            const existing = snapshots.filter((s) => s.createdAtMs <= entry.time);
            const page = listPage(
                {
                    name: "DiskSnapshot",
                    member: "names",
                    items: existing,
                    sortKey: (s) => ({ createdAtMs: s.createdAtMs, tieBreaker: s.name }),
                    render: (s) => ({ name: s.name }),
                },
                pageSize,
                body.pageToken,
            ) as { names: { name: string }[] };
            for (const { name } of page.names) note(name, entry);
        }
    }
    return seen;
}

const quantile = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

let stackCounter = 0;

/** Runs section 6: every count and parallelism alone once, and shared once per page size. */
export async function runSharedPolling(engine: EngineBed, options: SharedPollingOptions): Promise<SharedPollingRow[]> {
    const rows: SharedPollingRow[] = [];
    const cwd = engine.programs.package;
    for (const pageSize of options.pageSizes) {
        const bed = await startTestBed({
            pageSize,
            snapshot: { durationMs: options.snapshotDurationMs, curve: "linear" },
            requestLogLimit: 10_000_000,
        });
        try {
            const modes: SharedPollingRow["mode"][] =
                pageSize === options.pageSizes[0] ? ["alone", "shared"] : ["shared"];
            for (const count of options.counts) {
                for (const parallel of options.parallel) {
                    for (const mode of modes) {
                        bed.emulator.reset();
                        bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
                        const stack = `sp${process.pid}-${++stackCounter}`;
                        const env = {
                            BENCH_COUNT: String(count),
                            AWS_ENDPOINT_URL_LIGHTSAIL: bed.emulator.url,
                            [SHARED_READS_ENV]: mode === "alone" ? "off" : "on",
                        };
                        const run = (args: string[], allowFailure = false) =>
                            engine.ws.run([...args, "--stack", stack], {
                                cwd,
                                env,
                                allowFailure,
                                timeoutMs: 60 * 60_000,
                            });
                        await engine.ws.run(["stack", "init", stack, "--secrets-provider", "passphrase"], { cwd, env });
                        try {
                            bed.emulator.clearRequests();
                            const parallelArgs = parallel === undefined ? [] : ["--parallel", String(parallel)];
                            const { ms, result } = await timed(() =>
                                run(["up", "--yes", "--skip-preview", ...parallelArgs], true),
                            );
                            const log = bed.emulator.requests();
                            const facts = bed.emulator.snapshots(REGION).map((s) => ({
                                name: s.name,
                                createdAtMs: s.createdAtMs,
                                completedAtMs: s.createdAtMs + s.durationMs,
                            }));
                            const seen = firstSeenCompleted(log, facts, pageSize);
                            const lags = facts.flatMap((f) => {
                                const at = seen.get(f.name);
                                return at === undefined ? [] : [at - f.completedAtMs];
                            });
                            const state = JSON.parse((await run(["stack", "export"])).stdout) as {
                                deployment?: { resources?: { type: string }[] };
                            };
                            const row: SharedPollingRow = {
                                count,
                                parallel,
                                mode,
                                pageSize,
                                exitCode: result.code,
                                wallMs: ms,
                                singleReads: log.filter((e) => e.operation === "GetDiskSnapshot").length,
                                pageReads: log.filter((e) => e.operation === "GetDiskSnapshots").length,
                                lagP50Ms: median(lags),
                                lagP95Ms: quantile(lags, 0.95),
                                inState: (state.deployment?.resources ?? []).filter(
                                    (r) => r.type === DISK_SNAPSHOT_TYPE,
                                ).length,
                            };
                            rows.push(row);
                            options.log(
                                `shared polling: N=${count} parallel=${parallel ?? "default"} ${mode} page ${pageSize}: ${row.singleReads}+${row.pageReads} reads, lag p50 ${(row.lagP50Ms / 1000).toFixed(2)} s, ${(ms / 1000).toFixed(0)} s`,
                            );
                        } finally {
                            // State only: the emulator is reset before the next run.
                            await engine.ws.run(["stack", "rm", stack, "--yes", "--force"], {
                                cwd,
                                env,
                                allowFailure: true,
                            });
                        }
                    }
                }
            }
        } finally {
            await bed.stop();
        }
    }
    return rows;
}
