/**
 * Peak resident memory of the dynamic-provider plugin, read from /proc while a command runs. The
 * plugin is `node .../@pulumi/pulumi/cmd/dynamic-provider`, started by the engine in the program's
 * folder; the folder tells our plugin apart from any other on a shared machine. `VmHWM` is the
 * kernel's own high-water mark of the process's RSS, so sampling every 100 ms loses nothing but
 * growth in the last 100 ms before the engine stops the plugin.
 */

import * as fs from "node:fs";

function readOr(file: string): string | undefined {
    try {
        return fs.readFileSync(file, "utf8");
    } catch {
        return undefined;
    }
}

/** Plugin processes running in `cwd`, with their peak RSS in kB. */
function pluginPeaks(cwd: string): Map<number, number> {
    const peaks = new Map<number, number>();
    let entries: string[];
    try {
        entries = fs.readdirSync("/proc");
    } catch {
        return peaks;
    }
    for (const entry of entries) {
        if (!/^\d+$/.test(entry)) continue;
        const cmdline = readOr(`/proc/${entry}/cmdline`);
        if (!cmdline?.includes("dynamic-provider")) continue;
        let processCwd: string | undefined;
        try {
            processCwd = fs.readlinkSync(`/proc/${entry}/cwd`);
        } catch {
            continue;
        }
        if (processCwd !== cwd) continue;
        const hwm = /VmHWM:\s+(\d+)\s+kB/.exec(readOr(`/proc/${entry}/status`) ?? "");
        if (hwm) peaks.set(Number(entry), Number(hwm[1]));
    }
    return peaks;
}

/** A running sampler. */
export interface RssSampler {
    /** Stops sampling; the largest peak RSS (bytes) seen of any plugin process, or undefined if none was seen. */
    stop(): number | undefined;
}

/** Whether /proc can be read here (Linux). */
export function procAvailable(): boolean {
    return fs.existsSync("/proc/self/status");
}

/** Samples the plugin's peak RSS every `intervalMs` until stopped. */
export function sampleProviderRss(cwd: string, intervalMs = 100): RssSampler {
    const realCwd = fs.realpathSync(cwd);
    let peakKb: number | undefined;
    const sample = () => {
        for (const kb of pluginPeaks(realCwd).values()) peakKb = Math.max(peakKb ?? 0, kb);
    };
    const timer = setInterval(sample, intervalMs);
    return {
        stop: () => {
            clearInterval(timer);
            sample();
            return peakKb === undefined ? undefined : peakKb * 1024;
        },
    };
}
