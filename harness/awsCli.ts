/**
 * The AWS CLI and the official Lightsail model, from Debian's `awscli` and `python3-botocore`,
 * run against an emulator.
 *
 * @module
 */

import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DUMMY_CREDENTIAL_ENV } from "./account";
import { parseJson } from "./emulatorClient";

/** The Debian AWS CLI v2 (never the pyenv v1 shim). */
export const AWS_CLI = "/usr/bin/aws";

/** The official Lightsail model from Debian's python3-botocore. */
export const SERVICE_MODEL = "/usr/lib/python3/dist-packages/botocore/data/lightsail/2016-11-28/service-2.json";

/** An independent judge of the emulator: a Debian package and the file it installs. */
export interface Judge {
    /** The Debian package (`.ci/run` installs it). */
    debianPackage: "awscli" | "python3-botocore";
    /** The file the tests use. */
    path: string;
}

/** The AWS CLI v2, as a judge. */
export const AWS_CLI_JUDGE: Judge = { debianPackage: "awscli", path: AWS_CLI };

/** The Lightsail service model, as a judge. */
export const SERVICE_MODEL_JUDGE: Judge = { debianPackage: "python3-botocore", path: SERVICE_MODEL };

/**
 * Whether a suite judged by `judge` can run. Without it, the suite is skipped on a developer's
 * machine, but under `CI=true` (where `.ci/run` installs it) a missing judge fails the run: an
 * emulator nobody checked must not pass for one that was.
 *
 * @throws Error under `CI=true` when the judge is missing.
 */
export function judgeAvailable(judge: Judge, env: Record<string, string | undefined> = process.env): boolean {
    if (existsSync(judge.path)) return true;
    if (env.CI === "true") {
        throw new Error(
            `${judge.path} is missing: install Debian's ${judge.debianPackage} (apt-get install ${judge.debianPackage}); under CI=true the emulator's conformance is not left unchecked`,
        );
    }
    return false;
}

/** Result of one AWS CLI run. */
export interface CliResult {
    /** Exit code. */
    code: number;
    /** Standard output. */
    stdout: string;
    /** Standard error. */
    stderr: string;
    /** Standard output parsed as JSON, when it parses. */
    json: unknown;
}

/**
 * A temporary HOME for the AWS CLI, with `cli_timestamp_format = wire` so timestamps print as the
 * epoch numbers the service sends (as in the documented examples).
 */
export function awsCliHome(): string {
    const home = mkdtempSync(join(tmpdir(), "aws-cli-home-"));
    mkdirSync(join(home, ".aws"));
    writeFileSync(join(home, ".aws", "config"), "[default]\ncli_timestamp_format = wire\nretry_mode = standard\n");
    return home;
}

/** Runs `/usr/bin/aws lightsail ...` against an emulator (asynchronously, so an in-process emulator can answer). */
export function runAwsCli(
    url: string,
    home: string,
    args: readonly string[],
    region = "us-west-2",
): Promise<CliResult> {
    return new Promise((resolvePromise) => {
        execFile(
            AWS_CLI,
            ["lightsail", ...args, "--endpoint-url", url, "--output", "json", "--no-cli-pager"],
            {
                env: {
                    PATH: "/usr/bin:/bin",
                    HOME: home,
                    ...DUMMY_CREDENTIAL_ENV,
                    AWS_DEFAULT_REGION: region,
                    AWS_EC2_METADATA_DISABLED: "true",
                    AWS_MAX_ATTEMPTS: "2",
                },
                timeout: 30_000,
            },
            (error, stdout, stderr) => {
                const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
                resolvePromise({ code, stdout, stderr, json: parseJson(stdout) });
            },
        );
    });
}
