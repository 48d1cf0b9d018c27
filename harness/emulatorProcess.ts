/**
 * The emulator CLI as a child process: compiled once to plain JavaScript so that it starts
 * quickly, then started with the caller's flags and its base URL read from its first line.
 *
 * @module
 */

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "./repo";

let compiledCli: string | undefined;

/**
 * Transpiles the `.ts` files under `emulator/` (subfolders included) to CommonJS in a temporary directory (TypeScript's `transpileModule`,
 * no type check) and returns the path of `cli.js`, so child processes start in plain node quickly.
 */
export function compiledEmulatorCli(): string {
    if (compiledCli !== undefined && existsSync(compiledCli)) {
        return compiledCli;
    }
    // Loaded lazily: only the child-process tests need the compiler.
    const ts = require("typescript") as typeof import("typescript");
    const source = join(REPO_ROOT, "emulator");
    const out = mkdtempSync(join(tmpdir(), "lightsail-emulator-js-"));
    for (const name of readdirSync(source, { recursive: true, encoding: "utf8" })) {
        if (!name.endsWith(".ts")) {
            continue;
        }
        const text = readFileSync(join(source, name), "utf8");
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
    compiledCli = join(out, "cli.js");
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
