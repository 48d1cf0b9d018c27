/**
 * Fault injection and rate limiting: which calls fail, and how.
 *
 * Deterministic given its clock and seeded random source; no I/O (the server acts on the decisions).
 *
 * @module
 */

import type { Random } from "./random";
import { type Clock, FAULT_KINDS, type Fault, type FaultKind, type RateLimit } from "./types";

/** Operation key that matches every operation. */
export const ANY_OPERATION = "*";

/**
 * Checks a fault definition and returns a normalized copy.
 *
 * @throws Error describing the first problem.
 */
export function validateFault(fault: unknown): Fault {
    if (fault === null || typeof fault !== "object") {
        throw new Error("a fault must be an object with a 'kind'");
    }
    const fields = fault as Record<string, unknown>;
    if (typeof fields.kind !== "string" || !FAULT_KINDS.includes(fields.kind as FaultKind)) {
        throw new Error(`fault kind must be one of ${FAULT_KINDS.join(", ")}; got ${JSON.stringify(fields.kind)}`);
    }
    const out: Fault = { kind: fields.kind as FaultKind };
    if (fields.count !== undefined) {
        if (typeof fields.count !== "number" || !Number.isInteger(fields.count) || fields.count < 1) {
            throw new Error(`fault count must be a positive integer; got ${JSON.stringify(fields.count)}`);
        }
        out.count = fields.count;
    }
    if (fields.probability !== undefined) {
        if (typeof fields.probability !== "number" || !(fields.probability >= 0 && fields.probability <= 1)) {
            throw new Error(`fault probability must be between 0 and 1; got ${JSON.stringify(fields.probability)}`);
        }
        out.probability = fields.probability;
    }
    if (fields.latencyMs !== undefined) {
        if (typeof fields.latencyMs !== "number" || !Number.isFinite(fields.latencyMs) || fields.latencyMs < 0) {
            throw new Error(`fault latencyMs must be a non-negative number; got ${JSON.stringify(fields.latencyMs)}`);
        }
        out.latencyMs = fields.latencyMs;
    }
    if (out.kind === "latency" && out.latencyMs === undefined) {
        throw new Error("a latency fault needs latencyMs");
    }
    return out;
}

/**
 * Parses a CLI fault spec: `Operation=kind[:count][,p=PROBABILITY][,ms=LATENCY]`, e.g.
 * `CreateDiskSnapshot=throttle:2`, `GetDiskSnapshot=latency,ms=300`, `*=error,p=0.1`.
 *
 * @throws Error on a malformed spec.
 */
export function parseFaultSpec(spec: string): { operation: string; fault: Fault } {
    const equals = spec.indexOf("=");
    if (equals <= 0) {
        throw new Error(`fault spec '${spec}' must look like Operation=kind[:count][,p=P][,ms=MS]`);
    }
    const operation = spec.slice(0, equals);
    const [head = "", ...options] = spec.slice(equals + 1).split(",");
    const [kind, count] = head.split(":");
    const fault: Record<string, unknown> = { kind };
    if (count !== undefined) {
        fault.count = Number(count);
    }
    for (const option of options) {
        const [name, value] = option.split("=");
        if (name === "p") {
            fault.probability = Number(value);
        } else if (name === "ms") {
            fault.latencyMs = Number(value);
        } else {
            throw new Error(`unknown fault option '${option}' in '${spec}' (use p=PROBABILITY or ms=LATENCY)`);
        }
    }
    return { operation, fault: validateFault(fault) };
}

/** Checks a rate limit. @throws Error when invalid. */
export function validateRateLimit(limit: unknown): RateLimit {
    const fields = (limit ?? {}) as Record<string, unknown>;
    if (
        typeof fields.ratePerSecond !== "number" ||
        !(fields.ratePerSecond > 0) ||
        !Number.isFinite(fields.ratePerSecond)
    ) {
        throw new Error(
            `rate limit ratePerSecond must be a positive number; got ${JSON.stringify(fields.ratePerSecond)}`,
        );
    }
    if (typeof fields.burst !== "number" || !(fields.burst >= 1) || !Number.isFinite(fields.burst)) {
        throw new Error(`rate limit burst must be at least 1; got ${JSON.stringify(fields.burst)}`);
    }
    return { ratePerSecond: fields.ratePerSecond, burst: fields.burst };
}

/** Decides, call by call, which fault fires and whether the rate limit is exceeded. */
export class FaultController {
    private readonly faults = new Map<string, Fault>();
    private limit: RateLimit | undefined;
    private tokens = 0;
    private refilledAt = 0;

    /**
     * @param random Seeded random source for probabilistic faults.
     * @param clock Clock for the token bucket.
     */
    constructor(
        private readonly random: Random,
        private readonly clock: Clock,
    ) {}

    /** Installs (or replaces) the fault for an operation name, or `*` for all operations. */
    set(operation: string, fault: Fault): void {
        this.faults.set(operation, validateFault(fault));
    }

    /** Removes one operation's fault, or all faults when no operation is given. */
    clear(operation?: string): void {
        if (operation === undefined) {
            this.faults.clear();
        } else {
            this.faults.delete(operation);
        }
    }

    /** The installed faults (copies), by operation. */
    list(): Record<string, Fault> {
        return Object.fromEntries([...this.faults].map(([operation, fault]) => [operation, { ...fault }]));
    }

    /**
     * The fault that fires for this call of `operation`, if any. The operation's own fault is consulted
     * before `*`. A fault with a count is used up as it fires.
     */
    take(operation: string): Fault | undefined {
        for (const key of [operation, ANY_OPERATION]) {
            const fault = this.faults.get(key);
            if (!fault) {
                continue;
            }
            if (fault.probability !== undefined && !(this.random() < fault.probability)) {
                continue;
            }
            if (fault.count !== undefined) {
                fault.count -= 1;
                if (fault.count <= 0) {
                    this.faults.delete(key);
                }
            }
            return { ...fault };
        }
        return undefined;
    }

    /** Sets or removes the token-bucket rate limit; a new limit starts with a full bucket. */
    setRateLimit(limit: RateLimit | undefined): void {
        this.limit = limit === undefined ? undefined : validateRateLimit(limit);
        this.tokens = this.limit?.burst ?? 0;
        this.refilledAt = this.clock();
    }

    /** The current rate limit. */
    rateLimit(): RateLimit | undefined {
        return this.limit === undefined ? undefined : { ...this.limit };
    }

    /** Takes one token; `false` means the call is over the rate limit. Always `true` without a limit. */
    admit(): boolean {
        if (this.limit === undefined) {
            return true;
        }
        const now = this.clock();
        const elapsed = Math.max(0, now - this.refilledAt);
        this.tokens = Math.min(this.limit.burst, this.tokens + (elapsed * this.limit.ratePerSecond) / 1000);
        this.refilledAt = now;
        if (this.tokens >= 1) {
            this.tokens -= 1;
            return true;
        }
        return false;
    }
}
