/**
 * Shared reads for many waits in one plugin process. Each wait asks for its resource by name,
 * saying how long the request may be held ({@link WaitOptions.readShared}); requests outstanding at
 * the same moment are answered together, by one walk of the region's list (`GetDiskSnapshots`,
 * `GetDisks`) when that costs fewer calls than one read each, and by single reads otherwise.
 *
 * When it pays is learned from the pages actually seen: a walk stops as soon as every name asked
 * for has been found, and is cut off once it has made one call fewer than the single reads would
 * have; the pages the last walk needed are the estimate for the next. Names a walk did not find are
 * read singly, so a resource missing from a list (or listed late) is never taken for deleted. A
 * request that is not held (or the only one outstanding) is one single read at once, exactly as
 * without sharing.
 *
 * Written here: the AWS SDK's paginators walk a whole list and know nothing of waits, and
 * `@smithy/util-waiter` waits for one resource at a time.
 */

import type { WaitClock } from "../waiter";

/** Where shared reads go: one resource by name, or one page of the region's list. */
export interface ReadSource<T> {
    /** One resource by name; undefined when it does not exist. */
    readOne(name: string): Promise<T | undefined>;
    /** One page of the list, from `pageToken` (undefined: the first page). */
    readPage(pageToken: string | undefined): Promise<{ items: readonly T[]; nextPageToken?: string }>;
    /** The name of a listed resource. */
    nameOf(item: T): string | undefined;
}

/** What the reads so far have cost and saved, for tests and the benchmark. */
export interface SharedReadStats {
    /** Single reads made. */
    singleReads: number;
    /** List pages read. */
    pageReads: number;
    /** Requests answered from a list page. */
    answeredByWalks: number;
    /** Walks started. */
    walks: number;
}

interface Pending<T> {
    name: string;
    latestAtMs: number;
    resolve(value: T | undefined): void;
    reject(error: unknown): void;
}

/**
 * How many calls a walk for `requests` names is allowed before it stops paying: one fewer than
 * the single reads it replaces.
 */
export function walkBudget(requests: number): number {
    return requests - 1;
}

/**
 * Whether to walk the list for `requests` names at once, given the pages the last walk needed
 * (undefined before the first: a walk is tried, within its budget).
 */
export function walkPays(requests: number, lastWalkPages: number | undefined): boolean {
    if (requests < 2) return false;
    return (lastWalkPages ?? 1) <= walkBudget(requests);
}

/** Answers the requests of many waits for resources of one kind in one region; see the module's description. */
export class SharedReads<T> {
    private pending: Pending<T>[] = [];
    private timer: { dueAtMs: number; cancel(): void } | undefined;
    private lastWalkPages: number | undefined;
    /** What the reads have cost so far. */
    readonly stats: SharedReadStats = { singleReads: 0, pageReads: 0, answeredByWalks: 0, walks: 0 };

    /**
     * @param source Where the reads go.
     * @param clock The clock the hold times are measured on.
     * @param schedule Runs `fire` after `ms` and returns a way to cancel it (timers in production).
     */
    constructor(
        private readonly source: ReadSource<T>,
        private readonly clock: Pick<WaitClock, "now">,
        private readonly schedule: (ms: number, fire: () => void) => () => void = realTimer,
    ) {}

    /**
     * Reads the resource `name`, holding the request up to `holdMs` so that it can be answered
     * together with others; undefined when it does not exist. Errors of the read it ends up in
     * propagate (after the SDK's retries).
     */
    read(name: string, holdMs: number): Promise<T | undefined> {
        return new Promise<T | undefined>((resolve, reject) => {
            this.pending.push({ name, latestAtMs: this.clock.now() + Math.max(0, holdMs), resolve, reject });
            this.arm();
        });
    }

    /** Sets the timer for the earliest latest time among the outstanding requests. */
    private arm(): void {
        const due = Math.min(...this.pending.map((p) => p.latestAtMs));
        if (this.timer && this.timer.dueAtMs <= due) return;
        this.timer?.cancel();
        const cancel = this.schedule(Math.max(0, due - this.clock.now()), () => {
            this.timer = undefined;
            this.flush();
        });
        this.timer = { dueAtMs: due, cancel };
    }

    /** Answers every outstanding request: they are all within their windows now. */
    private flush(): void {
        const batch = this.pending;
        this.pending = [];
        if (batch.length > 0) void this.answer(batch);
    }

    /** Answers `batch`: from a walk where one pays (each request as soon as its page is in), then singly. */
    private async answer(batch: Pending<T>[]): Promise<void> {
        const waiting = new Map<string, Pending<T>[]>();
        for (const p of batch) waiting.set(p.name, [...(waiting.get(p.name) ?? []), p]);
        if (walkPays(waiting.size, this.lastWalkPages)) {
            try {
                await this.walk(new Set(waiting.keys()), (name, item) => {
                    const answered = waiting.get(name) ?? [];
                    waiting.delete(name);
                    this.stats.answeredByWalks += answered.length;
                    for (const p of answered) p.resolve(item);
                });
            } catch {
                // A page that failed (after the SDK's retries): what is left is read singly.
            }
        }
        for (const [name, answered] of waiting) {
            this.stats.singleReads++;
            this.source.readOne(name).then(
                (value) => {
                    for (const p of answered) p.resolve(value);
                },
                (error: unknown) => {
                    for (const p of answered) p.reject(error);
                },
            );
        }
    }

    /**
     * Walks the list until every name is found or the budget is spent, handing each name's item to
     * `found` as its page comes in; learns the pages it took.
     */
    private async walk(names: ReadonlySet<string>, found: (name: string, item: T) => void): Promise<void> {
        this.stats.walks++;
        const budget = walkBudget(names.size);
        const seen = new Set<string>();
        let pages = 0;
        let token: string | undefined;
        do {
            const page = await this.source.readPage(token);
            pages++;
            this.stats.pageReads++;
            for (const item of page.items) {
                const name = this.source.nameOf(item);
                if (name === undefined || !names.has(name) || seen.has(name)) continue;
                seen.add(name);
                found(name, item);
            }
            token = page.nextPageToken || undefined;
        } while (token && seen.size < names.size && pages < budget);
        // Cut off with names still missing: the next walk needs more pages than this one made.
        this.lastWalkPages = token && seen.size < names.size ? pages + 1 : pages;
    }
}

function realTimer(ms: number, fire: () => void): () => void {
    const handle = setTimeout(fire, ms);
    return () => clearTimeout(handle);
}
