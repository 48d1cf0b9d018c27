/**
 * The request timeout: a request Lightsail never answers is abandoned after it and retried, and
 * `LIGHTSAIL_SNAPSHOT_REQUEST_TIMEOUT_MS` sets it (CHANGELOG.md; found by the reliability suite's
 * fault matrix, a hung request on create).
 */

import assert from "node:assert/strict";
import { REGION } from "../../harness/account";
import { checkedInputs, configureProvider } from "../../harness/providerCalls";
import { type LightsailTestBed, startTestBed } from "../../harness/testBed";
import { diskSnapshot as provider } from "../../provider/engine";
import { REQUEST_TIMEOUT_ENV, REQUEST_TIMEOUT_MS, requestTimeoutMs } from "../../provider/lightsail/client";

describe("request timeout", function () {
    this.timeout(60_000);

    it("is set by LIGHTSAIL_SNAPSHOT_REQUEST_TIMEOUT_MS; anything but a positive integer is ignored", () => {
        assert.equal(requestTimeoutMs({}), REQUEST_TIMEOUT_MS);
        assert.equal(requestTimeoutMs({ [REQUEST_TIMEOUT_ENV]: "5000" }), 5_000);
        for (const bad of ["", "0", "-1", "1.5", "5s", "abc"]) {
            assert.equal(requestTimeoutMs({ [REQUEST_TIMEOUT_ENV]: bad }), REQUEST_TIMEOUT_MS, bad);
        }
    });

    describe("against the emulator", () => {
        let bed: LightsailTestBed;
        let saved: string | undefined;

        beforeEach(async () => {
            // Clients are made (and cached) with the timeout of the moment: set it first.
            saved = process.env[REQUEST_TIMEOUT_ENV];
            process.env[REQUEST_TIMEOUT_ENV] = "1000";
            bed = await startTestBed({ snapshot: { durationMs: 200 } });
            bed.emulator.seedDisk({ name: "Disk-1", region: REGION });
            await configureProvider();
        });

        afterEach(async () => {
            await bed.stop();
            if (saved === undefined) delete process.env[REQUEST_TIMEOUT_ENV];
            else process.env[REQUEST_TIMEOUT_ENV] = saved;
        });

        it("abandons a request Lightsail never answers after the timeout, and retries it", async () => {
            await provider.create(await checkedInputs({ diskName: "Disk-1", diskSnapshotName: "hung-1" }));
            bed.emulator.setFault("GetDiskSnapshot", { kind: "hang", count: 1 });
            const read = provider.read("hung-1", { region: REGION });
            const timeout = new Promise<never>((_, reject) =>
                setTimeout(() => reject(new Error("the hung request was never abandoned")), 20_000),
            );
            const result = await Promise.race([read, timeout]);
            assert.equal(result.id, "hung-1");
            const gets = bed.emulator.requests().filter((r) => r.operation === "GetDiskSnapshot");
            const [hung, retried] = gets.slice(-2);
            assert.equal(hung?.errorType, "Hang");
            assert.equal(retried?.status, 200);
            // The log's arrival times: the retry came once the request timeout had passed, not before
            // (less a few milliseconds: the SDK's timer and the log's clock are not the same clock).
            assert.ok(
                (retried?.time ?? 0) - (hung?.time ?? 0) >= 1_000 - 20,
                `${(retried?.time ?? 0) - (hung?.time ?? 0)} ms`,
            );
        });
    });
});
