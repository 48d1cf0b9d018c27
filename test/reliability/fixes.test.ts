/**
 * Pins the provider and emulator fixes the reliability suite (`npm run reliability`) led to, each
 * at the smallest level that shows it. RELIABILITY.md lists them.
 */

import assert from "node:assert/strict";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { diffSnapshot } from "../../provider/diff";
import { AUTO_NAME_BASE } from "../../provider/inputs";
import { REQUEST_TIMEOUT_ENV, REQUEST_TIMEOUT_MS, requestTimeoutMs } from "../../provider/lightsail/client";
import * as provider from "../../provider/provider";

const REGION = "us-east-1";

async function checked(news: Record<string, unknown>): Promise<Record<string, unknown>> {
    const result = await provider.check({}, { [AUTO_NAME_BASE]: "data", region: REGION, ...news });
    assert.deepEqual(result.failures, []);
    return { ...result.inputs, __provider: "exports.handler = () => ({});" };
}

describe("reliability fixes", function () {
    this.timeout(60_000);

    it("a snapshot recorded in state error is replaced, deleting it first, so pulumi up retries it", () => {
        const inputs = { diskSnapshotName: "nightly-1", diskName: "Disk-1", region: REGION, tags: {} };
        const errored = { ...inputs, state: "error", arn: "arn:aws:lightsail:us-east-1:1:DiskSnapshot/x" };
        assert.deepEqual(diffSnapshot(errored, inputs), {
            changes: true,
            replaces: ["state"],
            deleteBeforeReplace: true,
        });
        assert.equal(diffSnapshot({ ...errored, state: "completed" }, inputs).changes, false);
    });

    it("LIGHTSAIL_SNAPSHOT_REQUEST_TIMEOUT_MS overrides the request timeout; anything but a positive integer is ignored", () => {
        assert.equal(requestTimeoutMs({}), REQUEST_TIMEOUT_MS);
        assert.equal(requestTimeoutMs({ [REQUEST_TIMEOUT_ENV]: "5000" }), 5_000);
        for (const bad of ["", "0", "-1", "1.5", "5s", "abc"]) {
            assert.equal(requestTimeoutMs({ [REQUEST_TIMEOUT_ENV]: bad }), REQUEST_TIMEOUT_MS, bad);
        }
    });

    describe("against the emulator", () => {
        let bed: LightsailTestBed;

        beforeEach(async () => {
            bed = await startTestBed({ snapshot: { durationMs: 200 } });
            bed.emulator.seedDisk({ name: "Disk-1", region: REGION });
            await provider.configure({ config: { get: () => undefined, require: () => "" } });
        });

        afterEach(async () => {
            await bed.stop();
        });

        it("a request Lightsail never answers is abandoned after the request timeout and retried", async () => {
            // Clients are made (and cached) with the timeout of the moment: set it first.
            const saved = process.env[REQUEST_TIMEOUT_ENV];
            process.env[REQUEST_TIMEOUT_ENV] = "1000";
            try {
                await provider.create(await checked({ diskName: "Disk-1", diskSnapshotName: "hung-1" }));
                bed.emulator.setFault("GetDiskSnapshot", { kind: "hang", count: 1 });
                const started = Date.now();
                const read = provider.read("hung-1", { region: REGION });
                const timeout = new Promise<never>((_, reject) =>
                    setTimeout(() => reject(new Error("the hung request was never abandoned")), 20_000),
                );
                const result = await Promise.race([read, timeout]);
                assert.equal(result.id, "hung-1");
                assert.ok(Date.now() - started >= 1_000);
                const gets = bed.emulator.requests().filter((r) => r.operation === "GetDiskSnapshot");
                assert.equal(gets.at(-2)?.errorType, "Hang");
            } finally {
                if (saved === undefined) delete process.env[REQUEST_TIMEOUT_ENV];
                else process.env[REQUEST_TIMEOUT_ENV] = saved;
            }
        });

        it("a snapshot taken over with adopt: true gets the declared tags", async () => {
            await provider.create(await checked({ diskName: "Disk-1", diskSnapshotName: "taken-1", tags: {} }));
            bed.emulator.setSnapshotTags(
                "taken-1",
                [
                    { key: "team", value: "ops" },
                    { key: "stray", value: "x" },
                ],
                REGION,
            );
            const adopted = await provider.create(
                await checked({ diskName: "Disk-1", diskSnapshotName: "taken-1", adopt: true, tags: { team: "web" } }),
            );
            assert.deepEqual(adopted.outs.tags, { team: "web" });
            assert.deepEqual(bed.emulator.snapshots(REGION)[0]?.tags, [{ key: "team", value: "web" }]);
            const ops = operations(bed.emulator);
            assert.ok(ops.includes("TagResource") && ops.includes("UntagResource"), ops.join(","));
        });
    });
});
