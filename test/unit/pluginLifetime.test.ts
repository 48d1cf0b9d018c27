import assert from "node:assert/strict";
import * as net from "node:net";
import { PassThrough } from "node:stream";
import {
    ENGINE_PROBE_INTERVAL_MS,
    exitWhenBroken,
    isDynamicProviderPlugin,
    parseEngineAddress,
    probeTcp,
    watchEngine,
} from "../../provider/pluginLifetime";

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
});
