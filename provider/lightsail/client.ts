/**
 * Lightsail clients. The SDK does the hard parts: the default credential chain (environment,
 * shared config and `AWS_PROFILE`, SSO, instance metadata), signing, and retries. Throttling and
 * 5xx answers are retried by the SDK's adaptive retry strategy, whose client-side rate limiter
 * slows every request of a client once Lightsail throttles; one client per region and settings is
 * shared by all snapshots in the plugin process, so they slow down together.
 */

import { LightsailClient } from "@aws-sdk/client-lightsail";
import { AdaptiveRetryStrategy } from "@smithy/core/retry";
import type { RetryErrorInfo, RetryStrategyV2, RetryToken, StandardRetryToken } from "@smithy/types";
import type { ClientSettings } from "../config";
import { isUnreachable } from "./errors";

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
/**
 * Retries of a request to an overridden endpoint that has not answered yet and cannot be reached
 * (refused, or a host name that does not resolve). Such an endpoint is almost always a mistake or
 * an emulator that is not running, and the full retry budget would keep the user waiting half a
 * minute to be told so.
 */
export const UNREACHABLE_ENDPOINT_RETRIES = 2;

/**
 * The SDK's adaptive retry strategy, except that an overridden endpoint which has never answered
 * gives up after {@link UNREACHABLE_ENDPOINT_RETRIES} when it cannot be reached. Once it has
 * answered (any HTTP response), a refused connection is an outage, such as a restart in the middle
 * of a wait, and gets the whole budget of {@link MAX_ATTEMPTS}, as do throttling, 5xx and timeouts.
 */
export class EndpointAwareRetryStrategy implements RetryStrategyV2 {
    private readonly adaptive = new AdaptiveRetryStrategy(MAX_ATTEMPTS);
    /** Whether the endpoint has answered a request of this client. */
    private answered = false;

    /** @param failFastWhenUnreachable Whether the endpoint is an override (the emulator, a compatible service). */
    constructor(private readonly failFastWhenUnreachable: boolean) {}

    /** @inheritdoc */
    acquireInitialRetryToken(scope: string): Promise<RetryToken> {
        return this.adaptive.acquireInitialRetryToken(scope);
    }

    /** @inheritdoc */
    refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
        const standard = token as StandardRetryToken;
        if (errorInfo.error?.$metadata?.httpStatusCode !== undefined) this.answered = true;
        if (
            this.failFastWhenUnreachable &&
            !this.answered &&
            isUnreachable(errorInfo.error) &&
            standard.getRetryCount() >= UNREACHABLE_ENDPOINT_RETRIES
        ) {
            return Promise.reject(new Error("no retry left for an unreachable endpoint"));
        }
        return this.adaptive.refreshRetryTokenForRetry(standard, errorInfo);
    }

    /** @inheritdoc */
    recordSuccess(token: RetryToken): void {
        this.answered = true;
        this.adaptive.recordSuccess(token as StandardRetryToken);
    }
}

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
            retryStrategy: new EndpointAwareRetryStrategy(settings.endpoint !== undefined),
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
