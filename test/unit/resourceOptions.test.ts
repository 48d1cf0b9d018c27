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

    it("takes a provider of the dynamic package, says so for one that names none, and ignores an empty replaceOnChanges", () => {
        const dynamicProvider = { getPackage: () => "pulumi-nodejs" } as unknown as pulumi.ProviderResource;
        assert.deepEqual(optionProblems("DiskSnapshot", { provider: dynamicProvider }), { warnings: [] });
        const anonymous = {} as unknown as pulumi.ProviderResource;
        assert.match(
            optionProblems("DiskSnapshot", { provider: anonymous }).error ?? "",
            /of package "unknown": DiskSnapshot is a dynamic resource served by this package, not by the given plugin\./,
        );
        assert.deepEqual(optionProblems("DiskSnapshot", { replaceOnChanges: [] }), { warnings: [] });
    });
});
