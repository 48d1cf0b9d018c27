/**
 * Provider settings from the stack configuration and the environment. Pure: both are arguments.
 * Credentials stay with the AWS SDK's default chain unless the stack config sets them; they live
 * only in the plugin process's memory, never in inputs, outputs or the serialized provider.
 */

/** Credentials given in stack config (`aws:accessKey`, `aws:secretKey`, `aws:token`). */
export interface StaticCredentials {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
}

/** What a Lightsail client is built from, besides the region. */
export interface ClientSettings {
    /** Endpoint override: the local emulator or an AWS-compatible endpoint. */
    endpoint?: string;
    /** The setting that supplied {@link endpoint}, for error messages. */
    endpointSource?: EndpointSource;
    /** Shared config profile (`aws:profile`); otherwise the SDK reads `AWS_PROFILE`. */
    profile?: string;
    /** Credentials from stack config; otherwise the SDK's default chain. */
    credentials?: StaticCredentials;
    /** Tells clients with different config credentials apart without holding them as text. */
    credentialsId?: string;
}

/**
 * The settings an endpoint override can come from, as the user names them: `aws:endpoints` in a
 * program (`lightsail-snapshots:endpoint` to the native plugin), then the environment.
 */
export type EndpointSource =
    | "aws:endpoints"
    | "lightsail-snapshots:endpoint"
    | "AWS_ENDPOINT_URL_LIGHTSAIL"
    | "AWS_ENDPOINT_URL";

/** Settings resolved by {@link resolveSettings}. */
export interface ProviderSettings {
    /** Client settings shared by every snapshot. */
    client: ClientSettings;
    /** Region for snapshots read by `DiskSnapshot.get` without one. */
    defaultRegion?: string;
}

/** The stack configuration as the dynamic-provider host offers it. */
export interface ConfigSource {
    get(key: string): string | undefined;
    /** The user's name for the setting read as `aws:endpoints`, when it is another (for messages). */
    endpointsSetting?: EndpointSource;
}

/** Environment variables, as `process.env`. */
export type Environment = Record<string, string | undefined>;

// Arrays rather than Sets in code the provider may be serialized with: Pulumi's closure serializer
// cannot carry a Set's internal state, so a revived Set has no members.
const LOOPBACK_HOSTS: readonly string[] = ["localhost", "127.0.0.1", "[::1]", "::1"];

/**
 * Why an endpoint override is unacceptable, or undefined when it is fine. Plain HTTP is allowed
 * only to this machine: TLS is never silently dropped for a real endpoint.
 */
export function endpointProblem(endpoint: string): string | undefined {
    let url: URL;
    try {
        url = new URL(endpoint);
    } catch {
        return `endpoint "${endpoint}" is not a URL; expected https://host[:port] (or http:// for 127.0.0.1/localhost)`;
    }
    if (url.protocol === "https:") return undefined;
    if (url.protocol === "http:" && (LOOPBACK_HOSTS.includes(url.hostname) || url.hostname.startsWith("127."))) {
        return undefined;
    }
    return `endpoint "${endpoint}" must use https (plain http is allowed only for 127.0.0.1 or localhost)`;
}

function lightsailEndpointFromAwsEndpoints(value: string | undefined): string | undefined {
    if (!value) return undefined;
    try {
        const parsed: unknown = JSON.parse(value);
        const entries = Array.isArray(parsed) ? parsed : [parsed];
        for (const entry of entries) {
            if (entry && typeof entry === "object" && "lightsail" in entry && typeof entry.lightsail === "string") {
                return (entry as Record<string, string>).lightsail;
            }
        }
    } catch {
        return undefined;
    }
    return undefined;
}

/**
 * Resolves the provider's settings.
 *
 * Endpoint: `aws:endpoints` (the `[{ lightsail: "..." }]` list `@pulumi/aws` reads), then
 * `AWS_ENDPOINT_URL_LIGHTSAIL`, then `AWS_ENDPOINT_URL`. Region for reads without one:
 * `aws:region`, then `AWS_REGION`, then `AWS_DEFAULT_REGION`.
 *
 * @throws Error when the endpoint is unacceptable (see {@link endpointProblem}).
 */
export function resolveSettings(config: ConfigSource, env: Environment): ProviderSettings {
    const candidates: [EndpointSource, string | undefined][] = [
        [config.endpointsSetting ?? "aws:endpoints", lightsailEndpointFromAwsEndpoints(config.get("aws:endpoints"))],
        ["AWS_ENDPOINT_URL_LIGHTSAIL", env.AWS_ENDPOINT_URL_LIGHTSAIL],
        ["AWS_ENDPOINT_URL", env.AWS_ENDPOINT_URL],
    ];
    const chosen = candidates.find(([, value]) => value !== undefined && value !== "");
    const client: ClientSettings = {};
    if (chosen) {
        const [source, endpoint] = chosen as [EndpointSource, string];
        const problem = endpointProblem(endpoint);
        if (problem) throw new Error(`${problem} (from ${source})`);
        client.endpoint = endpoint;
        client.endpointSource = source;
    }
    const profile = config.get("aws:profile");
    if (profile) client.profile = profile;
    const accessKeyId = config.get("aws:accessKey");
    const secretAccessKey = config.get("aws:secretKey");
    if (accessKeyId && secretAccessKey) {
        const token = config.get("aws:token");
        client.credentials = token
            ? { accessKeyId, secretAccessKey, sessionToken: token }
            : { accessKeyId, secretAccessKey };
        client.credentialsId = "stack-config";
    }
    const defaultRegion = config.get("aws:region") ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    return defaultRegion ? { client, defaultRegion } : { client };
}
