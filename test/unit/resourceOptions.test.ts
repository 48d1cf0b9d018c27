import assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DiskSnapshot } from "../../provider";
import { optionProblems } from "../../provider/resourceOptions";

describe("resource options a dynamic resource cannot honour", () => {
    before(() => {
        void pulumi.runtime.setMocks({
            newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
            call: (args) => args.inputs,
        });
    });

    it("rejects another package's provider at construction, pointing to the region input", () => {
        const provider = new aws.Provider("west", { region: "us-west-2" });
        assert.throws(
            () => new DiskSnapshot("data", { diskName: "Disk-1" }, { provider }),
            /DiskSnapshot "data": DiskSnapshot cannot use the provider option with a provider of package "aws": .*Set the region input/,
        );
    });

    it("accepts the options it honours, and no provider", () => {
        assert.deepEqual(optionProblems("DiskSnapshot", { protect: true, dependsOn: [] }), { warnings: [] });
        assert.deepEqual(optionProblems("DiskSnapshot", undefined), { warnings: [] });
        assert.doesNotThrow(() => new DiskSnapshot("plain", { diskName: "Disk-1" }, { protect: false }));
    });

    it("warns that customTimeouts and replaceOnChanges are ignored, naming what to use instead", () => {
        const { error, warnings } = optionProblems("DiskSnapshot", {
            customTimeouts: { create: "3m" },
            replaceOnChanges: ["tags"],
        });
        assert.equal(error, undefined);
        assert.equal(warnings.length, 2);
        assert.match(warnings[0] ?? "", /customTimeouts .* ignored; use the timeouts input/);
        assert.match(warnings[1] ?? "", /replaceOnChanges .* ignored/);
    });
});
