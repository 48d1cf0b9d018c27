/**
 * The native provider plugin's gRPC server in this process, against the emulator, in the
 * situations the main server suite leaves out: a plugin started with an engine address (progress
 * lines logged against the resource), the calls the engine makes besides the resource ones
 * (GetPluginInfo, Cancel, Attach), large requests, malformed type tokens, AutoSnapshots' check, diff and
 * refresh, an import without a region, the engine's timeout on update, and the lookups'
 * invokes. Each test starts its own server.
 */

import assert from "node:assert/strict";
import { CreateDiskSnapshotCommand } from "@aws-sdk/client-lightsail";
import type * as EngineRpcModule from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as EngineModule from "@pulumi/pulumi/proto/engine_pb";
import type * as PluginModule from "@pulumi/pulumi/proto/plugin_pb";
import type * as ProviderRpcModule from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as EmptyModule from "google-protobuf/google/protobuf/empty_pb";
import { REGION } from "../../harness/account";
import { lightsailClient } from "../../harness/emulatorClient";
import {
    connect,
    emptyproto,
    failureOf,
    grpc,
    nativeCalls,
    type Props,
    provproto,
    sdkRequire,
    urnOf,
} from "../../harness/nativeCalls";
import { checkedAutoSnapshotsInputs, configureProvider } from "../../harness/providerCalls";
import { withStderrLines } from "../../harness/stderr";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { tellUser } from "../../provider/diagnostics";
import { autoSnapshots } from "../../provider/engine";
import { type RunningServer, startServer } from "../../provider/native/server";
import { DIFF_KIND, PACKAGE_NAME } from "../../provider/native/wire";

const enginerpc = sdkRequire("./proto/engine_grpc_pb") as typeof EngineRpcModule;

/** The version each test's plugin is started with. */
const VERSION = "1.0.0";
const HOUR = 3_600_000;
const MINUTE = 60_000;
const TYPES = ["DiskSnapshot", "AutoSnapshots", "DiskFromSnapshot", "DiskSnapshotCopy"].map(
    (name) => `${PACKAGE_NAME}:index:${name}`,
);

/** A stand-in for the engine that records the log lines plugins send it. */
async function startFakeEngine(): Promise<{ address: string; logs: EngineModule.LogRequest[]; stop(): void }> {
    const logs: EngineModule.LogRequest[] = [];
    const server = new grpc.Server();
    server.addService(enginerpc.EngineService, {
        log: (call: { request: EngineModule.LogRequest }, callback: (e: null, r: EmptyModule.Empty) => void) => {
            logs.push(call.request);
            callback(null, new emptyproto.Empty());
        },
    } as never);
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
            error ? reject(error) : resolve(bound),
        ),
    );
    return { address: `127.0.0.1:${port}`, logs, stop: () => server.forceShutdown() };
}

/** Until `condition` holds, for at most two seconds. */
async function eventually(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("native plugin server over gRPC: the engine, the edges, AutoSnapshots and invokes", function () {
    this.timeout(30_000);
    let bed: LightsailTestBed;
    let server: RunningServer | undefined;
    let client: ProviderRpcModule.ResourceProviderClient;

    const { call, configure, check, create, diff, read, update, invoke } = nativeCalls(() => client);

    async function serve(engineAddress?: string): Promise<RunningServer> {
        server = await startServer({ version: VERSION, engineAddress });
        client = connect(server.port, {
            "grpc.max_receive_message_length": -1,
            "grpc.max_send_message_length": -1,
        });
        return server;
    }

    beforeEach(async () => {
        bed = await startTestBed({
            startTime: Date.parse("2024-01-01T05:00:00Z"),
            snapshot: { durationMs: 0 },
            autoSnapshot: { durationMs: 30 * MINUTE, addOnDurationMs: 0 },
        });
        bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
        // The settings the plugin's methods use, here from the test bed's environment.
        await configureProvider();
    });

    afterEach(async () => {
        client?.close();
        server?.stop();
        server = undefined;
        await bed.stop();
    });

    it("logs a resource's lines to the engine against its URN, and leaves other lines to stderr", async () => {
        const engine = await startFakeEngine();
        try {
            await serve(engine.address);
            await lightsailClient(bed.emulator.url, REGION).send(
                new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "taken-1" }),
            );
            const urn = urnOf("DiskSnapshot", "taken");
            const { inputs } = await check(urn, { diskName: "Disk-1", diskSnapshotName: "taken-1", adopt: true });
            const { result, lines } = await withStderrLines(() => create(urn, inputs));
            assert.equal(result.id, "taken-1");
            const line = 'DiskSnapshot "taken-1" (us-east-1): taking over the existing snapshot of this name';
            await eventually(() => engine.logs.length > 0);
            assert.deepEqual(
                engine.logs.map((log) => [log.getUrn(), log.getMessage(), log.getSeverity()]),
                [[urn, line, 1]],
            );
            assert.ok(!lines.includes(line), "the line goes to the engine only");

            const outside = await withStderrLines(async () => tellUser("a line of no resource"));
            assert.deepEqual(outside.lines, ["a line of no resource"]);
            server?.stop();
            server = undefined;
            const afterStop = await withStderrLines(async () => tellUser("a line after the plugin stopped"));
            assert.deepEqual(afterStop.lines, ["a line after the plugin stopped"]);
            await new Promise((resolve) => setTimeout(resolve, 50));
            assert.equal(engine.logs.length, 1, "nothing else reached the engine");
        } finally {
            engine.stop();
        }
    });

    it("without an engine, a resource's lines go to stderr", async () => {
        await serve();
        await lightsailClient(bed.emulator.url, REGION).send(
            new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "taken-2" }),
        );
        const urn = urnOf("DiskSnapshot", "taken");
        const { inputs } = await check(urn, { diskName: "Disk-1", diskSnapshotName: "taken-2", adopt: true });
        const { lines } = await withStderrLines(() => create(urn, inputs));
        assert.ok(lines.includes('DiskSnapshot "taken-2" (us-east-1): taking over the existing snapshot of this name'));
    });

    it("answers the engine's GetPluginInfo with its version, Cancel and Attach, configures without preview, and refuses calls once stopped", async () => {
        const running = await serve();
        const plugin = sdkRequire("./proto/plugin_pb") as typeof PluginModule;
        const info = await call<EmptyModule.Empty, PluginModule.PluginInfo>(
            client.getPluginInfo,
            new emptyproto.Empty(),
        );
        assert.equal(info.getVersion(), VERSION);
        await call<EmptyModule.Empty, EmptyModule.Empty>(client.cancel, new emptyproto.Empty());
        await call(client.attach, new plugin.PluginAttach().setAddress("127.0.0.1:1"));
        const configured = await configure({ [`${PACKAGE_NAME}:region`]: REGION });
        assert.deepEqual(
            [configured.getSupportspreview(), configured.getAcceptsecrets(), configured.getAcceptresources()],
            [false, false, false],
        );
        running.stop();
        server = undefined;
        const error = await failureOf(
            call<EmptyModule.Empty, EmptyModule.Empty>(client.cancel, new emptyproto.Empty()),
        );
        assert.equal(error.code, grpc.status.UNAVAILABLE);
    });

    it("accepts a request larger than gRPC's default 4 MB", async () => {
        await serve();
        await configure({ [`${PACKAGE_NAME}:region`]: REGION });
        const big = "x".repeat(5 * 1024 * 1024);
        const { inputs } = await check(urnOf("DiskSnapshot", "big"), { diskName: "Disk-1", tags: { big } });
        assert.equal((inputs.tags as Props).big, big);
    });

    it("refuses a URN with no type in it, naming the types it has", async () => {
        await serve();
        const error = await failureOf(check("data", { diskName: "Disk-1" }));
        assert.equal(error.details, `unknown resource type ; this provider has ${TYPES.join(", ")}`);
    });

    it("checks, diffs and refreshes AutoSnapshots: a new time of day is an in-place update", async () => {
        await serve();
        await configure({ [`${PACKAGE_NAME}:region`]: REGION });
        const urn = urnOf("AutoSnapshots", "daily");
        const { inputs, failures } = await check(urn, { diskName: "Disk-1", snapshotTimeOfDay: "06:00" });
        assert.deepEqual(failures, []);
        assert.equal(inputs.region, REGION);
        const { id, properties } = await create(urn, inputs);
        assert.equal(id, "Disk-1");

        const same = await diff(urn, id, properties, inputs);
        assert.equal(same.changes, provproto.DiffResponse.DiffChanges.DIFF_NONE);
        assert.deepEqual([same.hasDetailedDiff, same.diffs, same.replaces], [false, [], []]);

        const { inputs: news } = await check(urn, { diskName: "Disk-1", snapshotTimeOfDay: "07:00" }, inputs);
        const later = await diff(urn, id, properties, news);
        assert.equal(later.changes, provproto.DiffResponse.DiffChanges.DIFF_SOME);
        assert.deepEqual(later.replaces, []);
        assert.equal(later.deleteBeforeReplace, true);
        assert.equal(later.hasDetailedDiff, true);
        assert.deepEqual(later.diffs, ["snapshotTimeOfDay"]);
        assert.deepEqual(later.detailedDiff, { snapshotTimeOfDay: { kind: DIFF_KIND.UPDATE, inputDiff: true } });
        assert.deepEqual([later.stables, same.stables], [[], []], "no property is promised stable");

        bed.emulator.clearRequests();
        const refreshed = await read(urn, id, properties);
        assert.equal(refreshed.id, "Disk-1");
        assert.equal(refreshed.properties?.status, "Enabled");
        assert.equal(refreshed.properties?.snapshotTimeOfDay, "06:00");
        assert.ok(operations(bed.emulator).length > 0, "the refresh reads Lightsail");
    });

    it("refuses to import without a region, saying where to set one", async () => {
        await serve();
        const saved = process.env.AWS_REGION;
        delete process.env.AWS_REGION;
        try {
            await configure({});
            const error = await failureOf(read(urnOf("DiskSnapshot", "imported"), "snap-1", {}));
            assert.equal(
                error.details,
                'DiskSnapshot "snap-1": no region; set lightsail-snapshots:region or AWS_REGION',
            );
            assert.deepEqual(operations(bed.emulator), []);
        } finally {
            process.env.AWS_REGION = saved;
            await configure({ [`${PACKAGE_NAME}:region`]: REGION });
        }
    });

    it("holds an update to the engine's timeout, recorded in the outputs", async () => {
        await serve();
        await configure({ [`${PACKAGE_NAME}:region`]: REGION });
        const urn = urnOf("DiskSnapshot", "timed");
        const { inputs } = await check(urn, { diskName: "Disk-1", tags: { a: "1" } });
        const { id, properties } = await create(urn, inputs);
        const { inputs: news } = await check(urn, { diskName: "Disk-1", tags: { a: "2" } }, inputs);
        const outs = await update(urn, id, properties, news, 90);
        assert.deepEqual(outs.tags, { a: "2" });
        assert.deepEqual(outs.timeouts, { create: "90s" });
    });

    it("invokes getAutoSnapshots and getLatestDiskSnapshot, and no function of another package", async () => {
        await serve();
        await configure({ [`${PACKAGE_NAME}:region`]: REGION });
        await autoSnapshots.create(
            await checkedAutoSnapshotsInputs({ diskName: "Disk-1", snapshotTimeOfDay: "06:00" }),
        );
        bed.emulator.advanceClock(HOUR + 40 * MINUTE);
        bed.emulator.takeDueAutoSnapshots();
        bed.emulator.advanceClock(24 * HOUR);
        bed.emulator.takeDueAutoSnapshots();
        const auto = await invoke(`${PACKAGE_NAME}:index:getAutoSnapshots`, { diskName: "Disk-1" });
        assert.deepEqual(auto, {
            autoSnapshots: [
                { date: "2024-01-02", createdAt: "2024-01-02T06:00:00.000Z", status: "Success" },
                { date: "2024-01-01", createdAt: "2024-01-01T06:00:00.000Z", status: "Success" },
            ],
        });

        await lightsailClient(bed.emulator.url, REGION).send(
            new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "manual-1" }),
        );
        const latest = await invoke(`${PACKAGE_NAME}:index:getLatestDiskSnapshot`, { diskName: "Disk-1" });
        assert.deepEqual([latest.diskSnapshotName, latest.fromDiskName], ["manual-1", "Disk-1"]);

        // Another package's token of the same length as this package's name.
        const foreign = `${"x".repeat(PACKAGE_NAME.length)}:index:getDiskSnapshot`;
        const error = await failureOf(invoke(foreign, { diskSnapshotName: "manual-1" }));
        assert.match(error.details, new RegExp(`^unknown function ${foreign}; this provider has getDiskSnapshot, `));
    });
});
