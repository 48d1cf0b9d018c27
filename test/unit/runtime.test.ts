import assert from "node:assert/strict";
import type * as RuntimeModule from "../../provider/runtime";

const RUNTIME = require.resolve("../../provider/runtime");

/** A copy of the runtime module with nothing configured yet, leaving the shared one as it was. */
function freshRuntime(): typeof RuntimeModule {
    const shared = require.cache[RUNTIME];
    delete require.cache[RUNTIME];
    try {
        return require(RUNTIME) as typeof RuntimeModule;
    } finally {
        if (shared) require.cache[RUNTIME] = shared;
        else delete require.cache[RUNTIME];
    }
}

describe("runtime settings", () => {
    const savedRegion = process.env.AWS_REGION;
    afterEach(() => {
        if (savedRegion === undefined) delete process.env.AWS_REGION;
        else process.env.AWS_REGION = savedRegion;
    });

    it("come from the environment until the engine configures the provider, then from its configuration", () => {
        const runtime = freshRuntime();
        process.env.AWS_REGION = "eu-west-2";
        assert.equal(runtime.currentSettings().defaultRegion, "eu-west-2");

        runtime.configureSettings({ get: (key) => (key === "aws:region" ? "ap-south-1" : undefined) });
        assert.equal(runtime.currentSettings().defaultRegion, "ap-south-1");
    });

    it("loads the AWS side on first use, from where the module is", () => {
        assert.equal(typeof freshRuntime().lightsail().lightsailClient, "function");
    });
});
