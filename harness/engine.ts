/**
 * Helpers for end-to-end tests that drive the real Pulumi engine (`pulumi` CLI v3.274.1, the Node.js
 * language host and the dynamic-provider plugin) against a throw-away local `file://` backend.
 *
 * Every workspace gets its own temporary state directory and `PULUMI_HOME`, so tests never see each
 * other's stacks, plugins or credentials, and nothing touches the user's `~/.pulumi`. A typical test:
 *
 * ```ts
 * const ws = createPulumiWorkspace();
 * try {
 *     await ws.initStack(programDir, "dev");
 *     await ws.run(["up", "--yes"]);
 *     const state = await ws.exportStack();
 * } finally {
 *     await ws.cleanup();
 * }
 * ```
 *
 * The engine comes from `scripts/ensure-pulumi.sh` (built once into `.cache/`, see docs/engine-build.md).
 * A cold build takes minutes, so `scripts/test.sh` runs it before mocha and exports `PULUMI_BIN_DIR`;
 * tests run on their own should raise the timeout of the hook that first calls {@link pulumiBinDir}.
 *
 * @module
 */

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { REPO_ROOT } from "./repo";

/** The engine version the project is tested against. */
export const PULUMI_VERSION = "v3.274.1";

/** Executables a bin directory must hold for Node.js programs with dynamic resources. */
const REQUIRED_BINARIES = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"] as const;

/** Default time limit of one `pulumi` command, in milliseconds. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 180_000;

/** The passphrase protecting secrets in test stacks (a test value, not a secret). */
export const TEST_PASSPHRASE = "lightsail-disk-snapshot-tests";

let cachedBinDir: string | undefined;

/**
 * Returns the absolute path of a directory holding `pulumi`, `pulumi-language-nodejs` and
 * `pulumi-resource-pulumi-nodejs`.
 *
 * The first call in a process uses `PULUMI_BIN_DIR` when it names a directory with all three
 * executables (as `scripts/test.sh` exports), and otherwise runs `scripts/ensure-pulumi.sh`, which may
 * build the engine (minutes when cold, well under a second when cached). Later calls return the cached
 * answer. Build progress goes to this process's stderr.
 *
 * @throws Error when the script fails or prints a directory without the three executables.
 */
export function pulumiBinDir(): string {
    if (cachedBinDir !== undefined) {
        return cachedBinDir;
    }
    const fromEnv = process.env.PULUMI_BIN_DIR;
    if (fromEnv && hasEngineBinaries(fromEnv)) {
        cachedBinDir = resolve(fromEnv);
        return cachedBinDir;
    }
    const script = join(REPO_ROOT, "scripts", "ensure-pulumi.sh");
    const stdout = execFileSync("bash", [script], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        maxBuffer: 16 * 1024 * 1024,
    });
    const lines = stdout.trim().split("\n");
    const dir = lines[lines.length - 1]?.trim() ?? "";
    if (!dir || !hasEngineBinaries(dir)) {
        throw new Error(`scripts/ensure-pulumi.sh printed '${dir}', which lacks ${REQUIRED_BINARIES.join(", ")}`);
    }
    cachedBinDir = dir;
    return dir;
}

function hasEngineBinaries(dir: string): boolean {
    return REQUIRED_BINARIES.every((name) => existsSync(join(dir, name)));
}

/** What one `pulumi` command did. */
export interface RunResult {
    /** Exit code (`-1` when the process was killed by a signal, e.g. after a timeout). */
    code: number;
    /** Everything the command wrote to stdout. */
    stdout: string;
    /** Everything the command wrote to stderr. */
    stderr: string;
}

/** Options of {@link PulumiWorkspace.run}. */
export interface RunOptions {
    /** Working directory; defaults to the program directory of the last {@link PulumiWorkspace.initStack}. */
    cwd?: string;
    /** Extra environment for this command only (a value of `undefined` removes the variable). */
    env?: Record<string, string | undefined>;
    /** When true a non-zero exit code is returned instead of thrown. Timeouts always throw. */
    allowFailure?: boolean;
    /** Time limit in milliseconds (default {@link DEFAULT_COMMAND_TIMEOUT_MS}); then SIGINT, SIGKILL 5 s later. */
    timeoutMs?: number;
    /** Add `--non-interactive --color never` (default true). */
    nonInteractive?: boolean;
}

/** Options of {@link createPulumiWorkspace}. */
export interface PulumiWorkspaceOptions {
    /** Extra environment for every command (e.g. AWS endpoint and credentials for the emulator). */
    env?: Record<string, string>;
    /** Secrets passphrase (default {@link TEST_PASSPHRASE}). */
    passphrase?: string;
    /** Prefix of the temporary directory name (default `pulumi-ws-`). */
    prefix?: string;
    /** Bin directory to use instead of {@link pulumiBinDir}. */
    binDir?: string;
}

/** One resource of an exported deployment (the fields tests look at; the rest is kept as `unknown`). */
export interface ExportedResource {
    /** The resource URN. */
    urn: string;
    /** The resource type token, e.g. `pulumi-nodejs:dynamic:Resource`. */
    type: string;
    /** True for custom (provider-managed) resources. */
    custom?: boolean;
    /** Provider-assigned ID of custom resources. */
    id?: string;
    /** Input properties. */
    inputs?: Record<string, unknown>;
    /** Output properties. */
    outputs?: Record<string, unknown>;
    /** URN of the parent resource. */
    parent?: string;
    /** Provider reference (`<urn>::<id>`). */
    provider?: string;
    /** Other fields of the checkpoint format. */
    [key: string]: unknown;
}

/** The JSON printed by `pulumi stack export` (version 3 deployments). */
export interface StackExport {
    /** Deployment format version. */
    version: number;
    /** The deployment itself. */
    deployment: {
        /** Engine manifest: time, magic and engine version. */
        manifest?: { time?: string; magic?: string; version?: string };
        /** All resources in dependency order; absent when the stack is empty. */
        resources?: ExportedResource[];
        /** Operations the engine had started but not finished. */
        pending_operations?: unknown[];
        /** Other fields of the checkpoint format. */
        [key: string]: unknown;
    };
}

/** A stack created through {@link PulumiWorkspace.initStack}. */
export interface WorkspaceStack {
    /** Stack name as passed to `pulumi stack init`. */
    name: string;
    /** Program (project) directory the stack belongs to. */
    cwd: string;
}

/** What {@link PulumiWorkspace.cleanup} did. */
export interface CleanupReport {
    /** Stacks that still had resources and were destroyed. */
    destroyed: string[];
    /** Stacks removed with `pulumi stack rm`. */
    removed: string[];
    /** Everything that went wrong; empty when cleanup was complete. */
    errors: string[];
}

/** An isolated Pulumi environment: temporary file backend, temporary PULUMI_HOME, fixed env. */
export interface PulumiWorkspace {
    /** Directory holding the engine binaries (first on `PATH` in {@link env}). */
    readonly binDir: string;
    /** Root temporary directory; everything below it is deleted by {@link cleanup}. */
    readonly rootDir: string;
    /** Directory of the `file://` backend. */
    readonly backendDir: string;
    /** `file://` URL of the backend (also in `PULUMI_BACKEND_URL`). */
    readonly backendUrl: string;
    /** The temporary `PULUMI_HOME`. */
    readonly homeDir: string;
    /** Environment every command runs with (process env + Pulumi settings + caller extras). */
    readonly env: Readonly<Record<string, string>>;
    /** Stacks created through {@link initStack} and not yet removed. */
    readonly stacks: readonly WorkspaceStack[];
    /**
     * Runs `pulumi <args>` (adding `--non-interactive --color never` unless disabled) and collects its
     * output.
     *
     * @throws Error on a non-zero exit code (unless `allowFailure`), and always on a timeout.
     */
    run(args: string[], options?: RunOptions): Promise<RunResult>;
    /**
     * Creates stack `name` for the program in `cwd` (passphrase secrets) and selects it. Later commands
     * without an explicit `cwd` run in this directory.
     *
     * @returns the stack name.
     */
    initStack(cwd: string, name: string): Promise<string>;
    /**
     * Exports a stack's state (`pulumi stack export`), by default the last initialized one.
     *
     * @throws Error when the command fails or prints something other than JSON.
     */
    exportStack(options?: { cwd?: string; stack?: string }): Promise<StackExport>;
    /**
     * Tears everything down; safe to call more than once and from `finally`/`after` hooks. Stops running
     * commands, destroys every stack that still holds resources, removes the stacks (`stack rm`, which
     * also deletes their `Pulumi.<stack>.yaml`), then deletes the temporary directories.
     *
     * Problems are collected in the report and written to stderr rather than thrown, so a failing
     * cleanup never hides the error of the test itself; pass `throwOnError` to make them fatal.
     */
    cleanup(options?: { throwOnError?: boolean }): Promise<CleanupReport>;
}

/** Resources that `pulumi stack rm` removes by itself: the stack and provider references. */
function isBookkeeping(resource: ExportedResource): boolean {
    return resource.type === "pulumi:pulumi:Stack" || resource.type.startsWith("pulumi:providers:");
}

/**
 * Resources of an exported stack other than the root stack resource and default providers.
 *
 * @param state - output of {@link PulumiWorkspace.exportStack}.
 */
export function managedResources(state: StackExport): ExportedResource[] {
    return (state.deployment.resources ?? []).filter((r) => !isBookkeeping(r));
}

/**
 * Creates an isolated Pulumi workspace. Nothing is started until {@link PulumiWorkspace.run} is called;
 * always pair it with {@link PulumiWorkspace.cleanup}.
 *
 * The environment contains: `PATH` with the engine bin directory first, `PULUMI_CONFIG_PASSPHRASE`,
 * `PULUMI_SKIP_UPDATE_CHECK=true`, `PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true`,
 * `PULUMI_BACKEND_URL=file://<temp>`, `PULUMI_HOME=<temp>`, then `options.env`. Variables that would
 * point Pulumi elsewhere (`PULUMI_ACCESS_TOKEN`, `PULUMI_CONFIG_PASSPHRASE_FILE`) are dropped.
 */
export function createPulumiWorkspace(options: PulumiWorkspaceOptions = {}): PulumiWorkspace {
    const binDir = options.binDir ?? pulumiBinDir();
    const rootDir = mkdtempSync(join(tmpdir(), options.prefix ?? "pulumi-ws-"));
    const backendDir = join(rootDir, "state");
    const homeDir = join(rootDir, "home");
    mkdirSync(backendDir);
    mkdirSync(homeDir);
    const backendUrl = `file://${backendDir}`;

    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
        if (value !== undefined && key !== "PULUMI_ACCESS_TOKEN" && key !== "PULUMI_CONFIG_PASSPHRASE_FILE") {
            env[key] = value;
        }
    }
    Object.assign(env, {
        PATH: [binDir, process.env.PATH ?? ""].filter(Boolean).join(delimiter),
        PULUMI_CONFIG_PASSPHRASE: options.passphrase ?? TEST_PASSPHRASE,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_BACKEND_URL: backendUrl,
        PULUMI_HOME: homeDir,
        ...options.env,
    });

    const stacks: WorkspaceStack[] = [];
    const running = new Set<ChildProcess>();
    let defaultCwd: string | undefined;
    let cleanedUp = false;

    const run = (args: string[], runOptions: RunOptions = {}): Promise<RunResult> => {
        if (cleanedUp) {
            return Promise.reject(new Error("this Pulumi workspace has been cleaned up"));
        }
        const finalArgs = withGlobalFlags(args, runOptions.nonInteractive ?? true);
        const commandEnv: Record<string, string> = { ...env };
        for (const [key, value] of Object.entries(runOptions.env ?? {})) {
            if (value === undefined) {
                delete commandEnv[key];
            } else {
                commandEnv[key] = value;
            }
        }
        const cwd = runOptions.cwd ?? defaultCwd ?? process.cwd();
        const timeoutMs = runOptions.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
        const label = `pulumi ${finalArgs.join(" ")}`;

        return new Promise<RunResult>((resolvePromise, reject) => {
            const child = spawn(join(binDir, "pulumi"), finalArgs, {
                cwd,
                env: commandEnv,
                stdio: ["ignore", "pipe", "pipe"],
            });
            running.add(child);
            let stdout = "";
            let stderr = "";
            child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
                stdout += chunk;
            });
            child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
                stderr += chunk;
            });
            let timedOut = false;
            let killTimer: NodeJS.Timeout | undefined;
            const timer = setTimeout(() => {
                timedOut = true;
                child.kill("SIGINT");
                killTimer = setTimeout(() => child.kill("SIGKILL"), 5_000);
            }, timeoutMs);
            child.on("error", (err) => {
                clearTimeout(timer);
                running.delete(child);
                reject(new Error(`${label}: could not start: ${err.message}`));
            });
            child.on("close", (code, signal) => {
                clearTimeout(timer);
                if (killTimer) {
                    clearTimeout(killTimer);
                }
                running.delete(child);
                const result: RunResult = { code: code ?? -1, stdout, stderr };
                if (timedOut) {
                    reject(new Error(`${label}: timed out after ${timeoutMs} ms\n${describe(result)}`));
                } else if (result.code !== 0 && !runOptions.allowFailure) {
                    const how = signal ? `was killed by ${signal}` : `exited with code ${result.code}`;
                    reject(new Error(`${label} (in ${cwd}) ${how}\n${describe(result)}`));
                } else {
                    resolvePromise(result);
                }
            });
        });
    };

    const initStack = async (cwd: string, name: string): Promise<string> => {
        const dir = resolve(cwd);
        await run(["stack", "init", name, "--secrets-provider", "passphrase"], { cwd: dir });
        stacks.push({ name, cwd: dir });
        defaultCwd = dir;
        return name;
    };

    const lastStack = (): WorkspaceStack | undefined => stacks[stacks.length - 1];

    const exportStack = async (exportOptions: { cwd?: string; stack?: string } = {}): Promise<StackExport> => {
        const stack = exportOptions.stack ?? lastStack()?.name;
        const cwd = exportOptions.cwd ?? stacks.find((s) => s.name === stack)?.cwd ?? defaultCwd;
        const args = ["stack", "export", ...(stack ? ["--stack", stack] : [])];
        const result = await run(args, cwd ? { cwd } : {});
        try {
            return JSON.parse(result.stdout) as StackExport;
        } catch (err) {
            throw new Error(`pulumi stack export printed no JSON (${String(err)}):\n${result.stdout}`);
        }
    };

    const cleanup = async (cleanupOptions: { throwOnError?: boolean } = {}): Promise<CleanupReport> => {
        const report: CleanupReport = { destroyed: [], removed: [], errors: [] };
        if (cleanedUp) {
            return report;
        }
        for (const child of running) {
            child.kill("SIGKILL");
        }
        for (const stack of [...stacks].reverse()) {
            const opts = { cwd: stack.cwd, allowFailure: true };
            let leftover = false;
            try {
                const state = await exportStack({ cwd: stack.cwd, stack: stack.name });
                leftover = managedResources(state).length > 0;
            } catch (err) {
                report.errors.push(`${stack.name}: export failed: ${(err as Error).message}`);
                leftover = true;
            }
            let destroyFailed = false;
            if (leftover) {
                const destroy = await run(
                    ["destroy", "--yes", "--skip-preview", "--continue-on-error", "--stack", stack.name],
                    opts,
                ).catch((err: Error) => ({ code: -1, stdout: "", stderr: err.message }));
                if (destroy.code === 0) {
                    report.destroyed.push(stack.name);
                } else {
                    destroyFailed = true;
                    report.errors.push(`${stack.name}: destroy failed:\n${describe(destroy)}`);
                }
            }
            // --force only when resources may remain: then stack rm refuses without it.
            const rmArgs = ["stack", "rm", stack.name, "--yes", ...(destroyFailed ? ["--force"] : [])];
            const rm = await run(rmArgs, opts).catch((err: Error) => ({ code: -1, stdout: "", stderr: err.message }));
            if (rm.code === 0) {
                report.removed.push(stack.name);
            } else {
                report.errors.push(`${stack.name}: stack rm failed:\n${describe(rm)}`);
            }
        }
        stacks.length = 0;
        cleanedUp = true;
        try {
            rmSync(rootDir, { recursive: true, force: true });
        } catch (err) {
            report.errors.push(`removing ${rootDir}: ${(err as Error).message}`);
        }
        if (report.errors.length > 0) {
            const message = `Pulumi workspace cleanup was incomplete:\n${report.errors.join("\n")}`;
            if (cleanupOptions.throwOnError) {
                throw new Error(message);
            }
            process.stderr.write(`${message}\n`);
        }
        return report;
    };

    return {
        binDir,
        rootDir,
        backendDir,
        backendUrl,
        homeDir,
        env,
        stacks,
        run,
        initStack,
        exportStack,
        cleanup,
    };
}

/**
 * Stack names present in a `file://` backend directory (`.pulumi/stacks/<project>/<stack>.json`),
 * read straight from disk, for asserting that nothing was left behind.
 *
 * @param backendDir - {@link PulumiWorkspace.backendDir}.
 */
export function stackFilesInBackend(backendDir: string): string[] {
    const root = join(backendDir, ".pulumi", "stacks");
    if (!existsSync(root)) {
        return [];
    }
    const found: string[] = [];
    for (const project of readdirSync(root, { withFileTypes: true })) {
        const dir = project.isDirectory() ? join(root, project.name) : root;
        const files = project.isDirectory() ? readdirSync(dir) : [project.name];
        for (const file of files) {
            if (file.endsWith(".json") || file.endsWith(".json.gz")) {
                found.push(project.isDirectory() ? `${project.name}/${file}` : file);
            }
        }
    }
    return found;
}

/** Inserts the global flags before a `--` separator (everything after it belongs to the command). */
function withGlobalFlags(args: string[], nonInteractive: boolean): string[] {
    if (!nonInteractive) {
        return [...args];
    }
    const flags = ["--non-interactive", "--color", "never"];
    const separator = args.indexOf("--");
    return separator === -1 ? [...args, ...flags] : [...args.slice(0, separator), ...flags, ...args.slice(separator)];
}

/** The last lines of a command's output, for error messages. */
function describe(result: RunResult, maxChars = 4_000): string {
    const tail = (text: string) => (text.length > maxChars ? `…${text.slice(-maxChars)}` : text);
    return `--- stdout ---\n${tail(result.stdout)}\n--- stderr ---\n${tail(result.stderr)}`;
}

/** The counts of the change summary lines of a `pulumi` command's output (`created`, `to update`, `unchanged`...). */
export function changeSummary(output: string): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const match of output.matchAll(
        /^\s*([+~-]|\+-)?\s*(\d+) (to create|created|to update|updated|to replace|replaced|to delete|deleted|unchanged)\b/gm,
    )) {
        counts[match[3]] = Number(match[2]);
    }
    return counts;
}
