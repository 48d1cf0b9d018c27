/**
 * Facts about this repository that the test, benchmark and reliability code share: where it is,
 * and what its package.json says.
 *
 * @module
 */

import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root (where package.json and `scripts/` are). */
export const REPO_ROOT = path.resolve(__dirname, "..");

const packageJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
    name: string;
    devDependencies: Record<string, string>;
};

/** The package name, as users `require` it. */
export const PACKAGE_NAME = packageJson.name;

/** The `@pulumi/pulumi` version the repository develops against. */
export const DEV_PULUMI_VERSION = packageJson.devDependencies["@pulumi/pulumi"] as string;
