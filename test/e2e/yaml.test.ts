/**
 * The native provider plugin from Pulumi YAML, on the real YAML language host and the real engine,
 * against the emulator, as a YAML user runs it: the example `examples/yaml-disk-snapshot` in a
 * folder where the packed package is installed (its `plugins:` entry points at the package's
 * `bin/`). Then what only a native plugin can do, in a second YAML program: `pulumi import` and the
 * `import` option, `customTimeouts`, `replaceOnChanges`, and an explicit provider for another region.
 */

import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CreateDiskSnapshotCommand, LightsailClient } from "@aws-sdk/client-lightsail";
import type { SeedFile } from "../../emulator";
import { DUMMY_CREDENTIALS, REGION } from "../../harness/account";
import { createPulumiWorkspace, managedResources, type PulumiWorkspace, pulumiBinDir } from "../../harness/engine";
import { consumerWithPackage } from "../../harness/packageInstall";
import { REPO_ROOT } from "../../harness/repo";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { sleep } from "../../harness/time";
import { nativePackageSchema } from "../../provider/native/package";

const EXAMPLE = path.join(REPO_ROOT, "examples", "yaml-disk-snapshot");
const SEED = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "examples", "emulator-seed.json"), "utf8")) as SeedFile;
const TOKEN = "lightsail-snapshots:index:DiskSnapshot";
const PLUGIN_PATH = "node_modules/pulumi-lightsail-disk-snapshot/bin";

/** A YAML program folder in the consumer, seeing the consumer's node_modules as its own. */
function yamlProgram(consumer: string, name: string, files: Record<string, string>): string {
    const dir = path.join(consumer, `${name}-${process.pid}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
    fs.symlinkSync(path.join(consumer, "node_modules"), path.join(dir, "node_modules"));
    return dir;
}

describe("Pulumi YAML on the native plugin, real YAML host, against the emulator", function () {
    this.timeout(180_000);

    let consumer: string;
    let bed: LightsailTestBed;
    let ws: PulumiWorkspace;
    let lightsail: LightsailClient;
    const count = (operation: string) => operations(bed.emulator).filter((o) => o === operation).length;
    const names = (region = REGION) =>
        bed.emulator
            .snapshots(region)
            .map((s) => s.name)
            .sort();

    before(async function () {
        this.timeout(20 * 60_000); // a cold engine build, the package build and npm install
        pulumiBinDir();
        consumer = consumerWithPackage();
        bed = await startTestBed({ seed: SEED, snapshot: { durationMs: 3_000, curve: "linear" } });
        bed.emulator.seedDisk({ name: "Disk-2", region: REGION, sizeInGb: 8 });
        ws = createPulumiWorkspace({ prefix: "yaml-e2e-", env: bed.env });
        lightsail = new LightsailClient({ endpoint: bed.emulator.url, region: REGION, credentials: DUMMY_CREDENTIALS });
    });

    after(async () => {
        await ws?.cleanup();
        lightsail?.destroy();
        await bed?.stop();
    });

    describe("examples/yaml-disk-snapshot", () => {
        let dir: string;
        let name: string;

        before(async () => {
            dir = yamlProgram(consumer, "yaml-disk-snapshot", {
                "Pulumi.yaml": fs.readFileSync(path.join(EXAMPLE, "Pulumi.yaml"), "utf8"),
            });
            await ws.initStack(dir, "yaml");
            await ws.run(["config", "set", "lightsail-snapshots:region", REGION], { cwd: dir });
        });

        it("points its plugins entry at the installed package's bin folder, where the plugin is", () => {
            assert.match(
                fs.readFileSync(path.join(EXAMPLE, "Pulumi.yaml"), "utf8"),
                new RegExp(`path: ${PLUGIN_PATH}`),
            );
            fs.accessSync(path.join(dir, PLUGIN_PATH, "pulumi-resource-lightsail-snapshots"), fs.constants.X_OK);
        });

        it("the plugin's GetSchema serves the package schema emitted from the schema module", async () => {
            const plugin = path.join(dir, PLUGIN_PATH, "pulumi-resource-lightsail-snapshots");
            const { stdout } = await ws.run(["package", "get-schema", plugin], { cwd: dir });
            const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
            assert.deepEqual(JSON.parse(stdout), nativePackageSchema(version));
        });

        it("preview shows the snapshot to create and calls nothing in Lightsail", async () => {
            bed.emulator.clearRequests();
            const { stdout } = await ws.run(["preview"], { cwd: dir });
            assert.match(stdout, new RegExp(`\\+ +${TOKEN} +data +create`));
            assert.deepEqual(operations(bed.emulator), []);
        });

        it("preview rejects a bad input on its property, before any call", async () => {
            bed.emulator.clearRequests();
            const bad = await ws.run(["preview", "--config", "diskName=Disk 1!"], { cwd: dir, allowFailure: true });
            assert.notEqual(bad.code, 0);
            assert.match(bad.stdout + bad.stderr, /diskName/);
            assert.match(bad.stdout + bad.stderr, /Disk 1!/);
            assert.deepEqual(operations(bed.emulator), []);
            await ws.run(["config", "rm", "diskName"], { cwd: dir });
        });

        it("up creates the snapshot with its tags in the request, waits until completed, progress on its own row", async () => {
            bed.emulator.clearRequests();
            const { stdout } = await ws.run(["up", "--yes"], { cwd: dir });
            assert.match(stdout, new RegExp(`\\+ +${TOKEN} +data +created`));
            // Progress lines are diagnostics of the resource, not of the stack.
            assert.match(
                stdout,
                new RegExp(`${TOKEN} \\(data\\):\\s+DiskSnapshot "data-[a-z0-9]{7}" \\(${REGION}\\): pending, \\d+%`),
            );
            const outputs = JSON.parse((await ws.run(["stack", "output", "--json"], { cwd: dir })).stdout);
            name = outputs.name;
            assert.match(name, /^data-[a-z0-9]{7}$/);
            assert.deepEqual([outputs.state, outputs.sizeInGb, outputs.tags], ["completed", 32, { team: "storage" }]);
            assert.deepEqual(names(), [name]);
            assert.equal(count("TagResource"), 0);
            const create = bed.emulator.requests().find((r) => r.operation === "CreateDiskSnapshot");
            assert.deepEqual((create?.body as { tags?: unknown } | undefined)?.tags, [
                { key: "team", value: "storage" },
            ]);
        });

        it("refresh finds no changes", async () => {
            await ws.run(["refresh", "--yes", "--expect-no-changes"], { cwd: dir });
        });

        it("a tag change is one TagResource, in place", async () => {
            await ws.run(["config", "set", "team", "ops"], { cwd: dir });
            bed.emulator.clearRequests();
            const { stdout } = await ws.run(["up", "--yes"], { cwd: dir });
            assert.match(stdout, new RegExp(`~ +${TOKEN} +data +updated`));
            assert.deepEqual(
                operations(bed.emulator).filter((o) => !o.startsWith("Get")),
                ["TagResource"],
            );
            assert.deepEqual(names(), [name]);
        });

        it("a new source replaces the snapshot: the new one is created before the old one is deleted", async () => {
            await ws.run(["config", "set", "diskName", "Disk-2"], { cwd: dir });
            const { stdout } = await ws.run(["up", "--yes"], { cwd: dir });
            assert.match(stdout, new RegExp(`\\+- +${TOKEN} +data +replaced`));
            const after = names();
            assert.equal(after.length, 1);
            assert.notEqual(after[0], name);
            assert.equal(bed.emulator.snapshots(REGION)[0]?.source.name, "Disk-2");
        });

        it("up --replace keeps the snapshot: the replacement, of the same generated name, takes it over", async () => {
            const before = names();
            const urn = managedResources(await ws.exportStack({ cwd: dir })).find((r) => r.type === TOKEN)?.urn;
            assert.ok(urn);
            const { stdout } = await ws.run(["up", "--yes", "--replace", urn], { cwd: dir });
            assert.match(stdout, new RegExp(`\\+- +${TOKEN} +data +replaced`));
            assert.match(stdout, /not deleted: the resource replacing it took it over/);
            assert.deepEqual(names(), before);
            const refresh = await ws.run(["refresh", "--yes"], { cwd: dir });
            assert.doesNotMatch(refresh.stdout, /deleted/);
        });

        it("destroy leaves nothing", async () => {
            await ws.run(["destroy", "--yes"], { cwd: dir });
            assert.deepEqual(managedResources(await ws.exportStack({ cwd: dir })), []);
            assert.deepEqual(names(), []);
        });
    });

    it("the README's YAML program, as it stands, goes up and comes down", async () => {
        const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
        const [program] = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
            .map((match) => match[1] as string)
            .filter((block) => block.includes("runtime: yaml"));
        assert.ok(program, "the README has a Pulumi YAML program");
        const dir = yamlProgram(consumer, "yaml-readme", { "Pulumi.yaml": program });
        await ws.initStack(dir, "readme");
        await ws.run(["config", "set", "lightsail-snapshots:region", REGION], { cwd: dir });
        await ws.run(["up", "--yes"], { cwd: dir });
        const { arn } = JSON.parse((await ws.run(["stack", "output", "--json"], { cwd: dir })).stdout);
        assert.match(arn, new RegExp(`^arn:aws:lightsail:${REGION}:`));
        await ws.run(["destroy", "--yes"], { cwd: dir });
        assert.deepEqual(names(), []);
    });

    describe("what only the native plugin can do", () => {
        let dir: string;
        const program = (resources: string) => `name: lightsail-yaml-options
runtime: yaml
plugins:
  providers:
    - name: lightsail-snapshots
      path: ${PLUGIN_PATH}
${resources ? `resources:\n${resources}` : ""}`;
        const write = (resources: string) => fs.writeFileSync(path.join(dir, "Pulumi.yaml"), program(resources));
        /** The snapshot the import option took over, declared as it is. */
        const LEGACY_2 = `  legacy2:
    type: ${TOKEN}
    properties:
      diskName: Disk-1
      diskSnapshotName: legacy-2
      tags:
        team: legacy
`;
        /** A snapshot that replaceOnChanges replaces whenever its tag `v` changes. */
        const tagged = (v: string) => `  tagged:
    type: ${TOKEN}
    properties:
      diskName: Disk-1
      tags:
        v: "${v}"
    options:
      replaceOnChanges: [tags]
`;

        before(async () => {
            dir = yamlProgram(consumer, "yaml-options", { "Pulumi.yaml": program("") });
            await ws.initStack(dir, "options");
            await ws.run(["config", "set", "lightsail-snapshots:region", REGION], { cwd: dir });
            for (const snapshot of ["legacy-1", "legacy-2"]) {
                await lightsail.send(
                    new CreateDiskSnapshotCommand({
                        diskName: "Disk-1",
                        diskSnapshotName: snapshot,
                        tags: [{ key: "team", value: "legacy" }],
                    }),
                );
            }
            await sleep(3_500);
        });

        it("pulumi import takes over an existing snapshot, with its source and tags as inputs", async () => {
            const out = path.join(dir, "imported.yaml");
            await ws.run(["import", TOKEN, "legacy", "legacy-1", "--yes", "--protect=false", "--out", out], {
                cwd: dir,
            });
            const state = managedResources(await ws.exportStack({ cwd: dir }));
            const imported = state.find((r) => r.type === TOKEN);
            assert.equal(imported?.id, "legacy-1");
            const code = fs.readFileSync(out, "utf8");
            assert.match(code, /diskName: Disk-1/);
            assert.match(code, /diskSnapshotName: legacy-1/);
            // Declared as imported, the next preview has nothing to do.
            write(`  legacy:
    type: ${TOKEN}
    properties:
      diskName: Disk-1
      diskSnapshotName: legacy-1
      region: ${REGION}
      tags:
        team: legacy
`);
            await ws.run(["preview", "--expect-no-changes"], { cwd: dir });
        });

        it("the import option takes over a snapshot in up, and then preview shows no changes", async () => {
            write(`  legacy2:
    type: ${TOKEN}
    properties:
      diskName: Disk-1
      diskSnapshotName: legacy-2
      tags:
        team: legacy
    options:
      import: legacy-2
`);
            bed.emulator.clearRequests();
            const { stdout } = await ws.run(["up", "--yes"], { cwd: dir });
            assert.match(stdout, new RegExp(`= +${TOKEN} +legacy2 +imported`));
            assert.equal(count("CreateDiskSnapshot"), 0);
            await ws.run(["preview", "--expect-no-changes"], { cwd: dir });
            // The first import is no longer declared: up deletes it, as Pulumi does with any resource.
            assert.deepEqual(names(), ["legacy-2"]);
        });

        it("the lookups are functions: fn::invoke reads a snapshot, the latest one and the automatic ones", async () => {
            fs.writeFileSync(
                path.join(dir, "Pulumi.yaml"),
                `${program(LEGACY_2)}variables:
  named:
    fn::invoke:
      function: lightsail-snapshots:index:getDiskSnapshot
      arguments:
        diskSnapshotName: legacy-2
  latest:
    fn::invoke:
      function: lightsail-snapshots:index:getLatestDiskSnapshot
      arguments:
        diskName: Disk-1
      return: diskSnapshotName
  autos:
    fn::invoke:
      function: lightsail-snapshots:index:getAutoSnapshots
      arguments:
        diskName: Disk-1
      return: autoSnapshots
outputs:
  namedState: \${named.state}
  namedTags: \${named.tags}
  latest: \${latest}
  autos: \${autos}
`,
            );
            await ws.run(["up", "--yes"], { cwd: dir });
            const outputs = JSON.parse((await ws.run(["stack", "output", "--json"], { cwd: dir })).stdout);
            assert.deepEqual(outputs, {
                namedState: "completed",
                namedTags: { team: "legacy" },
                latest: "legacy-2",
                autos: [],
            });
        });

        it("replaceOnChanges: [tags] makes a tag change a replacement", async () => {
            write(LEGACY_2 + tagged("1"));
            await ws.run(["up", "--yes"], { cwd: dir });
            const before = names().filter((n) => n.startsWith("tagged-"));
            write(LEGACY_2 + tagged("2"));
            bed.emulator.clearRequests();
            const { stdout } = await ws.run(["up", "--yes"], { cwd: dir });
            assert.match(stdout, new RegExp(`\\+- +${TOKEN} +tagged +replaced`));
            // The name stays, so the old snapshot is deleted first, then the new one created with the new tags.
            assert.deepEqual(
                operations(bed.emulator).filter(
                    (o) => o === "DeleteDiskSnapshot" || o === "CreateDiskSnapshot" || o === "TagResource",
                ),
                ["DeleteDiskSnapshot", "CreateDiskSnapshot"],
            );
            const recorded = managedResources(await ws.exportStack({ cwd: dir })).find((r) =>
                r.urn.endsWith("::tagged"),
            );
            assert.equal(recorded?.id, before[0]);
            const live = bed.emulator.snapshots(REGION).find((snapshot) => snapshot.name === before[0]);
            assert.deepEqual([live?.state, live?.tags], ["completed", [{ key: "v", value: "2" }]]);
        });

        it("customTimeouts create 3s fails a 20 s snapshot at about 3 s, with the snapshot recorded", async () => {
            bed.emulator.setSnapshotBehaviour({ durationMs: 20_000 });
            try {
                write(`  slow:
    type: ${TOKEN}
    properties:
      diskName: Disk-1
      diskSnapshotName: slow-1
    options:
      customTimeouts:
        create: 3s
`);
                const started = Date.now();
                const result = await ws.run(["up", "--yes", "--skip-preview"], { cwd: dir, allowFailure: true });
                const elapsedMs = Date.now() - started;
                assert.notEqual(result.code, 0);
                assert.match(result.stdout, /slow-1/);
                assert.match(result.stdout, /3s/);
                const slow = managedResources(await ws.exportStack({ cwd: dir })).find((r) => r.id === "slow-1");
                assert.ok(slow, "the snapshot is in the state");
                assert.ok(names().includes("slow-1"));
                // Reported, not asserted: wall time depends on the machine.
                console.log(`      up with customTimeouts create 3s ended after ${(elapsedMs / 1000).toFixed(1)} s`);
            } finally {
                bed.emulator.setSnapshotBehaviour({ durationMs: 3_000 });
            }
        });

        it("an explicit provider puts its resources in its own region", async () => {
            write(`  west:
    type: pulumi:providers:lightsail-snapshots
    properties:
      region: us-west-2
  standby:
    type: ${TOKEN}
    properties:
      instanceName: Standby-1
      diskSnapshotName: standby-1
    options:
      provider: \${west}
`);
            await ws.run(["up", "--yes"], { cwd: dir });
            assert.deepEqual(names("us-west-2"), ["standby-1"]);
            const state = managedResources(await ws.exportStack({ cwd: dir }));
            const standby = state.find((r) => r.id === "standby-1");
            assert.match(String(standby?.outputs?.arn), /^arn:aws:lightsail:us-west-2:/);
            assert.ok(!JSON.stringify(state).includes(DUMMY_CREDENTIALS.secretAccessKey));
        });

        it("destroy leaves nothing in either region", async () => {
            await ws.run(["destroy", "--yes"], { cwd: dir });
            assert.deepEqual(managedResources(await ws.exportStack({ cwd: dir })), []);
            assert.deepEqual([names(), names("us-west-2")], [[], []]);
        });
    });
});
