/**
 * Listing the files a run left behind (backend folders, plugin logs) for the suite's checks.
 *
 * @module
 */

import * as fs from "node:fs";
import * as path from "node:path";

/** Every regular file under `dir`, recursively; empty when `dir` cannot be read. */
export function filesUnder(dir: string): string[] {
    let entries: fs.Dirent[];
    try {
        entries = fs.readdirSync(dir, { withFileTypes: true, recursive: true });
    } catch {
        return [];
    }
    return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}
