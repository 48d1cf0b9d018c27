/**
 * The emulator CLI as a child process: compiled once to plain JavaScript so that it starts
 * quickly, then started with the caller's flags and its base URL read from its first line.
 *
 * @module
 */

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { REPO_ROOT } from "./repo";

let compiledCli: string | undefined;

/** The repository's `.ts` files the emulator loads: everything under `emulator/`, and what it imports from elsewhere. */
function emulatorSources(): string[] {
    const files = readdirSync(join(REPO_ROOT, "emulator"), { recursive: true, encoding: "utf8" })
        .filter((name) => name.endsWith(".ts"))
        .map((name) => join("emulator", name));
    const seen = new Set(files);
    for (let i = 0; i < files.length; i++) {
        const file = files[i] ?? "";
        const text = readFileSync(join(REPO_ROOT, file), "utf8");
        for (const [, specifier] of text.matchAll(/from "(\.{1,2}\/[^"]+)"/g)) {
            const target = relative(REPO_ROOT, resolve(REPO_ROOT, dirname(file), `${specifier}.ts`));
            if (!seen.has(target) && existsSync(join(REPO_ROOT, target))) {
                seen.add(target);
                files.push(target);
            }
        }
    }
    return files;
}

/**
 * Transpiles the emulator's `.ts` files ({@link emulatorSources}) to CommonJS in a temporary
 * directory, laid out as in the repository (TypeScript's `transpileModule`, no type check), and
 * returns the path of `emulator/cli.js`, so child processes start in plain node quickly.
 */
export function compiledEmulatorCli(): string {
    if (compiledCli !== undefined && existsSync(compiledCli)) {
        return compiledCli;
    }
    // Loaded lazily: only the child-process tests need the compiler.
    const ts = require("typescript") as typeof import("typescript");
    const out = mkdtempSync(join(tmpdir(), "lightsail-emulator-js-"));
    for (const name of emulatorSources()) {
        const text = readFileSync(join(REPO_ROOT, name), "utf8");
        const result = ts.transpileModule(text, {
            compilerOptions: {
                module: ts.ModuleKind.CommonJS,
                target: ts.ScriptTarget.ES2022,
                esModuleInterop: true,
            },
            fileName: name,
        });
        const target = join(out, name.replace(/\.ts$/, ".js"));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, result.outputText);
    }
    compiledCli = join(out, "emulator", "cli.js");
    return compiledCli;
}

/** A running emulator CLI. */
export interface EmulatorProcess {
    /** The process (end it with a signal). */
    child: ChildProcess;
    /** The base URL it printed. */
    url: string;
}

/**
 * Starts the compiled emulator CLI with `args` (`--port 0` lets it choose a port) and resolves once
 * it has printed its base URL.
 *
 * @throws Error (rejects) when it exits first, with what it wrote to stderr.
 */
export function startEmulatorProcess(args: readonly string[]): Promise<EmulatorProcess> {
    const child = spawn(process.execPath, [compiledEmulatorCli(), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    return new Promise((resolvePromise, reject) => {
        let out = "";
        let err = "";
        child.stdout?.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            const line = out.split("\n")[0];
            if (out.includes("\n") && line) resolvePromise({ child, url: line.trim() });
        });
        child.stderr?.on("data", (chunk: Buffer) => {
            err += chunk.toString();
        });
        child.on("exit", (code) => reject(new Error(`emulator exited early (${code}): ${err.trim()}`)));
    });
}
