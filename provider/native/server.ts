/**
 * The native provider plugin's gRPC server: the engine's `ResourceProvider` service on the same
 * methods the dynamic face's serialized providers call.
 *
 * Written on the SDK's generated protocol modules rather than `@pulumi/pulumi/provider`'s
 * `main`, because in 3.248 that server cannot do what this plugin is for: its `configure` drops
 * the configuration, `diff` returns no detailed diff (so `replaceOnChanges` cannot work), `create`
 * and `delete` drop the request's timeout (`customTimeouts`), `read` has no inputs for
 * `pulumi import`, and it cannot log against a resource. What is kept from the SDK: the protocol
 * modules, its gRPC library and protobuf runtime, and its channel settings.
 */

import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import type { ServiceDefinition } from "@grpc/grpc-js";
import type * as EngineRpcModule from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as EngineModule from "@pulumi/pulumi/proto/engine_pb";
import type * as PluginModule from "@pulumi/pulumi/proto/plugin_pb";
import type * as ProviderModule from "@pulumi/pulumi/proto/provider_pb";
import type * as StatusModule from "@pulumi/pulumi/proto/status_pb";
import type * as AnyModule from "google-protobuf/google/protobuf/any_pb";
import type * as EmptyModule from "google-protobuf/google/protobuf/empty_pb";
import type * as StructModule from "google-protobuf/google/protobuf/struct_pb";
import { installLineRouter } from "../diagnostics";
import type { EngineProperties } from "../outputs";
import { toPlainJson } from "../outputs";
import { endWithEngine } from "../pluginLifetime";
import { PartialCreateError } from "../recovery";
import { configureSettings, currentSettings } from "../runtime";
import { FUNCTIONS } from "./functions";
import { packageSchemaText } from "./package";
import { NATIVE_RESOURCES, type NativeResource } from "./resources";
import { configSourceOf, configValuesOf, declaredInputs, detailedDiff, PACKAGE_NAME, withEngineTimeout } from "./wire";

// The SDK's own copies, so that the service definitions and the server share one gRPC library.
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi"));
const grpc = sdkRequire("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const structproto = sdkRequire("google-protobuf/google/protobuf/struct_pb") as typeof StructModule;
const emptyproto = sdkRequire("google-protobuf/google/protobuf/empty_pb") as typeof EmptyModule;
const anyproto = sdkRequire("google-protobuf/google/protobuf/any_pb") as typeof AnyModule;
const provproto = sdkRequire("./proto/provider_pb") as typeof ProviderModule;
const provrpc = sdkRequire("./proto/provider_grpc_pb") as { ResourceProviderService: ServiceDefinition };
const plugproto = sdkRequire("./proto/plugin_pb") as typeof PluginModule;
const statusproto = sdkRequire("./proto/status_pb") as typeof StatusModule;
const engineproto = sdkRequire("./proto/engine_pb") as typeof EngineModule;
const enginerpc = sdkRequire("./proto/engine_grpc_pb") as typeof EngineRpcModule;

type Callback = (error: unknown, value?: unknown, trailer?: unknown) => void;

/** The resource whose operation is running, for the lines it prints. */
const currentUrn = new AsyncLocalStorage<string>();

function structOf(value: unknown): StructModule.Struct {
    return structproto.Struct.fromJavaScript(
        (toPlainJson(value ?? {}) ?? {}) as Record<string, StructModule.JavaScriptValue>,
    );
}

function propsOf(struct: StructModule.Struct | undefined): EngineProperties {
    return (struct ? struct.toJavaScript() : {}) as EngineProperties;
}

/** A failed create or update as the engine understands it: with the resource to record, when there is one. */
function failure(error: unknown): { code: number; message: string; details: string; metadata: unknown } {
    const message = error instanceof Error ? error.message : String(error);
    const metadata = new grpc.Metadata();
    if (error instanceof PartialCreateError) {
        const detail = new provproto.ErrorResourceInitFailed();
        detail.setId(error.id);
        detail.setProperties(structOf(error.properties));
        detail.setReasonsList(error.reasons);
        const packed = new anyproto.Any();
        packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
        const status = new statusproto.Status();
        status.setCode(grpc.status.UNKNOWN);
        status.setMessage(message);
        status.addDetails(packed);
        metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
    }
    return { code: grpc.status.UNKNOWN, message, details: message, metadata };
}

/** Options of {@link startServer}. */
export interface ServerOptions {
    /** The engine's address, from the command line; absent when run by hand. */
    engineAddress?: string;
    /** The plugin's version. */
    version: string;
}

/** A provider server listening on loopback. */
export interface RunningServer {
    /** The port it listens on (which the plugin prints for the engine). */
    port: number;
    /** Stops listening, ending the calls still open, and forgets the engine. */
    stop(): void;
}

/** Starts the provider server on a free loopback port. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
    const engine = options.engineAddress
        ? new enginerpc.EngineClient(options.engineAddress, grpc.credentials.createInsecure())
        : undefined;
    installLineRouter((line) => {
        const urn = currentUrn.getStore();
        if (!engine || !urn) return false;
        const request = new engineproto.LogRequest();
        request.setSeverity(engineproto.LogSeverity.INFO);
        request.setMessage(line);
        request.setUrn(urn);
        engine.log(request, () => undefined);
        return true;
    });

    function resourceOf(urn: string, type: string | undefined): NativeResource {
        const token = type || urn.split("::")[2]?.split("$").pop() || "";
        const resource = NATIVE_RESOURCES.get(token);
        if (!resource) {
            throw new Error(
                `unknown resource type ${token}; this provider has ${[...NATIVE_RESOURCES.keys()].join(", ")}`,
            );
        }
        return resource;
    }

    /** Runs `body` for the request's resource, answering with what it returns or the error it throws. */
    function serve<R extends object>(
        body: (request: R) => Promise<unknown>,
        onError: (error: unknown) => unknown = (error) => error,
    ): (call: { request: R }, callback: Callback) => void {
        return (call, callback) => {
            // The resource the request is about, when it is about one.
            const urn = (call.request as { getUrn?: () => string }).getUrn?.() ?? "";
            currentUrn.run(urn, () => {
                body(call.request).then(
                    (response) => callback(null, response),
                    (error) => {
                        const answer = onError(error) as { metadata?: unknown };
                        callback(answer, null, answer?.metadata);
                    },
                );
            });
        };
    }

    const service = {
        getPluginInfo: serve(async () => new plugproto.PluginInfo().setVersion(options.version)),
        getSchema: serve(async (request: ProviderModule.GetSchemaRequest) => {
            if (request.getVersion() !== 0) throw new Error(`unsupported schema version ${request.getVersion()}`);
            return new provproto.GetSchemaResponse().setSchema(packageSchemaText(options.version));
        }),
        configure: serve(async (request: ProviderModule.ConfigureRequest) => {
            endWithEngine(options.engineAddress);
            const variables = new Map<string, string>(request.getVariablesMap().toArray());
            const args = request.hasArgs() ? propsOf(request.getArgs()) : undefined;
            configureSettings(configSourceOf(configValuesOf(variables, args)));
            return new provproto.ConfigureResponse()
                .setAcceptsecrets(false)
                .setAcceptresources(false)
                .setSupportspreview(false);
        }),
        check: serve(async (request: ProviderModule.CheckRequest) => {
            const urn = request.getUrn();
            const resource = resourceOf(urn, request.getType?.());
            const news = declaredInputs(
                resource.schema,
                urn,
                propsOf(request.getNews()),
                currentSettings().defaultRegion,
            );
            const result = await resource.methods.check(propsOf(request.getOlds()), news);
            const response = new provproto.CheckResponse().setInputs(structOf(result.inputs ?? news));
            for (const item of result.failures ?? []) {
                response.addFailures(new provproto.CheckFailure().setProperty(item.property).setReason(item.reason));
            }
            return response;
        }),
        diff: serve(async (request: ProviderModule.DiffRequest) => {
            const resource = resourceOf(request.getUrn(), request.getType?.());
            const olds = propsOf(request.getOlds());
            const news = propsOf(request.getNews());
            const result = await resource.methods.diff(request.getId(), olds, news);
            const response = new provproto.DiffResponse();
            const changes = provproto.DiffResponse.DiffChanges;
            response.setChanges(
                result.changes === true
                    ? changes.DIFF_SOME
                    : result.changes === false
                      ? changes.DIFF_NONE
                      : changes.DIFF_UNKNOWN,
            );
            response.setReplacesList(result.replaces ?? []);
            response.setStablesList(result.stables ?? []);
            // A replacement the engine decides on its own (replaceOnChanges) keeps the resource's name,
            // generated or not: the old one must go first, or the new create would find its own name
            // taken by the very resource it replaces.
            response.setDeletebeforereplace(
                result.deleteBeforeReplace === true || (result.replaces ?? []).length === 0,
            );
            if (result.changes === true) {
                const entries = detailedDiff(resource.schema, olds, news, result.replaces ?? []);
                response.setDiffsList(Object.keys(entries));
                const map = response.getDetaileddiffMap();
                for (const [key, entry] of Object.entries(entries)) {
                    map.set(key, new provproto.PropertyDiff().setKind(entry.kind).setInputdiff(entry.inputDiff));
                }
                response.setHasdetaileddiff(true);
            }
            return response;
        }),
        create: serve(async (request: ProviderModule.CreateRequest) => {
            const resource = resourceOf(request.getUrn(), request.getType?.());
            const inputs = withEngineTimeout(propsOf(request.getProperties()), "create", request.getTimeout());
            const { id, outs } = await resource.methods.create(inputs);
            return new provproto.CreateResponse().setId(id).setProperties(structOf(outs));
        }, failure),
        read: serve(async (request: ProviderModule.ReadRequest) => {
            const resource = resourceOf(request.getUrn(), request.getType?.());
            const id = request.getId();
            let props = propsOf(request.getProperties());
            const importing = Object.keys(props).length === 0;
            if (importing) {
                if (!resource.importedInputs)
                    throw new Error(`${resource.schema.name} "${id}": ${resource.notImportable}`);
                const region = currentSettings().defaultRegion;
                if (!region)
                    throw new Error(
                        `${resource.schema.name} "${id}": no region; set lightsail-snapshots:region or AWS_REGION`,
                    );
                props = { region, [resource.schema.idProperty]: id };
            }
            const result = await resource.methods.read(id, props);
            const response = new provproto.ReadResponse().setId(result.id ?? "");
            if (!result.id) return response;
            let outputs = result.props as EngineProperties;
            let inputs = result.inputs as EngineProperties | undefined;
            if (importing && resource.importedInputs) {
                // What the resource was made from is among its outputs too, as after a create.
                const made = resource.importedInputs(outputs);
                outputs = { ...outputs, ...made };
                inputs = { ...(inputs ?? {}), ...made };
            }
            response.setProperties(structOf(outputs));
            if (inputs) response.setInputs(structOf(inputs));
            return response;
        }),
        update: serve(async (request: ProviderModule.UpdateRequest) => {
            const resource = resourceOf(request.getUrn(), request.getType?.());
            const news = withEngineTimeout(propsOf(request.getNews()), "create", request.getTimeout());
            const { outs } = await resource.methods.update(request.getId(), propsOf(request.getOlds()), news);
            return new provproto.UpdateResponse().setProperties(structOf(outs));
        }, failure),
        delete: serve(async (request: ProviderModule.DeleteRequest) => {
            const resource = resourceOf(request.getUrn(), request.getType?.());
            const props = withEngineTimeout(propsOf(request.getProperties()), "delete", request.getTimeout());
            await resource.methods.delete(request.getId(), props);
            return new emptyproto.Empty();
        }),
        invoke: serve(async (request: ProviderModule.InvokeRequest) => {
            const token = request.getTok();
            const name = token.startsWith(`${PACKAGE_NAME}:index:`) ? token.slice(PACKAGE_NAME.length + 7) : "";
            const fn = FUNCTIONS[name];
            if (!fn)
                throw new Error(`unknown function ${token}; this provider has ${Object.keys(FUNCTIONS).join(", ")}`);
            return new provproto.InvokeResponse().setReturn(structOf(await fn.run(propsOf(request.getArgs()))));
        }),
        cancel: serve(async () => new emptyproto.Empty()),
        attach: serve(async () => new emptyproto.Empty()),
    };

    const server = new grpc.Server({ "grpc.max_receive_message_length": 1024 * 1024 * 400 });
    server.addService(provrpc.ResourceProviderService, service as never);
    const port = await new Promise<number>((resolve, reject) => {
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
            error ? reject(error) : resolve(bound),
        );
    });
    return {
        port,
        stop: () => {
            server.forceShutdown();
            engine?.close();
            installLineRouter(() => false);
        },
    };
}
