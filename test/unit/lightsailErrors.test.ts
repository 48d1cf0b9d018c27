/**
 * The predicates that decide what a Lightsail error means to the provider: which refusals are
 * worth waiting out, and which are something else.
 */

import assert from "node:assert/strict";
import { InvalidInputException, NotFoundException } from "@aws-sdk/client-lightsail";
import {
    awsErrorMessage,
    awsErrorName,
    isAddOnNotEnabled,
    isAlreadyInRequestedState,
    isAuthError,
    isAutoSnapshotInProgress,
    isNameTaken,
    isNotFound,
    isUnreachable,
    mayHaveReachedService,
} from "../../provider/lightsail/errors";

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

describe("Lightsail errors: what each refusal means to the provider", () => {
    const notFound = new NotFoundException({ message: "The Disk does not exist: Disk-9", $metadata: {} });
    const accessDenied = Object.assign(new Error("User is not authorized"), { name: "AccessDeniedException" });

    it("names an error by its AWS exception, else by its code, else Error", () => {
        assert.equal(awsErrorName(notFound), "NotFoundException");
        // A Node.js network error is an Error named "Error" with a code.
        assert.equal(
            awsErrorName(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })),
            "ECONNREFUSED",
        );
        assert.equal(awsErrorName(Object.assign(new Error("x"), { name: "" })), "Error");
        assert.equal(awsErrorName(new Error("plain")), "Error");
        assert.equal(awsErrorName("a string thrown"), "Error");
        assert.equal(awsErrorName(null), "Error");
    });

    it("gives Lightsail's message, or the thrown value itself", () => {
        assert.equal(awsErrorMessage(notFound), "The Disk does not exist: Disk-9");
        assert.equal(awsErrorMessage("a string thrown"), "a string thrown");
        assert.equal(awsErrorMessage(42), "42");
        assert.equal(awsErrorMessage({ name: "X" }), "[object Object]");
    });

    it("knows a missing resource by its exception or by DoesNotExist in the message", () => {
        assert.equal(isNotFound(notFound), true);
        assert.equal(isNotFound(invalidInput("Resource DoesNotExist: Disk-9", "NotFound")), true);
        assert.equal(isNotFound(invalidInput("Invalid diskName", "InvalidParams")), false);
        assert.equal(isNotFound(accessDenied), false);
        assert.equal(isNotFound(undefined), false);
    });

    it("knows a taken name only from InvalidInputException with 'already in use', 'already exists' or 'is already'", () => {
        for (const message of ["The name is already in use", "Snapshot already exists", "Disk-1 IS ALREADY taken"]) {
            assert.equal(isNameTaken(invalidInput(message, "NameExists")), true, message);
        }
        assert.equal(isNameTaken(invalidInput("Invalid diskName", "InvalidParams")), false);
        const otherException = Object.assign(new Error("already in use"), { name: "OperationFailureException" });
        assert.equal(isNameTaken(otherException), false);
    });

    it("treats a failed call as possibly applied unless Lightsail answered it at once with a 4xx", () => {
        const answered = (status: number, attempts = 1) => ({
            name: "X",
            $metadata: { httpStatusCode: status, attempts },
        });
        assert.equal(mayHaveReachedService(answered(400)), false);
        assert.equal(mayHaveReachedService(answered(499)), false);
        assert.equal(
            mayHaveReachedService(answered(400, 2)),
            true,
            "a retried call may have landed on an earlier attempt",
        );
        assert.equal(mayHaveReachedService(answered(500)), true);
        assert.equal(mayHaveReachedService(answered(503)), true);
        assert.equal(mayHaveReachedService({ name: "X", $fault: "server", $metadata: { httpStatusCode: 400 } }), true);
        assert.equal(mayHaveReachedService({ name: "X", $fault: "client", $metadata: { httpStatusCode: 400 } }), false);
        assert.equal(mayHaveReachedService(new Error("socket hang up")), true, "no answer at all");
    });

    it("knows credential and permission errors by name, and nothing else", () => {
        for (const name of [
            "AccessDeniedException",
            "UnauthenticatedException",
            "UnrecognizedClientException",
            "InvalidSignatureException",
            "CredentialsProviderError",
            "ExpiredTokenException",
        ]) {
            assert.equal(isAuthError(Object.assign(new Error("no"), { name })), true, name);
        }
        assert.equal(isAuthError(notFound), false);
        assert.equal(isAuthError(new Error("AccessDeniedException")), false, "the word in a message is not the error");
    });

    it("knows an unreachable endpoint by its network code, in the code or in the message", () => {
        for (const code of ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]) {
            assert.equal(isUnreachable(Object.assign(new Error("failed"), { code })), true, code);
            assert.equal(isUnreachable(new Error(`connect ${code} 127.0.0.1:1`)), true, `${code} in the message`);
        }
        assert.equal(
            isUnreachable(Object.assign(new Error("reset"), { code: "ECONNRESET" })),
            false,
            "reached, then cut",
        );
        assert.equal(isUnreachable(notFound), false);
        assert.equal(isUnreachable({}), false);
        assert.equal(isUnreachable("connect ECONNREFUSED 127.0.0.1:1"), true, "a thrown string is read as a message");
    });

    it("knows an add-on already as asked, and an add-on that is not enabled", () => {
        assert.equal(isAlreadyInRequestedState(invalidInput("The add-on is already in the requested state")), true);
        assert.equal(isAlreadyInRequestedState(invalidInput("Add-on ALREADY IN REQUESTED STATE")), true);
        assert.equal(isAlreadyInRequestedState(invalidInput("The add-on is not enabled")), false);
        assert.equal(isAddOnNotEnabled(invalidInput("The add-on AutoSnapshot is not enabled")), true);
        assert.equal(isAddOnNotEnabled(invalidInput("The add-on is already in the requested state")), false);
        assert.equal(isAddOnNotEnabled(undefined), false);
    });
});
