/**
 * The package as users get it: built, packed with `npm pack`, and unpacked into a consumer
 * folder's node_modules. Done once per test process and shared by the suites that need it.
 * Consumer folders live under `.cache/` inside the repository, so the package's own
 * dependencies (`@pulumi/pulumi`, `@aws-sdk/client-lightsail`) resolve from the repository's
 * node_modules by Node's ordinary lookup, with no network.
 */

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEV_PULUMI_VERSION, REPO_ROOT } from "./repo";

let packed: { tarball: string; files: string[] } | undefined;

/** Builds and packs the package once; returns the tarball and the files it holds. */
export function packedPackage(): { tarball: string; files: string[] } {
    if (packed) return packed;
    fs.mkdirSync(path.join(REPO_ROOT, ".cache"), { recursive: true });
    execFileSync("npm", ["run", "--silent", "build"], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
    const destination = fs.mkdtempSync(path.join(REPO_ROOT, ".cache", "pack-"));
    const output = execFileSync("npm", ["pack", "--json", "--pack-destination", destination], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
    });
    const [info] = JSON.parse(output) as { filename: string; files: { path: string }[] }[];
    packed = { tarball: path.join(destination, info.filename), files: info.files.map((f) => f.path).sort() };
    return packed;
}

const consumers = new Map<string, string>();

/**
 * A consumer folder under `.cache/` where the packed package is installed as users install it
 * (`npm install <tarball> @pulumi/pulumi@<version>`, from npm's cache when it can). Programs put in
 * its subfolders resolve the package from its node_modules. Made once per process and version.
 */
export function consumerWithPackage(pulumiVersion = DEV_PULUMI_VERSION): string {
    const existing = consumers.get(pulumiVersion);
    if (existing) return existing;
    const { tarball } = packedPackage();
    const dir = fs.mkdtempSync(path.join(REPO_ROOT, ".cache", "consumer-"));
    // A package.json of its own: without it the folder is inside the repository's package scope,
    // and Node would resolve the package name to the repository itself (self-reference).
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    execFileSync(
        "npm",
        [
            "install",
            "--prefer-offline",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            tarball,
            `@pulumi/pulumi@${pulumiVersion}`,
        ],
        { cwd: dir, stdio: ["ignore", "ignore", "inherit"] },
    );
    consumers.set(pulumiVersion, dir);
    return dir;
}
