/**
 * Which snapshot a resource starts from, checked the same way wherever it is declared: a manual
 * snapshot by name, or an automatic snapshot of a disk, of a given day (`restoreDate`) or the
 * newest (`useLatestRestorableAutoSnapshot`). DiskFromSnapshot and DiskSnapshotCopy both take
 * one; they differ only in what the manual snapshot's input is called. Pure.
 */

import type { EngineProperties } from "../outputs";
import { describe, type InputFailure, isAbsent, isUnknown, validateBoolean } from "../validation";

/** `YYYY-MM-DD`, as GetAutoSnapshots dates automatic snapshots. */
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True when `YYYY-MM-DD` names a real day (not 2026-02-30). */
function isCalendarDay(text: string): boolean {
    const ms = Date.parse(`${text}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(text);
}

function validateRestoreDate(value: unknown): InputFailure[] {
    if (isAbsent(value) || isUnknown(value)) return [];
    const valid = typeof value === "string" && DATE_PATTERN.test(value) && isCalendarDay(value);
    return valid
        ? []
        : [
              {
                  property: "restoreDate",
                  reason: `restoreDate ${describe(value)} is not a date; allowed: "YYYY-MM-DD", a day getAutoSnapshots lists`,
              },
          ];
}

/**
 * The two kinds of source, for `validateExactlyOne`.
 *
 * @param manualProperty The input naming a manual snapshot (`diskSnapshotName`, `sourceSnapshotName`).
 */
export function snapshotSources<const M extends string>(manualProperty: M) {
    return [
        { property: manualProperty, means: "a manual snapshot" },
        { property: "sourceDiskName", means: "a disk whose automatic snapshot to use" },
    ] as const;
}

/**
 * Which automatic snapshot: exactly one of `restoreDate` and `useLatestRestorableAutoSnapshot:
 * true`, and only with `sourceDiskName`.
 *
 * @param manualProperty The input naming a manual snapshot, for the message when they are mixed.
 */
export function validateAutoSnapshotChoice(news: EngineProperties, manualProperty: string): InputFailure[] {
    const date = news.restoreDate;
    const latest = news.useLatestRestorableAutoSnapshot;
    const failures = [...validateRestoreDate(date), ...validateBoolean("useLatestRestorableAutoSnapshot", latest)];
    if (failures.length > 0) return failures;
    if (isAbsent(news.sourceDiskName)) {
        for (const property of ["restoreDate", "useLatestRestorableAutoSnapshot"] as const) {
            if (!isAbsent(news[property])) {
                return [
                    {
                        property,
                        reason: `${property} chooses an automatic snapshot: it goes with sourceDiskName, not with ${manualProperty}`,
                    },
                ];
            }
        }
        return [];
    }
    if (!isAbsent(date) && latest === true) {
        return [
            {
                property: "useLatestRestorableAutoSnapshot",
                reason: "restoreDate and useLatestRestorableAutoSnapshot are mutually exclusive: choose a day, or the newest",
            },
        ];
    }
    if (isAbsent(date) && latest !== true && !isUnknown(latest)) {
        return [
            {
                property: "restoreDate",
                reason: 'sourceDiskName needs the automatic snapshot to use: set restoreDate ("YYYY-MM-DD") or useLatestRestorableAutoSnapshot: true',
            },
        ];
    }
    return [];
}

/**
 * What a generated name depends on besides the stack, resource name and region: the source.
 *
 * @param manualProperty The input naming a manual snapshot.
 */
export function sourceIdentity(news: EngineProperties, manualProperty: string): unknown {
    const manual = news[manualProperty];
    if (!isAbsent(manual)) return manual;
    // An automatic snapshot is known once its disk and day are: until then, so is the name.
    for (const part of [news.sourceDiskName, news.restoreDate]) if (isUnknown(part)) return part;
    return `auto:${String(news.sourceDiskName)}:${String(news.restoreDate ?? "latest")}`;
}
