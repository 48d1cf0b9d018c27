/**
 * What a resource's errors say about the endpoint: an unreachable endpoint override is named with
 * the setting it came from, and without an override (AWS itself) no endpoint is named at all.
 */

import assert from "node:assert/strict";
import { describeFailure } from "../../provider/errors";
import { resourceRef } from "../../provider/resources/refs";
import { configureSettings } from "../../provider/runtime";

const ENDPOINT_VARIABLES = ["AWS_ENDPOINT_URL_LIGHTSAIL", "AWS_ENDPOINT_URL"] as const;

/** A connection refused, as the SDK reports an endpoint that does not answer. */
const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4566"), { code: "ECONNREFUSED" });

describe("resourceRef", () => {
    const saved = ENDPOINT_VARIABLES.map((name) => [name, process.env[name]] as const);

    afterEach(() => {
        for (const [name, value] of saved) {
            if (value === undefined) delete process.env[name];
            else process.env[name] = value;
        }
        configureSettings({ get: () => undefined });
    });

    it("names an unreachable endpoint override and the setting it came from", () => {
        for (const name of ENDPOINT_VARIABLES) delete process.env[name];
        process.env.AWS_ENDPOINT_URL_LIGHTSAIL = "http://127.0.0.1:4566";
        configureSettings({ get: () => undefined });
        const ref = resourceRef("DiskSnapshot", "nightly-1", "us-east-1");
        assert.match(
            describeFailure("GetDiskSnapshot", ref, refused),
            /\(the endpoint http:\/\/127\.0\.0\.1:4566 \(from AWS_ENDPOINT_URL_LIGHTSAIL\) could not be reached: /,
        );
    });

    it("names no endpoint when none is overridden", () => {
        for (const name of ENDPOINT_VARIABLES) delete process.env[name];
        configureSettings({ get: () => undefined });
        const ref = resourceRef("DiskSnapshot", "nightly-1", "us-east-1");
        assert.equal(ref.endpoint, undefined);
        assert.doesNotMatch(describeFailure("GetDiskSnapshot", ref, refused), /endpoint/);
    });
});
