/**
 * The state file: atomic, durable writes and tolerant reads.
 *
 * A write goes to a temporary file in the same directory, is fsynced, renamed over the state file,
 * and the directory is fsynced. Killing the process at any instant leaves either the old or the new
 * complete file (plus, at worst, a stale temporary file that the next start removes).
 *
 * @module
 */

import {
    closeSync,
    fsyncSync,
    openSync,
    readdirSync,
    readFileSync,
    renameSync,
    statSync,
    unlinkSync,
    writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";

let sequence = 0;

/** Identity of a file version, to notice writes by another process. */
export interface FileStamp {
    /** Inode number (a rename produces a new one). */
    ino: number;
    /** Modification time, ms. */
    mtimeMs: number;
    /** Size in bytes. */
    size: number;
}

function tempPrefix(path: string): string {
    return `.${basename(path)}.`;
}

/**
 * Atomically and durably replaces `path` with `data` serialized as JSON.
 *
 * @returns the stamp of the written file.
 */
export function writeStateFile(path: string, data: unknown): FileStamp {
    const dir = dirname(path);
    sequence += 1;
    const temp = join(dir, `${tempPrefix(path)}${process.pid}.${sequence}.tmp`);
    const text = `${JSON.stringify(data, null, 1)}\n`;
    const fd = openSync(temp, "w", 0o644);
    try {
        const buffer = Buffer.from(text, "utf8");
        let offset = 0;
        while (offset < buffer.length) {
            offset += writeSync(fd, buffer, offset, buffer.length - offset);
        }
        fsyncSync(fd);
    } finally {
        closeSync(fd);
    }
    try {
        renameSync(temp, path);
    } catch (err) {
        try {
            unlinkSync(temp);
        } catch {
            // already gone
        }
        throw err;
    }
    syncDirectory(dir);
    return stampOf(path) as FileStamp;
}

function syncDirectory(dir: string): void {
    let fd: number | undefined;
    try {
        fd = openSync(dir, "r");
        fsyncSync(fd);
    } catch {
        // Some platforms cannot fsync a directory; the rename is still atomic.
    } finally {
        if (fd !== undefined) {
            closeSync(fd);
        }
    }
}

/**
 * Reads and parses the state file.
 *
 * @returns the parsed JSON, or `undefined` when the file does not exist.
 * @throws Error when the file exists but is not valid JSON.
 */
export function readStateFile(path: string): unknown {
    let text: string;
    try {
        text = readFileSync(path, "utf8");
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") {
            return undefined;
        }
        throw err;
    }
    try {
        return JSON.parse(text) as unknown;
    } catch (err) {
        throw new Error(`state file ${path} is not valid JSON: ${(err as Error).message}`);
    }
}

/** The file's current stamp, or `undefined` when it does not exist. */
export function stampOf(path: string): FileStamp | undefined {
    try {
        const stats = statSync(path);
        return { ino: stats.ino, mtimeMs: stats.mtimeMs, size: stats.size };
    } catch {
        return undefined;
    }
}

/** Whether two stamps describe the same file version. */
export function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
    return a?.ino === b?.ino && a?.mtimeMs === b?.mtimeMs && a?.size === b?.size;
}

/** Removes temporary files a killed writer left next to `path`. */
export function removeStaleTemporaries(path: string): void {
    const dir = dirname(path);
    const prefix = tempPrefix(path);
    let names: string[];
    try {
        names = readdirSync(dir);
    } catch {
        return;
    }
    for (const name of names) {
        if (name.startsWith(prefix) && name.endsWith(".tmp")) {
            try {
                unlinkSync(join(dir, name));
            } catch {
                // another process may have removed it
            }
        }
    }
}
