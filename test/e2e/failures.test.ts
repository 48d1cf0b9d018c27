import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REGION } from "../../harness/account";
import { type SnapshotStack, startSnapshotStack } from "../../harness/snapshotStack";

describe("end to end: failures leave nothing behind", function () {
    this.timeout(600_000);

    describe("a snapshot that ends in error", () => {
        let stack: SnapshotStack;

        before(async () => {
            stack = await startSnapshotStack({ emulator: { snapshot: { durationMs: 500, errorPattern: "^doomed" } } });
        });

        after(async () => {
            await stack?.close();
        });

        it("fails up with Lightsail's detail and records the partial snapshot in the state", async () => {
            await stack.declare([
                { resourceName: "ok", diskName: "Disk-1" },
                { resourceName: "doomed", diskName: "Disk-2", diskSnapshotName: "doomed-1" },
            ]);
            const up = await stack.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
            assert.notEqual(up.code, 0);
            const output = up.stdout + up.stderr;
            assert.match(output, /DiskSnapshot "doomed-1" in us-east-1: the snapshot ended in state error: \w+: .+/);
            const inState = await stack.snapshotsInState();
            const doomed = inState.find((s) => s.id === "doomed-1");
            assert.equal(doomed?.outputs?.state, "error");
            assert.ok(
                inState.some((s) => s.urn.endsWith("::ok")),
                "the healthy snapshot is kept",
            );
            await stack.assertStateMatchesEmulator();
        });

        it("a missing source fails up with the AWS error and a hint, and creates nothing", async () => {
            await stack.declare([
                { resourceName: "ok", diskName: "Disk-1" },
                { resourceName: "doomed", diskName: "Disk-2", diskSnapshotName: "doomed-1" },
                { resourceName: "orphan", diskName: "Disk-404", diskSnapshotName: "orphan-1" },
            ]);
            const up = await stack.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
            assert.notEqual(up.code, 0);
            assert.match(
                up.stdout + up.stderr,
                /DiskSnapshot "orphan-1" in us-east-1: CreateDiskSnapshot failed: NotFoundException: .*Disk-404.*check that disk "Disk-404" exists in us-east-1/,
            );
            await stack.assertStateMatchesEmulator();
            // The errored snapshot is being replaced (deleted first); with the source fixed, the next
            // up completes the replacement, which fails again by design of this emulator pattern.
            await stack.declare([
                { resourceName: "ok", diskName: "Disk-1" },
                { resourceName: "doomed", diskName: "Disk-2", diskSnapshotName: "doomed-1" },
            ]);
            const retry = await stack.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
            assert.notEqual(retry.code, 0, "the replacement ends in error again");
            assert.match(
                retry.stdout + retry.stderr,
                /DiskSnapshot "doomed-1" in us-east-1: the snapshot ended in state error/,
            );
            const inState = await stack.snapshotsInState();
            assert.deepEqual(inState.map((s) => s.outputs?.state).sort(), ["completed", "error"]);
            assert.ok(!inState.some((s) => s.id === "orphan-1"), "nothing was recorded for the missing source");
            await stack.assertStateMatchesEmulator();
        });
    });

    describe("an ES module program", () => {
        let stack: SnapshotStack;

        before(async () => {
            stack = await startSnapshotStack({ fixture: "snapshots-esm" });
        });

        after(async () => {
            await stack?.close();
        });

        it("declares, updates and destroys snapshots like a CommonJS one", async () => {
            await stack.declare([{ resourceName: "esm", diskName: "Disk-1", tags: { mode: "esm" } }]);
            await stack.pulumi(["up", "--yes", "--skip-preview"]);
            await stack.pulumi(["refresh", "--yes", "--expect-no-changes", "--skip-preview"]);
            await stack.declare([{ resourceName: "esm", diskName: "Disk-1", tags: { mode: "module" } }]);
            await stack.pulumi(["up", "--yes", "--skip-preview"]);
            const outputs = JSON.parse((await stack.pulumi(["stack", "output", "--json"])).stdout);
            assert.equal(outputs.snapshots.esm.state, "completed");
            assert.deepEqual(stack.bed.emulator.snapshots(REGION)[0]?.tags, [{ key: "mode", value: "module" }]);
        });
    });

    describe("credentials", () => {
        const accessKey = "AKIAE2ELEAKCHECK0001";
        const secretKey = "e2e-secret-value-that-must-never-appear-0001";
        const profileSecret = "e2e-profile-secret-that-must-never-appear-02";
        const configSecret = "e2e-config-secret-that-must-never-appear-003";
        let stack: SnapshotStack;
        let home: string;

        before(async () => {
            home = fs.mkdtempSync(path.join(os.tmpdir(), "aws-home-"));
            fs.mkdirSync(path.join(home, ".aws"));
            fs.writeFileSync(
                path.join(home, ".aws", "credentials"),
                `[e2e]\naws_access_key_id = AKIAE2EPROFILE000002\naws_secret_access_key = ${profileSecret}\n`,
            );
            stack = await startSnapshotStack({
                env: { AWS_ACCESS_KEY_ID: accessKey, AWS_SECRET_ACCESS_KEY: secretKey },
            });
        });

        after(async () => {
            await stack?.close();
            fs.rmSync(home, { recursive: true, force: true });
        });

        it("never appear in the state, the CLI output, the request log or the serialized provider", async () => {
            const outputs: string[] = [];
            await stack.declare([{ resourceName: "env-creds", diskName: "Disk-1" }]);
            outputs.push(
                JSON.stringify(await stack.pulumi(["up", "--yes", "--skip-preview", "-v=9", "--logtostderr"])),
            );

            // Shared profile, named by stack config aws:profile.
            const profileEnv = {
                AWS_ACCESS_KEY_ID: undefined,
                AWS_SECRET_ACCESS_KEY: undefined,
                HOME: home,
                AWS_SHARED_CREDENTIALS_FILE: path.join(home, ".aws", "credentials"),
            };
            await stack.pulumi(["config", "set", "aws:profile", "e2e"]);
            await stack.declare([
                { resourceName: "env-creds", diskName: "Disk-1" },
                { resourceName: "profile-creds", diskName: "Disk-2" },
            ]);
            outputs.push(JSON.stringify(await stack.pulumi(["up", "--yes", "--skip-preview"], { env: profileEnv })));

            // Secret stack config.
            await stack.pulumi(["config", "rm", "aws:profile"]);
            await stack.pulumi(["config", "set", "aws:accessKey", "AKIAE2ECONFIG0000003"]);
            await stack.pulumi(["config", "set", "--secret", "aws:secretKey", configSecret]);
            await stack.declare([
                { resourceName: "env-creds", diskName: "Disk-1" },
                { resourceName: "profile-creds", diskName: "Disk-2" },
                { resourceName: "config-creds", instanceName: "WordPress-1" },
            ]);
            outputs.push(JSON.stringify(await stack.pulumi(["up", "--yes", "--skip-preview"], { env: profileEnv })));

            const exported = (await stack.pulumi(["stack", "export"])).stdout;
            const shown = JSON.parse((await stack.pulumi(["stack", "export", "--show-secrets"])).stdout) as {
                deployment: { resources?: { type: string; inputs?: unknown; outputs?: unknown }[] };
            };
            assert.equal((await stack.snapshotsInState()).length, 3);
            // The engine hands a dynamic provider the whole stack config and records it, secrets
            // encrypted, as the inputs of the default `pulumi:providers:pulumi-nodejs` resource, as it
            // does for any provider's config. Decrypted (--show-secrets) it may appear there, and only there.
            const shownElsewhere = JSON.stringify(
                (shown.deployment.resources ?? []).filter((r) => r.type !== "pulumi:providers:pulumi-nodejs"),
            );
            const emulatorLog = JSON.stringify(stack.bed.emulator.requests());
            for (const [place, text] of [
                ["state", exported],
                ["state's resources, secrets shown", shownElsewhere],
                ["CLI output", outputs.join("\n")],
                ["emulator request log", emulatorLog],
            ] as const) {
                for (const secret of [secretKey, profileSecret, configSecret]) {
                    const at = text.indexOf(secret);
                    assert.ok(
                        at < 0,
                        `a credential reached the ${place}: ...${text.slice(Math.max(0, at - 400), at + 80)}`,
                    );
                }
            }
            // The config-credential run signed with the config key (the emulator logs the region, not keys):
            // the snapshot exists, so the credentials were accepted from the secret config.
            assert.ok(stack.bed.emulator.snapshots(REGION).some((s) => s.source.name === "WordPress-1"));
        });
    });
});
