/**
 * Lightsail clients. The SDK does the hard parts: the default credential chain (environment,
 * shared config and `AWS_PROFILE`, SSO, instance metadata), signing, and retries. Throttling and
 * 5xx answers are retried by the SDK's adaptive retry strategy, whose client-side rate limiter
 * slows every request of a client once Lightsail throttles; one client per region and settings is
 * shared by all snapshots in the plugin process, so they slow down together.
 */

import { LightsailClient } from "@aws-sdk/client-lightsail";
import type { ClientSettings } from "../config";

/** Attempts per request: enough to ride out a throttling burst with the adaptive limiter. */
export const MAX_ATTEMPTS = 10;
/** A request with no answer after this long is abandoned (and retried). */
export const REQUEST_TIMEOUT_MS = 30_000;
/**
 * Environment variable overriding {@link REQUEST_TIMEOUT_MS}, in milliseconds (a positive integer;
 * anything else is ignored). For tests that hang requests on purpose, and for slow links.
 */
export const REQUEST_TIMEOUT_ENV = "LIGHTSAIL_SNAPSHOT_REQUEST_TIMEOUT_MS";
/** A connection not made after this long is abandoned (and retried). */
export const CONNECTION_TIMEOUT_MS = 5_000;

const clients = new Map<string, LightsailClient>();

/** The request timeout: {@link REQUEST_TIMEOUT_ENV} when it holds a positive integer, else the default. */
export function requestTimeoutMs(env: Record<string, string | undefined> = process.env): number {
    const text = env[REQUEST_TIMEOUT_ENV]?.trim() ?? "";
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    return Number.isSafeInteger(value) && value > 0 ? value : REQUEST_TIMEOUT_MS;
}

function cacheKey(region: string, settings: ClientSettings): string {
    // Credentials are part of the key only by identity, never as text that might be logged.
    return JSON.stringify([region, settings.endpoint ?? "", settings.profile ?? "", settings.credentialsId ?? ""]);
}

/** The shared client for a region with the given settings. */
export function lightsailClient(region: string, settings: ClientSettings): LightsailClient {
    const key = cacheKey(region, settings);
    let client = clients.get(key);
    if (!client) {
        client = new LightsailClient({
            region,
            endpoint: settings.endpoint,
            profile: settings.profile,
            credentials: settings.credentials,
            maxAttempts: MAX_ATTEMPTS,
            retryMode: "adaptive",
            requestHandler: {
                requestTimeout: requestTimeoutMs(),
                // Without this the SDK's HTTP handler only logs a warning when the timeout passes,
                // and a request Lightsail never answers hangs the command for good.
                throwOnRequestTimeout: true,
                connectionTimeout: CONNECTION_TIMEOUT_MS,
            },
        });
        clients.set(key, client);
    }
    return client;
}

/** Closes every cached client (tests and the lookups use it to let the process exit). */
export function closeClients(): void {
    for (const client of clients.values()) client.destroy();
    clients.clear();
}
