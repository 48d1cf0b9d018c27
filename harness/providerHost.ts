/**
 * The dynamic-provider plugin as the Pulumi engine runs it: `@pulumi/pulumi/cmd/dynamic-provider`
 * started with node in a program folder, its port read from its first line of stdout, and its
 * ResourceProvider gRPC service called with protobuf structs.
 */

import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import * as statusProto from "@pulumi/pulumi/proto/status_pb";
import type * as anyProto from "google-protobuf/google/protobuf/any_pb";
import * as structProto from "google-protobuf/google/protobuf/struct_pb";
import { DISK_SNAPSHOT_TYPE } from "../provider";

/** The URN the engine would send for a DiskSnapshot named `name`. */
export function snapshotUrn(name: string): string {
    return `urn:pulumi:test::host::${DISK_SNAPSHOT_TYPE}::${name}`;
}

/** A failed call, with the partial state the plugin attached when the resource exists. */
export interface HostCallError extends Error {
    /** The gRPC status code. */
    code?: number;
    /** From `ErrorResourceInitFailed`: the ID the engine records. */
    initFailedId?: string;
    /** From `ErrorResourceInitFailed`: the properties the engine records. */
    initFailedProperties?: Record<string, unknown>;
}

type Unary<Req, Res> = (
    request: Req,
    callback: (error: grpc.ServiceError | null, response: Res) => void,
) => grpc.ClientUnaryCall;

function toStruct(value: Record<string, unknown>): structProto.Struct {
    return structProto.Struct.fromJavaScript(value as Record<string, structProto.JavaScriptValue>);
}

/** A request about a change to a resource: its URN and ID, its old outputs and its new inputs. */
interface ChangeRequest<T> {
    setUrn(value: string): T;
    setId(value: string): T;
    setOlds(value?: structProto.Struct): T;
    setNews(value?: structProto.Struct): T;
}

/** Fills in a diff or update request. */
function change<T extends ChangeRequest<T>>(
    request: T,
    urn: string,
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
): T {
    return request.setUrn(urn).setId(id).setOlds(toStruct(olds)).setNews(toStruct(news));
}

/** A protobuf struct as a plain object. */
function plain(struct: structProto.Struct | undefined): Record<string, unknown> {
    return struct?.toJavaScript() as Record<string, unknown>;
}

function decodeError(error: grpc.ServiceError): HostCallError {
    const result: HostCallError = new Error(error.details || error.message);
    result.code = error.code;
    const raw = error.metadata?.get("grpc-status-details-bin")?.[0];
    if (raw) {
        const status = statusProto.Status.deserializeBinary(raw as Uint8Array);
        for (const detail of status.getDetailsList() as anyProto.Any[]) {
            if (detail.getTypeName() === "pulumirpc.ErrorResourceInitFailed") {
                const failed = providerProto.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
                result.initFailedId = failed.getId();
                result.initFailedProperties = plain(failed.getProperties());
            }
        }
    }
    return result;
}

/** A running dynamic-provider plugin and a client for it. */
export class ProviderHost {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: providerRpc.ResourceProviderClient,
        /** Everything the plugin wrote to stderr (diagnostics the CLI would show). */
        readonly stderr: string[],
    ) {}

    /**
     * Starts the plugin in `programDir` (whose node_modules hold `@pulumi/pulumi` and this
     * package), with `env` added to the environment.
     */
    static async start(programDir: string, env: Record<string, string>): Promise<ProviderHost> {
        const entry = require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [programDir] });
        const child = spawn(process.execPath, [path.dirname(entry), "127.0.0.1:1"], {
            cwd: programDir,
            env: { ...process.env, ...env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        const stderr: string[] = [];
        child.stderr?.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));
        const port = await new Promise<string>((resolve, reject) => {
            let buffered = "";
            child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
                buffered += chunk;
                const newline = buffered.indexOf("\n");
                if (newline >= 0) resolve(buffered.slice(0, newline).trim());
            });
            child.once("exit", (code) => reject(new Error(`plugin exited with ${code}: ${stderr.join("")}`)));
        });
        const client = new providerRpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        return new ProviderHost(child, client, stderr);
    }

    private call<Req, Res>(method: Unary<Req, Res>, request: Req): Promise<Res> {
        return new Promise((resolve, reject) => {
            method.call(this.client, request, (error, response) =>
                error ? reject(decodeError(error)) : resolve(response),
            );
        });
    }

    /** Configure, with the stack config as the engine passes it. */
    async configure(config: Record<string, unknown>): Promise<void> {
        const request = new providerProto.ConfigureRequest().setArgs(toStruct(config));
        await this.call<providerProto.ConfigureRequest, providerProto.ConfigureResponse>(
            this.client.configure,
            request,
        );
    }

    /** Check: the checked inputs and failures. */
    async check(urn: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
        const request = new providerProto.CheckRequest().setUrn(urn).setOlds(toStruct(olds)).setNews(toStruct(news));
        const response = await this.call<providerProto.CheckRequest, providerProto.CheckResponse>(
            this.client.check,
            request,
        );
        return {
            inputs: plain(response.getInputs()),
            failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
        };
    }

    /** Diff: changes, replaces and delete-before-replace. */
    async diff(urn: string, id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
        const request = change(new providerProto.DiffRequest(), urn, id, olds, news);
        const response = await this.call<providerProto.DiffRequest, providerProto.DiffResponse>(
            this.client.diff,
            request,
        );
        return {
            changes: response.getChanges(),
            replaces: response.getReplacesList(),
            deleteBeforeReplace: response.getDeletebeforereplace(),
        };
    }

    /** Create: the ID and output properties. */
    async create(urn: string, properties: Record<string, unknown>) {
        const request = new providerProto.CreateRequest().setUrn(urn).setProperties(toStruct(properties));
        const response = await this.call<providerProto.CreateRequest, providerProto.CreateResponse>(
            this.client.create,
            request,
        );
        return {
            id: response.getId(),
            properties: plain(response.getProperties()),
        };
    }

    /** Read: ID (empty when gone), properties and inputs. */
    async read(urn: string, id: string, properties: Record<string, unknown>) {
        const request = new providerProto.ReadRequest().setUrn(urn).setId(id).setProperties(toStruct(properties));
        const response = await this.call<providerProto.ReadRequest, providerProto.ReadResponse>(
            this.client.read,
            request,
        );
        return {
            id: response.getId(),
            properties: plain(response.getProperties()),
            inputs: response.hasInputs() ? plain(response.getInputs()) : undefined,
        };
    }

    /** Update: the new output properties. */
    async update(urn: string, id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
        const request = change(new providerProto.UpdateRequest(), urn, id, olds, news);
        const response = await this.call<providerProto.UpdateRequest, providerProto.UpdateResponse>(
            this.client.update,
            request,
        );
        return plain(response.getProperties());
    }

    /** Delete. */
    async delete(urn: string, id: string, properties: Record<string, unknown>): Promise<void> {
        const request = new providerProto.DeleteRequest().setUrn(urn).setId(id).setProperties(toStruct(properties));
        await this.call<providerProto.DeleteRequest, unknown>(this.client.delete, request);
    }

    /** Stops the plugin. */
    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode === null) {
            const exited = new Promise((resolve) => this.child.once("exit", resolve));
            this.child.kill("SIGTERM");
            await exited;
        }
    }
}
