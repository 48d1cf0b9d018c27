/**
 * The native provider plugin's gRPC server in this process, called through the SDK's generated
 * ResourceProvider client as the Pulumi engine calls it, against the emulator: plugin info and
 * the package schema, Configure's variables and args, Check, Diff's detailed diff, a DiskSnapshot's
 * create, read, import, refresh, read by `get`, update and delete, a create that fails after the
 * snapshot exists (recorded through `ErrorResourceInitFailed`), the engine's create and delete
 * timeouts, and invokes.
 */

import assert from "node:assert/strict";
import { CreateDiskSnapshotCommand } from "@aws-sdk/client-lightsail";
import type * as GrpcModule from "@grpc/grpc-js";
import type * as PluginModule from "@pulumi/pulumi/proto/plugin_pb";
import type * as ProviderRpcModule from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as ProviderModule from "@pulumi/pulumi/proto/provider_pb";
import type * as StatusModule from "@pulumi/pulumi/proto/status_pb";
import type * as AnyModule from "google-protobuf/google/protobuf/any_pb";
import type * as EmptyModule from "google-protobuf/google/protobuf/empty_pb";
import { REGION } from "../../harness/account";
import { lightsailClient } from "../../harness/emulatorClient";
import {
    connect,
    emptyproto,
    failureOf,
    functionToken,
    grpc,
    nativeCalls,
    type Props,
    plain,
    provproto,
    sdkRequire,
    urnOf,
} from "../../harness/nativeCalls";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { type RunningServer, startServer } from "../../provider/native/server";
import { DIFF_KIND, PACKAGE_NAME, resourceToken } from "../../provider/native/wire";

const statusproto = sdkRequire("./proto/status_pb") as typeof StatusModule;

const VERSION = "9.8.7";
const RESOURCE_TYPES = ["DiskSnapshot", "AutoSnapshots", "DiskFromSnapshot", "DiskSnapshotCopy"];

/** What `ErrorResourceInitFailed` in a failed call's status details tells the engine to record. */
interface InitFailure {
    id: string;
    properties: Props;
    reasons: string[];
}

/** The `ErrorResourceInitFailed` detail of a failed call, if it carries one. */
function initFailureOf(error: GrpcModule.ServiceError): InitFailure | undefined {
    const raw = error.metadata?.get("grpc-status-details-bin")[0];
    if (raw === undefined) return undefined;
    const status = statusproto.Status.deserializeBinary(raw as Uint8Array);
    const detail = (status.getDetailsList() as AnyModule.Any[]).find(
        (any) => any.getTypeName() === "pulumirpc.ErrorResourceInitFailed",
    );
    if (!detail) return undefined;
    const failed = provproto.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
    return { id: failed.getId(), properties: plain(failed.getProperties()), reasons: failed.getReasonsList() };
}

describe("native plugin server over gRPC, against the emulator", function () {
    this.timeout(20_000);
    let bed: LightsailTestBed;
    let server: RunningServer;
    let client: ProviderRpcModule.ResourceProviderClient;
    const { call, configure, check, diff, create, read, update, remove, invoke } = nativeCalls(() => client);

    /** Configure as a stack whose only provider setting is the test region. */
    const configureDefault = () => configure({ [`${PACKAGE_NAME}:region`]: REGION });

    /** Checked inputs of a new DiskSnapshot named `name`, failing the test on any check failure. */
    async function checked(name: string, news: Props): Promise<Props> {
        const { inputs, failures } = await check(urnOf("DiskSnapshot", name), news);
        assert.deepEqual(failures, []);
        return inputs;
    }

    /** A new DiskSnapshot named `name` from `news`, checked then created. */
    async function created(name: string, news: Props) {
        return create(urnOf("DiskSnapshot", name), await checked(name, news));
    }

    before(async () => {
        bed = await startTestBed({ snapshot: { durationMs: 200 } });
        bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
        bed.emulator.seedDisk({ name: "Disk-2", region: REGION, sizeInGb: 16 });
        server = await startServer({ version: VERSION });
        client = connect(server.port);
    });

    beforeEach(async () => {
        await configureDefault();
        bed.emulator.clearRequests();
    });

    after(async () => {
        client?.close();
        server?.stop();
        await bed?.stop();
    });

    describe("plugin info and schema", () => {
        it("GetPluginInfo answers the version the plugin was started with", async () => {
            const info = await call<EmptyModule.Empty, PluginModule.PluginInfo>(
                client.getPluginInfo,
                new emptyproto.Empty(),
            );
            assert.equal(info.getVersion(), VERSION);
        });

        it("GetSchema answers the package schema with its four resources and three functions", async () => {
            const response = await call<ProviderModule.GetSchemaRequest, ProviderModule.GetSchemaResponse>(
                client.getSchema,
                new provproto.GetSchemaRequest().setVersion(0),
            );
            const schema = JSON.parse(response.getSchema()) as {
                name: string;
                version: string;
                resources: Record<string, unknown>;
                functions: Record<string, unknown>;
                config: { variables: Record<string, unknown> };
            };
            assert.equal(schema.name, "lightsail-snapshots");
            assert.equal(schema.version, VERSION);
            assert.deepEqual(
                Object.keys(schema.resources).sort(),
                RESOURCE_TYPES.map((type) => `lightsail-snapshots:index:${type}`).sort(),
            );
            assert.deepEqual(Object.keys(schema.functions).sort(), [
                "lightsail-snapshots:index:getAutoSnapshots",
                "lightsail-snapshots:index:getDiskSnapshot",
                "lightsail-snapshots:index:getLatestDiskSnapshot",
            ]);
            assert.deepEqual(Object.keys(schema.config.variables).sort(), ["endpoint", "profile", "region"]);
        });

        it("GetSchema refuses a schema version other than 0, naming it", async () => {
            const error = await failureOf(
                call<ProviderModule.GetSchemaRequest, ProviderModule.GetSchemaResponse>(
                    client.getSchema,
                    new provproto.GetSchemaRequest().setVersion(2),
                ),
            );
            assert.equal(error.code, grpc.status.UNKNOWN);
            assert.match(error.details, /unsupported schema version 2/);
        });
    });

    describe("configure and check", () => {
        const URN = urnOf("DiskSnapshot", "data");

        it("answers that it accepts neither secrets nor resources", async () => {
            const response = await configureDefault();
            assert.equal(response.getAcceptsecrets(), false);
            assert.equal(response.getAcceptresources(), false);
        });

        it("fills an undeclared region from the configured region, in either key form, not from AWS_REGION", async () => {
            await configure({ [`${PACKAGE_NAME}:region`]: "eu-west-1" });
            assert.equal((await check(URN, { diskName: "Disk-1" })).inputs.region, "eu-west-1");
            await configure({ [`${PACKAGE_NAME}:config:region`]: "ap-south-1" });
            assert.equal((await check(URN, { diskName: "Disk-1" })).inputs.region, "ap-south-1");
            const declared = await check(URN, { diskName: "Disk-1", region: "us-west-2" });
            assert.equal(declared.inputs.region, "us-west-2", "a declared region stays");
        });

        it("takes an explicit provider's args over the stack's variables", async () => {
            await configure({ [`${PACKAGE_NAME}:region`]: "eu-west-1" }, { region: "us-west-2" });
            assert.equal((await check(URN, { diskName: "Disk-1" })).inputs.region, "us-west-2");
        });

        it("sends Lightsail calls to the configured endpoint rather than AWS_ENDPOINT_URL_LIGHTSAIL", async () => {
            const saved = process.env.AWS_ENDPOINT_URL_LIGHTSAIL;
            // Port 1 on loopback: nothing listens there.
            process.env.AWS_ENDPOINT_URL_LIGHTSAIL = "http://127.0.0.1:1";
            try {
                await configure({ [`${PACKAGE_NAME}:region`]: REGION, [`${PACKAGE_NAME}:endpoint`]: bed.emulator.url });
                const { id } = await created("endpoint", { diskName: "Disk-1" });
                assert.deepEqual(
                    bed.emulator.snapshots(REGION).map((s) => s.name),
                    [id],
                );
                await remove(urnOf("DiskSnapshot", "endpoint"), id, { region: REGION, diskSnapshotName: id });
            } finally {
                process.env.AWS_ENDPOINT_URL_LIGHTSAIL = saved;
            }
        });

        it("refuses an endpoint that is neither https nor loopback", async () => {
            const error = await failureOf(configure({ [`${PACKAGE_NAME}:endpoint`]: "http://lightsail.example.com" }));
            assert.match(error.details, /must use https/);
            assert.match(error.details, /http:\/\/lightsail\.example\.com/);
            assert.match(error.details, /\(from lightsail-snapshots:endpoint\)/, "names the setting the user wrote");
        });

        it("answers the checked inputs: the source, the tags, the region and a generated name kept on the next check", async () => {
            const { inputs, failures } = await check(URN, { diskName: "Disk-1", tags: { env: "prod" } });
            assert.deepEqual(failures, []);
            assert.equal(inputs.diskName, "Disk-1");
            assert.deepEqual(inputs.tags, { env: "prod" });
            assert.equal(inputs.region, REGION);
            assert.match(String(inputs.diskSnapshotName), /^data-[a-z0-9]{7}$/);
            const again = await check(URN, { diskName: "Disk-1", tags: { env: "dev" } }, inputs);
            assert.equal(again.inputs.diskSnapshotName, inputs.diskSnapshotName);
            assert.deepEqual(operations(bed.emulator), [], "check calls nothing in Lightsail");
        });

        it("answers bad inputs as check failures on their property, with the reason", async () => {
            const { failures } = await check(URN, { diskName: "Disk 1!" });
            const failure = failures.find((f) => f.property === "diskName");
            assert.ok(failure, JSON.stringify(failures));
            assert.match(failure.reason, /Disk 1!/);
            const both = await check(URN, { diskName: "Disk-1", instanceName: "WordPress-1" });
            assert.deepEqual(
                both.failures.map((f) => f.property),
                ["instanceName"],
            );
            assert.match(both.failures[0]?.reason ?? "", /mutually exclusive/);
        });

        it("refuses an unknown type token, naming the types it has", async () => {
            const error = await failureOf(check(urnOf("DiskSnapshotz", "data"), { diskName: "Disk-1" }));
            assert.match(error.details, /unknown resource type lightsail-snapshots:index:DiskSnapshotz/);
            for (const type of RESOURCE_TYPES) assert.ok(error.details.includes(`lightsail-snapshots:index:${type}`));
        });

        it("finds the type token in the URN of a resource with a parent", async () => {
            const urn = `urn:pulumi:dev::proj::my:index:Component$${resourceToken({ name: "DiskSnapshot" })}::data`;
            const { inputs, failures } = await check(urn, { diskName: "Disk-1" });
            assert.deepEqual(failures, []);
            assert.equal(inputs.region, REGION);
        });
    });

    describe("diff", () => {
        const URN = urnOf("DiskSnapshot", "data");
        const DiffChanges = provproto.DiffResponse.DiffChanges;
        const state = (inputs: Props) => ({ ...inputs, state: "completed", arn: "arn:aws:lightsail:x" });

        it("answers DIFF_NONE when nothing changes", async () => {
            const inputs = await checked("data", { diskName: "Disk-1", tags: { env: "prod" } });
            const answer = await diff(URN, String(inputs.diskSnapshotName), state(inputs), inputs);
            assert.equal(answer.changes, DiffChanges.DIFF_NONE);
            assert.deepEqual(answer.replaces, []);
            assert.deepEqual(answer.detailedDiff, {});
        });

        it("answers a tag change as DIFF_SOME, an in-place UPDATE of tags, with nothing to replace", async () => {
            const olds = await checked("data", { diskName: "Disk-1", tags: { env: "prod" } });
            const { inputs: news } = await check(URN, { diskName: "Disk-1", tags: { env: "dev" } }, olds);
            const answer = await diff(URN, String(olds.diskSnapshotName), state(olds), news);
            assert.equal(answer.changes, DiffChanges.DIFF_SOME);
            assert.deepEqual(answer.replaces, []);
            assert.equal(answer.hasDetailedDiff, true);
            assert.deepEqual(answer.diffs, ["tags"]);
            assert.deepEqual(answer.detailedDiff, { tags: { kind: DIFF_KIND.UPDATE, inputDiff: true } });
            // A replacement the engine would decide on its own (replaceOnChanges) frees the name first.
            assert.equal(answer.deleteBeforeReplace, true);
        });

        it("replaces on a new source, creating the new snapshot first under a generated name", async () => {
            const olds = await checked("data", { diskName: "Disk-1" });
            const { inputs: news } = await check(URN, { diskName: "Disk-2" }, olds);
            const answer = await diff(URN, String(olds.diskSnapshotName), state(olds), news);
            assert.equal(answer.changes, DiffChanges.DIFF_SOME);
            assert.ok(answer.replaces.includes("diskName"), JSON.stringify(answer.replaces));
            assert.deepEqual(answer.detailedDiff.diskName, { kind: DIFF_KIND.UPDATE_REPLACE, inputDiff: true });
            assert.equal(answer.deleteBeforeReplace, false);
        });

        it("replaces on a new source of an explicitly named snapshot, deleting the old one first", async () => {
            const olds = await checked("data", { diskName: "Disk-1", diskSnapshotName: "fixed-1" });
            const { inputs: news } = await check(URN, { diskName: "Disk-2", diskSnapshotName: "fixed-1" }, olds);
            const answer = await diff(URN, "fixed-1", state(olds), news);
            assert.deepEqual(answer.replaces, ["diskName"]);
            assert.deepEqual(answer.detailedDiff, { diskName: { kind: DIFF_KIND.UPDATE_REPLACE, inputDiff: true } });
            assert.equal(answer.deleteBeforeReplace, true);
        });

        it("replaces on a new explicit name, creating the new snapshot first", async () => {
            const olds = await checked("data", { diskName: "Disk-1", diskSnapshotName: "fixed-1" });
            const { inputs: news } = await check(URN, { diskName: "Disk-1", diskSnapshotName: "fixed-2" }, olds);
            const answer = await diff(URN, "fixed-1", state(olds), news);
            assert.deepEqual(answer.replaces, ["diskSnapshotName"]);
            assert.deepEqual(answer.detailedDiff, {
                diskSnapshotName: { kind: DIFF_KIND.UPDATE_REPLACE, inputDiff: true },
            });
            assert.equal(answer.deleteBeforeReplace, false);
        });
    });

    describe("create, read, update and delete", () => {
        it("creates a DiskSnapshot with its tags in the request and answers its ID and completed outputs", async () => {
            const inputs = await checked("created", { diskName: "Disk-1", tags: { team: "web", env: "prod" } });
            const { id, properties } = await create(urnOf("DiskSnapshot", "created"), inputs);
            assert.equal(id, inputs.diskSnapshotName);
            assert.equal(properties.diskSnapshotName, id);
            assert.equal(properties.state, "completed");
            assert.equal(properties.region, REGION);
            assert.equal(properties.fromDiskName, "Disk-1");
            assert.equal(properties.sizeInGb, 32);
            assert.match(String(properties.arn), /^arn:aws:lightsail:us-east-1:\d{12}:DiskSnapshot\//);
            assert.deepEqual(properties.tags, { env: "prod", team: "web" });
            assert.equal(properties.timeouts, undefined, "no engine timeout, no timeouts entry");
            const creates = bed.emulator.requests().filter((r) => r.operation === "CreateDiskSnapshot");
            assert.equal(creates.length, 1);
            assert.deepEqual((creates[0].body as { tags: unknown }).tags, [
                { key: "env", value: "prod" },
                { key: "team", value: "web" },
            ]);
            assert.deepEqual(
                bed.emulator.snapshots(REGION).map((s) => s.name),
                [id],
            );
            await remove(urnOf("DiskSnapshot", "created"), id, properties);
        });

        it("reads back the same ID and outputs right after create, with the inputs", async () => {
            const urn = urnOf("DiskSnapshot", "refreshed");
            const { id, properties } = await created("refreshed", { diskName: "Disk-1", tags: { a: "1" } });
            const answer = await read(urn, id, properties);
            assert.equal(answer.id, id);
            assert.deepEqual(answer.properties, properties);
            assert.equal(answer.inputs?.diskName, "Disk-1");
            assert.deepEqual(answer.inputs?.tags, { a: "1" });
            await remove(urn, id, properties);
        });

        it("imports a DiskSnapshot by name alone, answering its source among the inputs and outputs", async () => {
            const urn = urnOf("DiskSnapshot", "imported");
            const { id } = await created("made-elsewhere", {
                diskName: "Disk-2",
                diskSnapshotName: "elsewhere-1",
                tags: { owner: "ops" },
            });
            const answer = await read(urn, id, {});
            assert.equal(answer.id, "elsewhere-1");
            assert.equal(answer.properties?.state, "completed");
            assert.equal(answer.properties?.region, REGION);
            assert.equal(answer.properties?.diskName, "Disk-2");
            assert.ok(answer.inputs, "import answers inputs");
            assert.equal(answer.inputs.diskName, "Disk-2");
            assert.equal(answer.inputs.diskSnapshotName, "elsewhere-1");
            assert.equal(answer.inputs.instanceName, undefined);
            assert.deepEqual(answer.inputs.tags, { owner: "ops" });
            await remove(urn, id, { region: REGION, diskSnapshotName: id });
        });

        it("reads a snapshot looked up by DiskSnapshot.get (its region only) as outputs alone, declaring no source", async () => {
            await created("made-elsewhere", { diskName: "Disk-2", diskSnapshotName: "get-1" });
            try {
                const answer = await read(urnOf("DiskSnapshot", "looked-up"), "get-1", { region: REGION });
                assert.equal(answer.id, "get-1");
                assert.equal(answer.properties?.fromDiskName, "Disk-2");
                assert.equal(answer.properties?.diskName, undefined, "a lookup declares no source");
                assert.equal(answer.inputs, undefined, "a lookup has no inputs");
            } finally {
                bed.emulator.deleteSnapshot("get-1", REGION);
            }
        });

        it("refuses to import a resource Lightsail cannot tell the inputs of, saying what to do instead", async () => {
            const error = await failureOf(read(urnOf("DiskSnapshotCopy", "copy"), "copy-1", {}));
            assert.match(error.details, /DiskSnapshotCopy "copy-1"/);
            assert.match(error.details, /adopt: true/);
            assert.deepEqual(operations(bed.emulator), []);
        });

        it("answers an empty ID on refresh of a snapshot deleted out of band", async () => {
            const { id, properties } = await created("vanished", { diskName: "Disk-1" });
            bed.emulator.deleteSnapshot(id, REGION);
            const answer = await read(urnOf("DiskSnapshot", "vanished"), id, properties);
            assert.equal(answer.id, "");
            assert.equal(answer.properties, undefined);
        });

        it("updates tags in place with TagResource and UntagResource only, answering the new outputs", async () => {
            const urn = urnOf("DiskSnapshot", "retagged");
            const olds = await checked("retagged", { diskName: "Disk-1", tags: { a: "1", b: "2" } });
            const { id, properties } = await create(urn, olds);
            bed.emulator.clearRequests();
            const { inputs: news } = await check(urn, { diskName: "Disk-1", tags: { a: "1", c: "3" } }, olds);
            const updated = await update(urn, id, properties, news);
            assert.deepEqual(updated.tags, { a: "1", c: "3" });
            assert.equal(updated.state, "completed");
            assert.deepEqual(operations(bed.emulator), ["TagResource", "UntagResource"]);
            const [tag, untag] = bed.emulator.requests().map((r) => r.body);
            assert.deepEqual(tag, { resourceName: id, tags: [{ key: "c", value: "3" }] });
            assert.deepEqual(untag, { resourceName: id, tagKeys: ["b"] });
            await remove(urn, id, updated);
        });

        it("deletes the snapshot, and answers success when it is already gone", async () => {
            const urn = urnOf("DiskSnapshot", "deleted");
            const { id, properties } = await created("deleted", { diskName: "Disk-1" });
            await remove(urn, id, properties);
            assert.ok(!bed.emulator.snapshots(REGION).some((s) => s.name === id), "the snapshot is gone");
            await remove(urn, id, properties);
            assert.equal(operations(bed.emulator).filter((o) => o === "DeleteDiskSnapshot").length, 2);
        });

        it("holds the delete of a snapshot Lightsail is still taking to the engine's delete timeout", async () => {
            bed.emulator.setSnapshotBehaviour({ durationMs: 60_000, deletePending: "refuse" });
            try {
                await lightsailClient(bed.emulator.url, REGION).send(
                    new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "busy-1" }),
                );
                bed.emulator.clearRequests();
                const urn = urnOf("DiskSnapshot", "busy");
                // Without the engine's timeout, the delete would retry for its default 20 minutes.
                const error = await failureOf(remove(urn, "busy-1", { region: REGION, diskSnapshotName: "busy-1" }, 1));
                assert.match(error.details, /^DiskSnapshot "busy-1" in us-east-1: DeleteDiskSnapshot failed: /);
                assert.match(error.details, /busy \(state: pending\)/);
                assert.ok(operations(bed.emulator).filter((o) => o === "DeleteDiskSnapshot").length >= 2, "retried");
                assert.ok(
                    bed.emulator.snapshots(REGION).some((s) => s.name === "busy-1"),
                    "the snapshot is left",
                );
            } finally {
                bed.emulator.setSnapshotBehaviour({ durationMs: 200, deletePending: "allow" });
                bed.emulator.deleteSnapshot("busy-1", REGION);
            }
        });
    });

    describe("a create that fails once the snapshot exists", () => {
        afterEach(() => {
            bed.emulator.setSnapshotBehaviour({ durationMs: 200, errorPattern: undefined });
        });

        it("answers ErrorResourceInitFailed with the ID and outputs, so the engine records the snapshot", async () => {
            bed.emulator.setSnapshotBehaviour({ errorPattern: "^doomed-" });
            const urn = urnOf("DiskSnapshot", "doomed");
            const inputs = await checked("doomed", { diskName: "Disk-1", diskSnapshotName: "doomed-1" });
            const error = await failureOf(create(urn, inputs));
            assert.equal(error.code, grpc.status.UNKNOWN);
            assert.match(error.details, /ended in state error/);
            const failed = initFailureOf(error);
            assert.ok(failed, "the status details carry pulumirpc.ErrorResourceInitFailed");
            assert.equal(failed.id, "doomed-1");
            assert.equal(failed.properties.state, "error");
            assert.equal(failed.properties.diskSnapshotName, "doomed-1");
            assert.equal(failed.properties.region, REGION);
            assert.match(String(failed.properties.arn), /^arn:aws:lightsail:us-east-1:/);
            assert.deepEqual(failed.reasons, [error.details]);
            assert.deepEqual(
                bed.emulator.snapshots(REGION).map((s) => s.name),
                ["doomed-1"],
            );
            await remove(urn, failed.id, failed.properties);
        });

        it("holds the create to the engine's timeout, recording the still pending snapshot", async () => {
            bed.emulator.setSnapshotBehaviour({ durationMs: 60_000 });
            const urn = urnOf("DiskSnapshot", "slow");
            const inputs = await checked("slow", { diskName: "Disk-1", diskSnapshotName: "slow-1" });
            const error = await failureOf(create(urn, inputs, 1));
            assert.match(error.details, /still pending/);
            assert.match(error.details, /create timeout/);
            const failed = initFailureOf(error);
            assert.ok(failed, "the status details carry pulumirpc.ErrorResourceInitFailed");
            assert.equal(failed.id, "slow-1");
            assert.equal(failed.properties.state, "pending");
            assert.deepEqual(failed.properties.timeouts, { create: "1s" }, "the engine's timeout is recorded with it");
            bed.emulator.deleteSnapshot("slow-1", REGION);
        });

        it("answers a create that fails before anything exists without ErrorResourceInitFailed", async () => {
            const inputs = await checked("missing", { diskName: "Disk-404", diskSnapshotName: "missing-1" });
            const error = await failureOf(create(urnOf("DiskSnapshot", "missing"), inputs));
            assert.match(error.details, /NotFoundException/);
            assert.equal(initFailureOf(error), undefined);
            assert.ok(!bed.emulator.snapshots(REGION).some((s) => s.name === "missing-1"));
        });
    });

    describe("invoke", () => {
        it("getDiskSnapshot answers the snapshot's properties, in the configured region", async () => {
            const { id } = await created("looked-up", { diskName: "Disk-1", tags: { env: "prod" } });
            const result = await invoke(functionToken("getDiskSnapshot"), { diskSnapshotName: id });
            assert.equal(result.diskSnapshotName, id);
            assert.equal(result.state, "completed");
            assert.equal(result.region, REGION);
            assert.equal(result.fromDiskName, "Disk-1");
            assert.deepEqual(result.tags, { env: "prod" });
            await remove(urnOf("DiskSnapshot", "looked-up"), id, { region: REGION, diskSnapshotName: id });
        });

        it("answers a lookup that finds nothing as a failed call naming the snapshot", async () => {
            const error = await failureOf(invoke(functionToken("getDiskSnapshot"), { diskSnapshotName: "no-such-1" }));
            assert.match(error.details, /no-such-1/);
        });

        it("refuses an unknown function token, naming the functions it has", async () => {
            const error = await failureOf(invoke(functionToken("getEverything"), {}));
            assert.match(error.details, /unknown function lightsail-snapshots:index:getEverything/);
            assert.match(error.details, /getDiskSnapshot, getLatestDiskSnapshot, getAutoSnapshots/);
        });
    });
});
