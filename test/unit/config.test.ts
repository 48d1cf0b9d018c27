import assert from "node:assert/strict";
import { endpointProblem, resolveSettings } from "../../provider/config";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("config: resolveSettings", () => {
    it("takes the endpoint from aws:endpoints before the environment", () => {
        const settings = resolveSettings(
            config({ "aws:endpoints": JSON.stringify([{ lightsail: "http://127.0.0.1:4566" }]) }),
            {
                AWS_ENDPOINT_URL_LIGHTSAIL: "http://127.0.0.1:9",
            },
        );
        assert.equal(settings.client.endpoint, "http://127.0.0.1:4566");
    });

    it("falls back to AWS_ENDPOINT_URL_LIGHTSAIL, then AWS_ENDPOINT_URL", () => {
        assert.equal(
            resolveSettings(config({}), { AWS_ENDPOINT_URL_LIGHTSAIL: "http://localhost:1" }).client.endpoint,
            "http://localhost:1",
        );
        assert.equal(
            resolveSettings(config({}), { AWS_ENDPOINT_URL: "https://ls.example.com" }).client.endpoint,
            "https://ls.example.com",
        );
        assert.equal(resolveSettings(config({}), {}).client.endpoint, undefined);
    });

    it("never drops TLS for a remote endpoint", () => {
        assert.match(endpointProblem("http://lightsail.example.com") ?? "", /must use https/);
        assert.match(endpointProblem("not a url") ?? "", /not a URL/);
        assert.equal(endpointProblem("https://lightsail.us-east-1.amazonaws.com"), undefined);
        assert.equal(endpointProblem("http://127.0.0.1:8080"), undefined);
        assert.throws(
            () => resolveSettings(config({}), { AWS_ENDPOINT_URL_LIGHTSAIL: "http://10.0.0.1" }),
            /must use https/,
        );
    });

    it("reads profile, region and config credentials", () => {
        const settings = resolveSettings(
            config({
                "aws:profile": "ops",
                "aws:region": "eu-west-1",
                "aws:accessKey": "AKIDEXAMPLE",
                "aws:secretKey": "s3cr3t",
            }),
            { AWS_REGION: "us-east-1" },
        );
        assert.equal(settings.client.profile, "ops");
        assert.equal(settings.defaultRegion, "eu-west-1");
        assert.deepEqual(settings.client.credentials, { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "s3cr3t" });
        assert.equal(resolveSettings(config({}), { AWS_DEFAULT_REGION: "ap-south-1" }).defaultRegion, "ap-south-1");
    });
});
