/**
 * The messages a user sees when a Lightsail call fails: which resource, which region, which call,
 * the AWS error and Lightsail's text, and a hint only where the failure is one the hint is about.
 */

import assert from "node:assert/strict";
import { NotFoundException } from "@aws-sdk/client-lightsail";
import { resolveSettings } from "../../provider/config";
import {
    describeFailure,
    endpointOverride,
    hintFor,
    nameTakenHint,
    type ResourceRef,
    resourceError,
} from "../../provider/errors";

const ref: ResourceRef = { kind: "DiskSnapshot", name: "data-1", region: "us-west-2", source: 'disk "Disk-1"' };
const named = (name: string, message = "no") => Object.assign(new Error(message), { name });
const notFound = new NotFoundException({ message: "The Disk does not exist: Disk-1", $metadata: {} });

describe("Failure messages", () => {
    it("name the resource, region, call, AWS error and Lightsail's text", () => {
        assert.equal(
            describeFailure("GetDiskSnapshot", ref, named("OperationFailureException", "Internal failure")),
            'DiskSnapshot "data-1" in us-west-2: GetDiskSnapshot failed: OperationFailureException: Internal failure',
        );
    });

    it("point a create whose source is missing at the source and its region", () => {
        assert.equal(
            describeFailure("CreateDiskSnapshot", ref, notFound),
            'DiskSnapshot "data-1" in us-west-2: CreateDiskSnapshot failed: NotFoundException: The Disk does not exist: Disk-1 (check that disk "Disk-1" exists in us-west-2: Lightsail names are per region)',
        );
        assert.equal(
            hintFor("GetDiskSnapshot", ref, notFound),
            undefined,
            "a read that finds nothing is not about the source",
        );
        assert.equal(hintFor("CreateDiskSnapshot", { ...ref, source: undefined }, notFound), undefined);
    });

    it("name the endpoint override and where it came from when it cannot be reached", () => {
        const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4566"), { code: "ECONNREFUSED" });
        const withEndpoint: ResourceRef = {
            ...ref,
            endpoint: { url: "http://127.0.0.1:4566", source: "AWS_ENDPOINT_URL_LIGHTSAIL" },
        };
        assert.equal(
            hintFor("CreateDiskSnapshot", withEndpoint, refused),
            "the endpoint http://127.0.0.1:4566 (from AWS_ENDPOINT_URL_LIGHTSAIL) could not be reached: check that it is running, or unset AWS_ENDPOINT_URL_LIGHTSAIL to use AWS",
        );
        assert.equal(
            hintFor("CreateDiskSnapshot", ref, refused),
            undefined,
            "AWS itself unreachable: no override to blame",
        );
    });

    it("name an endpoint override only when the settings have one", () => {
        const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4566"), { code: "ECONNREFUSED" });
        const none = { get: () => undefined };
        const overridden = resolveSettings(none, { AWS_ENDPOINT_URL_LIGHTSAIL: "http://127.0.0.1:4566" });
        assert.deepEqual(endpointOverride(overridden.client), {
            url: "http://127.0.0.1:4566",
            source: "AWS_ENDPOINT_URL_LIGHTSAIL",
        });
        const aws = resolveSettings(none, {});
        assert.equal(endpointOverride(aws.client), undefined);
        assert.equal(
            hintFor("GetAutoSnapshots", { ...ref, endpoint: endpointOverride(aws.client) }, refused),
            undefined,
        );
    });

    it("send credential errors to the credentials, and throttling to --parallel", () => {
        assert.match(
            hintFor("DeleteDiskSnapshot", ref, named("ExpiredTokenException")) ?? "",
            /^check the AWS credentials: /,
        );
        assert.match(hintFor("GetDiskSnapshot", ref, named("ThrottlingException")) ?? "", /pulumi up --parallel\)?$/);
        assert.equal(hintFor("GetDiskSnapshot", ref, named("OperationFailureException")), undefined);
    });

    it("let the caller's hint replace the generic one, and keep the AWS error as the cause", () => {
        const error = resourceError("CreateDiskSnapshot", ref, notFound, "a hint of its own");
        assert.equal(error.message.endsWith("(a hint of its own)"), true, error.message);
        assert.equal(error.cause, notFound);
    });

    it("say what holds a taken name and what to do", () => {
        assert.equal(
            nameTakenHint("disk snapshot", true, 'disk "Disk-1"'),
            "a disk snapshot of this name and source already exists: set adopt: true to take it over, or choose another name, or leave it unset to generate one",
        );
        assert.equal(
            nameTakenHint("disk snapshot", false, 'disk "Disk-2"'),
            'the existing disk snapshot of this name was taken from disk "Disk-2", not from the source declared: choose another name, or leave it unset to generate one',
        );
        assert.match(nameTakenHint("disk snapshot", false, undefined), /taken from another source, not/);
        assert.equal(
            nameTakenHint("disk snapshot", undefined, undefined),
            "another disk snapshot in this region already has this name: choose another name, or leave it unset to generate one",
        );
    });
});
