/**
 * The region a resource is declared in: its own `region` argument, else `aws:region`, else
 * `AWS_REGION`, else `AWS_DEFAULT_REGION`, decided in the program when the resource is declared.
 */

import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { diskSnapshotSchema } from "../../provider/resources/diskSnapshot/schema";
import { declare } from "../../provider/resources/dynamicResource";

describe("the region a resource is declared in", () => {
    let savedConfig: Record<string, string>;
    let savedEnv: { AWS_REGION?: string; AWS_DEFAULT_REGION?: string };

    beforeEach(() => {
        savedConfig = pulumi.runtime.allConfig();
        savedEnv = { AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION };
        process.env.AWS_REGION = "us-east-1";
        process.env.AWS_DEFAULT_REGION = "ap-south-1";
    });

    afterEach(() => {
        pulumi.runtime.setAllConfig(savedConfig);
        for (const [key, value] of Object.entries(savedEnv)) {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
        }
    });

    const regionOf = (args: { diskName: string; region?: string }) =>
        declare(diskSnapshotSchema, "data", args, undefined, true).props.region;

    it("is the resource's own region over aws:region and AWS_REGION", () => {
        pulumi.runtime.setAllConfig({ "aws:region": "eu-west-1" });
        assert.equal(regionOf({ diskName: "Disk-1", region: "us-west-2" }), "us-west-2");
    });

    it("is aws:region over AWS_REGION when the resource names none", () => {
        pulumi.runtime.setAllConfig({ "aws:region": "eu-west-1" });
        assert.equal(regionOf({ diskName: "Disk-1" }), "eu-west-1");
    });

    it("is AWS_REGION, then AWS_DEFAULT_REGION, without aws:region", () => {
        pulumi.runtime.setAllConfig({});
        assert.equal(regionOf({ diskName: "Disk-1" }), "us-east-1");
        delete process.env.AWS_REGION;
        assert.equal(regionOf({ diskName: "Disk-1" }), "ap-south-1");
    });

    it("goes with a resource read by ID too", () => {
        pulumi.runtime.setAllConfig({ "aws:region": "eu-west-1" });
        const { props } = declare(diskSnapshotSchema, "data", { region: "us-west-2" }, { id: "snap-1" }, true);
        assert.equal(props.region, "us-west-2");
    });
});
