/**
 * What the Lightsail calls make of answers the service model allows but the emulator never sends:
 * every output member of Lightsail's model is optional (none is `required` in the botocore model),
 * so an answer may leave out its `disk`, `operations` or list; and a disk or instance may carry
 * add-ons other than AutoSnapshot (`StopInstanceOnIdle`). Also the clients' cache and the
 * request-timeout setting, which need no endpoint.
 */

import assert from "node:assert/strict";
import type { LightsailClient } from "@aws-sdk/client-lightsail";
import { DUMMY_CREDENTIALS } from "../../harness/account";
import {
    closeClients,
    copySnapshot,
    createDiskFromSnapshot,
    createDiskSnapshot,
    disableAutoSnapshots,
    diskSnapshotsPage,
    disksPage,
    enableAutoSnapshots,
    findAutoSnapshotSource,
    lightsailClient,
    listAutoSnapshots,
} from "../../provider/lightsail";
import { REQUEST_TIMEOUT_ENV, REQUEST_TIMEOUT_MS, requestTimeoutMs } from "../../provider/lightsail/client";

/** A client whose every call is answered with `answer`, recording what was sent. */
function answering(answer: object): { client: LightsailClient; sent: { name: string; input: unknown }[] } {
    const sent: { name: string; input: unknown }[] = [];
    const client = {
        send: async (command: { constructor: { name: string }; input: unknown }) => {
            sent.push({ name: command.constructor.name, input: command.input });
            return answer;
        },
    } as unknown as LightsailClient;
    return { client, sent };
}

describe("Lightsail answers without their optional members", () => {
    it("a disk or instance answer without the resource is a source without an add-on", async () => {
        assert.deepEqual(await findAutoSnapshotSource(answering({}).client, "Disk", "Disk-1"), {
            resourceName: "Disk-1",
            resourceType: "Disk",
        });
        assert.deepEqual(await findAutoSnapshotSource(answering({}).client, "Instance", "WordPress-1"), {
            resourceName: "WordPress-1",
            resourceType: "Instance",
        });
    });

    it("an instance with only the StopInstanceOnIdle add-on has no AutoSnapshot add-on", async () => {
        const idle = { name: "StopInstanceOnIdle", status: "Enabled", threshold: "5", duration: "30" };
        const { client, sent } = answering({ instance: { name: "WordPress-1", addOns: [idle] } });
        assert.deepEqual(await findAutoSnapshotSource(client, "Instance", "WordPress-1"), {
            resourceName: "WordPress-1",
            resourceType: "Instance",
        });
        assert.deepEqual(sent, [{ name: "GetInstanceCommand", input: { instanceName: "WordPress-1" } }]);
    });

    it("the AutoSnapshot add-on is found among others", async () => {
        const autoSnapshot = { name: "AutoSnapshot", status: "Enabled", snapshotTimeOfDay: "06:00" };
        const idle = { name: "StopInstanceOnIdle", status: "Enabled" };
        const { client } = answering({ instance: { addOns: [idle, autoSnapshot] } });
        assert.deepEqual(await findAutoSnapshotSource(client, "Instance", "WordPress-1"), {
            resourceName: "WordPress-1",
            resourceType: "Instance",
            addOn: autoSnapshot,
        });
    });

    it("calls answered without operations report none", async () => {
        const { client } = answering({});
        assert.deepEqual(await enableAutoSnapshots(client, "Disk-1", "06:00"), []);
        assert.deepEqual(await disableAutoSnapshots(client, "Disk-1"), []);
        assert.deepEqual(await createDiskSnapshot(client, { diskSnapshotName: "s", diskName: "Disk-1", tags: {} }), []);
        assert.deepEqual(
            await copySnapshot(client, {
                targetSnapshotName: "c",
                sourceRegion: "us-east-1",
                source: { sourceSnapshotName: "s" },
            }),
            [],
        );
        assert.deepEqual(
            await createDiskFromSnapshot(client, {
                diskName: "d",
                availabilityZone: "us-east-1a",
                sizeInGb: 8,
                source: { diskSnapshotName: "s" },
                tags: {},
            }),
            [],
        );
    });

    it("lists answered without their items are empty, and last", async () => {
        const { client, sent } = answering({});
        assert.deepEqual(await listAutoSnapshots(client, "Disk-1"), []);
        assert.deepEqual(await disksPage(client, "token-2"), { items: [], nextPageToken: undefined });
        assert.deepEqual(await diskSnapshotsPage(client, "token-3"), { items: [], nextPageToken: undefined });
        assert.deepEqual(sent, [
            { name: "GetAutoSnapshotsCommand", input: { resourceName: "Disk-1" } },
            { name: "GetDisksCommand", input: { pageToken: "token-2" } },
            { name: "GetDiskSnapshotsCommand", input: { pageToken: "token-3" } },
        ]);
    });

    it("an empty page token means the last page", async () => {
        const { client } = answering({ disks: [], diskSnapshots: [], nextPageToken: "" });
        assert.equal((await disksPage(client, undefined)).nextPageToken, undefined);
        assert.equal((await diskSnapshotsPage(client, undefined)).nextPageToken, undefined);
    });
});

describe("Lightsail clients", () => {
    afterEach(() => closeClients());

    const endpoint = "http://127.0.0.1:1";

    it("are shared by the same region and settings, and separate for another profile or other credentials", () => {
        const plain = lightsailClient("us-east-1", { endpoint });
        assert.equal(lightsailClient("us-east-1", { endpoint }), plain);
        assert.notEqual(lightsailClient("us-west-2", { endpoint }), plain);
        assert.notEqual(lightsailClient("us-east-1", { endpoint: "http://127.0.0.1:2" }), plain);

        const work = lightsailClient("us-east-1", { endpoint, profile: "work" });
        assert.notEqual(work, plain);
        assert.notEqual(lightsailClient("us-east-1", { endpoint, profile: "home" }), work);
        assert.equal(lightsailClient("us-east-1", { endpoint, profile: "work" }), work);

        const config = lightsailClient("us-east-1", {
            endpoint,
            credentials: DUMMY_CREDENTIALS,
            credentialsId: "stack-config",
        });
        assert.notEqual(config, plain);
        assert.notEqual(
            lightsailClient("us-east-1", { endpoint, credentials: DUMMY_CREDENTIALS, credentialsId: "other" }),
            config,
        );
    });

    it("are made anew after closeClients", () => {
        const before = lightsailClient("us-east-1", { endpoint });
        closeClients();
        assert.notEqual(lightsailClient("us-east-1", { endpoint }), before);
    });

    it("take a request timeout only from digits alone, not from signed, hex or exponent numbers", () => {
        for (const text of ["+5000", "0x1000", "1e4", "-5000"]) {
            assert.equal(requestTimeoutMs({ [REQUEST_TIMEOUT_ENV]: text }), REQUEST_TIMEOUT_MS, text);
        }
        assert.equal(requestTimeoutMs({ [REQUEST_TIMEOUT_ENV]: " 4000 " }), 4_000);
    });
});
