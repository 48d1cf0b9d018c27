/**
 * The AWS CLI and the official Lightsail model, from Debian's `awscli` and `python3-botocore`,
 * run against an emulator.
 *
 * @module
 */

import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DUMMY_CREDENTIAL_ENV } from "./account";
import { parseJson } from "./emulatorClient";

/** The Debian AWS CLI v2 (never the pyenv v1 shim). */
export const AWS_CLI = "/usr/bin/aws";

/** The official Lightsail model from Debian's python3-botocore. */
export const SERVICE_MODEL = "/usr/lib/python3/dist-packages/botocore/data/lightsail/2016-11-28/service-2.json";

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
