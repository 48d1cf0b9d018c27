/**
 * The two faces' plugins side by side: how long each takes from `exec` until it prints its port
 * (the moment the engine can call it), and its resident memory then. The native plugin
 * (`bin/pulumi-resource-lightsail-snapshots`) loads every resource's methods at start; the
 * dynamic-provider plugin (`@pulumi/pulumi/cmd/dynamic-provider`, which every dynamic resource is
 * sent to) loads the package only when a resource's first call arrives, so its figure here is
 * before that. Both run from a consumer folder where the packed package is installed; runs alternate.
 */

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { consumerWithPackage } from "../harness/packageInstall";
import { PACKAGE_NAME } from "../harness/repo";
import { type Summary, summarize } from "./stats";

/** One plugin over all runs. */
export interface PluginStartupRow {
    plugin: "native" | "dynamic";
    /** From spawn to the port on stdout, per run (ms). */
    readyMs: number[];
    /** Resident set size when ready, per run (bytes). */
    rssBytes: number[];
    ready: Summary;
    rss: Summary;
}

/** Starts `script` with node in `cwd`, waits for its port, reads its RSS, and stops it. */
function startOnce(script: string, cwd: string): Promise<{ readyMs: number; rssBytes: number }> {
    return new Promise((resolve, reject) => {
        const started = performance.now();
        // Both take the engine's address as the engine passes it; nothing is called on it before a request.
        const child = spawn(process.execPath, [script, "127.0.0.1:1"], { cwd, stdio: ["ignore", "pipe", "ignore"] });
        let out = "";
        child.once("error", reject);
        child.once("exit", (code) => {
            if (!/^\d+\s/.test(out)) reject(new Error(`${script} exited (${code}) without printing a port`));
        });
        child.stdout.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            if (!/^\d+\s/.test(out)) return;
            const readyMs = performance.now() - started;
            const status = fs.readFileSync(`/proc/${child.pid}/status`, "utf8");
            const rssKb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
            child.kill("SIGKILL");
            child.once("exit", () => resolve({ readyMs, rssBytes: rssKb * 1024 }));
        });
    });
}

/** Measures both plugins `runs` times each, alternating. */
export async function runPluginStartup(options: {
    runs: number;
    log: (line: string) => void;
}): Promise<PluginStartupRow[]> {
    const consumer = consumerWithPackage();
    const scripts = {
        native: path.join(consumer, "node_modules", PACKAGE_NAME, "bin", "pulumi-resource-lightsail-snapshots"),
        dynamic: path.join(consumer, "node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js"),
    } as const;
    const rows = {
        native: { ready: [] as number[], rss: [] as number[] },
        dynamic: { ready: [] as number[], rss: [] as number[] },
    };
    for (let run = 0; run < options.runs; run++) {
        for (const plugin of run % 2 === 0 ? (["native", "dynamic"] as const) : (["dynamic", "native"] as const)) {
            const { readyMs, rssBytes } = await startOnce(scripts[plugin], consumer);
            rows[plugin].ready.push(readyMs);
            rows[plugin].rss.push(rssBytes);
        }
    }
    options.log(`plugins: ${options.runs} starts of each plugin done`);
    return (["native", "dynamic"] as const).map((plugin) => ({
        plugin,
        readyMs: rows[plugin].ready,
        rssBytes: rows[plugin].rss,
        ready: summarize(rows[plugin].ready),
        rss: summarize(rows[plugin].rss),
    }));
}
