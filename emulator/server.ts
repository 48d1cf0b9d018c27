/**
 * The HTTP front: `POST /` speaking AWS JSON 1.1, plus the admin paths, on 127.0.0.1 only.
 *
 * Request pipeline for the AWS API: read body → method/path → SigV4 credential scope (region) →
 * `X-Amz-Target` → content type → rate limit → injected fault → JSON body → handler → persist →
 * answer. Every answer carries `x-amzn-RequestId`. Malformed input never crashes the server: every
 * failure becomes a JSON error with `__type`.
 *
 * @module
 */

import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { ADMIN_PREFIX, runAdmin } from "./admin";
import type { EmulatorCore } from "./core";
import { OPERATION_TABLE } from "./handlers";
import {
    AwsError,
    errors,
    isJsonContentType,
    JSON_CONTENT_TYPE,
    parseAuthorization,
    parseBody,
    parseTarget,
} from "./protocol";
import type { RequestLogEntry } from "./types";

/** Largest request body accepted, bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The address the emulator listens on. */
export const HOST = "127.0.0.1";

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let failed = false;
        req.on("data", (chunk: Buffer) => {
            if (failed) {
                return;
            }
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
                failed = true;
                reject(new BodyTooLarge());
                return;
            }
            chunks.push(chunk);
        });
        req.on("end", () => {
            if (!failed) {
                resolve(Buffer.concat(chunks).toString("utf8"));
            }
        });
        req.on("error", (err) => {
            if (!failed) {
                failed = true;
                reject(err);
            }
        });
    });
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Longest body kept verbatim in the request log; longer bodies are truncated. */
export const MAX_LOGGED_BODY = 64 * 1024;

function depth(value: unknown, limit: number): number {
    if (value === null || typeof value !== "object") {
        return 0;
    }
    if (limit <= 0) {
        return 1;
    }
    let deepest = 0;
    for (const child of Object.values(value as Record<string, unknown>)) {
        deepest = Math.max(deepest, depth(child, limit - 1));
        if (deepest >= limit) {
            break;
        }
    }
    return deepest + 1;
}

/** The body as logged: parsed JSON when small, parseable and reasonably shallow; otherwise (truncated) text. */
function bodyForLog(raw: string): unknown {
    if (raw.length > MAX_LOGGED_BODY) {
        return `${raw.slice(0, MAX_LOGGED_BODY)}...[truncated ${raw.length - MAX_LOGGED_BODY} characters]`;
    }
    try {
        const parsed = JSON.parse(raw) as unknown;
        return depth(parsed, 64) < 64 ? parsed : raw;
    } catch {
        return raw;
    }
}

/** A running HTTP front. */
export interface HttpFront {
    /** The node server. */
    server: Server;
    /** Bound port. */
    port: number;
    /** Stops listening, ends hung requests and closes every connection. */
    close(): Promise<void>;
}

/**
 * Starts the HTTP front for a core on 127.0.0.1.
 *
 * @param port TCP port, 0 for any free port.
 */
export async function startHttp(core: EmulatorCore, port: number): Promise<HttpFront> {
    const sockets = new Set<Socket>();
    const hung = new Set<ServerResponse>();

    function send(res: ServerResponse, status: number, body: unknown, contentType = JSON_CONTENT_TYPE): void {
        if (res.headersSent || res.destroyed) {
            return;
        }
        const text = JSON.stringify(body);
        res.writeHead(status, {
            "Content-Type": contentType,
            "Content-Length": Buffer.byteLength(text),
        });
        res.end(text);
    }

    function finish(entry: RequestLogEntry, started: number, status: number | null, errorType?: string): void {
        entry.status = status;
        if (errorType !== undefined) {
            entry.errorType = errorType;
        }
        entry.latencyMs = Math.round((performance.now() - started) * 1000) / 1000;
    }

    async function serveApi(req: IncomingMessage, res: ServerResponse, raw: string, started: number): Promise<void> {
        const entry = core.startEntry(bodyForLog(raw));
        const fail = (err: AwsError): void => {
            send(res, err.status, err.body());
            finish(entry, started, err.status, err.type);
        };
        const drop = (errorType: string): void => {
            finish(entry, started, null, errorType);
            req.socket.destroy();
        };
        try {
            const path = (req.url ?? "/").split("?")[0];
            if (req.method !== "POST" || path !== "/") {
                throw new AwsError("UnknownOperationException", `${req.method ?? "?"} ${path ?? ""} is not supported`, {
                    status: 404,
                });
            }
            const scope = parseAuthorization(req.headers.authorization);
            entry.region = scope.region;
            const targetHeader = req.headers["x-amz-target"];
            const operation = parseTarget(Array.isArray(targetHeader) ? targetHeader[0] : targetHeader);
            if (operation !== undefined) {
                entry.operation = operation;
            }
            if (operation === undefined || !OPERATION_TABLE[operation]) {
                throw errors.unknownOperation();
            }
            if (!isJsonContentType(req.headers["content-type"])) {
                throw errors.unknownOperation();
            }
            if (!core.faults.admit()) {
                throw errors.throttling();
            }
            const fault = core.faults.take(operation);
            if (fault !== undefined) {
                entry.fault = fault.kind;
                if (fault.latencyMs !== undefined && fault.latencyMs > 0) {
                    await sleep(fault.latencyMs);
                }
                switch (fault.kind) {
                    case "throttle":
                        throw errors.throttling();
                    case "error":
                        throw errors.service();
                    case "unavailable":
                        throw errors.unavailable();
                    case "denied":
                        throw errors.accessDenied(operation, core.world.accountId);
                    case "reset":
                        drop("ConnectionReset");
                        return;
                    case "hang":
                        entry.errorType = "Hang";
                        hung.add(res);
                        res.on("close", () => hung.delete(res));
                        return;
                    default:
                        break;
                }
            }
            const input = parseBody(raw);
            const output = core.runOperation(operation, scope.region, input);
            if (fault?.kind === "reset-after") {
                drop("ConnectionReset");
                return;
            }
            send(res, 200, output);
            finish(entry, started, 200);
        } catch (err) {
            fail(err instanceof AwsError ? err : errors.service(`Internal error in the emulator: ${String(err)}`));
        }
    }

    async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const started = performance.now();
        res.setHeader("x-amzn-RequestId", randomUUID());
        res.on("error", () => undefined);
        let raw: string;
        try {
            raw = await readBody(req);
        } catch (err) {
            if (err instanceof BodyTooLarge) {
                res.setHeader("Connection", "close");
                send(res, 413, {
                    __type: "RequestEntityTooLargeException",
                    message: `Request body must be at most ${MAX_BODY_BYTES} bytes`,
                });
                req.resume();
            } else {
                req.socket.destroy();
            }
            return;
        }
        const path = (req.url ?? "/").split("?")[0] ?? "/";
        if (path.startsWith(ADMIN_PREFIX)) {
            const answer = runAdmin(core, req.method ?? "GET", path.slice(ADMIN_PREFIX.length), raw);
            send(res, answer.status, answer.body, "application/json");
            return;
        }
        await serveApi(req, res, raw, started);
    }

    const server = createServer((req, res) => {
        onRequest(req, res).catch(() => {
            send(res, 500, { __type: "ServiceException", message: "Internal error in the emulator" });
        });
    });
    server.requestTimeout = 30_000;
    server.headersTimeout = 15_000;
    server.keepAliveTimeout = 5_000;
    server.on("connection", (socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
    });
    server.on("clientError", (_err, socket) => {
        if (socket.writable) {
            const body = JSON.stringify({ __type: "SerializationException", message: "Malformed HTTP request" });
            socket.end(
                `HTTP/1.1 400 Bad Request\r\nContent-Type: ${JSON_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
                    `x-amzn-RequestId: ${randomUUID()}\r\nConnection: close\r\n\r\n${body}`,
            );
        } else {
            socket.destroy();
        }
    });

    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, HOST, () => {
            server.off("error", reject);
            resolve();
        });
    });
    const bound = (server.address() as AddressInfo).port;

    return {
        server,
        port: bound,
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                for (const res of hung) {
                    res.destroy();
                }
                for (const socket of sockets) {
                    socket.destroy();
                }
            }),
    };
}
