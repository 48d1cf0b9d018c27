/**
 * Bad inputs through `pulumi preview`: every case of the corpus (`harness/badInputs.ts`), each
 * declared as a resource of its own stack program and previewed with the real engine. Every case
 * must be rejected, the failure reported on the case's resource and property with a reason that
 * says what is allowed, and Lightsail must see no call at all.
 *
 * The engine stops a preview at the first resource whose `check` fails, so each case is its own
 * preview; the cases are spread over a few stacks that run side by side.
 *
 * @module
 */

import * as path from "node:path";
import type { BadInput, BadInputResource } from "../harness/badInputs";
import type { SnapshotSpec } from "../harness/snapshotStack";
import { Lane, type SectionOptions } from "./lane";
import { pool } from "./pool";

/** What `pulumi preview` did with one case. */
export interface BadInputResult {
    /** The resource the case is declared as. */
    resource: BadInputResource;
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
    const declare: Record<BadInputResource, (specs: SnapshotSpec[]) => Promise<void>> = {
        DiskSnapshot: (specs) => lane.declare(specs),
        AutoSnapshots: (specs) => lane.declareAutoSnapshots(specs),
        DiskFromSnapshot: (specs) => lane.declareRestores(specs),
        DiskSnapshotCopy: (specs) => lane.declareCopies(specs),
    };
    let previous: BadInputResource | undefined;
    try {
        for (const { c, i } of chunk) {
            const resourceName = `bad-${String(i).padStart(2, "0")}`;
            options.log?.(`bad input ${resourceName}: ${c.resource} ${c.title}`);
            // The case is the program's only resource: the other resource's list is emptied.
            if (previous !== undefined && previous !== c.resource) await declare[previous]([]);
            await declare[c.resource]([{ resourceName, ...c.inputs }]);
            previous = c.resource;
            const withoutRegionEnv = !("region" in c.inputs);
            const record = await lane.pulumi(
                ["preview"],
                withoutRegionEnv ? { env: { AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined } } : {},
            );
            const line = failureLine(record.output, resourceName);
            out.push({
                resource: c.resource,
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
        results: reports
            .flatMap((r) => r.results)
            .sort((a, b) => a.resourceName.localeCompare(b.resourceName, "en", { numeric: true })),
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
