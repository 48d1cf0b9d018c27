/**
 * What a failing command told the user, judged against the design's rule for errors: name the
 * resource (the snapshot, or the AutoSnapshots' disk or instance), the region and, for AWS errors,
 * the error and Lightsail's own message.
 *
 * @module
 */

import { REGION } from "../harness/account";
import type { SubjectType } from "./subjects";

/** What a failing command told the user, judged against the design's rule for errors. */
export interface MessageCheck {
    /** The error lines the CLI printed (its Diagnostics section). */
    errors: string[];
    /** An error names the resource (`DiskSnapshot "<name>"`, `AutoSnapshots "<disk or instance>"`). */
    snapshot: boolean;
    /** It names the region. */
    region: boolean;
    /** It names the AWS error (`NotFoundException`, `ServiceException`...), when an AWS error caused it. */
    awsError: boolean;
    /** It carries Lightsail's own message after the error name. */
    lightsailMessage: boolean;
}

/** Lightsail's error names and, for a snapshot in `error`, the failed operation's error code. */
const AWS_ERROR = /\b([A-Z][A-Za-z]+(?:Exception|Error)|InternalError|ResourceDeleted|TimeoutError)\b: (\S[^\n]*)/;

/**
 * The error lines of a command's output, without the CLI's generic summary lines: `error: ...`
 * lines, and the `* <type> ...` items of an `error: N errors occurred:` list.
 */
export function errorLines(output: string, type: SubjectType = "DiskSnapshot"): string[] {
    return output
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line.startsWith("error: ") || line.startsWith(`* ${type} `))
        .filter(
            (line) =>
                !/^error: (update failed|preview failed|refresh failed|destroy failed|\d+ errors? occurred:)$/.test(
                    line,
                ),
        );
}

/** Judges the messages of a failed command about `type` in `region`: does one error line say all the design asks for? */
export function checkMessage(output: string, type: SubjectType = "DiskSnapshot", region = REGION): MessageCheck {
    const errors = errorLines(output, type);
    const about = errors.filter((line) => new RegExp(`${type} "[\\w-]+"`).test(line));
    const chosen = about.length > 0 ? about : errors;
    const aws = chosen.map((line) => AWS_ERROR.exec(line));
    return {
        errors,
        snapshot: about.length > 0,
        region: chosen.some((line) => line.includes(region)),
        awsError: aws.some((match) => match !== null),
        lightsailMessage: aws.some((match) => match !== null && (match[2] ?? "").trim().length > 3),
    };
}
