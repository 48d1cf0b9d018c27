/**
 * The predicates that decide what a Lightsail error means to the provider: which refusals are
 * worth waiting out, and which are something else.
 */

import assert from "node:assert/strict";
import { InvalidInputException, NotFoundException } from "@aws-sdk/client-lightsail";
import { isAutoSnapshotInProgress, isNameTaken } from "../../provider/lightsail/errors";

function invalidInput(message: string, code = "InvalidResourceState"): InvalidInputException {
    return new InvalidInputException({ message, code, $metadata: { httpStatusCode: 400 } });
}

describe("Lightsail errors: a manual snapshot refused during an automatic one", () => {
    it("is recognised for a disk and for an instance", () => {
        for (const kind of ["disk Disk-1", "instance WordPress-1"]) {
            const refusal = invalidInput(
                `An automatic snapshot of the ${kind} is in progress. You cannot create a manual snapshot while an automatic snapshot is being created.`,
            );
            assert.equal(isAutoSnapshotInProgress(refusal), true, kind);
            assert.equal(isNameTaken(refusal), false, "not mistaken for a taken name");
        }
    });

    it("is not any other refusal: a taken name, a missing disk, a bad parameter", () => {
        assert.equal(
            isAutoSnapshotInProgress(invalidInput("The disk snapshot name is already in use", "NameExists")),
            false,
        );
        assert.equal(isAutoSnapshotInProgress(invalidInput("Invalid diskName", "InvalidParams")), false);
        const missing = new NotFoundException({ message: "The Disk does not exist: Disk-9", $metadata: {} });
        assert.equal(isAutoSnapshotInProgress(missing), false);
        // The words alone, from something that is not Lightsail's refusal, do not count either.
        assert.equal(isAutoSnapshotInProgress(new Error("automatic snapshot in progress")), false);
    });
});
