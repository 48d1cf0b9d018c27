/**
 * What the benchmark ran on: it is a shared, noisy machine, so the report says what it was and
 * how loaded it looked.
 */

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../harness/repo";

/** The machine and software versions. */
export interface MachineInfo {
    cpus: number;
    cpuModel: string;
    memoryBytes: number;
    os: string;
    node: string;
    pulumi?: string;
    languageHost?: string;
    pulumiSdk: string;
    awsSdk: string;
    commit: string;
    dirty: boolean;
    startedAt: string;
    loadAtStart: number[];
    loadAtEnd?: number[];
}

function installedVersion(name: string): string {
    try {
        return (
            JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules", name, "package.json"), "utf8")) as {
                version: string;
            }
        ).version;
    } catch {
        return "unknown";
    }
}

function git(args: string[]): string {
    try {
        return execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
    } catch {
        return "";
    }
}

/** Reads the machine; `binDir` is the Pulumi engine's bin folder, when the engine is used. */
export function machineInfo(binDir?: string): MachineInfo {
    const info: MachineInfo = {
        cpus: os.availableParallelism(),
        cpuModel: os.cpus()[0]?.model ?? "unknown",
        memoryBytes: os.totalmem(),
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
        pulumiSdk: installedVersion("@pulumi/pulumi"),
        awsSdk: installedVersion("@aws-sdk/client-lightsail"),
        commit: git(["rev-parse", "--short", "HEAD"]),
        dirty: git(["status", "--porcelain", "--", "provider", "emulator", "bench"]) !== "",
        startedAt: new Date().toISOString(),
        loadAtStart: os.loadavg(),
    };
    if (binDir) {
        try {
            info.pulumi = execFileSync(path.join(binDir, "pulumi"), ["version"], { encoding: "utf8" }).trim();
        } catch {
            info.pulumi = "unknown";
        }
        const stamp = path.join(binDir, "..", "stamp");
        info.languageHost = fs.existsSync(stamp)
            ? /language host (\S+)/.exec(fs.readFileSync(stamp, "utf8"))?.[1]
            : "from PATH";
    }
    return info;
}
