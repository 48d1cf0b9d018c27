/**
 * The automatic snapshot schedule on its own: first snapshot, time changes by Lightsail's rules, due
 * snapshots after the clock has moved, add-on and snapshot status.
 */
import assert from "node:assert/strict";
import {
    addOnStatus,
    autoSnapshotStatus,
    DAY_MS,
    dateOf,
    dayStart,
    defaultSnapshotTime,
    dueSnapshotTimes,
    firstSnapshotAt,
    retimedSnapshotAt,
    timeOfDayOf,
} from "../../emulator/autoSnapshotSchedule";

const at = (iso: string): number => Date.parse(iso);
const none = (): boolean => false;

describe("emulator automatic snapshot schedule", () => {
    it("works in UTC days", () => {
        assert.equal(dayStart(at("2024-03-05T23:59:59.999Z")), at("2024-03-05T00:00:00Z"));
        assert.equal(dateOf(at("2024-03-05T23:59:59Z")), "2024-03-05");
        assert.equal(timeOfDayOf(at("2024-03-05T06:00:00Z")), "06:00");
        assert.equal(defaultSnapshotTime("eu-west-1"), "22:00");
        assert.equal(defaultSnapshotTime("us-east-2"), "03:00");
        assert.equal(defaultSnapshotTime("us-west-1"), "06:00", "regions the guide leaves out");
    });

    it("takes the first snapshot at the next time more than 30 minutes away on a day without one", () => {
        const now = at("2024-01-01T05:00:00Z");
        assert.equal(firstSnapshotAt(now, "06:00", none), at("2024-01-01T06:00:00Z"));
        assert.equal(firstSnapshotAt(now, "05:30", none), at("2024-01-02T05:30:00Z"), "exactly 30 minutes away");
        assert.equal(firstSnapshotAt(now, "04:00", none), at("2024-01-02T04:00:00Z"), "already past today");
        const todayTaken = (date: string) => date === "2024-01-01";
        assert.equal(firstSnapshotAt(now, "20:00", todayTaken), at("2024-01-02T20:00:00Z"));
        assert.equal(
            firstSnapshotAt(now, "06:00", none, at("2024-01-01T06:00:01Z")),
            at("2024-01-02T06:00:00Z"),
            "not before the add-on is enabled",
        );
    });

    it("changes the time at once, or from the next day as Lightsail documents", () => {
        const now = at("2024-01-01T08:00:00Z");
        const oldNext = at("2024-01-01T12:00:00Z"); // today's snapshot still to come at 12:00
        assert.equal(retimedSnapshotAt(now, oldNext, "12:00", "14:00", none), at("2024-01-01T14:00:00Z"), "later");
        assert.equal(retimedSnapshotAt(now, oldNext, "12:00", "10:00", none), oldNext, "earlier: old time today");
        assert.equal(retimedSnapshotAt(now, oldNext, "12:00", "08:00", none), oldNext, "within 30 minutes");
        const soon = at("2024-01-01T08:20:00Z");
        assert.equal(retimedSnapshotAt(now, soon, "08:20", "15:00", none), soon, "old time within 30 minutes");
        // Today's snapshot taken: the next is tomorrow, at the new time whether earlier or later.
        const tomorrow = at("2024-01-02T06:00:00Z");
        const todayTaken = (date: string) => date <= "2024-01-01";
        assert.equal(retimedSnapshotAt(now, tomorrow, "06:00", "20:00", todayTaken), at("2024-01-02T20:00:00Z"));
        assert.equal(retimedSnapshotAt(now, tomorrow, "06:00", "03:00", todayTaken), at("2024-01-02T03:00:00Z"));
        // No snapshot today and none pending today (enabled after its time): a later time applies today.
        assert.equal(retimedSnapshotAt(now, tomorrow, "06:00", "20:00", none), at("2024-01-01T20:00:00Z"));
    });

    it("lists the snapshots that fell due, at most the seven kept, and the next one", () => {
        const addOn = { enabled: true, nextSnapshotAtMs: at("2024-01-01T06:00:00Z"), snapshotTimeOfDay: "06:00" };
        assert.deepEqual(dueSnapshotTimes(addOn, at("2024-01-01T05:59:59Z")), {
            due: [],
            nextMs: addOn.nextSnapshotAtMs,
        });
        assert.deepEqual(dueSnapshotTimes(addOn, at("2024-01-01T06:00:00Z")), {
            due: [addOn.nextSnapshotAtMs],
            nextMs: at("2024-01-02T06:00:00Z"),
        });
        const afterTen = dueSnapshotTimes(addOn, at("2024-01-10T07:00:00Z"));
        assert.deepEqual(afterTen.due.map(dateOf), [
            "2024-01-04",
            "2024-01-05",
            "2024-01-06",
            "2024-01-07",
            "2024-01-08",
            "2024-01-09",
            "2024-01-10",
        ]);
        assert.equal(afterTen.nextMs, at("2024-01-11T06:00:00Z"));
        // A deferred change: today's at the old time, then the configured time.
        const deferred = { enabled: true, nextSnapshotAtMs: at("2024-01-01T12:00:00Z"), snapshotTimeOfDay: "10:00" };
        assert.deepEqual(dueSnapshotTimes(deferred, at("2024-01-02T11:00:00Z")).due.map(timeOfDayOf), [
            "12:00",
            "10:00",
        ]);
        assert.deepEqual(dueSnapshotTimes({ ...addOn, enabled: false }, at("2024-02-01T00:00:00Z")).due, []);
        assert.equal(dueSnapshotTimes(addOn, addOn.nextSnapshotAtMs + 1000 * DAY_MS).due.length, 7);
    });

    it("derives the add-on's and the snapshots' status from time", () => {
        assert.equal(addOnStatus({ enabled: true, settlesAtMs: 10 }, 9), "Enabling");
        assert.equal(addOnStatus({ enabled: true, settlesAtMs: 10 }, 10), "Enabled");
        assert.equal(addOnStatus({ enabled: false, settlesAtMs: 10 }, 9), "Disabling");
        assert.equal(addOnStatus({ enabled: false, settlesAtMs: 10 }, 10), "Disabled");
        assert.equal(autoSnapshotStatus({ createdAtMs: 0, durationMs: 5 }, 4), "InProgress");
        assert.equal(autoSnapshotStatus({ createdAtMs: 0, durationMs: 5 }, 5), "Success");
    });
});
