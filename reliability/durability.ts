/**
 * Emulator durability: the emulator CLI runs as a child process with `--state`, four clients
 * write to it (CreateDiskSnapshot, TagResource, UntagResource, DeleteDiskSnapshot, admin
 * `set-snapshot-tags`), and it is SIGKILLed at a seeded random moment, round after round on the
 * same state file. After every kill the file must parse, the next round's emulator must start
 * from it, and every write that was acknowledged (answered 200) must be in it. Writes in flight
 * at the kill may land or not; the file then decides. The approach of the emulator's own kill test
 * (test/emulator/persistence.test.ts), with more rounds and more kinds of writes.
 *
 * @module
 */

import * as fs from "node:fs";
import { Agent } from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { apiHeaders, rawRequest } from "../harness/emulatorClient";
import { type EmulatorProcess, startEmulatorProcess } from "../harness/emulatorProcess";
import { Rng } from "../harness/random";
import { sleep } from "../harness/time";
import type { SectionOptions } from "./lane";

/** The durability section's results. */
export interface DurabilityReport {
    rounds: number;
    /** Kills that happened while at least one write was in flight. */
    killsMidWrite: number;
    /** Writes acknowledged (HTTP 200). */
    acknowledged: number;
    /** Writes in flight at a kill (outcome decided by the file). */
    inFlightAtKill: number;
    /** Rounds whose state file did not parse. */
    unreadable: number;
    /** Rounds whose emulator did not start from the previous state file. */
    failedStarts: number;
    /** Acknowledged writes missing from the state file after a kill. */
    lost: number;
    /** Temporary files left next to the state file after a restart removed stale ones. */
    strayTemporaries: number;
    /** Details of the first problems. */
    problems: string[];
    durationMs: number;
}

interface StateFile {
    regions: Record<string, { snapshots: Record<string, { tags: { key: string; value?: string }[] }> }>;
}

/** What the file must say about a snapshot name: present with these tags, or absent. */
interface Expected {
    exists: boolean;
    tags?: Record<string, string>;
}

function tagsOf(list: { key: string; value?: string }[] | undefined): Record<string, string> {
    return Object.fromEntries((list ?? []).map((t) => [t.key, t.value ?? ""]));
}

/** Kills the emulator `rounds` times while it writes. */
export async function runDurability(
    rounds: number,
    seed: number,
    options: SectionOptions = {},
): Promise<DurabilityReport> {
    const started = Date.now();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reliability-durability-"));
    const statePath = path.join(dir, "state.json");
    const seedPath = path.join(dir, "seed.json");
    const region = "us-west-2";
    fs.writeFileSync(seedPath, JSON.stringify({ [region]: { disks: [{ name: "Disk-1" }] } }));
    const args = ["--port", "0", "--state", statePath, "--seed", seedPath, "--snapshot-duration", "50"];
    const rng = new Rng(seed);
    const acked = new Map<string, Expected>();
    let ambiguous = new Set<string>();
    let counter = 0;
    const report: DurabilityReport = {
        rounds: 0,
        killsMidWrite: 0,
        acknowledged: 0,
        inFlightAtKill: 0,
        unreadable: 0,
        failedStarts: 0,
        lost: 0,
        strayTemporaries: 0,
        problems: [],
        durationMs: 0,
    };
    const problem = (text: string) => {
        if (report.problems.length < 10) report.problems.push(text);
    };

    try {
        for (let round = 0; round < rounds; round++) {
            if (round % 10 === 0) options.log?.(`durability: round ${round}`);
            let launched: EmulatorProcess;
            try {
                launched = await startEmulatorProcess(args);
            } catch (error) {
                report.failedStarts += 1;
                problem(`round ${round}: ${(error as Error).message}`);
                break;
            }
            const { child, url } = launched;
            const stray = fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"));
            report.strayTemporaries += stray.length;
            const exited = new Promise((r) => child.on("exit", r));
            const agent = new Agent({ keepAlive: true, maxSockets: 4 });
            const inflight = new Set<string>();
            let killed = false;

            const worker = async (): Promise<void> => {
                while (!killed) {
                    const existing = [...acked].filter(([n, s]) => s.exists && !inflight.has(n)).map(([n]) => n);
                    const roll = rng.random();
                    const pick = () => existing[Math.floor(rng.random() * existing.length)] as string;
                    let name: string;
                    let target: string;
                    let body: unknown;
                    let after: Expected;
                    let adminPath: string | undefined;
                    if (roll < 0.45 || existing.length === 0) {
                        counter += 1;
                        name = `k-${counter}`;
                        target = "CreateDiskSnapshot";
                        body = { diskName: "Disk-1", diskSnapshotName: name, tags: [{ key: "v", value: "0" }] };
                        after = { exists: true, tags: { v: "0" } };
                    } else if (roll < 0.65) {
                        name = pick();
                        const value = String(counter++);
                        target = "TagResource";
                        body = { resourceName: name, tags: [{ key: "v", value }] };
                        after = { exists: true, tags: { ...acked.get(name)?.tags, v: value } };
                    } else if (roll < 0.75) {
                        name = pick();
                        target = "UntagResource";
                        body = { resourceName: name, tagKeys: ["v"] };
                        const { v: _v, ...rest } = acked.get(name)?.tags ?? {};
                        after = { exists: true, tags: rest };
                    } else if (roll < 0.85) {
                        name = pick();
                        const value = `admin-${counter++}`;
                        target = "set-snapshot-tags";
                        adminPath = "/_emulator/set-snapshot-tags";
                        body = { name, region, tags: [{ key: "v", value }] };
                        after = { exists: true, tags: { v: value } };
                    } else {
                        name = pick();
                        target = "DeleteDiskSnapshot";
                        body = { diskSnapshotName: name };
                        after = { exists: false };
                    }
                    inflight.add(name);
                    try {
                        const headers = adminPath ? { "content-type": "application/json" } : apiHeaders(target, region);
                        const { status } = await rawRequest(url, {
                            path: adminPath ?? "/",
                            headers,
                            body: JSON.stringify(body),
                            agent,
                        });
                        if (status !== 200) {
                            problem(`round ${round}: ${target} ${name} answered ${status}`);
                            inflight.delete(name);
                            continue;
                        }
                        acked.set(name, after);
                        report.acknowledged += 1;
                        inflight.delete(name);
                    } catch (error) {
                        if (!killed) problem(`round ${round}: ${target} ${name}: ${(error as Error).message}`);
                        return; // the connection died with the process: the outcome is unknown
                    }
                }
            };

            const workers = Array.from({ length: 4 }, () => worker());
            // Kill after a random number of this round's writes were acknowledged (so a slow,
            // loaded machine still kills mid-stream), then a random few milliseconds more.
            const ackTarget = report.acknowledged + rng.int(1, 12);
            const waitUntil = Date.now() + 5_000;
            while (report.acknowledged < ackTarget && Date.now() < waitUntil) await sleep(2);
            await sleep(rng.int(0, 40));
            if (inflight.size > 0) report.killsMidWrite += 1;
            killed = true;
            child.kill("SIGKILL");
            await exited;
            await Promise.allSettled(workers);
            agent.destroy();
            report.inFlightAtKill += inflight.size;
            ambiguous = new Set([...ambiguous, ...inflight]);
            report.rounds += 1;

            let state: StateFile;
            try {
                state = JSON.parse(fs.readFileSync(statePath, "utf8")) as StateFile;
            } catch (error) {
                report.unreadable += 1;
                problem(`round ${round}: the state file does not parse: ${(error as Error).message}`);
                break;
            }
            const snapshots = state.regions[region]?.snapshots ?? {};
            for (const [name, expected] of acked) {
                if (ambiguous.has(name)) continue;
                const stored = snapshots[name];
                const ok =
                    Boolean(stored) === expected.exists &&
                    (expected.tags === undefined ||
                        JSON.stringify(Object.entries(tagsOf(stored?.tags)).sort()) ===
                            JSON.stringify(Object.entries(expected.tags).sort()));
                if (!ok) {
                    report.lost += 1;
                    problem(
                        `round ${round}: ${name}: expected ${JSON.stringify(expected)}, file has ${JSON.stringify(stored ?? null)}`,
                    );
                    acked.set(name, stored ? { exists: true, tags: tagsOf(stored.tags) } : { exists: false });
                }
            }
            // Writes in flight at the kill: whatever the file says is now the truth.
            for (const name of ambiguous) {
                const stored = snapshots[name];
                acked.set(name, stored ? { exists: true, tags: tagsOf(stored.tags) } : { exists: false });
            }
            ambiguous = new Set();
        }
        // One more start: the last file must load too.
        try {
            const last = await startEmulatorProcess(args);
            const gone = new Promise((r) => last.child.on("exit", r));
            last.child.kill("SIGTERM");
            await gone;
        } catch (error) {
            report.failedStarts += 1;
            problem(`final start: ${(error as Error).message}`);
        }
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
    report.durationMs = Date.now() - started;
    return report;
}
