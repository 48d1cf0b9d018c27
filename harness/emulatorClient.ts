/**
 * Test helpers for the Lightsail emulator: SDK clients, raw wire requests, the AWS CLI, and a
 * compiled copy of the emulator CLI for child-process tests.
 *
 * @module
 */

import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { LightsailClient, type LightsailClientConfig } from "@aws-sdk/client-lightsail";
import { DUMMY_CREDENTIAL_ENV, DUMMY_CREDENTIALS } from "./account";

/** The Debian AWS CLI v2 (never the pyenv v1 shim). */
export const AWS_CLI = "/usr/bin/aws";

/** The official Lightsail model from Debian's python3-botocore. */
export const SERVICE_MODEL = "/usr/lib/python3/dist-packages/botocore/data/lightsail/2016-11-28/service-2.json";

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

/** Sends one raw HTTP request. Rejects on connection errors (e.g. an injected reset). */
export function rawRequest(
    url: string,
    options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
    const base = new URL(url);
    return new Promise((resolvePromise, reject) => {
        const req = request(
            {
                host: base.hostname,
                port: base.port,
                path: options.path ?? "/",
                method: options.method ?? "POST",
                headers: options.headers ?? {},
                agent: false,
            },
            (res) => {
                const chunks: Buffer[] = [];
                res.on("data", (c: Buffer) => chunks.push(c));
                res.on("end", () => {
                    const text = Buffer.concat(chunks).toString("utf8");
                    let json: unknown;
                    try {
                        json = JSON.parse(text);
                    } catch {
                        json = undefined;
                    }
                    resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, text, json });
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

/** Result of one AWS CLI run. */
export interface CliResult {
    /** Exit code. */
    code: number;
    /** Standard output. */
    stdout: string;
    /** Standard error. */
    stderr: string;
    /** Standard output parsed as JSON, when it parses. */
    json: unknown;
}

/**
 * A temporary HOME for the AWS CLI, with `cli_timestamp_format = wire` so timestamps print as the
 * epoch numbers the service sends (as in the documented examples).
 */
export function awsCliHome(): string {
    const home = mkdtempSync(join(tmpdir(), "aws-cli-home-"));
    mkdirSync(join(home, ".aws"));
    writeFileSync(join(home, ".aws", "config"), "[default]\ncli_timestamp_format = wire\nretry_mode = standard\n");
    return home;
}

/** Runs `/usr/bin/aws lightsail ...` against an emulator (asynchronously, so an in-process emulator can answer). */
export function runAwsCli(
    url: string,
    home: string,
    args: readonly string[],
    region = "us-west-2",
): Promise<CliResult> {
    return new Promise((resolvePromise) => {
        execFile(
            AWS_CLI,
            ["lightsail", ...args, "--endpoint-url", url, "--output", "json", "--no-cli-pager"],
            {
                env: {
                    PATH: "/usr/bin:/bin",
                    HOME: home,
                    ...DUMMY_CREDENTIAL_ENV,
                    AWS_DEFAULT_REGION: region,
                    AWS_EC2_METADATA_DISABLED: "true",
                    AWS_MAX_ATTEMPTS: "2",
                },
                timeout: 30_000,
            },
            (error, stdout, stderr) => {
                let json: unknown;
                try {
                    json = JSON.parse(stdout);
                } catch {
                    json = undefined;
                }
                const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
                resolvePromise({ code, stdout, stderr, json });
            },
        );
    });
}

let compiledCli: string | undefined;

/**
 * Transpiles `emulator/*.ts` to CommonJS in a temporary directory (TypeScript's `transpileModule`,
 * no type check) and returns the path of `cli.js`, so child processes start in plain node quickly.
 */
export function compiledEmulatorCli(): string {
    if (compiledCli !== undefined && existsSync(compiledCli)) {
        return compiledCli;
    }
    // Loaded lazily: only the child-process tests need the compiler.
    const ts = require("typescript") as typeof import("typescript");
    const source = resolve(__dirname, "..", "emulator");
    const out = mkdtempSync(join(tmpdir(), "lightsail-emulator-js-"));
    for (const name of readdirSync(source)) {
        if (!name.endsWith(".ts")) {
            continue;
        }
        const text = readFileSync(join(source, name), "utf8");
        const result = ts.transpileModule(text, {
            compilerOptions: {
                module: ts.ModuleKind.CommonJS,
                target: ts.ScriptTarget.ES2022,
                esModuleInterop: true,
            },
            fileName: name,
        });
        writeFileSync(join(out, name.replace(/\.ts$/, ".js")), result.outputText);
    }
    compiledCli = join(out, "cli.js");
    return compiledCli;
}
