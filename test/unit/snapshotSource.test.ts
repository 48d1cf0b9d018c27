/**
 * Choosing the snapshot a DiskFromSnapshot or DiskSnapshotCopy starts from, as `check` sees it:
 * which `restoreDate` values are days, which property a bad `useLatestRestorableAutoSnapshot` is
 * reported on, and how the chosen source goes into a generated name (stable for the same source,
 * new for another one). Also the default create and delete timeouts of a snapshot.
 */

import assert from "node:assert/strict";
import { AUTO_NAME_BASE, AUTO_NAME_SCOPE } from "../../provider/naming";
import { checkDiskFromSnapshot } from "../../provider/resources/diskFromSnapshot/check";
import {
    DEFAULT_CREATE_TIMEOUT_MS,
    DEFAULT_DELETE_TIMEOUT_MS,
    snapshotTimeoutMs,
} from "../../provider/resources/diskSnapshot/lifecycle";
import { checkDiskSnapshotCopy } from "../../provider/resources/diskSnapshotCopy/check";
import { UNKNOWN_VALUE } from "../../provider/validation";

const random = () => 0.5;
const scoped = { [AUTO_NAME_BASE]: "restored", [AUTO_NAME_SCOPE]: "proj/dev" };
const restore = { ...scoped, availabilityZone: "us-east-1a", region: "us-east-1" };

function failuresOf(news: Record<string, unknown>) {
    const outcome = checkDiskFromSnapshot({}, news, random);
    return outcome.ok ? [] : outcome.failures;
}

/** The disk name DiskFromSnapshot's check generates for `news`. */
function generatedDiskName(news: Record<string, unknown>): string {
    const outcome = checkDiskFromSnapshot({}, { ...restore, ...news }, random);
    assert.ok(outcome.ok, JSON.stringify(outcome));
    return outcome.inputs.diskName;
}

/** The snapshot name DiskSnapshotCopy's check generates for `news`. */
function generatedCopyName(news: Record<string, unknown>): string {
    const declared = { [AUTO_NAME_BASE]: "offsite", [AUTO_NAME_SCOPE]: "proj/dev", sourceRegion: "us-east-1" };
    const outcome = checkDiskSnapshotCopy({}, { ...declared, region: "us-west-2", ...news }, random);
    assert.ok(outcome.ok, JSON.stringify(outcome));
    return outcome.inputs.diskSnapshotName;
}

describe("snapshot sources", () => {
    describe("restoreDate", () => {
        for (const [title, value, shown] of [
            ["a month without a day", "2024-01", '"2024-01"'],
            ["a year alone", "2024", '"2024"'],
            ["a day that does not exist", "2024-02-30", '"2024-02-30"'],
            ["a list holding a date", ["2024-01-01"], "a list"],
        ] as const) {
            it(`rejects ${title}`, () => {
                assert.deepEqual(failuresOf({ ...restore, sourceDiskName: "Disk-1", restoreDate: value }), [
                    {
                        property: "restoreDate",
                        reason: `restoreDate ${shown} is not a date; allowed: "YYYY-MM-DD", a day getAutoSnapshots lists`,
                    },
                ]);
            });
        }

        it("accepts a leap day", () => {
            assert.deepEqual(failuresOf({ ...restore, sourceDiskName: "Disk-1", restoreDate: "2024-02-29" }), []);
        });
    });

    it("reports a useLatestRestorableAutoSnapshot that is not a boolean on that property", () => {
        assert.deepEqual(failuresOf({ ...restore, sourceDiskName: "Disk-1", useLatestRestorableAutoSnapshot: "yes" }), [
            {
                property: "useLatestRestorableAutoSnapshot",
                reason: 'useLatestRestorableAutoSnapshot must be true or false, got "yes"',
            },
        ]);
    });

    describe("generated names", () => {
        const latest = { sourceDiskName: "Disk-1", useLatestRestorableAutoSnapshot: true };

        it("are the same on every check of the same automatic source, and stable across releases", () => {
            assert.equal(generatedDiskName(latest), generatedDiskName({ ...latest }));
            assert.equal(generatedDiskName(latest), "restored-usnlhpt");
            assert.equal(
                generatedDiskName({ sourceDiskName: "Disk-1", restoreDate: "2024-01-01" }),
                "restored-10im6cc",
            );
            assert.equal(generatedCopyName(latest), "offsite-gg72xgw");
        });

        it("differ for another disk, another day, or the newest instead of a day", () => {
            const names = [
                generatedDiskName(latest),
                generatedDiskName({ ...latest, sourceDiskName: "Disk-2" }),
                generatedDiskName({ sourceDiskName: "Disk-1", restoreDate: "2024-01-01" }),
                generatedDiskName({ sourceDiskName: "Disk-1", restoreDate: "2024-01-02" }),
                generatedDiskName({ sourceDiskName: "Disk-2", restoreDate: "2024-01-01" }),
            ];
            assert.equal(new Set(names).size, names.length, names.join(", "));
            const copies = [
                generatedCopyName(latest),
                generatedCopyName({ ...latest, sourceDiskName: "Disk-2" }),
                generatedCopyName({ sourceDiskName: "Disk-1", restoreDate: "2024-01-01" }),
            ];
            assert.equal(new Set(copies).size, copies.length, copies.join(", "));
        });

        it("differ between a manual snapshot and an automatic one", () => {
            const manual = generatedDiskName({ diskSnapshotName: "nightly-1" });
            assert.notEqual(manual, generatedDiskName(latest));
            assert.notEqual(manual, generatedDiskName({ diskSnapshotName: "nightly-2" }));
        });

        it("are not known while the manual snapshot's name is not", () => {
            assert.equal(generatedDiskName({ diskSnapshotName: UNKNOWN_VALUE }), UNKNOWN_VALUE);
        });

        it("are not known while the automatic snapshot's disk or day is not, so preview shows no name up will not use", () => {
            assert.equal(
                generatedDiskName({ sourceDiskName: UNKNOWN_VALUE, useLatestRestorableAutoSnapshot: true }),
                UNKNOWN_VALUE,
            );
            assert.equal(generatedDiskName({ sourceDiskName: "Disk-1", restoreDate: UNKNOWN_VALUE }), UNKNOWN_VALUE);
            const copy = checkDiskSnapshotCopy(
                {},
                {
                    ...scoped,
                    sourceDiskName: UNKNOWN_VALUE,
                    useLatestRestorableAutoSnapshot: true,
                    sourceRegion: "us-east-1",
                    region: "us-west-2",
                },
                random,
            );
            assert.ok(copy.ok, JSON.stringify(copy));
            assert.equal(copy.inputs.diskSnapshotName, UNKNOWN_VALUE);
        });
    });
});

describe("snapshot timeouts", () => {
    it("default to two hours for a create and twenty minutes for a delete", () => {
        assert.equal(snapshotTimeoutMs({}, "create"), DEFAULT_CREATE_TIMEOUT_MS);
        assert.equal(snapshotTimeoutMs({}, "delete"), DEFAULT_DELETE_TIMEOUT_MS);
        assert.equal(DEFAULT_CREATE_TIMEOUT_MS, 2 * 60 * 60 * 1000);
        assert.equal(DEFAULT_DELETE_TIMEOUT_MS, 20 * 60 * 1000);
    });

    it("take the declared one of each kind", () => {
        const timeouts = { create: "3h", delete: "5m" };
        assert.equal(snapshotTimeoutMs({ timeouts }, "create"), 3 * 60 * 60 * 1000);
        assert.equal(snapshotTimeoutMs({ timeouts }, "delete"), 5 * 60 * 1000);
        assert.equal(snapshotTimeoutMs({ timeouts: { delete: "5m" } }, "create"), DEFAULT_CREATE_TIMEOUT_MS);
    });
});
