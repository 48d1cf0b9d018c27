import assert from "node:assert/strict";
import {
    CreateDiskSnapshotCommand,
    GetDiskSnapshotCommand,
    GetDiskSnapshotsCommand,
    GetDisksCommand,
    InvalidInputException,
    LightsailServiceException,
    ServiceException,
} from "@aws-sdk/client-lightsail";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { DUMMY_CREDENTIALS } from "../../harness/account";
import { admin, apiHeaders, callApi, lightsailClient, rawRequest } from "../../harness/emulatorClient";
import { sleep } from "../../harness/time";

async function failure(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
    try {
        await promise;
    } catch (err) {
        return err as Error & Record<string, unknown>;
    }
    assert.fail("expected the call to fail");
}

describe("emulator faults, rate limit and request log", () => {
    let emu: RunningEmulator;

    /**
     * GetDisks with `kind` injected once (the SDK's retry, two attempts, must ride it out), then
     * twice (it must give up): the error it surfaces then.
     */
    async function retriedThenExhausted(kind: "error" | "unavailable" | "reset") {
        const client = lightsailClient(emu.url, "us-west-2", { maxAttempts: 2 });
        try {
            emu.setFault("GetDisks", { kind, count: 1 });
            assert.equal((await client.send(new GetDisksCommand({}))).disks?.length, 1);
            emu.setFault("GetDisks", { kind, count: 2 });
            return await failure(client.send(new GetDisksCommand({})));
        } finally {
            client.destroy();
        }
    }

    beforeEach(async () => {
        emu = await startEmulator({ snapshot: { durationMs: 200 } });
        emu.seedDisk({ name: "Disk-1", region: "us-west-2" });
    });

    afterEach(async () => {
        await emu.stop();
    });

    describe("per-operation faults through the SDK's retry strategy", () => {
        it("retries a throttle and succeeds; the log shows both attempts", async () => {
            emu.setFault("GetDiskSnapshots", { kind: "throttle", count: 1 });
            const client = lightsailClient(emu.url, "us-west-2", { maxAttempts: 3 });
            const out = await client.send(new GetDiskSnapshotsCommand({}));
            assert.deepEqual(out.diskSnapshots, []);
            assert.equal(out.$metadata.attempts, 2);
            const log = emu.requests().filter((r) => r.operation === "GetDiskSnapshots");
            assert.deepEqual(
                log.map((r) => [r.status, r.errorType, r.fault]),
                [
                    [400, "ThrottlingException", "throttle"],
                    [200, undefined, undefined],
                ],
            );
            assert.deepEqual(emu.faults(), {});
            client.destroy();
        });

        it("surfaces ThrottlingException when maxAttempts is exhausted", async () => {
            emu.setFault("GetDiskSnapshots", { kind: "throttle", count: 5 });
            const client = lightsailClient(emu.url, "us-west-2", { maxAttempts: 2 });
            const err = await failure(client.send(new GetDiskSnapshotsCommand({})));
            assert.ok(err instanceof LightsailServiceException);
            assert.equal(err.name, "ThrottlingException");
            assert.equal(err.message, "Rate exceeded");
            const meta = err.$metadata as { httpStatusCode: number; attempts: number };
            assert.equal(meta.httpStatusCode, 400);
            assert.equal(meta.attempts, 2);
            assert.equal(emu.faults().GetDiskSnapshots?.count, 3);
            client.destroy();
        });

        it("retries a 500 ServiceException, and surfaces it (instanceof ServiceException) when exhausted", async () => {
            const err = await retriedThenExhausted("error");
            assert.ok(err instanceof ServiceException, `got ${err.name}`);
            assert.equal((err.$metadata as { httpStatusCode: number }).httpStatusCode, 500);
            assert.equal(err.$fault, "server");
        });

        it("retries a 503 and surfaces ServiceUnavailableException when exhausted", async () => {
            const err = await retriedThenExhausted("unavailable");
            assert.equal(err.name, "ServiceUnavailableException");
            assert.equal((err.$metadata as { httpStatusCode: number }).httpStatusCode, 503);
        });

        it("retries a connection reset, and surfaces it when exhausted", async () => {
            const err = await retriedThenExhausted("reset");
            assert.equal(err.code, "ECONNRESET", `${err.name}: ${err.message}`);
            const resets = emu.requests().filter((r) => r.errorType === "ConnectionReset");
            assert.equal(resets.length, 3);
            assert.equal(resets[0]?.status, null);
        });

        it("reset-after applies the call and loses the answer: the SDK's retry then meets NameExists", async () => {
            emu.setFault("CreateDiskSnapshot", { kind: "reset-after", count: 1 });
            const client = lightsailClient(emu.url, "us-west-2", { maxAttempts: 2 });
            const err = await failure(
                client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "lost-answer" })),
            );
            assert.ok(err instanceof InvalidInputException);
            assert.equal(err.code, "NameExists");
            assert.equal(emu.snapshots("us-west-2").length, 1);
            client.destroy();
        });

        it("adds latency", async () => {
            emu.setFault("GetDisks", { kind: "latency", latencyMs: 150 });
            const client = lightsailClient(emu.url, "us-west-2", { maxAttempts: 1 });
            await client.send(new GetDisksCommand({}));
            const entry = emu.requests().at(-1);
            assert.equal(entry?.fault, "latency");
            assert.ok((entry?.latencyMs ?? 0) >= 140);
            client.destroy();
        });

        it("hangs until the client gives up, and stop() ends hung requests", async () => {
            emu.setFault("GetDisks", { kind: "hang" });
            const client = lightsailClient(emu.url, "us-west-2", {
                maxAttempts: 1,
                requestHandler: { requestTimeout: 200, throwOnRequestTimeout: true },
            });
            const err = await failure(client.send(new GetDisksCommand({})));
            assert.match(`${err.name} ${err.message}`, /Timeout|timed out/i);
            client.destroy();
            const pending = rawRequest(emu.url, { headers: apiHeaders("GetDisks"), body: "{}" }).then(
                () => "answered",
                () => "closed",
            );
            await sleep(50);
            // stop() returns only once the hung request is closed (a stop that waited for it would hang here).
            await emu.stop();
            assert.equal(await pending, "closed");
            const hung = emu.requests().filter((r) => r.errorType === "Hang");
            assert.ok(hung.length >= 2);
            assert.equal(hung[0]?.status, null);
        });

        it("uses seeded randomness for probabilities (same seed, same sequence)", async () => {
            const outcomes = async (seed: number): Promise<string> => {
                const e = await startEmulator({
                    randomSeed: seed,
                    faults: { GetDisks: { kind: "error", probability: 0.5 } },
                });
                let out = "";
                for (let i = 0; i < 30; i++) {
                    out += (await callApi(e.url, "GetDisks")).status === 200 ? "." : "x";
                }
                await e.stop();
                return out;
            };
            const a = await outcomes(42);
            assert.equal(await outcomes(42), a);
            assert.notEqual(await outcomes(7), a);
            const failures = [...a].filter((c) => c === "x").length;
            assert.ok(failures > 5 && failures < 25, a);
        });

        it("consults the operation's own fault before '*'", async () => {
            emu.setFault("*", { kind: "error" });
            emu.setFault("GetDisks", { kind: "throttle", count: 1 });
            assert.equal((await callApi(emu.url, "GetDisks")).status, 400);
            assert.equal((await callApi(emu.url, "GetDisks")).status, 500);
            const log = emu.requests().map((r) => r.errorType);
            assert.deepEqual(log, ["ThrottlingException", "ServiceException"]);
            assert.equal((await callApi(emu.url, "GetDiskSnapshots")).status, 500);
            emu.clearFaults();
            assert.equal((await callApi(emu.url, "GetDiskSnapshots")).status, 200);
        });

        it("rejects invalid fault definitions", () => {
            assert.throws(() => emu.setFault("GetDisks", { kind: "explode" as never }), /fault kind/);
            assert.throws(() => emu.setFault("GetDisks", { kind: "throttle", count: 0 }), /count/);
            assert.throws(() => emu.setFault("GetDisks", { kind: "throttle", probability: 2 }), /probability/);
            assert.throws(() => emu.setFault("GetDisks", { kind: "latency" }), /latencyMs/);
        });
    });

    describe("rate limit", () => {
        it("throttles calls beyond the token bucket and refills over time", async () => {
            emu.setRateLimit({ ratePerSecond: 10, burst: 3 });
            const statuses: number[] = [];
            for (let i = 0; i < 6; i++) {
                statuses.push((await callApi(emu.url, "GetDisks")).status);
            }
            assert.deepEqual(statuses.slice(0, 3), [200, 200, 200]);
            assert.ok(statuses.slice(3).includes(400));
            const throttled = await callApi(emu.url, "GetDisks");
            assert.equal((throttled.json as { __type?: string }).__type, "ThrottlingException");
            await sleep(350);
            assert.equal((await callApi(emu.url, "GetDisks")).status, 200);
            emu.setRateLimit(undefined);
            for (let i = 0; i < 10; i++) {
                assert.equal((await callApi(emu.url, "GetDisks")).status, 200);
            }
        });

        it("lets the SDK ride out a rate limit with its retries", async () => {
            emu.setRateLimit({ ratePerSecond: 20, burst: 2 });
            const client = lightsailClient(emu.url, "us-west-2", { maxAttempts: 6 });
            const results = await Promise.all(Array.from({ length: 5 }, () => client.send(new GetDisksCommand({}))));
            assert.equal(results.length, 5);
            assert.ok(emu.requests().some((r) => r.errorType === "ThrottlingException"));
            client.destroy();
        });
    });

    describe("request log", () => {
        it("records operation, region, body, time, status, error type and latency, never the Authorization header", async () => {
            const client = lightsailClient(emu.url, "us-west-2", { maxAttempts: 1 });
            const sentAt = Date.now();
            await client.send(new CreateDiskSnapshotCommand({ diskName: "Disk-1", diskSnapshotName: "logged" }));
            await failure(client.send(new GetDiskSnapshotCommand({ diskSnapshotName: "missing" })));
            const log = emu.requests();
            assert.equal(log.length, 2);
            const [create, get] = log;
            assert.equal(create?.operation, "CreateDiskSnapshot");
            assert.equal(create?.region, "us-west-2");
            assert.deepEqual(create?.body, { diskName: "Disk-1", diskSnapshotName: "logged" });
            assert.equal(create?.status, 200);
            assert.equal(typeof create?.time, "number");
            assert.ok(
                (create?.time ?? 0) >= sentAt && (create?.time ?? 0) <= (get?.time ?? 0),
                "arrival times, in order",
            );
            assert.ok((create?.latencyMs ?? -1) >= 0);
            assert.equal(get?.status, 400);
            assert.equal(get?.errorType, "NotFoundException");
            assert.ok((get?.seq ?? 0) > (create?.seq ?? 0));
            assert.doesNotMatch(
                JSON.stringify(log),
                new RegExp(`AWS4-HMAC|Credential=|${DUMMY_CREDENTIALS.accessKeyId}`),
            );
            const viaAdmin = await admin(emu.url, "requests");
            assert.deepEqual((viaAdmin.json as { requests: unknown }).requests, log);
            emu.clearRequests();
            assert.deepEqual(emu.requests(), []);
            client.destroy();
        });
    });

    describe("admin paths", () => {
        it("seeds, configures, inspects and resets over HTTP", async () => {
            const seeded = await admin(emu.url, "seed-disk", { name: "Disk-2", region: "us-west-2", sizeInGb: 64 });
            assert.equal(seeded.status, 200);
            assert.ok(seeded.headers["x-amzn-requestid"]);
            assert.equal((await admin(emu.url, "seed-instance", { name: "Inst-1", region: "us-west-2" })).status, 200);
            assert.equal(
                (await admin(emu.url, "seed", { "us-west-2": { disks: [{ name: "Disk-3" }], instances: [] } })).status,
                200,
            );
            const behaviour = await admin(emu.url, "snapshot-behaviour", { curve: "none", deletePending: "refuse" });
            assert.deepEqual((behaviour.json as { behaviour: unknown }).behaviour, {
                durationMs: 200,
                curve: "none",
                deletePending: "refuse",
            });
            assert.equal((await admin(emu.url, "snapshot-behaviour", { curve: "wiggly" })).status, 400);
            const create = await callApi(emu.url, "CreateDiskSnapshot", {
                diskName: "Disk-2",
                diskSnapshotName: "adm",
            });
            assert.equal(create.status, 200);
            const listed = (await admin(emu.url, "snapshots", { region: "us-west-2" })).json as {
                snapshots: { name: string; state: string; sizeInGb: number; progress?: string }[];
            };
            assert.equal(listed.snapshots[0]?.name, "adm");
            assert.equal(listed.snapshots[0]?.state, "pending");
            assert.equal(listed.snapshots[0]?.progress, undefined);
            assert.equal(listed.snapshots[0]?.sizeInGb, 64);
            const tags = await admin(emu.url, "set-snapshot-tags", {
                name: "adm",
                region: "us-west-2",
                tags: [{ key: "k", value: "v" }],
            });
            assert.equal(tags.status, 200);
            assert.deepEqual(emu.snapshots("us-west-2")[0]?.tags, [{ key: "k", value: "v" }]);
            assert.equal((await admin(emu.url, "delete-snapshot", { name: "adm", region: "us-west-2" })).status, 200);
            assert.equal((await admin(emu.url, "delete-snapshot", { name: "adm", region: "us-west-2" })).status, 400);
            const fault = await admin(emu.url, "fault", { operation: "GetDisks", kind: "throttle", count: 2 });
            assert.deepEqual((fault.json as { faults: unknown }).faults, { GetDisks: { kind: "throttle", count: 2 } });
            assert.equal((await callApi(emu.url, "GetDisks")).status, 400);
            assert.equal((await admin(emu.url, "clear-faults")).status, 200);
            assert.equal((await callApi(emu.url, "GetDisks")).status, 200);
            assert.equal((await admin(emu.url, "rate-limit", { ratePerSecond: 1, burst: 1 })).status, 200);
            assert.equal((await callApi(emu.url, "GetDisks")).status, 200);
            assert.equal((await callApi(emu.url, "GetDisks")).status, 400);
            assert.equal((await admin(emu.url, "rate-limit", {})).status, 200);
            assert.equal((await callApi(emu.url, "GetDisks")).status, 200);
            const state = (await admin(emu.url, "state")).json as { regions: Record<string, unknown> };
            assert.ok(state.regions["us-west-2"]);
            assert.equal((await rawRequest(emu.url, { method: "GET", path: "/_emulator/requests" })).status, 200);
            assert.equal((await rawRequest(emu.url, { method: "GET", path: "/_emulator/reset" })).status, 405);
            assert.equal((await admin(emu.url, "no-such-command")).status, 404);
            const bad = await rawRequest(emu.url, { path: "/_emulator/seed-disk", body: "{not json" });
            assert.equal(bad.status, 400);
            assert.equal((await admin(emu.url, "reset")).status, 200);
            assert.deepEqual(emu.snapshots("us-west-2"), []);
            assert.equal((await callApi(emu.url, "GetDisk", { diskName: "Disk-1" })).status, 400);
            assert.equal(emu.snapshotBehaviour().curve, "linear");
        });
    });
});
