import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { consumerWithPackage } from "../../harness/packageInstall";
import { type HostCallError, ProviderHost, snapshotUrn } from "../../harness/providerHost";
import { PACKAGE_NAME } from "../../harness/repo";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { UNKNOWN_VALUE } from "../../provider/validation";

/** The serialized provider, made in the consumer folder as a program there would make it. */
async function serializedProvider(dir: string): Promise<string> {
    const { execFile } = await import("node:child_process");
    const script = path.join(dir, "serialize-provider.js");
    fs.writeFileSync(
        script,
        `const provider = require("${PACKAGE_NAME}").diskSnapshotProvider;
         require("@pulumi/pulumi/runtime").serializeFunction(() => provider, { allowSecrets: true })
            .then((sf) => process.stdout.write(sf.text));`,
    );
    return new Promise((resolve, reject) =>
        execFile(process.execPath, [script], { cwd: dir }, (error, stdout) =>
            error ? reject(error) : resolve(stdout),
        ),
    );
}

describe("dynamic-provider host over gRPC", function () {
    this.timeout(120_000);
    let bed: LightsailTestBed;
    let host: ProviderHost;
    let providerText: string;

    before(async () => {
        const dir = consumerWithPackage();
        providerText = await serializedProvider(dir);
        bed = await startTestBed({ snapshot: { durationMs: 400 } });
        bed.emulator.seedDisk({ name: "Disk-1", region: "us-east-1" });
        host = await ProviderHost.start(dir, { ...bed.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" });
        await host.configure({ "aws:region": "us-east-1" });
    });

    after(async () => {
        await host?.stop();
        await bed?.stop();
    });

    it("previews with unknown inputs: check and diff accept them and call nothing", async () => {
        const urn = snapshotUrn("preview");
        const news = {
            diskName: UNKNOWN_VALUE,
            region: "us-east-1",
            tags: { env: UNKNOWN_VALUE },
            __provider: providerText,
        };
        const checked = await host.check(urn, {}, news);
        assert.deepEqual(checked.failures, []);
        assert.equal(checked.inputs.diskName, UNKNOWN_VALUE);
        assert.equal(checked.inputs.__provider, providerText);
        const diff = await host.diff(
            urn,
            "snap-1",
            { diskSnapshotName: "snap-1", diskName: "Disk-1", region: "us-east-1" },
            {
                ...checked.inputs,
                diskSnapshotName: "snap-1",
            },
        );
        assert.deepEqual(diff.replaces, ["diskName"]);
        assert.deepEqual(operations(bed.emulator), []);
    });

    it("reports bad inputs as check failures on their properties", async () => {
        const checked = await host.check(
            snapshotUrn("bad"),
            {},
            {
                diskName: "Disk-1",
                instanceName: "WordPress-1",
                region: "moon-1",
                __provider: providerText,
            },
        );
        assert.deepEqual(checked.failures.map((f) => f.property).sort(), ["instanceName", "region"]);
        assert.deepEqual(operations(bed.emulator), []);
    });

    it("creates, reads, updates tags, and deletes through the plugin", async () => {
        const urn = snapshotUrn("life");
        const { inputs } = await host.check(
            urn,
            {},
            {
                diskName: "Disk-1",
                region: "us-east-1",
                tags: { env: "prod" },
                __autoNameBase: "life",
                __provider: providerText,
            },
        );
        const created = await host.create(urn, inputs);
        assert.match(created.id, /^life-[a-z0-9]{7}$/);
        assert.equal(created.properties.state, "completed");
        assert.equal(created.properties.__provider, providerText);

        const read = await host.read(urn, created.id, created.properties);
        assert.equal(read.id, created.id);
        assert.deepEqual(read.properties, created.properties);

        const { inputs: news } = await host.check(urn, inputs, { ...inputs, tags: { env: "dev" } });
        const diff = await host.diff(urn, created.id, created.properties, news);
        assert.deepEqual([diff.replaces, diff.deleteBeforeReplace], [[], false]);
        const updated = await host.update(urn, created.id, created.properties, news);
        assert.deepEqual(updated.tags, { env: "dev" });

        await host.delete(urn, created.id, updated);
        assert.equal((await host.read(urn, created.id, updated)).id, "");
        assert.deepEqual(bed.emulator.snapshots("us-east-1"), []);
    });

    it("hands the engine partial state when a created snapshot ends in error", async () => {
        bed.emulator.setSnapshotBehaviour({ errorPattern: "^broken" });
        const urn = snapshotUrn("broken");
        const { inputs } = await host.check(
            urn,
            {},
            {
                diskName: "Disk-1",
                region: "us-east-1",
                diskSnapshotName: "broken-1",
                __provider: providerText,
            },
        );
        const error = (await host.create(urn, inputs).catch((e: HostCallError) => e)) as HostCallError;
        assert.ok(error instanceof Error, "create should fail");
        assert.match(error.message, /DiskSnapshot "broken-1" in us-east-1: the snapshot ended in state error/);
        assert.equal(error.initFailedId, "broken-1");
        assert.equal(error.initFailedProperties?.state, "error");
        assert.equal(error.initFailedProperties?.__provider, providerText);
        // With that state the engine can delete it later: nothing leaks.
        await host.delete(urn, "broken-1", error.initFailedProperties ?? {});
        assert.deepEqual(bed.emulator.snapshots("us-east-1"), []);
    });
});
