/**
 * harness/ is what test/, bench/ and reliability/ share, so it must not depend on any of them, and
 * it is not part of the published package.
 */

import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../harness/repo";

const HARNESS = path.join(REPO_ROOT, "harness");
const FORBIDDEN = ["test", "bench", "reliability"];

/** Every module specifier of a TypeScript source: static and dynamic imports, re-exports, requires. */
function specifiers(source: string): string[] {
    const found: string[] = [];
    const patterns = [
        /\b(?:import|export)\b[^"'`;]*?\bfrom\s*["']([^"']+)["']/g,
        /\bimport\s*["']([^"']+)["']/g,
        /\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g,
    ];
    for (const pattern of patterns) {
        for (const match of source.matchAll(pattern)) found.push(match[1] as string);
    }
    return found;
}

function harnessSources(): string[] {
    return fs
        .readdirSync(HARNESS, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && /\.(ts|js)$/.test(entry.name))
        .map((entry) => path.join(entry.parentPath, entry.name));
}

describe("harness/ boundaries", () => {
    it("finds the module specifiers of every kind of import", () => {
        const source = [
            'import { a } from "./a";',
            'import type { B } from "../b";',
            'export { c } from "./c";',
            'import "./d";',
            'const e = require("./e");',
            'const f = await import("./f");',
        ].join("\n");
        assert.deepEqual(specifiers(source).sort(), ["../b", "./a", "./c", "./d", "./e", "./f"]);
    });

    it("never imports from test/, bench/ or reliability/", () => {
        const sources = harnessSources();
        assert.ok(sources.length > 10, `only ${sources.length} files in harness/`);
        const offenders: string[] = [];
        for (const file of sources) {
            for (const specifier of specifiers(fs.readFileSync(file, "utf8"))) {
                if (!specifier.startsWith(".")) continue;
                const target = path.relative(REPO_ROOT, path.resolve(path.dirname(file), specifier));
                const top = target.split(path.sep)[0] ?? "";
                if (FORBIDDEN.includes(top)) offenders.push(`${path.relative(REPO_ROOT, file)} imports ${specifier}`);
            }
        }
        assert.deepEqual(offenders, []);
    });

    it("is not published", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { files: string[] };
        assert.deepEqual(
            pkg.files.filter((pattern) => pattern.split("/").includes("harness")),
            [],
        );
    });
});
