/**
 * Interrupting a running `pulumi` command the way a user does: Ctrl-C reaches the whole
 * foreground process group (the CLI, the language host, the program and the provider plugin),
 * and a crash or `kill -9` ends them all at once.
 */

import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { PulumiWorkspace } from "./engine";

/** A `pulumi` command running in its own process group. */
export interface RunningCommand {
    /** The `pulumi` process. */
    readonly child: ChildProcess;
    /** Resolves when it exits, with its exit code (or -1 after a signal) and output. */
    readonly done: Promise<{ code: number; output: string }>;
    /** Sends a signal to the whole process group. */
    signal(name: NodeJS.Signals): void;
}

/** Starts `pulumi <args>` in `cwd` in a new process group, with the workspace's environment. */
export function startPulumi(ws: PulumiWorkspace, cwd: string, args: string[]): RunningCommand {
    const child = spawn(path.join(ws.binDir, "pulumi"), [...args, "--non-interactive", "--color", "never"], {
        cwd,
        env: ws.env,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
        output += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
        output += chunk;
    });
    const done = new Promise<{ code: number; output: string }>((resolve) => {
        child.once("close", (code) => resolve({ code: code ?? -1, output }));
    });
    return {
        child,
        done,
        signal: (name) => {
            if (child.pid === undefined) return;
            try {
                process.kill(-child.pid, name);
            } catch {
                // Already gone.
            }
        },
    };
}

/** The processes (other than this one) whose working directory is `dir` or below it. */
export function processesIn(dir: string): number[] {
    const pids: number[] = [];
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
        try {
            const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
            if (cwd === dir || cwd.startsWith(`${dir}/`)) pids.push(Number(entry));
        } catch {
            // Gone meanwhile, or not ours to read.
        }
    }
    return pids;
}

/** Whether a process is a dynamic-provider plugin (@pulumi/pulumi's `cmd/dynamic-provider`). */
function isProviderPlugin(pid: number): boolean {
    try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("cmd/dynamic-provider");
    } catch {
        return false;
    }
}

/**
 * Waits up to `timeoutMs` for the dynamic-provider plugins running in `dir` to end on their own
 * (after their engine was killed), and returns those still running.
 */
export async function pluginsOutliving(dir: string, timeoutMs: number): Promise<number[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const plugins = processesIn(dir).filter(isProviderPlugin);
        if (plugins.length === 0 || Date.now() >= deadline) return plugins;
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
}

/**
 * Kills every process whose working directory is `dir` or below it. After `kill -9` of the CLI the
 * language host and the program live on until their own health checks end them; a crash of the
 * machine would not leave them, so tests that simulate one end them too.
 */
export function killProcessesIn(dir: string): number {
    let killed = 0;
    for (const pid of processesIn(dir)) {
        try {
            process.kill(pid, "SIGKILL");
            killed++;
        } catch {
            // Gone meanwhile.
        }
    }
    return killed;
}
