import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
    createPulumiWorkspace,
    managedResources,
    PULUMI_VERSION,
    type PulumiWorkspace,
    pulumiBinDir,
    stackFilesInBackend,
} from "../../harness/engine";

/** A plain-JS program with one dynamic resource; it finds @pulumi/pulumi in the repo's node_modules. */
const PROGRAM = join(__dirname, "fixtures", "smoke");
const DYNAMIC_TYPE = "pulumi-nodejs:dynamic:Resource";

describe("Pulumi engine smoke test (file backend, Node.js host, dynamic provider)", function () {
    // Each engine command starts node a few times; a cold engine build (when run outside scripts/test.sh)
    // happens in the before hook.
    this.timeout(120_000);

    let ws: PulumiWorkspace;
    const stack = `smoke-${process.pid}`;

    before(function () {
        this.timeout(20 * 60_000);
        pulumiBinDir();
        ws = createPulumiWorkspace({ prefix: "engine-smoke-" });
    });

    after(async () => {
        await ws?.cleanup();
    });

    it(`runs pulumi ${PULUMI_VERSION}`, async () => {
        const { stdout } = await ws.run(["version"]);
        assert.equal(stdout.trim(), PULUMI_VERSION);
    });

    it("creates a stack in the temporary file backend", async () => {
        await ws.initStack(PROGRAM, stack);
        const { stdout } = await ws.run(["stack", "ls", "--json"]);
        const listed = JSON.parse(stdout) as Array<{ name: string; current: boolean }>;
        assert.deepEqual(
            listed.map((s) => [s.name, s.current]),
            [[stack, true]],
        );
    });

    it("previews one dynamic resource without creating it", async () => {
        const { stdout } = await ws.run(["preview"]);
        assert.match(stdout, new RegExp(`\\+ +${DYNAMIC_TYPE} thing create`));
        assert.match(stdout, /\+ 2 to create/); // the stack itself and the dynamic resource
        assert.match(stdout, /greeting: *\[unknown\]/);
        const state = await ws.exportStack();
        assert.deepEqual(managedResources(state), []);
    });

    it("creates it with pulumi up", async () => {
        const { stdout } = await ws.run(["up", "--yes"]);
        assert.match(stdout, new RegExp(`\\+ +${DYNAMIC_TYPE} thing created`));
        assert.match(stdout, /\+ 2 created/);
        assert.match(stdout, /greeting: "hello world"/);

        const state = await ws.exportStack();
        assert.equal(state.deployment.manifest?.version, PULUMI_VERSION);
        const [thing, ...others] = managedResources(state);
        assert.deepEqual(others, []);
        assert.ok(thing);
        assert.equal(thing.type, DYNAMIC_TYPE);
        assert.match(thing.urn, new RegExp(`::${DYNAMIC_TYPE}::thing$`));
        assert.equal(thing.id, "smoke-world");
        assert.equal(thing.outputs?.label, "world");
        assert.equal(thing.outputs?.greeting, "hello world");
        assert.equal(typeof thing.outputs?.__provider, "string"); // the serialized provider travels with it

        const stackResource = state.deployment.resources?.find((r) => r.type === "pulumi:pulumi:Stack");
        assert.deepEqual(stackResource?.outputs, { id: "smoke-world", greeting: "hello world" });
        const { stdout: outputs } = await ws.run(["stack", "output", "--json"]);
        assert.deepEqual(JSON.parse(outputs), { id: "smoke-world", greeting: "hello world" });
    });

    it("refreshes with no changes", async () => {
        const { stdout } = await ws.run(["refresh", "--expect-no-changes", "--yes"]);
        assert.match(stdout, /2 unchanged/);
        const thing = managedResources(await ws.exportStack())[0];
        assert.equal(thing?.id, "smoke-world");
    });

    it("reports a program error once, through the language host", async () => {
        // The fixture throws when SMOKE_FAIL=1: the variable must reach node through engine and host.
        const failing = await ws.run(["preview"], { allowFailure: true, env: { SMOKE_FAIL: "1" } });
        assert.notEqual(failing.code, 0);
        const output = `${failing.stdout}${failing.stderr}`;
        assert.match(output, /smoke program asked to fail/);
        // The SDK already showed the error and exited with code 32, so the host answers `bail` and the
        // engine adds no "Program exited with non-zero exit code" message of its own.
        assert.doesNotMatch(output, /non-zero exit code/);
        assert.equal(managedResources(await ws.exportStack())[0]?.id, "smoke-world");
    });

    it("deletes it with pulumi destroy", async () => {
        const { stdout } = await ws.run(["destroy", "--yes"]);
        assert.match(stdout, new RegExp(`- +${DYNAMIC_TYPE} thing deleted`));
        assert.match(stdout, /- 2 deleted/);
        const state = await ws.exportStack();
        assert.deepEqual(state.deployment.resources ?? [], []);
    });

    it("leaves no stack behind after pulumi stack rm", async () => {
        assert.deepEqual(stackFilesInBackend(ws.backendDir), [`engine-smoke/${stack}.json`]);
        const report = await ws.cleanup({ throwOnError: true });
        assert.deepEqual(report, { destroyed: [], removed: [stack], errors: [] });
        assert.equal(existsSync(ws.backendDir), false);
        assert.equal(existsSync(join(PROGRAM, `Pulumi.${stack}.yaml`)), false);
    });
});
