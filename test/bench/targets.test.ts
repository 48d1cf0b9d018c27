/**
 * How the benchmark judges a cell of ours against a peer: "beaten" means the peer is no worse on
 * both median lag and median calls and strictly better on one. Pure; no timing.
 */

import assert from "node:assert/strict";
import { summarize } from "../../bench/stats";
import { beats, frontierCells, peerIds } from "../../bench/targets";
import type { VirtualCell } from "../../bench/virtualTime";

function cell(poller: string, lagMs: number, calls: number, curve = "none", durationMs = 60_000): VirtualCell {
    return {
        durationMs,
        curve: curve as VirtualCell["curve"],
        poller,
        lagsMs: [lagMs],
        calls: [calls],
        lag: summarize([lagMs]),
        call: summarize([calls]),
    };
}

describe("benchmark targets: the peers' frontier", () => {
    it("a peer beats ours only when no worse on both counts and better on one", () => {
        const ours = cell("ours", 2_000, 20);
        assert.equal(beats(cell("p", 1_900, 20), ours), true, "lower lag, same calls");
        assert.equal(beats(cell("p", 2_000, 19), ours), true, "same lag, fewer calls");
        assert.equal(beats(cell("p", 2_000, 20), ours), false, "a tie is not a beat");
        assert.equal(beats(cell("p", 1_000, 21), ours), false, "lower lag bought with calls");
        assert.equal(beats(cell("p", 5_000, 7), ours), false, "fewer calls bought with lag");
    });

    it("lists, per cell of ours, the peers that beat it, leaving out ours-before", () => {
        const cells = [
            cell("ours", 2_000, 20),
            cell("ours-before", 1_000, 10),
            cell("ansible-5s", 2_400, 14),
            cell("grucloud-10s", 1_500, 7),
            cell("ours", 300, 9, "linear"),
            cell("ansible-5s", 2_400, 14, "linear"),
        ];
        const ids = ["ours", "ours-before", "ansible-5s", "grucloud-10s"];
        assert.deepEqual(peerIds(ids), ["ansible-5s", "grucloud-10s"]);
        assert.deepEqual(
            frontierCells(cells, ids).map((c) => [c.curve, c.beatenBy]),
            [
                ["none", ["grucloud-10s"]],
                ["linear", []],
            ],
        );
    });
});
