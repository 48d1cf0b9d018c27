import assert from "node:assert/strict";
import type { RetryErrorInfo, RetryStrategyV2 } from "@smithy/types";
import {
    EndpointAwareRetryStrategy,
    lightsailClient,
    MAX_ATTEMPTS,
    UNREACHABLE_ENDPOINT_RETRIES,
} from "../../provider/lightsail/client";

/** A connection the endpoint refused: no HTTP answer. */
const refused = {
    errorType: "TRANSIENT",
    error: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED", $metadata: {} }),
} as RetryErrorInfo;

/** An HTTP answer that is retried: the endpoint is there. */
const unavailable = {
    errorType: "TRANSIENT",
    error: Object.assign(new Error("Service Unavailable"), {
        name: "ServiceUnavailableException",
        $metadata: { httpStatusCode: 503 },
    }),
} as RetryErrorInfo;

/**
 * The retries `strategy` grants one request failing with `errors` in turn (the last repeated),
 * as the SDK's retry middleware asks for them. The SDK's strategy sleeps its backoff inside the
 * call; timers fire at once here, so that the count, not the backoff, is what the test waits for.
 */
async function retriesGranted(strategy: RetryStrategyV2, errors: RetryErrorInfo[]): Promise<number> {
    const realSetTimeout = global.setTimeout;
    global.setTimeout = ((callback: () => void) => realSetTimeout(callback, 0)) as typeof setTimeout;
    try {
        let token = await strategy.acquireInitialRetryToken("lightsail");
        for (let retries = 0; retries < 2 * MAX_ATTEMPTS; retries++) {
            const error = errors[Math.min(retries, errors.length - 1)];
            try {
                token = await strategy.refreshRetryTokenForRetry(token, error);
            } catch {
                return retries;
            }
        }
        throw new Error("the strategy never stopped retrying");
    } finally {
        global.setTimeout = realSetTimeout;
    }
}

/** The retry strategy a client of the provider's was built with. */
async function strategyOf(endpoint: string | undefined): Promise<RetryStrategyV2> {
    const client = lightsailClient("ap-northeast-3", endpoint === undefined ? {} : { endpoint });
    const configured = client.config.retryStrategy as unknown as () => Promise<RetryStrategyV2>;
    return configured();
}

describe("the retry budget of a request", () => {
    it("gives up early on an overridden endpoint that refuses connections and has never answered", async () => {
        assert.equal(
            await retriesGranted(new EndpointAwareRetryStrategy(true), [refused]),
            UNREACHABLE_ENDPOINT_RETRIES,
        );
    });

    it("keeps the whole budget for refusals once the endpoint has answered, even with an error", async () => {
        const strategy = new EndpointAwareRetryStrategy(true);
        assert.equal(await retriesGranted(strategy, [unavailable, refused]), MAX_ATTEMPTS - 1);
    });

    it("keeps the whole budget for refusals of AWS's own endpoint, and not for an override", async () => {
        assert.equal(await retriesGranted(await strategyOf(undefined), [refused]), MAX_ATTEMPTS - 1);
        assert.equal(
            await retriesGranted(await strategyOf("http://127.0.0.1:9"), [refused]),
            UNREACHABLE_ENDPOINT_RETRIES,
        );
    });
});
