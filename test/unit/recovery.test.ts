/**
 * What a create that failed leaves behind, decided without Lightsail: whether the resource of the
 * requested name is this create's to keep (asked to adopt, a generated name, or a request that
 * may have reached Lightsail), when a take-over is refused, the error recording a resource that
 * exists, and the delete a take-over makes the replaced resource skip.
 */

import assert from "node:assert/strict";
import { withStderrLines } from "../../harness/stderr";
import { claimAfterFailedCreate, type FailedCreate, PartialCreateError, partialCreate } from "../../provider/recovery";
import { leftToReplacement, recordTakeover, type TakeoverRef } from "../../provider/takeovers";

interface Existing {
    name: string;
    source: string;
}

/** An error as the AWS SDK throws it for a 4xx answer. */
function clientError(name: string, message: string, httpStatusCode = 400) {
    return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode, attempts: 1 } });
}

const NAME_TAKEN = clientError("InvalidInputException", "The disk snapshot name snap-1 is already in use.");
const NOT_FOUND = clientError("NotFoundException", "The disk Disk-9 does not exist.");
const DENIED = clientError("AccessDeniedException", "not allowed", 403);
const NETWORK = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });

let refs = 0;

/** A failed create of snapshot `snap-1` from Disk-1, whose reads find `existing`; counts the reads. */
function failedCreate(
    error: unknown,
    options: { adoptAsked?: boolean; generatedName?: boolean; existing?: Existing; findFails?: boolean } = {},
) {
    const calls = { find: 0, refused: 0 };
    const ref: TakeoverRef = { kind: "DiskSnapshot", name: `snap-${++refs}`, region: "us-east-1" };
    const failed: FailedCreate<Existing> = {
        ref,
        error,
        adoptAsked: options.adoptAsked ?? false,
        generatedName: options.generatedName ?? false,
        find: async () => {
            calls.find++;
            if (options.findFails) throw NETWORK;
            return options.existing;
        },
        sameSource: (existing) => existing.source === "Disk-1",
        refuseAdoption: (existing) => {
            calls.refused++;
            throw new Error(`refused: made from ${existing.source}`);
        },
    };
    return { failed, calls, ref };
}

const ours: Existing = { name: "snap-1", source: "Disk-1" };
const theirs: Existing = { name: "snap-1", source: "Disk-2" };

describe("after a failed create: is the resource of this name ours?", () => {
    it("gives up without a read when the create was refused for another reason than the name", async () => {
        for (const error of [NOT_FOUND, DENIED]) {
            const { failed, calls } = failedCreate(error, { adoptAsked: true, existing: ours });
            assert.deepEqual(await claimAfterFailedCreate(failed), { claimed: false });
            assert.equal(calls.find, 0, `${error.name}: nothing is read`);
        }
    });

    it("claims, without adopting, what a create whose answer was lost made from the declared source", async () => {
        const { failed, calls, ref } = failedCreate(NETWORK, { existing: ours });
        assert.deepEqual(await claimAfterFailedCreate(failed), { claimed: true, adopted: false, existing: ours });
        assert.equal(calls.find, 1);
        const { result } = await withStderrLines(async () => leftToReplacement(ref));
        assert.equal(result, true, "a delete of that name later in this process is the replaced resource's");
    });

    it("adopts, when asked, the resource holding the name if it has the declared source", async () => {
        const { failed } = failedCreate(NAME_TAKEN, { adoptAsked: true, existing: ours });
        assert.deepEqual(await claimAfterFailedCreate(failed), { claimed: true, adopted: true, existing: ours });
    });

    it("adopts what holds a generated name: an earlier, interrupted create of this very resource", async () => {
        const { failed } = failedCreate(NAME_TAKEN, { generatedName: true, existing: ours });
        assert.deepEqual(await claimAfterFailedCreate(failed), { claimed: true, adopted: true, existing: ours });
    });

    it("answers what holds a declared name, without claiming it, when adoption was not asked for", async () => {
        const { failed, calls, ref } = failedCreate(NAME_TAKEN, { existing: ours });
        assert.deepEqual(await claimAfterFailedCreate(failed), { claimed: false, existing: ours });
        assert.equal(calls.find, 1);
        assert.equal(leftToReplacement(ref), false, "nothing was taken over");
    });

    it("refuses to adopt a resource of another source when asked to adopt", async () => {
        const { failed, calls } = failedCreate(NAME_TAKEN, { adoptAsked: true, existing: theirs });
        await assert.rejects(claimAfterFailedCreate(failed), { message: "refused: made from Disk-2" });
        assert.equal(calls.refused, 1);
    });

    it("leaves a resource of another source holding a generated name, without refusing anything", async () => {
        const { failed, calls } = failedCreate(NAME_TAKEN, { generatedName: true, existing: theirs });
        assert.deepEqual(await claimAfterFailedCreate(failed), { claimed: false, existing: theirs });
        assert.equal(calls.refused, 0);
    });

    it("claims nothing when there is nothing of the name, or it cannot be read", async () => {
        const gone = failedCreate(NETWORK, {});
        assert.deepEqual(await claimAfterFailedCreate(gone.failed), { claimed: false });
        const unreadable = failedCreate(NAME_TAKEN, { adoptAsked: true, findFails: true });
        assert.deepEqual(await claimAfterFailedCreate(unreadable.failed), { claimed: false });
        assert.equal(unreadable.calls.find, 1);
    });
});

describe("after a take-over", () => {
    it("the delete of the replaced resource leaves it, once, telling the user why", async () => {
        const ref: TakeoverRef = { kind: "DiskSnapshot", name: "kept-1", region: "us-east-1" };
        recordTakeover(ref);
        const { result, lines } = await withStderrLines(async () => leftToReplacement(ref));
        assert.equal(result, true);
        assert.deepEqual(lines, [
            'DiskSnapshot "kept-1" (us-east-1): not deleted: the resource replacing it took it over (for a new one on every replacement, set the deleteBeforeReplace option)',
        ]);
        assert.equal(leftToReplacement(ref), false, "a later delete of that name is a real one");
    });

    it("is the take-over of one resource: same kind, region, name and endpoint", () => {
        const ref: TakeoverRef = {
            kind: "DiskSnapshot",
            name: "kept-2",
            region: "us-east-1",
            endpoint: { url: "http://127.0.0.1:4566", source: "AWS_ENDPOINT_URL_LIGHTSAIL" },
        };
        recordTakeover(ref);
        assert.equal(leftToReplacement({ ...ref, endpoint: undefined }), false, "another endpoint");
        assert.equal(leftToReplacement({ ...ref, region: "eu-west-1" }), false, "another region");
        assert.equal(leftToReplacement({ ...ref, kind: "DiskSnapshotCopy" }), false, "another kind");
        assert.equal(leftToReplacement(ref), true);
    });
});

describe("an error after the resource exists", () => {
    it("records the outputs, or the inputs when nothing was read back, with the provider", () => {
        const inputs = { diskName: "Disk-1", __provider: "serialized" };
        const error = partialCreate("it ended in state error", "snap-1", inputs, { state: "error", arn: "a" });
        assert.ok(error instanceof PartialCreateError);
        assert.equal(error.name, "PartialCreateError");
        assert.equal(String(error), "PartialCreateError: it ended in state error");
        assert.deepEqual(
            [error.id, error.properties, error.reasons],
            ["snap-1", { state: "error", arn: "a", __provider: "serialized" }, ["it ended in state error"]],
        );
        assert.deepEqual(partialCreate("m", "snap-1", inputs, undefined).properties, inputs);
    });
});
