/**
 * The README as a new user meets it: every TypeScript block is pasted, as it stands, into a
 * project laid out like `pulumi new typescript` (its tsconfig: strict, CommonJS), with the packed
 * package installed, and run by the real engine against the emulator. The engine's TypeScript
 * host type-checks each program, so a block that does not compile fails here. Also the defects a
 * user trial found with the engine in the loop: `DiskSnapshot.get` of a missing snapshot, and the
 * resource options a dynamic resource cannot honour.
 */

import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CreateDiskSnapshotCommand, LightsailClient } from "@aws-sdk/client-lightsail";
import { DUMMY_CREDENTIALS, REGION } from "../../harness/account";
import { createPulumiWorkspace, managedResources, type PulumiWorkspace, pulumiBinDir } from "../../harness/engine";
import { consumerWithPackage } from "../../harness/packageInstall";
import { PACKAGE_NAME, REPO_ROOT } from "../../harness/repo";
import { type LightsailTestBed, startTestBed } from "../../harness/testBed";

/** The tsconfig.json `pulumi new typescript` writes. */
const TEMPLATE_TSCONFIG = {
    compilerOptions: {
        strict: true,
        outDir: "bin",
        target: "es2020",
        module: "commonjs",
        moduleResolution: "node",
        sourceMap: true,
        experimentalDecorators: true,
        pretty: true,
        noFallthroughCasesInSwitch: true,
        noImplicitReturns: true,
        forceConsistentCasingInFileNames: true,
    },
    files: ["index.ts"],
};

/** The README's TypeScript blocks, in order. */
function readmeTypeScriptBlocks(markdown: string): string[] {
    return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
}

/** The README's `Pulumi.yaml` for TypeScript programs on the native classes (the one with `runtime: nodejs`). */
function readmeNativeProjectFile(markdown: string): string {
    const found = [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)]
        .map((match) => match[1])
        .find((block) => /^runtime: nodejs$/m.test(block) && /^plugins:$/m.test(block));
    assert.ok(found, "the README shows no Pulumi.yaml for the native classes");
    return found;
}

/** Whether a block uses the native classes (`<package>/native`), which run through the plugin. */
const usesNativeFace = (block: string) => block.includes(`from "${PACKAGE_NAME}/native"`);

describe("the README's code, pasted into a `pulumi new typescript` project", function () {
    this.timeout(240_000);
    let consumer: string;
    let bed: LightsailTestBed;
    let ws: PulumiWorkspace;
    const dirs: string[] = [];

    before(async function () {
        this.timeout(20 * 60_000);
        pulumiBinDir();
        consumer = consumerWithPackage();
        bed = await startTestBed({ snapshot: { durationMs: 300 } });
        bed.emulator.seedDisk({ name: "Disk-1", region: REGION, sizeInGb: 32 });
        bed.emulator.seedInstance({ name: "WordPress-1", region: REGION, systemDiskSizeInGb: 40 });
        // The native block's explicit provider is for us-west-2.
        bed.emulator.seedDisk({ name: "Disk-1", region: "us-west-2", sizeInGb: 32 });
        const client = new LightsailClient({
            endpoint: bed.emulator.url,
            region: REGION,
            credentials: DUMMY_CREDENTIALS,
        });
        // What the blocks refer to: snapshots named nightly-1 and legacy-backup, and one of WordPress-1.
        for (const [name, source] of [
            ["nightly-1", { diskName: "Disk-1" }],
            ["legacy-backup", { diskName: "Disk-1" }],
            ["WordPress-1-system", { instanceName: "WordPress-1" }],
        ] as const) {
            await client.send(new CreateDiskSnapshotCommand({ diskSnapshotName: name, ...source }));
        }
        client.destroy();
        await new Promise((resolve) => setTimeout(resolve, 500)); // all three complete after 300 ms
        ws = createPulumiWorkspace({
            prefix: "readme-e2e-",
            env: { ...bed.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
        });
    });

    after(async () => {
        await ws?.cleanup();
        await bed?.stop();
        for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    });

    /** A project laid out like `pulumi new typescript`, holding `program` as its index.ts. */
    async function project(name: string, program: string): Promise<string> {
        const dir = path.join(consumer, `readme-${name}-${process.pid}`);
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(dir);
        dirs.push(dir);
        if (usesNativeFace(program)) {
            // As the README says: its Pulumi.yaml, and the package in the project's node_modules.
            const projectFile = readmeNativeProjectFile(markdown).replace(/^name: .*$/m, `name: readme-${name}`);
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), projectFile);
            fs.symlinkSync(path.join(consumer, "node_modules"), path.join(dir, "node_modules"));
        } else {
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: readme-${name}\nruntime: nodejs\n`);
        }
        fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TEMPLATE_TSCONFIG, null, 4));
        fs.writeFileSync(path.join(dir, "index.ts"), program);
        fs.writeFileSync(
            path.join(dir, "package.json"),
            JSON.stringify({ name: `readme-${name}`, main: "index.ts", dependencies: { [PACKAGE_NAME]: "*" } }),
        );
        await ws.initStack(dir, "dev");
        await ws.run(["config", "set", "aws:region", REGION], { cwd: dir });
        return dir;
    }

    const markdown = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const blocks = readmeTypeScriptBlocks(markdown);

    it("has TypeScript blocks, each importing the package by its name (or its /native subpath)", () => {
        assert.ok(blocks.length >= 3, `${blocks.length} blocks`);
        for (const block of blocks) assert.match(block, new RegExp(`from "${PACKAGE_NAME}(/native)?"`));
        assert.ok(blocks.some(usesNativeFace), "no block uses the native classes");
    });

    blocks.forEach((block, index) => {
        it(`block ${index + 1} (${block
            .split("\n")
            .find((l) => /new |get\w*\(/.test(l))
            ?.trim()
            .slice(0, 60)}) compiles and runs: up, then destroy`, async () => {
            const dir = await project(`block${index + 1}`, block);
            const up = await ws.run(["up", "--yes"], { cwd: dir, allowFailure: true });
            assert.equal(up.code, 0, `${up.stdout}\n${up.stderr}`);
            await ws.run(["destroy", "--yes"], { cwd: dir });
            assert.deepEqual(managedResources(await ws.exportStack({ cwd: dir })), []);
        });
    });

    it("DiskSnapshot.get of a snapshot that does not exist fails the preview, naming it and its region", async () => {
        const dir = await project(
            "get-missing",
            `import { DiskSnapshot } from "${PACKAGE_NAME}";\n` +
                `export const state = DiskSnapshot.get("seen", "no-such-snapshot").state;\n`,
        );
        const preview = await ws.run(["preview"], { cwd: dir, allowFailure: true });
        assert.notEqual(preview.code, 0, preview.stdout);
        assert.match(
            `${preview.stdout}${preview.stderr}`,
            /DiskSnapshot "no-such-snapshot" in us-east-1: no such snapshot/,
        );
    });

    it("warns that customTimeouts and replaceOnChanges are ignored, naming the timeouts input", async () => {
        const dir = await project(
            "options",
            `import { DiskSnapshot } from "${PACKAGE_NAME}";\n` +
                `new DiskSnapshot("data", { diskName: "Disk-1" }, { customTimeouts: { create: "3m" }, replaceOnChanges: ["tags"] });\n`,
        );
        const preview = await ws.run(["preview"], { cwd: dir });
        assert.match(
            preview.stdout,
            /customTimeouts option does not reach dynamic providers and is ignored; use the timeouts input/,
        );
        assert.match(preview.stdout, /replaceOnChanges option has no effect on dynamic resources/);
    });
});
