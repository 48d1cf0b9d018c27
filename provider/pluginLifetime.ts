/**
 * Ending the dynamic-provider plugin with the engine that started it.
 *
 * When `pulumi` dies without stopping its plugins (`kill -9`, a crash, the OOM killer), nothing
 * stops @pulumi/pulumi's dynamic-provider host: it keeps serving a gRPC port only the dead engine
 * knew. Worse, once its stdout or stderr pipe has no reader, each write fails with EPIPE, its
 * uncaught-error handler logs the error to that same pipe and keeps every error in a Set, and the
 * process spins, growing by about 100 MB a minute until the machine runs out of memory.
 *
 * So, inside the plugin only: a broken stdout or stderr ends the process (what SIGPIPE does to a
 * Unix program), and the engine's gRPC address (the plugin's first argument) is probed every few
 * seconds; when it refuses connections twice in a row the engine is gone, and so is the plugin.
 * Node's own `net` does the probing; the Pulumi SDK offers no hook for either.
 */

import * as net from "node:net";

/** How often the engine's address is probed. */
export const ENGINE_PROBE_INTERVAL_MS = 5_000;
/** Consecutive refused probes that mean the engine is gone. */
export const ENGINE_PROBE_FAILURES = 2;
/** A probe with no answer after this long counts as alive: a busy engine is not a dead one. */
const PROBE_TIMEOUT_MS = 2_000;

/** What {@link watchEngine} works with. */
export interface EngineWatchOptions {
    /** Resolves false only when the engine is certainly gone (its port refuses connections). */
    probe(): Promise<boolean>;
    /** Ends the process. */
    exit(): void;
    /** Starts the repeating probe; returns a function that stops it. */
    every(ms: number, tick: () => void): () => void;
    /** Probe interval; default {@link ENGINE_PROBE_INTERVAL_MS}. */
    intervalMs?: number;
    /** Refusals in a row before `exit`; default {@link ENGINE_PROBE_FAILURES}. */
    failuresToExit?: number;
}

/**
 * Probes the engine repeatedly and calls `exit` once it has refused `failuresToExit` probes in a
 * row. Returns a function that stops the watch.
 */
export function watchEngine(options: EngineWatchOptions): () => void {
    const failuresToExit = options.failuresToExit ?? ENGINE_PROBE_FAILURES;
    let refusedInARow = 0;
    let probing = false;
    return options.every(options.intervalMs ?? ENGINE_PROBE_INTERVAL_MS, () => {
        if (probing) return;
        probing = true;
        options.probe().then(
            (alive) => {
                probing = false;
                refusedInARow = alive ? 0 : refusedInARow + 1;
                if (refusedInARow >= failuresToExit) options.exit();
            },
            () => {
                probing = false;
            },
        );
    });
}

/** Splits `host:port`; undefined for anything else. */
export function parseEngineAddress(address: string | undefined): { host: string; port: number } | undefined {
    const match = /^([\w.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(address ?? "");
    if (!match) return undefined;
    const port = Number(match[2]);
    return port > 0 && port < 65_536 ? { host: match[1].replace(/^\[|\]$/g, ""), port } : undefined;
}

/** The part of a socket that {@link probeTcp} uses (`net.Socket`'s). */
export interface ProbeSocket {
    /** Calls `onTimeout` once the connection has been idle for `ms`. */
    setTimeout(ms: number, onTimeout: () => void): unknown;
    /** Listens for the connection opening. */
    once(event: "connect", listener: () => void): unknown;
    /** Listens for the connection failing. */
    once(event: "error", listener: (error: NodeJS.ErrnoException) => void): unknown;
    /** Closes the connection. */
    destroy(): unknown;
}

/** Options of {@link probeTcp}. */
export interface ProbeOptions {
    /** How long a connection may take before the probe counts the engine alive; default 2 s. */
    timeoutMs?: number;
    /** Opens the connection; default `net.connect`. */
    connect?(options: { host: string; port: number }): ProbeSocket;
}

/**
 * False when a TCP connection to `host:port` is refused; true when it opens, fails otherwise (an
 * unreachable network is no proof the engine is gone), or times out.
 */
export function probeTcp(host: string, port: number, options: ProbeOptions = {}): Promise<boolean> {
    const connect = options.connect ?? net.connect;
    return new Promise((resolve) => {
        const socket = connect({ host, port });
        const done = (alive: boolean) => {
            socket.destroy();
            resolve(alive);
        };
        socket.setTimeout(options.timeoutMs ?? PROBE_TIMEOUT_MS, () => done(true));
        socket.once("connect", () => done(true));
        socket.once("error", (error: NodeJS.ErrnoException) => done(error.code !== "ECONNREFUSED"));
    });
}

/** Calls `exit` when a write to `stream` fails because its reader is gone (EPIPE). */
export function exitWhenBroken(stream: NodeJS.WritableStream, exit: () => void): void {
    stream.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "EPIPE") exit();
    });
}

/** Whether this process is @pulumi/pulumi's dynamic-provider host. */
export function isDynamicProviderPlugin(mainFile: string | undefined): boolean {
    return /[\\/]cmd[\\/]dynamic-provider(?:[\\/]index\.js)?$/.test(mainFile ?? "");
}

/** The parts of a Node process that {@link endWithEngine} ends, reads and watches. */
export interface PluginProcess {
    /** The command line, as `process.argv`: the engine's address is the first argument. */
    readonly argv: readonly string[];
    /** Where the native plugin prints its port; a broken one ends the plugin. */
    readonly stdout: NodeJS.WritableStream;
    /** Where a plugin tells why it could not start; a broken one ends the plugin. */
    readonly stderr: NodeJS.WritableStream;
    /** Ends the process with `code`. */
    exit(code: number): void;
}

/** Calls `tick` every `ms` on a timer that does not keep the process alive; returns its stop. */
export function everyUnreferenced(ms: number, tick: () => void): () => void {
    const timer = setInterval(tick, ms);
    // The watch alone must not keep the plugin alive.
    timer.unref();
    return () => clearInterval(timer);
}

/**
 * {@link endWithEngine} for a given process: `proc` is the process (the real one, or a stand-in),
 * `main` its main module, `every` the timer the probes run on. The function returned ties `proc`
 * to its engine the first time it is called inside a plugin, and does nothing after.
 */
export function engineTie(
    proc: PluginProcess,
    main: { filename: string } | undefined,
    every: EngineWatchOptions["every"] = everyUnreferenced,
): (engineAddress?: string) => void {
    let watching = false;
    return (engineAddress) => {
        if (watching) return;
        if (engineAddress === undefined && !isDynamicProviderPlugin(main?.filename)) return;
        watching = true;
        const exit = () => proc.exit(1);
        exitWhenBroken(proc.stdout, exit);
        exitWhenBroken(proc.stderr, exit);
        const engine = parseEngineAddress(engineAddress ?? proc.argv[2]);
        if (!engine) return;
        watchEngine({ probe: () => probeTcp(engine.host, engine.port), exit, every });
    };
}

// A holder object, not a `let`: serialized by value (see ../runtime), each function would get its
// own copy of a captured `let`, and tie the process again.
const thisProcess: { tie?: (engineAddress?: string) => void } = {};

/**
 * In the dynamic-provider plugin, ends the process with its engine (see the module comment). Does
 * nothing elsewhere (a program, a test) and the second time. The native plugin passes the engine
 * address it was started with.
 */
export function endWithEngine(engineAddress?: string): void {
    thisProcess.tie ??= engineTie(process, require.main);
    thisProcess.tie(engineAddress);
}
