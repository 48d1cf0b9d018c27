/**
 * Shared reads: requests outstanding at the same moment are answered by one walk of the list when
 * that costs fewer calls than single reads, and by single reads otherwise; what a walk does not
 * find is read singly. A fake source counts the calls; hold times are a few milliseconds of real
 * time, and nothing about time is asserted.
 */

import assert from "node:assert/strict";
import { type ReadSource, SharedReads, walkPays } from "../../provider/lightsail/sharedReads";
import { systemClock } from "../../provider/waiter";

interface Item {
    name: string;
    state: string;
}

/** A list of `items` in pages of `pageSize`, counting every call. */
function source(items: Item[], pageSize: number, options: { failPages?: boolean } = {}) {
    const calls = { one: [] as string[], pages: 0 };
    const src: ReadSource<Item> = {
        readOne: async (name) => {
            calls.one.push(name);
            return items.find((i) => i.name === name);
        },
        readPage: async (token) => {
            calls.pages++;
            if (options.failPages) throw new Error("GetDiskSnapshots failed");
            const start = token === undefined ? 0 : Number(token);
            const next = start + pageSize;
            return {
                items: items.slice(start, next),
                nextPageToken: next < items.length ? String(next) : undefined,
            };
        },
        nameOf: (item) => item.name,
    };
    return { src, calls };
}

const named = (n: number, prefix = "snap") =>
    Array.from({ length: n }, (_, i) => ({ name: `${prefix}-${i}`, state: "pending" }));

describe("shared reads", () => {
    it("a walk pays only for two requests or more, and only when the last walk took fewer pages than requests", () => {
        assert.equal(walkPays(1, undefined), false);
        assert.equal(walkPays(2, undefined), true);
        assert.equal(walkPays(5, 4), true);
        assert.equal(walkPays(5, 5), false);
    });

    it("answers a request held for no time with one single read, as a wait reading alone", async () => {
        const { src, calls } = source(named(3), 5);
        const reads = new SharedReads(src, systemClock);
        assert.deepEqual(await reads.read("snap-1", 0), { name: "snap-1", state: "pending" });
        assert.deepEqual(calls, { one: ["snap-1"], pages: 0 });
    });

    it("answers requests outstanding together with one walk, stopping once every name is found", async () => {
        const items = named(12);
        const { src, calls } = source(items, 2);
        const reads = new SharedReads(src, systemClock);
        const wanted = ["snap-0", "snap-3", "snap-4", "snap-5", "snap-1"];
        const answers = await Promise.all(wanted.map((name) => reads.read(name, 20)));
        assert.deepEqual(
            answers.map((a) => a?.name),
            wanted,
        );
        // Pages of two: snap-5 is on the third page; the other three pages are never read.
        assert.deepEqual(calls, { one: [], pages: 3 });
        assert.deepEqual(reads.stats, { singleReads: 0, pageReads: 3, answeredByWalks: 5, walks: 1 });
    });

    it("walks past items no request asked for, without counting them as found", async () => {
        const { src, calls } = source(named(12), 4);
        const reads = new SharedReads(src, systemClock);
        const wanted = ["snap-0", "snap-8", "snap-9", "snap-10", "snap-11"];
        const answers = await Promise.all(wanted.map((name) => reads.read(name, 20)));
        assert.deepEqual(
            answers.map((a) => a?.name),
            wanted,
        );
        assert.deepEqual(calls, { one: [], pages: 3 }, "all five from the walk, over a page that holds none");
    });

    it("answers several waits for the same name from one read", async () => {
        const { src, calls } = source(named(2), 5);
        const reads = new SharedReads(src, systemClock);
        const [a, b] = await Promise.all([reads.read("snap-1", 10), reads.read("snap-1", 10)]);
        assert.equal(a?.name, "snap-1");
        assert.equal(b, a);
        assert.deepEqual(calls, { one: ["snap-1"], pages: 0 });
    });

    it("cuts a walk off once it has cost one call fewer than single reads, reads the rest singly, and learns", async () => {
        const items = named(20);
        const { src, calls } = source(items, 2);
        const reads = new SharedReads(src, systemClock);
        const newest = ["snap-17", "snap-18", "snap-19"];
        const first = await Promise.all(newest.map((name) => reads.read(name, 10)));
        assert.deepEqual(
            first.map((a) => a?.name),
            newest,
        );
        // Budget of 2 pages for 3 requests: none found, so three single reads follow.
        assert.deepEqual(calls, { one: newest, pages: 2 });
        // The next batch of three does not walk: the last walk needed more than two pages.
        calls.one = [];
        await Promise.all(newest.map((name) => reads.read(name, 10)));
        assert.deepEqual(calls, { one: newest, pages: 2 });
    });

    it("reads singly a name the walk did not list, and answers undefined when it is gone", async () => {
        const { src, calls } = source(named(3), 5);
        const reads = new SharedReads(src, systemClock);
        const [kept, gone, other] = await Promise.all([
            reads.read("snap-0", 10),
            reads.read("deleted-1", 10),
            reads.read("snap-2", 10),
        ]);
        assert.equal(kept?.name, "snap-0");
        assert.equal(gone, undefined);
        assert.equal(other?.name, "snap-2");
        assert.deepEqual(calls, { one: ["deleted-1"], pages: 1 });
    });

    it("falls back to single reads when a page fails, and passes single-read errors to every wait of that name", async () => {
        const { src, calls } = source(named(3), 5, { failPages: true });
        const reads = new SharedReads(src, systemClock);
        const answers = await Promise.all([reads.read("snap-0", 10), reads.read("snap-1", 10)]);
        assert.deepEqual(
            answers.map((a) => a?.name),
            ["snap-0", "snap-1"],
        );
        assert.deepEqual(calls, { one: ["snap-0", "snap-1"], pages: 1 });

        const failing = new SharedReads<Item>(
            {
                ...src,
                readOne: async () => {
                    throw new Error("AccessDenied");
                },
            },
            systemClock,
        );
        const outcomes = await Promise.allSettled([failing.read("snap-0", 5), failing.read("snap-0", 5)]);
        assert.deepEqual(
            outcomes.map((o) => (o.status === "rejected" ? (o.reason as Error).message : "answered")),
            ["AccessDenied", "AccessDenied"],
        );
    });
});

/**
 * Stands in for the global setTimeout and clearTimeout (which the default timers of SharedReads
 * use) until restored: time moves only through `advance`, which fires what falls due, in order.
 */
function fakeGlobalTimers() {
    const realSetTimeout = globalThis.setTimeout;
    const realClearTimeout = globalThis.clearTimeout;
    let nowMs = 0;
    let nextId = 1;
    const pending = new Map<number, { atMs: number; fire: () => void }>();
    globalThis.setTimeout = ((fire: () => void, ms = 0) => {
        const id = nextId++;
        pending.set(id, { atMs: nowMs + ms, fire });
        return id;
    }) as unknown as typeof setTimeout;
    globalThis.clearTimeout = ((id: number) => {
        pending.delete(id);
    }) as unknown as typeof clearTimeout;
    return {
        now: () => nowMs,
        advance(ms: number) {
            const until = nowMs + ms;
            for (;;) {
                const due = [...pending].filter(([, t]) => t.atMs <= until).sort(([, a], [, b]) => a.atMs - b.atMs)[0];
                if (!due) break;
                pending.delete(due[0]);
                nowMs = due[1].atMs;
                due[1].fire();
            }
            nowMs = until;
        },
        restore() {
            globalThis.setTimeout = realSetTimeout;
            globalThis.clearTimeout = realClearTimeout;
        },
    };
}

describe("shared reads: when the batch is read", () => {
    /** A clock and timers under the test's control: nothing fires until the test says so. */
    function manualTimers() {
        let nowMs = 1_000;
        const timers: { ms: number; fire: () => void; cancelled: boolean }[] = [];
        const schedule = (ms: number, fire: () => void) => {
            const timer = { ms, fire, cancelled: false };
            timers.push(timer);
            return () => {
                timer.cancelled = true;
            };
        };
        return { clock: { now: () => nowMs }, schedule, timers, advance: (ms: number) => (nowMs += ms) };
    }

    it("reads when the request with the least hold must be answered, re-arming only for an earlier one", async () => {
        const { src, calls } = source(named(3), 5);
        const { clock, schedule, timers, advance } = manualTimers();
        const reads = new SharedReads(src, clock, schedule);
        const first = reads.read("snap-0", 400);
        void reads.read("snap-1", 900);
        assert.deepEqual(
            timers.map((t) => [t.ms, t.cancelled]),
            [[400, false]],
            "a later deadline keeps the timer",
        );
        advance(100);
        void reads.read("snap-2", 100);
        assert.deepEqual(
            timers.map((t) => [t.ms, t.cancelled]),
            [
                [400, true],
                [100, false],
            ],
            "an earlier deadline moves it",
        );
        assert.equal(calls.pages + calls.one.length, 0, "nothing read before the timer fires");
        timers[1]?.fire();
        assert.deepEqual(await first, { name: "snap-0", state: "pending" });
        assert.equal(calls.pages, 1, "one walk for the three");
        assert.deepEqual(reads.stats, { singleReads: 0, pageReads: 1, answeredByWalks: 3, walks: 1 });
    });

    it("never schedules a read in the past, and counts its single reads", async () => {
        const { src } = source(named(2), 5);
        const { clock, schedule, timers } = manualTimers();
        const reads = new SharedReads(src, clock, schedule);
        const read = reads.read("snap-0", -50);
        assert.equal(timers[0]?.ms, 0);
        timers[0]?.fire();
        await read;
        assert.equal(reads.stats.singleReads, 1);
        timers[0]?.fire();
        assert.equal(reads.stats.singleReads, 1, "a timer that fires with nothing pending reads nothing");
    });

    it("on its default timers, reads a long-held request only when its hold is up, after an earlier one moved the timer", async () => {
        const { src, calls } = source(named(3), 5);
        const timers = fakeGlobalTimers();
        try {
            const reads = new SharedReads(src, { now: timers.now });
            const first = [reads.read("snap-0", 1_000), reads.read("snap-1", 100)];
            timers.advance(100);
            await Promise.all(first);
            assert.deepEqual(calls, { one: [], pages: 1 });
            const later = reads.read("snap-2", 5_000);
            timers.advance(900);
            await new Promise((resolve) => setImmediate(resolve));
            assert.deepEqual(calls, { one: [], pages: 1 }, "the timer the earlier deadline replaced does not fire");
            timers.advance(4_100);
            assert.deepEqual(await later, { name: "snap-2", state: "pending" });
            assert.deepEqual(calls, { one: ["snap-2"], pages: 1 });
        } finally {
            timers.restore();
        }
    });

    it("learns a walk that found everything on its first page as one page, however long the list", async () => {
        const { src, calls } = source(named(20), 2);
        const { clock, schedule, timers } = manualTimers();
        const reads = new SharedReads(src, clock, schedule);
        const batch = [reads.read("snap-0", 0), reads.read("snap-1", 0)];
        timers[0]?.fire();
        await Promise.all(batch);
        assert.equal(calls.pages, 1);
        // Two requests again: a walk of one page still pays (two single reads would cost two).
        const again = [reads.read("snap-1", 0), reads.read("snap-0", 0)];
        timers[1]?.fire();
        await Promise.all(again);
        assert.deepEqual([calls.pages, calls.one.length], [2, 0]);
    });
});
