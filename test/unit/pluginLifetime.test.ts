import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import * as net from "node:net";
import { PassThrough } from "node:stream";
import { waitFor } from "../../harness/time";
import {
    ENGINE_PROBE_INTERVAL_MS,
    endWithEngine,
    engineTie,
    everyUnreferenced,
    exitWhenBroken,
    isDynamicProviderPlugin,
    type ProbeSocket,
    parseEngineAddress,
    probeTcp,
    watchEngine,
} from "../../provider/pluginLifetime";

const DYNAMIC_PROVIDER_MAIN = { filename: "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js" };
const PROGRAM_MAIN = { filename: "/p/node_modules/@pulumi/pulumi/cmd/run/index.js" };

/** A stand-in process with the given arguments: what it exited with, and its watch's timers. */
function standIn(args: string[]) {
    const exits: number[] = [];
    const timers: { ms: number; tick: () => void }[] = [];
    const proc = {
        argv: ["node", "index.js", ...args],
        stdout: new PassThrough(),
        stderr: new PassThrough(),
        exit: (code: number) => {
            exits.push(code);
        },
    };
    const every = (ms: number, tick: () => void) => {
        timers.push({ ms, tick });
        return () => {};
    };
    const broken = (stream: PassThrough) =>
        stream.emit("error", Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
    /** Whether the process ends on a broken stdout or stderr (listens for their errors). */
    const watchesPipes = () => [proc.stdout.listenerCount("error"), proc.stderr.listenerCount("error")];
    return { proc, exits, timers, every, broken, watchesPipes };
}

/** A loopback port that takes connections (and counts them) until closed (again: a no-op). */
async function listening(): Promise<{ address: string; connections: () => number; close(): Promise<void> }> {
    let connections = 0;
    let closed = false;
    const server = net.createServer((socket) => {
        connections++;
        socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    return {
        address: `127.0.0.1:${port}`,
        connections: () => connections,
        close: () => {
            if (closed) return Promise.resolve();
            closed = true;
            return new Promise((resolve) => server.close(() => resolve()));
        },
    };
}

/** A socket whose connection neither opens nor fails until told to: what probeTcp did with it. */
function heldSocket() {
    const events = new EventEmitter();
    const held = { timeoutMs: undefined as number | undefined, onTimeout: () => {}, destroyed: false };
    const socket: ProbeSocket = {
        setTimeout: (ms, onTimeout) => {
            held.timeoutMs = ms;
            held.onTimeout = onTimeout;
        },
        once: (event: string, listener: (error: NodeJS.ErrnoException) => void) => events.once(event, listener),
        destroy: () => {
            held.destroyed = true;
        },
    };
    return { socket, events, held };
}

/** Ticks a watch's timer (a tick while a probe is out does nothing) until `condition` holds. */
function tickUntil(tick: () => void, condition: () => boolean, what: string): Promise<void> {
    return waitFor(
        () => {
            tick();
            return condition();
        },
        10_000,
        what,
        5,
    );
}

/** What `promise` has settled to once pending callbacks have run, or "pending". */
async function settled<T>(promise: Promise<T>): Promise<T | "pending"> {
    return Promise.race([promise, new Promise<"pending">((resolve) => setImmediate(() => resolve("pending")))]);
}

/** Runs a watch over scripted probe answers, one tick each; returns the tick `exit` came on. */
async function exitTick(answers: boolean[]): Promise<number | undefined> {
    let tick: () => void = () => {};
    let exitedAt: number | undefined;
    let n = 0;
    watchEngine({
        probe: async () => answers[n - 1] ?? true,
        exit: () => {
            exitedAt ??= n;
        },
        every: (_ms, onTick) => {
            tick = onTick;
            return () => {};
        },
    });
    for (n = 1; n <= answers.length; n++) {
        tick();
        await new Promise((resolve) => setImmediate(resolve));
    }
    return exitedAt;
}

describe("the plugin ends with its engine", () => {
    it("exits after two refused probes in a row, not before", async () => {
        assert.equal(await exitTick([true, false, false]), 3);
        assert.equal(await exitTick([false, true, false, true]), undefined);
        assert.equal(await exitTick([true, true, true]), undefined);
        assert.equal(await exitTick([false, false]), 2, "from the first probe on");
    });

    it("probes one at a time, and goes on after a probe that failed", async () => {
        let tick: () => void = () => {};
        let intervalMs: number | undefined;
        const outstanding: { resolve: (alive: boolean) => void; reject: (error: Error) => void }[] = [];
        watchEngine({
            probe: () => new Promise<boolean>((resolve, reject) => outstanding.push({ resolve, reject })),
            exit: () => assert.fail("no exit"),
            every: (ms, onTick) => {
                intervalMs = ms;
                tick = onTick;
                return () => {};
            },
        });
        assert.equal(intervalMs, ENGINE_PROBE_INTERVAL_MS);
        tick();
        tick();
        assert.equal(outstanding.length, 1, "no second probe while the first is out");
        outstanding[0]?.reject(new Error("probe failed"));
        await new Promise((resolve) => setImmediate(resolve));
        tick();
        assert.equal(outstanding.length, 2);
        outstanding[1]?.resolve(true);
        await new Promise((resolve) => setImmediate(resolve));
        tick();
        assert.equal(outstanding.length, 3);
    });

    it("reads the engine address the host is started with", () => {
        assert.deepEqual(parseEngineAddress("127.0.0.1:35275"), { host: "127.0.0.1", port: 35275 });
        assert.deepEqual(parseEngineAddress("[::1]:8080"), { host: "::1", port: 8080 });
        assert.deepEqual(parseEngineAddress("localhost:65535"), { host: "localhost", port: 65535 });
        for (const bad of [
            undefined,
            "",
            "127.0.0.1",
            "127.0.0.1:0",
            "127.0.0.1:65536",
            "127.0.0.1:70000",
            "--flag",
            "x 127.0.0.1:1",
            "127.0.0.1:1 x",
        ]) {
            assert.equal(parseEngineAddress(bad), undefined, String(bad));
        }
    });

    it("probes: alive while the port listens, gone once it refuses", async () => {
        const server = net.createServer((socket) => socket.destroy());
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const { port } = server.address() as net.AddressInfo;
        assert.equal(await probeTcp("127.0.0.1", port), true);
        await new Promise((resolve) => server.close(resolve));
        assert.equal(await probeTcp("127.0.0.1", port), false);
    });

    it("probes: a connection that hangs or fails other than refused counts as alive", async () => {
        const connected: { host: string; port: number }[] = [];
        const hanging = heldSocket();
        const probe = probeTcp("10.1.2.3", 4567, {
            timeoutMs: 1_234,
            connect: (options) => {
                connected.push(options);
                return hanging.socket;
            },
        });
        assert.deepEqual(connected, [{ host: "10.1.2.3", port: 4567 }]);
        assert.equal(hanging.held.timeoutMs, 1_234);
        assert.equal(await settled(probe), "pending", "no answer before the timeout");
        hanging.held.onTimeout();
        assert.equal(await settled(probe), true, "a busy engine is not a dead one");
        assert.equal(hanging.held.destroyed, true);

        for (const [code, alive] of [
            ["EHOSTUNREACH", true],
            ["ETIMEDOUT", true],
            ["ECONNREFUSED", false],
        ] as const) {
            const failing = heldSocket();
            const answer = probeTcp("10.1.2.3", 4567, { connect: () => failing.socket });
            failing.events.emit("error", Object.assign(new Error(`connect ${code}`), { code }));
            assert.equal(await settled(answer), alive, code);
            assert.equal(failing.held.destroyed, true, code);
        }
    });

    it("exits on a broken pipe only", () => {
        let exits = 0;
        const stream = new PassThrough();
        exitWhenBroken(stream, () => exits++);
        stream.emit("error", Object.assign(new Error("write EAGAIN"), { code: "EAGAIN" }));
        assert.equal(exits, 0);
        stream.emit("error", Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
        assert.equal(exits, 1);
    });

    it("watches only inside the dynamic-provider host", () => {
        assert.equal(isDynamicProviderPlugin("/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js"), true);
        assert.equal(isDynamicProviderPlugin("/p/node_modules/@pulumi/pulumi/cmd/run/index.js"), false);
        assert.equal(isDynamicProviderPlugin("/p/node_modules/mocha/bin/mocha.js"), false);
        assert.equal(isDynamicProviderPlugin("C:\\p\\@pulumi\\pulumi\\cmd\\dynamic-provider"), true);
        assert.equal(isDynamicProviderPlugin("/p/cmd/dynamic-provider/index.js.map"), false);
        assert.equal(isDynamicProviderPlugin("/p/cmd/dynamic-provider-tools/index.js"), false);
        assert.equal(isDynamicProviderPlugin(undefined), false);
    });

    it("in the dynamic-provider host: exits 1 on a broken stdout or stderr, and once its engine refuses twice", async () => {
        const engine = await listening();
        try {
            const host = standIn([engine.address]);
            engineTie(host.proc, DYNAMIC_PROVIDER_MAIN, host.every)();
            host.broken(host.proc.stdout);
            assert.deepEqual(host.exits, [1]);
            host.broken(host.proc.stderr);
            assert.deepEqual(host.exits, [1, 1]);

            host.exits.length = 0;
            assert.deepEqual(
                host.timers.map((timer) => timer.ms),
                [ENGINE_PROBE_INTERVAL_MS],
            );
            const tick = () => host.timers[0]?.tick();
            await tickUntil(tick, () => engine.connections() >= 2, "two probes of the engine's address");
            assert.deepEqual(host.exits, [], "alive while its address takes connections");
            await engine.close();
            await tickUntil(tick, () => host.exits.length > 0, "the exit");
            assert.deepEqual(host.exits, [1]);
        } finally {
            await engine.close();
        }
    });

    it("ties the process to its engine once", () => {
        const host = standIn(["127.0.0.1:5555"]);
        const tie = engineTie(host.proc, DYNAMIC_PROVIDER_MAIN, host.every);
        tie();
        tie();
        tie("127.0.0.1:6666");
        assert.deepEqual(host.watchesPipes(), [1, 1]);
        assert.equal(host.timers.length, 1);
    });

    it("outside the dynamic-provider host (a program, a test), does nothing without an engine address", () => {
        for (const main of [PROGRAM_MAIN, undefined]) {
            const host = standIn(["127.0.0.1:5555"]);
            const tie = engineTie(host.proc, main, host.every);
            tie();
            assert.deepEqual(host.watchesPipes(), [0, 0], String(main?.filename));
            assert.equal(host.timers.length, 0, String(main?.filename));
            // Not tied by the call that did nothing: the native plugin's address still ties it.
            tie("127.0.0.1:6666");
            assert.deepEqual(host.watchesPipes(), [1, 1], String(main?.filename));
        }
    });

    it("the native plugin: watches the engine address it passes, not the command line's first argument", async () => {
        const engine = await listening();
        try {
            const host = standIn(["--logtostderr"]);
            engineTie(host.proc, PROGRAM_MAIN, host.every)(engine.address);
            assert.deepEqual(host.watchesPipes(), [1, 1]);
            assert.equal(host.timers.length, 1);
            const tick = () => host.timers[0]?.tick();
            await tickUntil(tick, () => engine.connections() >= 1, "a probe of the engine's address");
        } finally {
            await engine.close();
        }
    });

    it("in the dynamic-provider host started without an engine address, ends on a broken pipe but probes nothing", () => {
        for (const args of [[], ["not-an-address"]]) {
            const host = standIn(args);
            engineTie(host.proc, DYNAMIC_PROVIDER_MAIN, host.every)();
            assert.deepEqual(host.watchesPipes(), [1, 1], String(args));
            assert.equal(host.timers.length, 0, String(args));
        }
    });

    it("does nothing in this process, which is no plugin", () => {
        const before = [process.stdout.listenerCount("error"), process.stderr.listenerCount("error")];
        endWithEngine();
        endWithEngine();
        assert.deepEqual([process.stdout.listenerCount("error"), process.stderr.listenerCount("error")], before);
    });

    it("probes on a timer that stops when told", async () => {
        let ticks = 0;
        const stop = everyUnreferenced(1, () => ticks++);
        assert.equal(typeof stop, "function");
        await waitFor(() => ticks > 0, 10_000, "a tick", 1);
        stop();
        const stoppedAt = ticks;
        // An interval of the same period started after it would have come after its next tick.
        let later = 0;
        const other = setInterval(() => later++, 1);
        await waitFor(() => later >= 3, 10_000, "three ticks of the other timer", 1);
        clearInterval(other);
        assert.equal(ticks, stoppedAt);
    });
});
