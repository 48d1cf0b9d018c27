/**
 * What a run of the suite found, summed up per section and judged against the targets. Pure.
 *
 * @module
 */

import type { BadInputResult, BadInputsReport } from "./badInputs";
import type { DurabilityReport } from "./durability";
import type { CellResult } from "./faultMatrix";
import type { InterruptionRun } from "./interruptions";
import type { SecretsReport } from "./secrets";

/** Everything one run of the suite found. */
export interface SuiteResults {
    /** `full` or `smoke`. */
    profile: string;
    /** The seed of every random choice. */
    seed: number;
    /** When the run started (ISO 8601). */
    startedAt: string;
    /** How long it took, ms. */
    durationMs: number;
    /** Wall time per section (sections overlap: they share one pool of lanes). */
    sectionMs: Record<string, number>;
    /** Versions, cores, load and concurrency, for the report. */
    environment: Record<string, string>;
    /** The fault matrix, one result per fault kind and phase. */
    faults: CellResult[];
    /** The bad-input section, when it ran. */
    badInputs?: BadInputsReport;
    /** Every interrupted run. */
    interruptions: InterruptionRun[];
    /** The secrets section, when it ran. */
    secrets?: SecretsReport;
    /** The emulator durability section, when it ran. */
    durability?: DurabilityReport;
    /** Tasks of the suite that failed outright. */
    harnessErrors?: string[];
}

/** Headline numbers of the fault matrix. */
export function faultSummary(cells: readonly CellResult[]) {
    const run = cells.filter((c) => c.applicable && !c.harnessError);
    const failed = run.filter((c) => c.outcome === "failed");
    return {
        kinds: new Set(cells.map((c) => c.kind)).size,
        cells: run.length,
        notApplicable: cells.filter((c) => !c.applicable).length,
        harnessErrors: cells.filter((c) => c.harnessError).length,
        succeeded: run.filter((c) => c.outcome === "succeeded").length,
        failed: failed.length,
        clear: failed.filter((c) => c.clear).length,
        unexpected: run.filter((c) => (c.outcome === "succeeded") !== (c.expected === "success")).length,
        leaked: run.reduce((n, c) => n + c.leaked.length, 0),
        dangling: run.reduce((n, c) => n + c.dangling.length, 0),
        pending: run.reduce((n, c) => n + c.pending, 0),
        crashes: run.reduce((n, c) => n + c.crashes.length, 0),
        notConverged: run.filter((c) => c.converged === false).length,
        previewCalls: run.filter((c) => c.phase === "preview").reduce((n, c) => n + (c.calls ?? 0), 0),
    };
}

/** Headline numbers of the interruptions. */
export function interruptionSummary(runs: readonly InterruptionRun[]) {
    return {
        runs: runs.length,
        interrupted: runs.filter((r) => r.interrupted).length,
        converged: runs.filter((r) => r.converged).length,
        extraStep: runs.filter((r) => r.extraStep).length,
        convergedWithExtraStep: runs.filter((r) => r.extraStep && r.convergedWithExtraStep).length,
        leaked: runs.reduce((n, r) => n + r.leaked.length, 0),
        dangling: runs.reduce((n, r) => n + r.dangling.length, 0),
        crashes: runs.reduce((n, r) => n + r.crashes.length, 0),
        // A plugin killed before it served a Lightsail call may never have loaded this package (the
        // host loads a provider on its first request), so nothing of ours ran there to end it.
        sigkills: runs.filter((r) => r.interrupted && r.signal === "SIGKILL" && r.callsBeforeSignal > 0).length,
        pluginsOutlived: runs.filter((r) => r.callsBeforeSignal > 0).reduce((n, r) => n + (r.pluginsOutlived ?? 0), 0),
        sigkillsBeforeAnyCall: runs.filter((r) => r.interrupted && r.signal === "SIGKILL" && r.callsBeforeSignal === 0)
            .length,
        pluginsOutlivedBeforeAnyCall: runs
            .filter((r) => r.callsBeforeSignal === 0)
            .reduce((n, r) => n + (r.pluginsOutlived ?? 0), 0),
    };
}

/** Whether a bad input was rejected as required: on its resource and property, with the reason. */
export function rejectedAsRequired(result: BadInputResult): boolean {
    return result.rejected && result.attributed && result.property && result.reason;
}

/** Headline numbers of the secrets section. */
export function secretsSummary(secrets: SecretsReport) {
    const engineRecorded = new Set(secrets.places.filter((p) => p.engineRecorded).map((p) => p.id));
    const scanned = secrets.checks.filter((c) => !engineRecorded.has(c.place));
    return {
        /** Places the engine itself records the config in (expected to hold a secret config value). */
        engineRecorded,
        /** The checks of every other place. */
        scanned,
        /** Secrets found in those places. */
        leaks: scanned.filter((c) => c.leaked),
        /** The ways whose secret the engine-recorded places hold. */
        engineHits: secrets.checks.filter((c) => engineRecorded.has(c.place) && c.leaked).map((c) => c.way),
    };
}

/** Every target the results miss, as sentences; empty when all are met. */
export function targetsMissed(results: SuiteResults): string[] {
    const missed: string[] = [...(results.harnessErrors ?? []).map((e) => `harness: ${e}`)];
    const f = faultSummary(results.faults);
    if (f.harnessErrors > 0) missed.push(`fault matrix: ${f.harnessErrors} cells could not be run`);
    if (f.leaked > 0) missed.push(`fault matrix: ${f.leaked} leaked snapshots or add-ons`);
    if (f.dangling > 0) missed.push(`fault matrix: ${f.dangling} dangling state entries after the next refresh`);
    if (f.pending > 0) missed.push(`fault matrix: ${f.pending} pending operations left`);
    if (f.crashes > 0) missed.push(`fault matrix: ${f.crashes} crash signatures`);
    if (f.clear < f.failed) missed.push(`fault matrix: ${f.failed - f.clear} failures without a clear message`);
    if (f.notConverged > 0) missed.push(`fault matrix: ${f.notConverged} cells did not converge after the follow-up`);
    if (f.previewCalls > 0) missed.push(`fault matrix: previews made ${f.previewCalls} Lightsail calls`);
    if (f.unexpected > 0) missed.push(`fault matrix: ${f.unexpected} cells did not do what was expected`);
    if (results.badInputs) {
        const b = results.badInputs;
        const notOk = b.results.filter((r) => !rejectedAsRequired(r));
        if (notOk.length > 0)
            missed.push(
                `bad inputs: ${notOk.length} not rejected as required (${notOk.map((r) => r.title).join(", ")})`,
            );
        if (b.apiCalls > 0) missed.push(`bad inputs: ${b.apiCalls} Lightsail calls`);
        const crashes = b.results.reduce((n, r) => n + r.crashes.length, 0);
        if (crashes > 0) missed.push(`bad inputs: ${crashes} crash signatures`);
    }
    const i = interruptionSummary(results.interruptions);
    if (i.converged < i.runs) {
        const engine =
            i.extraStep > 0
                ? ` (${i.extraStep} of them because kill -9 left the file backend's metadata sidecar empty, an engine problem; ${i.convergedWithExtraStep} converged once it was removed)`
                : "";
        missed.push(
            `interruptions: ${i.runs - i.converged} of ${i.runs} runs did not converge after the documented recovery${engine}`,
        );
    }
    if (i.leaked > 0) missed.push(`interruptions: ${i.leaked} leaked snapshots or add-ons`);
    if (i.crashes > 0) missed.push(`interruptions: ${i.crashes} crash signatures in recoveries`);
    if (i.pluginsOutlived > 0) {
        missed.push(
            `interruptions: ${i.pluginsOutlived} provider plugins still running 30 s after a SIGKILL of the CLI that came after a Lightsail call`,
        );
    }
    if (results.secrets) {
        const s = results.secrets;
        const { leaks } = secretsSummary(s);
        if (leaks.length > 0)
            missed.push(`secrets: ${leaks.length} leaks (${leaks.map((l) => `${l.way} in ${l.place}`).join(", ")})`);
        const unused = Object.entries(s.used).filter(([, ok]) => !ok);
        if (unused.length > 0) missed.push(`secrets: ways not proven used: ${unused.map(([w]) => w).join(", ")}`);
        if (s.crashes.length > 0) missed.push(`secrets: ${s.crashes.length} crash signatures`);
    }
    if (results.durability) {
        const d = results.durability;
        if (d.unreadable > 0 || d.failedStarts > 0 || d.lost > 0) {
            missed.push(
                `durability: ${d.unreadable} unreadable, ${d.failedStarts} failed starts, ${d.lost} lost writes`,
            );
        }
    }
    return missed;
}
