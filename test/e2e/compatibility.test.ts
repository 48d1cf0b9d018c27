import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REGION } from "../../harness/account";
import { consumerWithPackage } from "../../harness/packageInstall";
import { PACKAGE_NAME } from "../../harness/repo";
import { type SnapshotStack, startSnapshotStack } from "../../harness/snapshotStack";

/**
 * The ends of the supported `@pulumi/pulumi` range (package.json `peerDependencies`): the oldest,
 * and the newest published. Versions from 3.249 declare Node >= 22; they are exercised on the Node
 * this machine has.
 */
const SUPPORTED_ENDS = ["3.142.0", "3.276.0"];

function serializedSize(dir: string): Promise<{ bytes: number; requires: string[]; containsSecrets: boolean }> {
    const script = path.join(dir, "measure-provider.js");
    fs.writeFileSync(
        script,
        `const provider = require("${PACKAGE_NAME}").diskSnapshotProvider;
         require("@pulumi/pulumi/runtime").serializeFunction(() => provider, { allowSecrets: true })
            .then((sf) => console.log(JSON.stringify({
                bytes: Buffer.byteLength(sf.text),
                requires: [...sf.text.matchAll(/require\\("([^"]+)"\\)/g)].map((m) => m[1]),
                containsSecrets: sf.containsSecrets,
            })));`,
    );
    return new Promise((resolve, reject) =>
        execFile(process.execPath, [script], { cwd: dir }, (error, stdout) =>
            error ? reject(error) : resolve(JSON.parse(stdout)),
        ),
    );
}

for (const version of SUPPORTED_ENDS) {
    describe(`compatibility with @pulumi/pulumi ${version}`, function () {
        this.timeout(600_000);
        let stack: SnapshotStack;

        before(async () => {
            stack = await startSnapshotStack({ pulumiVersion: version });
        });

        after(async () => {
            await stack?.close();
        });

        it("serializes the provider within budget, requiring only the runtime module", async () => {
            const installed = JSON.parse(
                fs.readFileSync(
                    path.join(consumerWithPackage(version), "node_modules", "@pulumi", "pulumi", "package.json"),
                    "utf8",
                ),
            ).version;
            assert.equal(installed, version);
            const measured = await serializedSize(consumerWithPackage(version));
            console.log(`      __provider with @pulumi/pulumi ${version}: ${measured.bytes} bytes`);
            assert.ok(measured.bytes <= 4096, `${measured.bytes} bytes`);
            assert.deepEqual(measured.requires, [`${PACKAGE_NAME}/provider-runtime`]);
            assert.equal(measured.containsSecrets, false);
        });

        it("goes through up, a tag update, refresh and destroy", async () => {
            await stack.declare([{ resourceName: "compat", diskName: "Disk-1", tags: { v: "1" } }]);
            await stack.pulumi(["up", "--yes", "--skip-preview"]);
            await stack.declare([{ resourceName: "compat", diskName: "Disk-1", tags: { v: "2" } }]);
            await stack.pulumi(["up", "--yes", "--skip-preview"]);
            await stack.pulumi(["refresh", "--yes", "--expect-no-changes", "--skip-preview"]);
            const [snapshot] = await stack.snapshotsInState();
            assert.equal(snapshot?.outputs?.state, "completed");
            assert.deepEqual(stack.bed.emulator.snapshots(REGION)[0]?.tags, [{ key: "v", value: "2" }]);
        });
    });
}
