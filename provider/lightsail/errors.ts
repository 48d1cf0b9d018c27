/**
 * How AWS errors are recognised. One place decides what "not found" means, as Terraform's
 * Lightsail code does: the exception name `NotFoundException`, or a message containing
 * `DoesNotExist`.
 */

/** The parts of an AWS SDK error this project reads. */
export interface AwsErrorLike {
    name?: string;
    message?: string;
    $metadata?: { attempts?: number; httpStatusCode?: number };
    $fault?: string;
    code?: string;
}

function asAwsError(error: unknown): AwsErrorLike {
    return error !== null && typeof error === "object" ? (error as AwsErrorLike) : { message: String(error) };
}

/** The AWS error name (`NotFoundException`), or the JavaScript error's name. */
export function awsErrorName(error: unknown): string {
    const e = asAwsError(error);
    return e.name && e.name !== "Error" ? e.name : (e.code ?? "Error");
}

/** The message Lightsail (or the SDK) gave. */
export function awsErrorMessage(error: unknown): string {
    return asAwsError(error).message ?? String(error);
}

/** True when the error says the resource does not exist. */
export function isNotFound(error: unknown): boolean {
    const e = asAwsError(error);
    return e.name === "NotFoundException" || (e.message ?? "").includes("DoesNotExist");
}

/** True when the error says the name is already used by another resource. */
export function isNameTaken(error: unknown): boolean {
    const e = asAwsError(error);
    return e.name === "InvalidInputException" && /already (in use|exists)|is already/i.test(e.message ?? "");
}

/** True when the request may have reached Lightsail although it failed: a retried call, a 5xx, a network error. */
export function mayHaveReachedService(error: unknown): boolean {
    const e = asAwsError(error);
    if ((e.$metadata?.attempts ?? 1) > 1) return true;
    if (e.$fault === "server") return true;
    const status = e.$metadata?.httpStatusCode;
    return status === undefined || status >= 500;
}

/** True when the error is about credentials or permissions rather than the request. */
export function isAuthError(error: unknown): boolean {
    const name = awsErrorName(error);
    return (
        name === "AccessDeniedException" ||
        name === "UnauthenticatedException" ||
        name === "UnrecognizedClientException" ||
        name === "InvalidSignatureException" ||
        name === "CredentialsProviderError" ||
        name === "ExpiredTokenException"
    );
}

/** Network error codes that mean the endpoint could not be reached at all. */
const UNREACHABLE_CODES: readonly string[] = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"];

/** True when the endpoint could not be reached: connection refused, or its host name does not resolve. */
export function isUnreachable(error: unknown): boolean {
    const e = asAwsError(error);
    return (
        UNREACHABLE_CODES.includes(e.code ?? "") || UNREACHABLE_CODES.some((code) => (e.message ?? "").includes(code))
    );
}

/**
 * True when Lightsail refused a manual snapshot because an automatic snapshot of the same disk or
 * instance is being taken. Lightsail documents the rule, not the wire error; the emulator's choice
 * (`InvalidInputException`, code `InvalidResourceState`, "An automatic snapshot of the disk Disk-1
 * is in progress. ...") and why are in emulator/README.md. Matching the exception and the words,
 * not the whole text, keeps this true of a reworded message.
 */
export function isAutoSnapshotInProgress(error: unknown): boolean {
    const e = asAwsError(error);
    return e.name === "InvalidInputException" && /automatic snapshot\b.*\bin progress/i.test(e.message ?? "");
}

/** True when Lightsail refused an add-on change because the add-on already is as asked. */
export function isAlreadyInRequestedState(error: unknown): boolean {
    return /already in (the )?requested state/i.test(asAwsError(error).message ?? "");
}

/** True when Lightsail refused to disable an add-on that is not enabled. */
export function isAddOnNotEnabled(error: unknown): boolean {
    return /not enabled/i.test(asAwsError(error).message ?? "");
}
