/**
 * Bad inputs through `pulumi preview`: the shared corpus (`test/support/badInputs.ts`) plus the
 * cases below, each declared as a resource of its own stack program and previewed with the real
 * engine. Every case must be rejected, the failure reported on the case's resource and property
 * with a reason that says what is allowed, and Lightsail must see no call at all.
 *
 * The engine stops a preview at the first resource whose `check` fails, so each case is its own
 * preview; the cases are spread over a few stacks that run side by side.
 *
 * @module
 */

import * as path from "node:path";
import { BAD_INPUTS, type BadInput } from "../harness/badInputs";
import { Lane, type SectionOptions } from "./lane";
import { pool } from "./pool";

export type { BadInput };

const base = { region: "us-east-1" };
const disk = { ...base, diskName: "Disk-1" };
const long = (n: number, ch = "a") => ch.repeat(n);

/** Cases the shared corpus does not have. */
export const EXTRA_BAD_INPUTS: readonly BadInput[] = [
    {
        title: "snapshot name starting with dash",
        inputs: { ...disk, diskSnapshotName: "-snap" },
        property: "diskSnapshotName",
        reason: /not a valid Lightsail name/,
    },
    {
        title: "snapshot name with space",
        inputs: { ...disk, diskSnapshotName: "my snap" },
        property: "diskSnapshotName",
        reason: /not a valid Lightsail name/,
    },
    {
        title: "snapshot name 256 characters",
        inputs: { ...disk, diskSnapshotName: long(256) },
        property: "diskSnapshotName",
        reason: /2 to 255/,
    },
    {
        title: "snapshot name is a boolean",
        inputs: { ...disk, diskSnapshotName: true },
        property: "diskSnapshotName",
        reason: /must be a string/,
    },
    {
        title: "disk name with tab",
        inputs: { ...base, diskName: "disk\t1" },
        property: "diskName",
        reason: /not a valid Lightsail name/,
    },
    {
        title: "disk name with trailing newline",
        inputs: { ...base, diskName: "Disk-1\n" },
        property: "diskName",
        reason: /not a valid Lightsail name/,
    },
    {
        title: "disk name of spaces",
        inputs: { ...base, diskName: "   " },
        property: "diskName",
        reason: /not a valid Lightsail name/,
    },
    {
        title: "disk name null, no instance",
        inputs: { ...base, diskName: null },
        property: "diskName",
        reason: /exactly one source/,
    },
    {
        title: "instance name too long",
        inputs: { ...base, instanceName: long(256, "w") },
        property: "instanceName",
        reason: /2 to 255/,
    },
    {
        title: "instance name is a number",
        inputs: { ...base, instanceName: 5 },
        property: "instanceName",
        reason: /must be a string/,
    },
    {
        title: "instance name with unicode",
        inputs: { ...base, instanceName: "wörd-press" },
        property: "instanceName",
        reason: /not a valid Lightsail name/,
    },
    {
        title: "empty instance name beside a disk name",
        inputs: { ...disk, instanceName: "" },
        property: "instanceName",
        reason: /mutually exclusive/,
    },
    { title: "tags is a number", inputs: { ...disk, tags: 5 }, property: "tags", reason: /map of string keys/ },
    { title: "tags is a boolean", inputs: { ...disk, tags: true }, property: "tags", reason: /map of string keys/ },
    {
        title: "tag key reserved, upper case AWS:",
        inputs: { ...disk, tags: { "AWS:owner": "me" } },
        property: "tags.AWS:owner",
        reason: /reserved/,
    },
    {
        title: "tag key with tab",
        inputs: { ...disk, tags: { "cost\tcentre": "v" } },
        property: "tags.cost\tcentre",
        reason: /not allowed/,
    },
    {
        title: "tag value is a list",
        inputs: { ...disk, tags: { env: ["prod"] } },
        property: "tags.env",
        reason: /must be strings/,
    },
    {
        title: "tag value is an object",
        inputs: { ...disk, tags: { env: { name: "prod" } } },
        property: "tags.env",
        reason: /must be strings/,
    },
    {
        title: "tag value is a boolean",
        inputs: { ...disk, tags: { enabled: true } },
        property: "tags.enabled",
        reason: /must be strings/,
    },
    {
        title: "tag value with tab",
        inputs: { ...disk, tags: { env: "a\tb" } },
        property: "tags.env",
        reason: /not allowed/,
    },
    {
        title: "region with trailing space",
        inputs: { diskName: "Disk-1", region: "us-east-1 " },
        property: "region",
        reason: /not an AWS region/,
    },
    {
        title: "region is a list",
        inputs: { diskName: "Disk-1", region: ["us-east-1"] },
        property: "region",
        reason: /not an AWS region/,
    },
    {
        title: "region is an availability zone",
        inputs: { diskName: "Disk-1", region: "us-east-1a" },
        property: "region",
        reason: /not an AWS region/,
    },
    {
        title: "timeouts is a list",
        inputs: { ...disk, timeouts: ["1h"] },
        property: "timeouts",
        reason: /must be an object/,
    },
    {
        title: "create timeout empty",
        inputs: { ...disk, timeouts: { create: "" } },
        property: "timeouts.create",
        reason: /duration/,
    },
    {
        title: "create timeout is a number",
        inputs: { ...disk, timeouts: { create: 3600 } },
        property: "timeouts.create",
        reason: /duration/,
    },
    {
        title: "delete timeout negative",
        inputs: { ...disk, timeouts: { delete: "-5m" } },
        property: "timeouts.delete",
        reason: /duration/,
    },
    {
        title: "create timeout in days",
        inputs: { ...disk, timeouts: { create: "2d" } },
        property: "timeouts.create",
        reason: /duration/,
    },
    {
        title: "create timeout just over a day",
        inputs: { ...disk, timeouts: { create: "24h1s" } },
        property: "timeouts.create",
        reason: /at most 24h/,
    },
    { title: "adopt is a number", inputs: { ...disk, adopt: 1 }, property: "adopt", reason: /true or false/ },
    {
        title: "unknown property, camel-case typo",
        inputs: { ...disk, diskname: "Disk-1" },
        property: "diskname",
        reason: /unknown property/,
    },
    {
        title: "unknown property name",
        inputs: { ...disk, name: "nightly" },
        property: "name",
        reason: /unknown property/,
    },
];

/** The corpus the suite runs: the shared one, then the extra cases. */
export const RELIABILITY_BAD_INPUTS: readonly BadInput[] = [...BAD_INPUTS, ...EXTRA_BAD_INPUTS];

/** What `pulumi preview` did with one case. */
export interface BadInputResult {
    title: string;
    /** The resource the case was declared as. */
    resourceName: string;
    /** The preview failed. */
    rejected: boolean;
    /** The failure was reported on this case's resource. */
    attributed: boolean;
    /** It named the case's property. */
    property: boolean;
    /** Its reason matched what the user must be told. */
    reason: boolean;
    /** The error line, for the report. */
    message?: string;
    /** Crash signatures in the output. */
    crashes: string[];
    /** Whether the case ran without AWS_REGION (the cases about a missing region). */
    withoutRegionEnv: boolean;
}

/** The results of the bad-input section. */
export interface BadInputsReport {
    results: BadInputResult[];
    /** Lightsail calls logged by every emulator of the section. */
    apiCalls: number;
}

/**
 * The failure the CLI prints, in its Diagnostics section, for a resource whose check failed: the
 * `error:` line and its continuation lines (a value with a newline in it spans several).
 */
function failureLine(output: string, resourceName: string): string | undefined {
    const lines = output.split("\n");
    let at = -1;
    lines.forEach((line, i) => {
        if (line.trim().startsWith("error:") && line.includes(`resource '${resourceName}'`)) at = i;
    });
    if (at < 0) return undefined;
    const block = [lines[at]?.trim() ?? ""];
    for (const next of lines.slice(at + 1)) {
        if (next.trim() === "" || /^\s*(error|warning):|^\s*pulumi[-:]|^Resources:/.test(next)) break;
        block.push(next.trim());
    }
    return block.join("\n");
}

/** Splits the corpus into `lanes` chunks (case numbers kept: resource `bad-NN` is case NN). */
export function badInputChunks(cases: readonly BadInput[], lanes: number): { c: BadInput; i: number }[][] {
    const chunks: { c: BadInput; i: number }[][] = Array.from(
        { length: Math.max(1, Math.min(lanes, cases.length)) },
        () => [],
    );
    cases.forEach((c, i) => {
        chunks[i % chunks.length]?.push({ c, i });
    });
    return chunks;
}

/** Previews the cases of one chunk in one stack, one preview each. */
export async function runBadInputChunk(
    chunk: readonly { c: BadInput; i: number }[],
    options: SectionOptions = {},
): Promise<BadInputsReport> {
    const lane = await Lane.start();
    const out: BadInputResult[] = [];
    let apiCalls = 0;
    try {
        for (const { c, i } of chunk) {
            const resourceName = `bad-${String(i).padStart(2, "0")}`;
            options.log?.(`bad input ${resourceName}: ${c.title}`);
            await lane.declare([{ resourceName, ...c.inputs }]);
            const withoutRegionEnv = !("region" in c.inputs);
            const record = await lane.pulumi(
                ["preview"],
                withoutRegionEnv ? { env: { AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined } } : {},
            );
            const line = failureLine(record.output, resourceName);
            out.push({
                title: c.title,
                resourceName,
                rejected: record.code !== 0,
                attributed: line !== undefined,
                property: line?.includes(`property ${c.property} value`) ?? false,
                reason: line !== undefined && c.reason.test(line),
                ...(line ? { message: line } : {}),
                crashes: record.crashes,
                withoutRegionEnv,
            });
        }
        apiCalls = lane.requests().length;
    } finally {
        if (options.logDir) lane.dump(path.join(options.logDir, `bad-inputs-${chunk[0]?.i ?? 0}.log`), "bad inputs");
        await lane.close().catch(() => undefined);
    }
    return { results: out, apiCalls };
}

/** Merges chunk reports. */
export function mergeBadInputs(reports: readonly BadInputsReport[]): BadInputsReport {
    return {
        results: reports.flatMap((r) => r.results).sort((a, b) => a.resourceName.localeCompare(b.resourceName)),
        apiCalls: reports.reduce((sum, r) => sum + r.apiCalls, 0),
    };
}

/** Previews every case; `lanes` stacks side by side. */
export async function runBadInputs(
    cases: readonly BadInput[],
    lanes: number,
    options: SectionOptions = {},
): Promise<BadInputsReport> {
    const chunks = badInputChunks(cases, lanes);
    return mergeBadInputs(await pool(chunks, chunks.length, (chunk) => runBadInputChunk(chunk, options)));
}
