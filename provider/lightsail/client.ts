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
/** A connection not made after this long is abandoned (and retried). */
export const CONNECTION_TIMEOUT_MS = 5_000;

const clients = new Map<string, LightsailClient>();

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
            requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS, connectionTimeout: CONNECTION_TIMEOUT_MS },
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
