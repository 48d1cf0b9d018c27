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

describe("config: the endpoint and credentials each setting gives", () => {
    const endpoints = (value: unknown) => config({ "aws:endpoints": JSON.stringify(value) });

    it("reads aws:endpoints as a list or a single object, and takes the first lightsail entry", () => {
        const one = resolveSettings(endpoints({ lightsail: "http://127.0.0.1:1" }), {});
        assert.deepEqual([one.client.endpoint, one.client.endpointSource], ["http://127.0.0.1:1", "aws:endpoints"]);
        const list = [
            { s3: "https://s3.example.com" },
            { lightsail: 7 },
            { lightsail: "https://a.example.com" },
            { lightsail: "https://b.example.com" },
        ];
        assert.equal(resolveSettings(endpoints(list), {}).client.endpoint, "https://a.example.com");
        const junkFirst = [null, 7, "lightsail", { lightsail: "https://a.example.com" }];
        assert.equal(resolveSettings(endpoints(junkFirst), {}).client.endpoint, "https://a.example.com");
    });

    it("passes over aws:endpoints that name no lightsail endpoint or do not parse, to the environment", () => {
        const env = { AWS_ENDPOINT_URL_LIGHTSAIL: "http://localhost:2" };
        for (const value of [[{ s3: "https://s3.example.com" }], [null, "lightsail"], "lightsail"]) {
            const settings = resolveSettings(endpoints(value), env);
            assert.deepEqual(
                [settings.client.endpoint, settings.client.endpointSource],
                ["http://localhost:2", "AWS_ENDPOINT_URL_LIGHTSAIL"],
                JSON.stringify(value),
            );
        }
        const unparsable = resolveSettings(config({ "aws:endpoints": "[{lightsail:" }), env);
        assert.equal(unparsable.client.endpointSource, "AWS_ENDPOINT_URL_LIGHTSAIL");
    });

    it("names the setting an endpoint came from, in the settings and in its error", () => {
        assert.equal(
            resolveSettings(config({}), { AWS_ENDPOINT_URL: "https://x.example.com" }).client.endpointSource,
            "AWS_ENDPOINT_URL",
        );
        assert.equal(
            resolveSettings(config({}), { AWS_ENDPOINT_URL_LIGHTSAIL: "", AWS_ENDPOINT_URL: "https://x.example.com" })
                .client.endpoint,
            "https://x.example.com",
            "an empty variable is unset",
        );
        assert.throws(
            () => resolveSettings(endpoints([{ lightsail: "http://10.0.0.1" }]), {}),
            /\(from aws:endpoints\)$/,
        );
    });

    it("allows plain HTTP to loopback addresses only", () => {
        for (const url of ["http://localhost:1", "http://127.0.0.1", "http://127.9.9.9:5", "http://[::1]:4566"]) {
            assert.equal(endpointProblem(url), undefined, url);
        }
        for (const url of ["http://10.0.0.127", "http://my127.example.com", "ftp://127.0.0.1", "ws://localhost"]) {
            assert.match(endpointProblem(url) ?? "", /must use https/, url);
        }
    });

    it("uses config credentials only when both keys are set, with the session token when given", () => {
        const keys = { "aws:accessKey": "AKIDEXAMPLE", "aws:secretKey": "s3cr3t" };
        const withToken = resolveSettings(config({ ...keys, "aws:token": "tok" }), {});
        assert.deepEqual(withToken.client.credentials, {
            accessKeyId: "AKIDEXAMPLE",
            secretAccessKey: "s3cr3t",
            sessionToken: "tok",
        });
        assert.equal(withToken.client.credentialsId, "stack-config");
        for (const half of [{ "aws:accessKey": "AKIDEXAMPLE" }, { "aws:secretKey": "s3cr3t" }] as Record<
            string,
            string
        >[]) {
            const settings = resolveSettings(config(half), {});
            assert.equal(settings.client.credentials, undefined);
            assert.equal(settings.client.credentialsId, undefined);
        }
        assert.deepEqual(resolveSettings(config({}), {}).client, {}, "nothing set: the SDK's own chain");
        assert.equal("defaultRegion" in resolveSettings(config({}), {}), false);
    });
});
