/**
 * Writing a generated report: the Markdown (or JSON) goes to its file and is laid out by the
 * project's formatter (Biome aligns the tables), so that `npm run lint` stays clean after a run.
 *
 * @module
 */

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./repo";

/** Where the generated reports live. */
export const REPORTS_DIR = path.join(REPO_ROOT, "docs");

/**
 * Writes `markdown` (or any text Biome formats, such as JSON) to `file`, creating its folder, and
 * formats it with Biome.
 *
 * @returns `undefined`, or why it could not be formatted (it is then left as rendered).
 */
export function writeReport(file: string, markdown: string): string | undefined {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, markdown);
    try {
        execFileSync(path.join(REPO_ROOT, "node_modules", ".bin", "biome"), ["format", "--write", file], {
            cwd: REPO_ROOT,
            stdio: ["ignore", "ignore", "pipe"],
        });
        return undefined;
    } catch (error) {
        return (error as Error).message.split("\n")[0];
    }
}
