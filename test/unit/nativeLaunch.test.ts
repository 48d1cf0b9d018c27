/**
 * The native provider plugin's start (`launch`, which `bin/pulumi-resource-lightsail-snapshots`
 * runs) in a stand-in process: the real server on a free port, its port on stdout, the engine
 * address of the command line, and a start that fails.
 */

import assert from "node:assert/strict";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { PassThrough } from "node:stream";
import type * as GrpcModule from "@grpc/grpc-js";
import type * as PluginModule from "@pulumi/pulumi/proto/plugin_pb";
import type * as ProviderRpcModule from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as EmptyModule from "google-protobuf/google/protobuf/empty_pb";
import { REPO_ROOT } from "../../harness/repo";
import { launch } from "../../provider/native/main";
import type { RunningServer, ServerOptions } from "../../provider/native/server";

// The SDK's own copies, as the server loads them.
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi"));
const grpc = sdkRequire("@grpc/grpc-js") as typeof GrpcModule;
const provrpc = sdkRequire("./proto/provider_grpc_pb") as typeof ProviderRpcModule;
const emptyproto = sdkRequire("google-protobuf/google/protobuf/empty_pb") as typeof EmptyModule;

const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string })
    .version;

/** A stand-in process started with `args`: what it wrote and the codes it exited with. */
function standIn(args: string[]) {
    const exits: number[] = [];
    const proc = {
        argv: ["/usr/bin/node", "/p/bin/pulumi-resource-lightsail-snapshots", ...args],
        stdout: new PassThrough(),
        stderr: new PassThrough(),
        exit: (code: number) => {
            exits.push(code);
        },
    };
    const written = (stream: PassThrough) => String(stream.read() ?? "");
    return { proc, exits, stdout: () => written(proc.stdout), stderr: () => written(proc.stderr) };
}

/** A server start that records its options and fails with `failure`, or pretends to listen on 1234. */
function recordingStart(failure?: unknown) {
    const calls: ServerOptions[] = [];
    const start = async (options: ServerOptions): Promise<RunningServer> => {
        calls.push(options);
        if (failure !== undefined) throw failure;
        return { port: 1234, stop: () => {} };
    };
    return { calls, start };
}

describe("native plugin launch", () => {
    it("starts the server and prints its port, where it answers with the package's version", async () => {
        const plugin = standIn([]);
        const server = await launch(plugin.proc, REPO_ROOT);
        assert.ok(server, plugin.stderr());
        const client = new provrpc.ResourceProviderClient(
            `127.0.0.1:${server.port}`,
            grpc.credentials.createInsecure(),
        );
        try {
            assert.equal(plugin.stdout(), `${server.port}\n`, "the port alone, on the first line");
            const info = await new Promise<PluginModule.PluginInfo>((resolve, reject) =>
                client.getPluginInfo(new emptyproto.Empty(), (error, answer) =>
                    error ? reject(error) : resolve(answer),
                ),
            );
            assert.equal(info.getVersion(), VERSION);
            assert.deepEqual(plugin.exits, []);
            assert.equal(plugin.stderr(), "");
        } finally {
            client.close();
            server.stop();
        }
    });

    it("hands the server the engine address of its command line and the package's version", async () => {
        const plugin = standIn(["--logtostderr", "-v=9", "--tracing", "127.0.0.1:9411", "127.0.0.1:5555"]);
        const { calls, start } = recordingStart();
        const server = await launch(plugin.proc, REPO_ROOT, start);
        assert.deepEqual(calls, [{ engineAddress: "127.0.0.1:5555", version: VERSION }]);
        assert.equal(server?.port, 1234);
        assert.equal(plugin.stdout(), "1234\n");

        const byHand = recordingStart();
        await launch(standIn([]).proc, REPO_ROOT, byHand.start);
        assert.deepEqual(byHand.calls, [{ engineAddress: undefined, version: VERSION }], "run by hand, no engine");
    });

    it("when the server cannot start: says why on stderr, with the stack, prints no port, and exits 1", async () => {
        const plugin = standIn(["127.0.0.1:5555"]);
        const failure = new Error("bind EADDRINUSE 127.0.0.1");
        const server = await launch(plugin.proc, REPO_ROOT, recordingStart(failure).start);
        assert.equal(server, undefined);
        const said = plugin.stderr();
        assert.equal(said, `pulumi-resource-lightsail-snapshots: ${failure.stack}\n`);
        assert.match(said, /EADDRINUSE.*\n\s+at /s, "the message, then the stack");
        assert.equal(plugin.stdout(), "");
        assert.deepEqual(plugin.exits, [1]);

        const odd = standIn([]);
        await launch(odd.proc, REPO_ROOT, recordingStart("no free port").start);
        assert.equal(odd.stderr(), "pulumi-resource-lightsail-snapshots: no free port\n", "a failure that is no Error");
        assert.deepEqual(odd.exits, [1]);
    });

    it("installed without its package.json: says so on stderr and exits 1, starting no server", async () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lightsail-plugin-"));
        try {
            const plugin = standIn([]);
            const { calls, start } = recordingStart();
            assert.equal(await launch(plugin.proc, folder, start), undefined);
            const said = plugin.stderr();
            assert.match(said, /^pulumi-resource-lightsail-snapshots: Error: ENOENT/);
            assert.ok(said.includes(path.join(folder, "package.json")), said);
            assert.deepEqual(plugin.exits, [1]);
            assert.deepEqual(calls, []);
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    });
});
