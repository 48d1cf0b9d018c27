import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { serializeFunction } from "@pulumi/pulumi/runtime";
import { consumerWithPackage, packedPackage } from "../../harness/packageInstall";
import { PACKAGE_NAME, REPO_ROOT } from "../../harness/repo";
import { type LightsailTestBed, startTestBed } from "../../harness/testBed";
import { diskSnapshotProvider } from "../../provider";

/** The budget for `__provider` per resource when the package comes from node_modules. */
const PROVIDER_BUDGET_BYTES = 4096;
const SECRET_MARKER = "SECRETMARKER0123456789abcdef";

/** The modules a serialized provider loads. */
function requiredModules(text: string): string[] {
    return [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).sort();
}

/**
 * Runs a script in the consumer folder, as the program and the plugin would run there. Async: the
 * emulator serving it runs in this process and must keep answering meanwhile.
 */
function runInConsumer(dir: string, script: string, env: Record<string, string> = {}): Promise<string> {
    const file = `script-${Math.random().toString(36).slice(2)}.js`;
    fs.writeFileSync(path.join(dir, file), script);
    return new Promise((resolve, reject) => {
        execFile(
            process.execPath,
            [file],
            { cwd: dir, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...env } },
            (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
        );
    });
}

/** Every resource's serialized provider, as the package exports it. */
const PROVIDER_EXPORTS = [
    "diskSnapshotProvider",
    "autoSnapshotsProvider",
    "diskFromSnapshotProvider",
    "diskSnapshotCopyProvider",
] as const;

/** A stack-config secret key, next to {@link SECRET_MARKER} in the environment. */
const CONFIG_SECRET_MARKER = "CONFIGSECRETMARKERfedcba9876543210";

/** What serializing a provider in the consumer folder gave. */
interface SerializedInConsumer {
    /** The serialized provider's text. */
    text: string;
    containsSecrets: boolean;
    /** A closure over the credentials the process holds, serialized alike: the markers must show in it. */
    control: string;
}

/**
 * Serializes a provider in the consumer folder exactly as `pulumi.dynamic.Resource` does, in a
 * process that holds credentials in its environment and a secret key in its stack config.
 */
async function serializeInConsumer(
    dir: string,
    exported: (typeof PROVIDER_EXPORTS)[number],
): Promise<SerializedInConsumer> {
    const out = await runInConsumer(
        dir,
        `const pulumi = require("@pulumi/pulumi");
         const { serializeFunction } = require("@pulumi/pulumi/runtime");
         const { ${exported}: provider } = require("${PACKAGE_NAME}");
         const held = [process.env.AWS_SECRET_ACCESS_KEY, new pulumi.Config("aws").require("secretKey")];
         (async () => {
             const control = await serializeFunction(() => held, { allowSecrets: true });
             const sf = await serializeFunction(() => provider, { allowSecrets: true });
             console.log(JSON.stringify({ text: sf.text, containsSecrets: sf.containsSecrets, control: control.text }));
         })().catch((e) => { console.error(e); process.exit(1); });`,
        {
            AWS_SECRET_ACCESS_KEY: SECRET_MARKER,
            AWS_ACCESS_KEY_ID: "AKIDMARKER",
            PULUMI_CONFIG: JSON.stringify({ "aws:secretKey": CONFIG_SECRET_MARKER, "aws:accessKey": "AKIDCONFIG" }),
            PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(["aws:secretKey"]),
        },
    );
    return JSON.parse(out) as SerializedInConsumer;
}

describe("serialized provider", function () {
    this.timeout(180_000);
    let consumer: string;
    let byValueBed: LightsailTestBed | undefined;

    before(() => {
        consumer = consumerWithPackage();
    });

    after(async () => {
        await byValueBed?.stop();
    });

    it("npm pack ships only the compiled library, its declarations, the native plugin launcher, the README, the license and package.json", () => {
        const { files } = packedPackage();
        const unexpected = files.filter(
            (f) =>
                !(
                    f === "package.json" ||
                    f === "README.md" ||
                    f === "LICENSE" ||
                    f === "bin/pulumi-resource-lightsail-snapshots" ||
                    /^dist\/(provider|emulator)\/.+\.(js|d\.ts)$/.test(f)
                ),
        );
        assert.deepEqual(unexpected, []);
        assert.ok(files.includes("dist/provider/index.js") && files.includes("dist/provider/index.d.ts"));
        assert.ok(files.includes("dist/emulator/cli.js"));
        // The native provider plugin, where a Pulumi YAML project's `plugins:` entry points.
        assert.ok(files.includes("bin/pulumi-resource-lightsail-snapshots"));
    });

    for (const exported of PROVIDER_EXPORTS) {
        it(`${exported}: at most ${PROVIDER_BUDGET_BYTES} bytes from node_modules, no secret, requires only the runtime module`, async () => {
            const { text, containsSecrets, control } = await serializeInConsumer(consumer, exported);
            // The process held both secrets, and a closure that captures them shows them.
            assert.ok(control.includes(SECRET_MARKER) && control.includes(CONFIG_SECRET_MARKER), control);
            const bytes = Buffer.byteLength(text);
            console.log(`      __provider (${exported}) from node_modules: ${bytes} bytes`);
            assert.ok(bytes <= PROVIDER_BUDGET_BYTES, `${bytes} bytes`);
            assert.equal(containsSecrets, false);
            assert.deepEqual(requiredModules(text), [`${PACKAGE_NAME}/provider-runtime`]);
            for (const marker of [SECRET_MARKER, "AKIDMARKER", CONFIG_SECRET_MARKER, "AKIDCONFIG"]) {
                assert.ok(!text.includes(marker), `the serialized provider holds ${marker}`);
            }
        });
    }

    it("serializes from source too, by value, and reports its size", async () => {
        const saved = process.env.AWS_SECRET_ACCESS_KEY;
        process.env.AWS_SECRET_ACCESS_KEY = SECRET_MARKER;
        try {
            const held = process.env.AWS_SECRET_ACCESS_KEY;
            const control = await serializeFunction(() => held, { allowSecrets: true });
            assert.ok(control.text.includes(SECRET_MARKER), "a closure over the key shows it");
            const serialized = await serializeFunction(() => diskSnapshotProvider, { allowSecrets: true });
            console.log(`      __provider imported from source: ${Buffer.byteLength(serialized.text)} bytes`);
            assert.equal(serialized.containsSecrets, false);
            assert.ok(!serialized.text.includes(SECRET_MARKER));
        } finally {
            if (saved === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
            else process.env.AWS_SECRET_ACCESS_KEY = saved;
        }
    });

    it("works serialized by value too (the package imported by path), with an endpoint configured", async () => {
        byValueBed = await startTestBed({ snapshot: { durationMs: 200 } });
        const bed = byValueBed;
        bed.emulator.seedDisk({ name: "Disk-2", region: "us-east-1" });
        const distIndex = path.join(REPO_ROOT, "dist", "provider", "index.js");
        const out = await runInConsumer(
            consumer,
            `const { serializeFunction } = require("@pulumi/pulumi/runtime");
             const requireFromString = require("require-from-string");
             const { diskSnapshotProvider } = require(${JSON.stringify(distIndex)});
             (async () => {
                 const { text } = await serializeFunction(() => diskSnapshotProvider, { allowSecrets: true });
                 const provider = requireFromString(text).handler();
                 const config = { "aws:endpoints": JSON.stringify([{ lightsail: process.env.AWS_ENDPOINT_URL_LIGHTSAIL }]) };
                 await provider.configure({ config: { get: (k) => config[k], require: (k) => config[k] } });
                 const checked = await provider.check({}, { diskName: "Disk-2", region: "us-east-1", __autoNameBase: "by-value" });
                 const created = await provider.create({ ...checked.inputs, __provider: text });
                 await provider.delete(created.id, { ...created.outs, __provider: text });
                 console.log(JSON.stringify({ bytes: Buffer.byteLength(text), failures: checked.failures, created }));
             })().catch((e) => { console.error(e); process.exit(1); });`,
            { ...bed.env, AWS_ENDPOINT_URL_LIGHTSAIL: bed.emulator.url },
        );
        const result = JSON.parse(out.trim().split("\n").pop() ?? "{}");
        console.log(`      __provider by value: ${result.bytes} bytes`);
        assert.deepEqual(result.failures, []);
        assert.equal(result.created.outs.state, "completed");
        assert.equal(result.created.outs.fromDiskName, "Disk-2");
        assert.deepEqual(bed.emulator.snapshots("us-east-1"), []);
    });

    describe("revived as the dynamic-provider host does", () => {
        let bed: LightsailTestBed;

        before(async () => {
            bed = await startTestBed({ snapshot: { durationMs: 200 } });
            bed.emulator.seedDisk({ name: "Disk-1", region: "us-east-1" });
        });

        after(async () => {
            await bed.stop();
        });

        it("runs check, create, read and delete through the revived text", async () => {
            fs.writeFileSync(
                path.join(consumer, "provider.txt"),
                (await serializeInConsumer(consumer, "diskSnapshotProvider")).text,
            );
            const out = await runInConsumer(
                consumer,
                `const fs = require("fs");
                 const requireFromString = require("require-from-string");
                 const text = fs.readFileSync("provider.txt", "utf8");
                 const provider = requireFromString(text).handler();
                 (async () => {
                     await provider.configure({ config: { get: () => undefined, require: () => "" } });
                     const checked = await provider.check({}, { diskName: "Disk-1", region: "us-east-1", __autoNameBase: "revived" });
                     const inputs = { ...checked.inputs, __provider: text };
                     const created = await provider.create(inputs);
                     const read = await provider.read(created.id, { ...created.outs, __provider: text });
                     await provider.delete(created.id, { ...created.outs, __provider: text });
                     const gone = await provider.read(created.id, { ...created.outs, __provider: text });
                     console.log(JSON.stringify({ failures: checked.failures, created, read, gone }));
                 })().catch((e) => { console.error(e); process.exit(1); });`,
                bed.env,
            );
            const result = JSON.parse(out.trim().split("\n").pop() ?? "{}");
            assert.deepEqual(result.failures, []);
            assert.match(result.created.id, /^revived-[a-z0-9]{7}$/);
            assert.equal(result.created.outs.state, "completed");
            assert.deepEqual(result.read.props, result.created.outs);
            assert.equal(result.gone.id, "");
            assert.deepEqual(bed.emulator.snapshots("us-east-1"), []);
        });
    });
});
