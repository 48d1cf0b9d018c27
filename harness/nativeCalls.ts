/**
 * The native provider plugin's gRPC service called as the Pulumi engine calls it: through the
 * SDK's generated ResourceProvider client, with protobuf structs, each answer read back as plain
 * values. The SDK's own copies of gRPC and the protocol modules are used, as the plugin's server
 * loads them, so that both ends share one gRPC library and protobuf runtime.
 */

import assert from "node:assert/strict";
import { createRequire } from "node:module";
import type * as GrpcModule from "@grpc/grpc-js";
import type * as ProviderRpcModule from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as ProviderModule from "@pulumi/pulumi/proto/provider_pb";
import type * as EmptyModule from "google-protobuf/google/protobuf/empty_pb";
import type * as StructModule from "google-protobuf/google/protobuf/struct_pb";
import { PACKAGE_NAME, resourceToken } from "../provider/native/wire";

/** `require` from the SDK's folder: its own copies of gRPC and the protocol modules. */
export const sdkRequire = createRequire(require.resolve("@pulumi/pulumi"));
/** The SDK's gRPC library. */
export const grpc = sdkRequire("@grpc/grpc-js") as typeof GrpcModule;
/** The SDK's provider protocol messages. */
export const provproto = sdkRequire("./proto/provider_pb") as typeof ProviderModule;
/** The SDK's provider service client. */
const provrpc = sdkRequire("./proto/provider_grpc_pb") as typeof ProviderRpcModule;
/** The SDK's copy of protobuf's `Struct`. */
const structproto = sdkRequire("google-protobuf/google/protobuf/struct_pb") as typeof StructModule;
/** The SDK's copy of protobuf's `Empty`. */
export const emptyproto = sdkRequire("google-protobuf/google/protobuf/empty_pb") as typeof EmptyModule;

/** Properties as plain values. */
export type Props = Record<string, unknown>;

/** A unary method of the generated client. */
export type Unary<Req, Res> = (
    request: Req,
    callback: (error: GrpcModule.ServiceError | null, response: Res) => void,
) => GrpcModule.ClientUnaryCall;

/** The URN the engine sends for a resource of the package's `type` named `name`. */
export function urnOf(type: string, name: string): string {
    return `urn:pulumi:dev::proj::${resourceToken({ name: type })}::${name}`;
}

/** A function's token in the package: `lightsail-snapshots:index:<name>`. */
export function functionToken(name: string): string {
    return `${PACKAGE_NAME}:index:${name}`;
}

/** Plain values as a protobuf struct. */
export function structOf(value: Props): StructModule.Struct {
    return structproto.Struct.fromJavaScript(value as Record<string, StructModule.JavaScriptValue>);
}

/** A protobuf struct as plain values; fails the test when the answer has none. */
export function plain(struct: StructModule.Struct | undefined): Props {
    assert.ok(struct, "the answer carries the properties");
    return struct.toJavaScript() as Props;
}

/** A client of the plugin listening on loopback `port`. */
export function connect(port: number, options?: GrpcModule.ChannelOptions): ProviderRpcModule.ResourceProviderClient {
    return new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), options);
}

/** The error a call fails with; fails the test when it succeeds. */
export async function failureOf(answer: Promise<unknown>): Promise<GrpcModule.ServiceError> {
    const error = await answer.then(
        () => undefined,
        (e: GrpcModule.ServiceError) => e,
    );
    assert.ok(error, "the call fails");
    return error;
}

/** A Check failure, as plain values. */
export interface CheckFailure {
    property: string;
    reason: string;
}

/** A Diff answer, as plain values. */
export interface DiffAnswer {
    changes: ProviderModule.DiffResponse.DiffChanges;
    replaces: string[];
    stables: string[];
    deleteBeforeReplace: boolean;
    hasDetailedDiff: boolean;
    diffs: string[];
    detailedDiff: Record<string, { kind: number; inputDiff: boolean }>;
}

/** A Read answer, as plain values: no properties or inputs when the answer has none. */
export interface ReadAnswer {
    id: string;
    properties: Props | undefined;
    inputs: Props | undefined;
}

/** The plugin's methods, called as the engine calls them. */
export interface NativeCalls {
    /** Calls `method` of the client with `request`. */
    call<Req, Res>(method: Unary<Req, Res>, request: Req): Promise<Res>;
    /** Configure with the stack's `variables` and, for an explicit provider, its `args`. */
    configure(variables: Record<string, string>, args?: Props): Promise<ProviderModule.ConfigureResponse>;
    /** Check of the program's `news` against the state's `olds`. */
    check(urn: string, news: Props, olds?: Props): Promise<{ inputs: Props; failures: CheckFailure[] }>;
    /** Diff of the state's `olds` against the checked `news`. */
    diff(urn: string, id: string, olds: Props, news: Props): Promise<DiffAnswer>;
    /** Create, with the engine's create timeout (`customTimeouts`) in seconds; 0: none. */
    create(urn: string, properties: Props, timeoutSeconds?: number): Promise<{ id: string; properties: Props }>;
    /** Read: a refresh with the state's outputs, an import with none, a `get` with its region. */
    read(urn: string, id: string, properties: Props): Promise<ReadAnswer>;
    /** Update, with the engine's update timeout in seconds; 0: none. Answers the new outputs. */
    update(urn: string, id: string, olds: Props, news: Props, timeoutSeconds?: number): Promise<Props>;
    /** Delete, with the engine's delete timeout in seconds; 0: none. */
    remove(urn: string, id: string, properties: Props, timeoutSeconds?: number): Promise<void>;
    /** Invoke of the function `token`. Answers its result. */
    invoke(token: string, args: Props): Promise<Props>;
}

/** The plugin's methods, called through whichever client `client` answers at the time of the call. */
export function nativeCalls(client: () => ProviderRpcModule.ResourceProviderClient): NativeCalls {
    function call<Req, Res>(method: Unary<Req, Res>, request: Req): Promise<Res> {
        return new Promise((resolve, reject) => {
            method.call(client(), request, (error, response) => (error ? reject(error) : resolve(response)));
        });
    }

    return {
        call,

        async configure(variables, args) {
            const request = new provproto.ConfigureRequest();
            for (const [key, value] of Object.entries(variables)) request.getVariablesMap().set(key, value);
            if (args) request.setArgs(structOf(args));
            return call<ProviderModule.ConfigureRequest, ProviderModule.ConfigureResponse>(client().configure, request);
        },

        async check(urn, news, olds = {}) {
            const request = new provproto.CheckRequest().setUrn(urn).setOlds(structOf(olds)).setNews(structOf(news));
            const response = await call<ProviderModule.CheckRequest, ProviderModule.CheckResponse>(
                client().check,
                request,
            );
            return {
                inputs: plain(response.getInputs()),
                failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
            };
        },

        async diff(urn, id, olds, news) {
            const request = new provproto.DiffRequest()
                .setUrn(urn)
                .setId(id)
                .setOlds(structOf(olds))
                .setNews(structOf(news));
            const response = await call<ProviderModule.DiffRequest, ProviderModule.DiffResponse>(
                client().diff,
                request,
            );
            const detailedDiff: DiffAnswer["detailedDiff"] = {};
            response.getDetaileddiffMap().forEach((entry, key) => {
                detailedDiff[key] = { kind: entry.getKind(), inputDiff: entry.getInputdiff() };
            });
            return {
                changes: response.getChanges(),
                replaces: response.getReplacesList(),
                stables: response.getStablesList(),
                deleteBeforeReplace: response.getDeletebeforereplace(),
                hasDetailedDiff: response.getHasdetaileddiff(),
                diffs: response.getDiffsList(),
                detailedDiff,
            };
        },

        async create(urn, properties, timeoutSeconds = 0) {
            const request = new provproto.CreateRequest()
                .setUrn(urn)
                .setProperties(structOf(properties))
                .setTimeout(timeoutSeconds);
            const response = await call<ProviderModule.CreateRequest, ProviderModule.CreateResponse>(
                client().create,
                request,
            );
            return { id: response.getId(), properties: plain(response.getProperties()) };
        },

        async read(urn, id, properties) {
            const request = new provproto.ReadRequest().setUrn(urn).setId(id).setProperties(structOf(properties));
            const response = await call<ProviderModule.ReadRequest, ProviderModule.ReadResponse>(
                client().read,
                request,
            );
            return {
                id: response.getId(),
                properties: response.hasProperties() ? plain(response.getProperties()) : undefined,
                inputs: response.hasInputs() ? plain(response.getInputs()) : undefined,
            };
        },

        async update(urn, id, olds, news, timeoutSeconds = 0) {
            const request = new provproto.UpdateRequest()
                .setUrn(urn)
                .setId(id)
                .setOlds(structOf(olds))
                .setNews(structOf(news))
                .setTimeout(timeoutSeconds);
            const response = await call<ProviderModule.UpdateRequest, ProviderModule.UpdateResponse>(
                client().update,
                request,
            );
            return plain(response.getProperties());
        },

        async remove(urn, id, properties, timeoutSeconds = 0) {
            const request = new provproto.DeleteRequest()
                .setUrn(urn)
                .setId(id)
                .setProperties(structOf(properties))
                .setTimeout(timeoutSeconds);
            await call<ProviderModule.DeleteRequest, EmptyModule.Empty>(client().delete, request);
        },

        async invoke(token, args) {
            const request = new provproto.InvokeRequest().setTok(token).setArgs(structOf(args));
            const response = await call<ProviderModule.InvokeRequest, ProviderModule.InvokeResponse>(
                client().invoke,
                request,
            );
            return plain(response.getReturn());
        },
    };
}
