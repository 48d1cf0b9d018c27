/**
 * The dynamic resource classes under `pulumi.runtime.setMocks`, for the unit tests of what each
 * class registers: a mock engine that records every registration and answers with the inputs plus
 * what Lightsail would report, and the hooks that install it and restore the process afterwards.
 */

import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";

/** What Lightsail would report of a created resource, besides its inputs; its id, unless given. */
export type ReportedOf = (args: pulumi.runtime.MockResourceArgs) => { id?: string; state: Record<string, unknown> };

/** A mock engine that records registrations and answers each with its inputs and {@link ReportedOf}. */
export class RecordingMocks implements pulumi.runtime.Mocks {
    /** Every resource registered, in order. */
    readonly registered: pulumi.runtime.MockResourceArgs[] = [];

    /** @param reported What Lightsail would report of each resource. */
    constructor(private readonly reported: ReportedOf) {}

    /** @inheritdoc */
    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        this.registered.push(args);
        const { id, state } = this.reported(args);
        return { id: id ?? (args.id || `${args.name}-1a2b3c4`), state: { ...args.inputs, ...state } };
    }

    /** @inheritdoc */
    call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
        return args.inputs;
    }

    /** The registration of the resource of `type` named `name`; fails the test when there is none. */
    registration(type: string, name: string): pulumi.runtime.MockResourceArgs {
        const found = this.registered.find((r) => r.type === type && r.name === name);
        assert.ok(found, `${type} ${name} was not registered`);
        return found;
    }
}

/**
 * Installs `mocks` for the enclosing mocha suite as the program `project`/`stack` with `AWS_REGION`
 * set to `region`, and restores the runtime's options, the config and `AWS_REGION` after it.
 */
export function useMocks(mocks: RecordingMocks, project: string, stack: string, region: string): void {
    let savedConfig: Record<string, string>;
    let savedRegion: string | undefined;
    before(async () => {
        // A runner that loads the test file once and runs it again (Stryker's) would otherwise find
        // the earlier run's registrations first.
        mocks.registered.length = 0;
        savedConfig = pulumi.runtime.allConfig();
        savedRegion = process.env.AWS_REGION;
        process.env.AWS_REGION = region;
        await pulumi.runtime.setMocks(mocks, project, stack, false);
    });
    after(() => {
        settings.resetOptions("", "", -1, "", "", false, "");
        pulumi.runtime.setAllConfig(savedConfig);
        if (savedRegion === undefined) delete process.env.AWS_REGION;
        else process.env.AWS_REGION = savedRegion;
    });
}

/** The value of `output` once it is known. */
export function settle<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** The registered inputs without the serialized provider (long, and tested elsewhere), which must be there. */
export function declaredInputs(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
    const { __provider: provider, ...rest } = args.inputs as Record<string, unknown>;
    assert.equal(typeof provider, "string", "the serialized provider goes along");
    return rest;
}
