/**
 * AWS JSON 1.1 framing for Lightsail: targets, SigV4 credential scope, timestamps and error bodies.
 *
 * Error bodies follow what the SDKs parse: `__type` names the error (the JS SDK v3 and botocore read
 * it first). Errors that are shapes in the Lightsail model (`NotFoundException`, `InvalidInputException`,
 * `OperationFailureException`, `ServiceException`, ...) carry the model's members `code`, `docs`,
 * `message` and `tip`. Errors raised by the AWS front end rather than by Lightsail (authentication,
 * unknown operation, malformed JSON, throttling, 503) carry `__type` and `message` only, as AWS JSON
 * services answer them (an unknown operation carries `__type` alone).
 *
 * @module
 */

/** The JSON 1.1 target prefix of Lightsail (`X-Amz-Target: Lightsail_20161128.<Operation>`). */
export const TARGET_PREFIX = "Lightsail_20161128.";

/** The content type Lightsail speaks. */
export const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";

/** Link sent in the `docs` member of Lightsail's modeled errors. */
export const DOCS_URL = "https://lightsail.aws.amazon.com/ls/docs";

/** Lightsail error shapes from the model (all have `code`, `docs`, `message`, `tip`). */
export type ModeledErrorType =
    | "AccessDeniedException"
    | "AccountSetupInProgressException"
    | "InvalidInputException"
    | "NotFoundException"
    | "OperationFailureException"
    | "ServiceException"
    | "UnauthenticatedException";

/** Errors produced by the AWS front end, outside the Lightsail model. */
export type FrontEndErrorType =
    | "MissingAuthenticationTokenException"
    | "IncompleteSignatureException"
    | "InvalidSignatureException"
    | "UnknownOperationException"
    | "SerializationException"
    | "ThrottlingException"
    | "ServiceUnavailableException"
    | "RequestEntityTooLargeException";

/** An error answer: HTTP status plus JSON body. Thrown by handlers, rendered by the server. */
export class AwsError extends Error {
    /** The `__type` member. */
    readonly type: ModeledErrorType | FrontEndErrorType;
    /** HTTP status code. */
    readonly status: number;
    /** The `code` member (modeled errors only). */
    readonly code: string | undefined;
    /** The `tip` member (modeled errors only). */
    readonly tip: string | undefined;

    /**
     * @param type `__type` of the answer.
     * @param message Human-readable message (the `message` member).
     * @param options HTTP status (default 400, or 500 for `ServiceException`), `code` and `tip` for modeled errors.
     */
    constructor(
        type: ModeledErrorType | FrontEndErrorType,
        message: string,
        options: { status?: number; code?: string; tip?: string } = {},
    ) {
        super(message);
        this.name = type;
        this.type = type;
        this.status = options.status ?? (type === "ServiceException" ? 500 : 400);
        this.code = options.code;
        this.tip = options.tip;
    }

    /** Whether this error is a shape of the Lightsail model (and so carries `code`/`docs`/`tip`). */
    get modeled(): boolean {
        return MODELED_ERRORS.has(this.type);
    }

    /** The JSON body of the answer. */
    body(): Record<string, string> {
        if (!this.modeled) {
            // The AWS front end answers an unknown operation with `{"__type": "UnknownOperationException"}` alone.
            return this.message === "" ? { __type: this.type } : { __type: this.type, message: this.message };
        }
        return {
            __type: this.type,
            code: this.code ?? defaultCode(this.type),
            docs: DOCS_URL,
            message: this.message,
            tip: this.tip ?? "",
        };
    }
}

const MODELED_ERRORS: ReadonlySet<string> = new Set([
    "AccessDeniedException",
    "AccountSetupInProgressException",
    "InvalidInputException",
    "NotFoundException",
    "OperationFailureException",
    "ServiceException",
    "UnauthenticatedException",
]);

function defaultCode(type: string): string {
    switch (type) {
        case "NotFoundException":
            return "DoesNotExist";
        case "InvalidInputException":
            return "InvalidInput";
        case "OperationFailureException":
            return "OperationFailure";
        case "ServiceException":
            return "InternalFailure";
        default:
            return type.replace(/Exception$/, "");
    }
}

/** Error constructors with the messages the emulator uses, so wording lives in one place. */
export const errors = {
    /** A named resource does not exist (`NotFoundException`, code `DoesNotExist`). */
    notFound(resourceType: string, name: string): AwsError {
        return new AwsError("NotFoundException", `The ${resourceType} does not exist: ${name}`, {
            code: "DoesNotExist",
            tip: `Check the ${resourceType} name and the region, then try again.`,
        });
    },
    /** A disk or instance has no automatic snapshot of that date (`NotFoundException`, code `DoesNotExist`). */
    autoSnapshotNotFound(resourceName: string, date: string): AwsError {
        return new AwsError("NotFoundException", `The AutoSnapshot does not exist: ${resourceName} ${date}`, {
            code: "DoesNotExist",
            tip: "Use GetAutoSnapshots to list the dates of the resource's automatic snapshots.",
        });
    },
    /**
     * `CreateDiskFromSnapshot` with `useLatestRestorableAutoSnapshot` when the disk has no automatic
     * snapshot with status `Success` (`NotFoundException`, code `DoesNotExist`).
     */
    noRestorableAutoSnapshot(diskName: string): AwsError {
        return new AwsError(
            "NotFoundException",
            `The AutoSnapshot does not exist: the disk ${diskName} has no automatic snapshot with status Success`,
            {
                code: "DoesNotExist",
                tip: "Use GetAutoSnapshots to list the disk's automatic snapshots and their status.",
            },
        );
    },
    /**
     * A manual snapshot asked for while an automatic snapshot of its source is being taken
     * (`InvalidInputException`, code `InvalidResourceState`); see the emulator README for the choice.
     */
    autoSnapshotInProgress(resourceType: "Disk" | "Instance", name: string): AwsError {
        return new AwsError(
            "InvalidInputException",
            `An automatic snapshot of the ${resourceType.toLowerCase()} ${name} is in progress. ` +
                "You cannot create a manual snapshot while an automatic snapshot is being created.",
            {
                code: "InvalidResourceState",
                tip: "Wait until GetAutoSnapshots shows the automatic snapshot as Success, then try again.",
            },
        );
    },
    /**
     * A resource is not in a state that allows the request now (`InvalidInputException`, code
     * `InvalidResourceState`); see the emulator README for the choice.
     */
    invalidState(message: string, tip = ""): AwsError {
        return new AwsError("InvalidInputException", message, { code: "InvalidResourceState", tip });
    },
    /** `AttachDisk` with a disk path Lightsail does not accept (as Lightsail answers it, code `InvalidParams`). */
    invalidDiskPath(): AwsError {
        return new AwsError("InvalidInputException", "The disk path is invalid. You must specify a valid disk path.", {
            code: "InvalidParams",
            tip: "Use a path from /dev/xvdf to /dev/xvdt.",
        });
    },
    /** Input failed validation (`InvalidInputException`). */
    invalidInput(message: string, code = "InvalidInput"): AwsError {
        return new AwsError("InvalidInputException", message, { code });
    },
    /** A name is already in use (`InvalidInputException`, code `NameExists`). */
    nameExists(name: string): AwsError {
        return new AwsError("InvalidInputException", `Some names are already in use: ${name}`, {
            code: "NameExists",
            tip: "Choose a different name and try again.",
        });
    },
    /** Injected 500 (`ServiceException`). */
    service(message = "An internal error occurred. Try again later."): AwsError {
        return new AwsError("ServiceException", message, { code: "InternalFailure", status: 500 });
    },
    /** An IAM policy denies the call (`AccessDeniedException`, as Lightsail answers it). */
    accessDenied(operation: string, accountId: string): AwsError {
        return new AwsError(
            "AccessDeniedException",
            `User: arn:aws:iam::${accountId}:user/emulator is not authorized to perform: lightsail:${operation}`,
            { code: "AccessDenied" },
        );
    },
    /** Throttled (front end). */
    throttling(): AwsError {
        return new AwsError("ThrottlingException", "Rate exceeded");
    },
    /** 503 (front end). */
    unavailable(): AwsError {
        return new AwsError("ServiceUnavailableException", "Service Unavailable", { status: 503 });
    },
    /** Body is not JSON, or a member has the wrong JSON type (front end). */
    serialization(message: string): AwsError {
        return new AwsError("SerializationException", message);
    },
    /** Unknown `X-Amz-Target` or unsupported content type (front end). */
    unknownOperation(message = ""): AwsError {
        return new AwsError("UnknownOperationException", message);
    },
};

/** The parts of a SigV4 `Authorization` header the emulator uses. */
export interface CredentialScope {
    /** Access key id. */
    accessKeyId: string;
    /** `YYYYMMDD`. */
    date: string;
    /** Region, which selects the emulator's world. */
    region: string;
    /** Signing service name (must be `lightsail`). */
    service: string;
}

/**
 * Reads the credential scope from a SigV4 `Authorization` header. The signature itself is not verified
 * (the emulator has no secrets), but the header must be complete and scoped to `lightsail`.
 *
 * @throws AwsError `MissingAuthenticationTokenException` when absent; `IncompleteSignatureException`
 *   when malformed; `InvalidSignatureException` when scoped to another service.
 */
export function parseAuthorization(header: string | undefined): CredentialScope {
    if (header === undefined || header.trim() === "") {
        throw new AwsError("MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    const match = /^AWS4-HMAC-SHA256\s+(.*)$/s.exec(header.trim());
    if (!match) {
        throw new AwsError(
            "IncompleteSignatureException",
            `Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=${header.trim().split(/\s/)[0] ?? ""}`,
        );
    }
    const params = new Map<string, string>();
    for (const part of (match[1] ?? "").split(",")) {
        const equals = part.indexOf("=");
        if (equals > 0) {
            params.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
        }
    }
    const missing = ["Credential", "SignedHeaders", "Signature"].filter((name) => !params.get(name));
    if (missing.length > 0) {
        throw new AwsError(
            "IncompleteSignatureException",
            missing.map((name) => `Authorization header requires '${name}' parameter.`).join(" "),
        );
    }
    const parts = (params.get("Credential") ?? "").split("/");
    const [accessKeyId, date, region, service, terminator] = parts;
    if (
        parts.length !== 5 ||
        !accessKeyId ||
        !date ||
        !/^\d{8}$/.test(date) ||
        !region ||
        !/^[a-z0-9-]+$/.test(region) ||
        !service ||
        terminator !== "aws4_request"
    ) {
        throw new AwsError(
            "IncompleteSignatureException",
            `Credential should be scoped to a valid region, not '${region ?? ""}'. Credential should be scoped with a valid terminator: 'aws4_request'.`,
        );
    }
    if (service !== "lightsail") {
        throw new AwsError(
            "InvalidSignatureException",
            `Credential should be scoped to correct service: 'lightsail'. `,
        );
    }
    return { accessKeyId, date, region, service };
}

/**
 * Extracts the operation name from `X-Amz-Target`.
 *
 * @returns the operation name, or `undefined` when the header is absent or not a Lightsail target.
 */
export function parseTarget(header: string | undefined): string | undefined {
    if (header === undefined || !header.startsWith(TARGET_PREFIX)) {
        return undefined;
    }
    const op = header.slice(TARGET_PREFIX.length);
    return /^[A-Za-z]+$/.test(op) ? op : undefined;
}

/** Whether a `Content-Type` header names AWS JSON (1.0 or 1.1), ignoring parameters such as charset. */
export function isJsonContentType(header: string | undefined): boolean {
    if (header === undefined) {
        return false;
    }
    const base = header.split(";")[0]?.trim().toLowerCase();
    return base === JSON_CONTENT_TYPE || base === "application/x-amz-json-1.0";
}

/**
 * Parses a request body. An empty body is treated as `{}`.
 *
 * @throws AwsError `SerializationException` when the body is not a JSON object.
 */
export function parseBody(raw: string): Record<string, unknown> {
    if (raw.trim() === "") {
        return {};
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(raw);
    } catch {
        throw errors.serialization("Unable to parse the request body as JSON");
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw errors.serialization("The request body must be a JSON object");
    }
    return parsed as Record<string, unknown>;
}

/** Converts epoch milliseconds to the wire's epoch seconds (a number with a millisecond fraction). */
export function toEpochSeconds(ms: number): number {
    return Math.round(ms) / 1000;
}
