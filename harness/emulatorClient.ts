/**
 * Talking to a Lightsail emulator: SDK clients, raw wire requests and admin commands, with the
 * dummy credentials of `account.ts`.
 *
 * @module
 */

import { type Agent, request } from "node:http";
import { LightsailClient, type LightsailClientConfig } from "@aws-sdk/client-lightsail";
import { DUMMY_CREDENTIALS } from "./account";

/** A Lightsail SDK client pointed at an emulator. */
export function lightsailClient(url: string, region = "us-west-2", extra: Partial<LightsailClientConfig> = {}) {
    return new LightsailClient({ endpoint: url, region, credentials: DUMMY_CREDENTIALS, ...extra });
}

/** A SigV4-shaped `Authorization` header for raw requests (the signature is not checked). */
export function authorization(region = "us-west-2", service = "lightsail"): string {
    return (
        `AWS4-HMAC-SHA256 Credential=${DUMMY_CREDENTIALS.accessKeyId}/20240101/${region}/${service}/aws4_request, ` +
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000"
    );
}

/** Headers of a well-formed Lightsail JSON 1.1 request. */
export function apiHeaders(operation: string, region = "us-west-2"): Record<string, string> {
    return {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": `Lightsail_20161128.${operation}`,
        "x-amz-date": "20240101T000000Z",
        authorization: authorization(region),
    };
}

/** A raw HTTP answer. */
export interface RawAnswer {
    /** HTTP status. */
    status: number;
    /** Response headers. */
    headers: Record<string, string | string[] | undefined>;
    /** Body text. */
    text: string;
    /** Body parsed as JSON, or `undefined` when it does not parse. */
    json: unknown;
}

/** `text` parsed as JSON, or `undefined` when it does not parse. */
export function parseJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

/** Options of {@link rawRequest}. */
export interface RawRequestOptions {
    /** HTTP method (default POST). */
    method?: string;
    /** Request path (default `/`). */
    path?: string;
    /** Request headers. */
    headers?: Record<string, string>;
    /** Request body. */
    body?: string | Buffer;
    /** Connection agent, e.g. a keep-alive one (default: a connection of its own). */
    agent?: Agent;
}

/** Sends one raw HTTP request. Rejects on connection errors (e.g. an injected reset). */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawAnswer> {
    const base = new URL(url);
    return new Promise((resolvePromise, reject) => {
        const req = request(
            {
                host: base.hostname,
                port: base.port,
                path: options.path ?? "/",
                method: options.method ?? "POST",
                headers: options.headers ?? {},
                agent: options.agent ?? false,
            },
            (res) => {
                const chunks: Buffer[] = [];
                res.on("data", (c: Buffer) => chunks.push(c));
                res.on("end", () => {
                    const text = Buffer.concat(chunks).toString("utf8");
                    resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, text, json: parseJson(text) });
                });
                res.on("error", reject);
            },
        );
        req.on("error", reject);
        req.end(options.body);
    });
}

/** Calls a Lightsail operation over raw HTTP with a well-formed request. */
export function callApi(url: string, operation: string, input: unknown = {}, region = "us-west-2"): Promise<RawAnswer> {
    return rawRequest(url, { headers: apiHeaders(operation, region), body: JSON.stringify(input) });
}

/** Calls an admin command (`POST /_emulator/<command>`). */
export async function admin(url: string, command: string, body: unknown = {}): Promise<RawAnswer> {
    return rawRequest(url, {
        path: `/_emulator/${command}`,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
    });
}
