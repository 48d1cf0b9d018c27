/**
 * Fuzz: hundreds of random and malformed requests (seeded, reproducible). Every answer must be a
 * well-formed JSON error (or success) with a request id, and the server must keep serving.
 */
import assert from "node:assert/strict";
import { connect } from "node:net";
import { OPERATIONS, type RunningEmulator, startEmulator } from "../../emulator";
import { seededRandom } from "../../emulator/random";
import { apiHeaders, authorization, callApi, rawRequest } from "../../harness/emulatorClient";

const SEED = 20240601;
const CASES = 300;

type Rng = () => number;

function pick<T>(rng: Rng, items: readonly T[]): T {
    return items[Math.floor(rng() * items.length)] as T;
}

function randomString(rng: Rng, max = 40): string {
    const alphabets = [
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_",
        " !\"#$%&'()*+,./:;<=>?@[\\]^`{|}~",
        "éüßлдж漢字🙂\u0000\u0007\u200b\ud800",
    ];
    const alphabet = [...pick(rng, alphabets)];
    const length = Math.floor(rng() * max);
    let out = "";
    for (let i = 0; i < length; i++) {
        out += pick(rng, alphabet);
    }
    return out;
}

function randomValue(rng: Rng, depth = 0): unknown {
    const kind = Math.floor(rng() * (depth > 3 ? 5 : 8));
    switch (kind) {
        case 0:
            return randomString(rng);
        case 1:
            return Math.floor(rng() * 2 ** 40) * (rng() < 0.5 ? -1 : 1) + (rng() < 0.2 ? 0.5 : 0);
        case 2:
            return rng() < 0.5;
        case 3:
            return null;
        case 4:
            return pick(rng, ["Disk-1", "WordPress-1", "snap-1", "", "a", "x".repeat(300), "us-west-2a"]);
        case 5:
            return Array.from({ length: Math.floor(rng() * 4) }, () => randomValue(rng, depth + 1));
        default: {
            const obj: Record<string, unknown> = {};
            for (let i = 0; i < Math.floor(rng() * 4); i++) {
                obj[pick(rng, ["key", "value", randomString(rng, 8)])] = randomValue(rng, depth + 1);
            }
            return obj;
        }
    }
}

const MEMBERS = [
    "diskSnapshotName",
    "diskName",
    "instanceName",
    "tags",
    "pageToken",
    "operationId",
    "resourceName",
    "resourceArn",
    "tagKeys",
    "availabilityZone",
    "sizeInGb",
    "instanceNames",
    "blueprintId",
    "bundleId",
    "forceDeleteAddOns",
];

function randomBody(rng: Rng): string | Buffer {
    switch (Math.floor(rng() * 9)) {
        case 0:
            return "";
        case 1:
            return Buffer.from(Array.from({ length: Math.floor(rng() * 200) }, () => Math.floor(rng() * 256)));
        case 2: {
            const text = JSON.stringify({ diskSnapshotName: "abc", tags: [{ key: "k" }] });
            return text.slice(0, Math.floor(rng() * text.length));
        }
        case 3: {
            const depth = 1000 + Math.floor(rng() * 20000);
            return `${"[".repeat(depth)}${"]".repeat(rng() < 0.5 ? depth : 1)}`;
        }
        case 4:
            return JSON.stringify(randomValue(rng));
        case 5:
            return JSON.stringify({
                diskName: "Disk-1",
                diskSnapshotName: `fz-${Math.floor(rng() * 1e6)}`,
                tags: Array.from({ length: Math.floor(rng() * 80) }, () => ({
                    key: randomString(rng, 140),
                    value: rng() < 0.5 ? randomString(rng, 300) : undefined,
                })),
            });
        default: {
            const obj: Record<string, unknown> = {};
            for (let i = 0; i < 1 + Math.floor(rng() * 5); i++) {
                obj[pick(rng, MEMBERS)] = randomValue(rng);
            }
            return JSON.stringify(obj);
        }
    }
}

function randomHeaders(rng: Rng): Record<string, string> {
    const operation = pick(rng, [...OPERATIONS, ...OPERATIONS, "GetBlueprints", "Nope", randomString(rng, 20)]);
    const headers: Record<string, string> = apiHeaders(operation);
    const roll = rng();
    if (roll < 0.1) {
        delete headers.authorization;
    } else if (roll < 0.2) {
        headers.authorization = pick(rng, [
            randomString(rng, 60),
            "AWS4-HMAC-SHA256",
            "AWS4-HMAC-SHA256 Credential=",
            "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=x, Signature=y",
            authorization(pick(rng, ["us-west-2", "eu-north-1", "zz-fake-9"]), pick(rng, ["lightsail", "s3"])),
        ]);
    }
    if (rng() < 0.1) {
        headers["x-amz-target"] = pick(rng, [
            "",
            "Lightsail_20161128.",
            "Lightsail_20161128.Get Disk",
            randomString(rng),
        ]);
    }
    if (rng() < 0.1) {
        delete headers["x-amz-target"];
    }
    if (rng() < 0.1) {
        headers["content-type"] = pick(rng, [
            "text/plain",
            "application/json",
            "application/x-amz-json-1.1; charset=utf-8",
        ]);
    }
    return headers;
}

function headerSafe(value: string): string {
    // Node refuses to send invalid header characters; replace them so the case still goes out.
    return value.replace(/[^\t\x20-\x7e]/g, "?");
}

describe("emulator fuzz (seeded)", () => {
    let emu: RunningEmulator;

    before(async () => {
        emu = await startEmulator({ snapshot: { durationMs: 100 }, pageSize: 3 });
        emu.seedDisk({ name: "Disk-1", region: "us-west-2" });
        emu.seedInstance({ name: "WordPress-1", region: "us-west-2" });
    });

    after(async () => {
        await emu.stop();
    });

    it(`answers ${CASES} random and malformed requests with well-formed JSON and keeps serving`, async () => {
        const rng = seededRandom(SEED);
        const statuses = new Map<number, number>();
        for (let i = 0; i < CASES; i++) {
            const headers = Object.fromEntries(Object.entries(randomHeaders(rng)).map(([k, v]) => [k, headerSafe(v)]));
            const method = rng() < 0.9 ? "POST" : pick(rng, ["GET", "PUT", "DELETE", "PATCH"]);
            const path = rng() < 0.95 ? "/" : pick(rng, ["/x", "/?a=b", "//", "/%zz"]);
            const body = randomBody(rng);
            const label = `case ${i} (seed ${SEED}): ${method} ${path} ${JSON.stringify(headers)} ${String(body).slice(0, 120)}`;
            const answer = await rawRequest(emu.url, { method, path, headers, body });
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            assert.ok([200, 400, 404, 413, 500].includes(answer.status), `${label}: status ${answer.status}`);
            assert.ok(answer.headers["x-amzn-requestid"], `${label}: no request id`);
            assert.ok(
                answer.json !== null && typeof answer.json === "object" && !Array.isArray(answer.json),
                `${label}: body is not a JSON object: ${answer.text.slice(0, 200)}`,
            );
            if (answer.status !== 200) {
                const error = answer.json as { __type?: unknown; message?: unknown };
                assert.equal(typeof error.__type, "string", `${label}: no __type`);
                assert.match(error.__type as string, /^[A-Z][A-Za-z]+$/, label);
                if (!(error.__type === "UnknownOperationException" && error.message === undefined)) {
                    assert.equal(typeof error.message, "string", `${label}: no message`);
                }
                assert.equal(answer.status === 500, error.__type === "ServiceException", label);
            }
        }
        assert.equal(statuses.get(500), undefined, "no request may trigger an internal error");
        assert.ok((statuses.get(400) ?? 0) > CASES / 2);
        const ok = await callApi(emu.url, "GetDisks");
        assert.equal(ok.status, 200);
        assert.ok(emu.requests().length >= CASES);
        const viaAdmin = await rawRequest(emu.url, { method: "GET", path: "/_emulator/requests" });
        assert.equal(viaAdmin.status, 200);
    });

    it("survives garbage on raw TCP connections", async () => {
        const rng = seededRandom(SEED + 1);
        for (let i = 0; i < 25; i++) {
            const payload = pick(rng, [
                Buffer.from(Array.from({ length: 1 + Math.floor(rng() * 300) }, () => Math.floor(rng() * 256))),
                Buffer.from("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"),
                Buffer.from("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
                Buffer.from(`POST / HTTP/1.1\r\n${"X: y\r\n".repeat(5000)}\r\n`),
                Buffer.from("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n{"),
            ]);
            await new Promise<void>((resolve) => {
                const socket = connect(emu.port, "127.0.0.1", () => {
                    socket.write(payload);
                    setTimeout(() => socket.destroy(), 30);
                });
                socket.on("data", (chunk) => {
                    assert.match(chunk.toString("latin1"), /^HTTP\/1\.1 \d{3} /);
                });
                socket.on("error", () => resolve());
                socket.on("close", () => resolve());
            });
        }
        const ok = await callApi(emu.url, "GetDisks");
        assert.equal(ok.status, 200);
    });
});
