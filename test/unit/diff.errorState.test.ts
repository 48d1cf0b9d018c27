/**
 * A snapshot recorded in state `error` is replaced, deleting it first, so that `pulumi up` retries
 * it (CHANGELOG.md; found by the reliability suite's fault matrix, snapshot → error on create).
 */

import assert from "node:assert/strict";
import { REGION } from "../../harness/account";
import { diffDiskSnapshot as diffSnapshot } from "../../provider/resources/diskSnapshot/diff";

describe("diff: a snapshot in state error", () => {
    const inputs = { diskSnapshotName: "nightly-1", diskName: "Disk-1", region: REGION, tags: {} };
    const errored = { ...inputs, state: "error", arn: "arn:aws:lightsail:us-east-1:1:DiskSnapshot/x" };

    it("is replaced, deleting it first, so that pulumi up retries it", () => {
        assert.deepEqual(diffSnapshot(errored, inputs), {
            changes: true,
            replaces: ["state"],
            deleteBeforeReplace: true,
        });
    });

    it("is left alone once completed", () => {
        assert.equal(diffSnapshot({ ...errored, state: "completed" }, inputs).changes, false);
    });
});
