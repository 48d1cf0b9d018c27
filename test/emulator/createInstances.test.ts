/**
 * CreateInstances' own input rules, through the AWS SDK: each refusal is InvalidInputException
 * with the emulator's message, and creates nothing; every IP address type the API reference lists
 * is taken.
 */

import assert from "node:assert/strict";
import {
    CreateInstancesCommand,
    type CreateInstancesCommandInput,
    GetInstanceCommand,
    GetInstancesCommand,
    InvalidInputException,
    type IpAddressType,
    type LightsailClient,
} from "@aws-sdk/client-lightsail";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { rejectsWith } from "../../harness/assertions";
import { lightsailClient } from "../../harness/emulatorClient";
import { VirtualClock } from "../../harness/virtualClock";

const valid: CreateInstancesCommandInput = {
    instanceNames: ["Web-1"],
    availabilityZone: "us-west-2a",
    blueprintId: "ubuntu_22_04",
    bundleId: "nano_3_0",
};

describe("emulator: CreateInstances input rules", () => {
    let emu: RunningEmulator;
    let client: LightsailClient;

    beforeEach(async () => {
        emu = await startEmulator({ clock: new VirtualClock().now });
        client = lightsailClient(emu.url, "us-west-2", { maxAttempts: 1 });
    });

    afterEach(async () => {
        client.destroy();
        await emu.stop();
    });

    const refusals: [string, Partial<CreateInstancesCommandInput>, string, string?][] = [
        [
            "no names",
            { instanceNames: [] },
            "The instanceNames parameter is required and must not be empty.",
            "MissingParameter",
        ],
        [
            "a name twice",
            { instanceNames: ["Web-1", "Web-1"] },
            "The instanceNames parameter contains duplicate names.",
        ],
        [
            "a bad name",
            { instanceNames: ["Web-1", "-web"] },
            "The instanceNames '-web' is not valid. Names must be 2 to 255 characters, start and end with a letter or number, and contain only letters, numbers, underscores (_) and hyphens (-).",
        ],
        [
            "a zone with more than one letter",
            { availabilityZone: "us-west-2ab" },
            "The Availability Zone 'us-west-2ab' is not valid in the region us-west-2. Use a zone such as us-west-2a.",
        ],
        [
            "a zone that only ends in a zone letter",
            { availabilityZone: "us-west-2xa" },
            "The Availability Zone 'us-west-2xa' is not valid in the region us-west-2. Use a zone such as us-west-2a.",
        ],
        [
            "a long unknown blueprint, named in part",
            { blueprintId: "b".repeat(70) },
            `The blueprint ID '${"b".repeat(64)}...' is not valid.`,
        ],
        ["an unknown blueprint", { blueprintId: "windows_95" }, "The blueprint ID 'windows_95' is not valid."],
        ["an unknown bundle", { bundleId: "huge_9_0" }, "The bundle ID 'huge_9_0' is not valid."],
        [
            "an unknown IP address type",
            { ipAddressType: "ipv5" as IpAddressType },
            "The ipAddressType 'ipv5' is not valid.",
        ],
        [
            "a bad key pair name",
            { keyPairName: "k" },
            "The keyPairName 'k' is not valid. Names must be 2 to 255 characters, start and end with a letter or number, and contain only letters, numbers, underscores (_) and hyphens (-).",
        ],
    ];
    for (const [what, change, message, code] of refusals) {
        it(`refuses ${what}, and creates nothing`, async () => {
            const error = await rejectsWith(
                client.send(new CreateInstancesCommand({ ...valid, ...change } as CreateInstancesCommandInput)),
                InvalidInputException,
            );
            assert.equal(error.message, message);
            if (code) assert.equal(error.code, code);
            const listed = await client.send(new GetInstancesCommand({}));
            assert.deepEqual(listed.instances ?? [], []);
        });
    }

    it("takes every IP address type, and keeps the key pair it was given", async () => {
        for (const [i, ipAddressType] of (["dualstack", "ipv4", "ipv6"] as const).entries()) {
            await client.send(
                new CreateInstancesCommand({
                    ...valid,
                    instanceNames: [`Web-${i}`],
                    ipAddressType,
                    keyPairName: "ops-key",
                }),
            );
            const { instance } = await client.send(new GetInstanceCommand({ instanceName: `Web-${i}` }));
            assert.equal(instance?.sshKeyName, "ops-key", ipAddressType);
            assert.equal(instance?.resourceType, "Instance");
        }
    });
});
