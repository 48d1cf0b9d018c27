/**
 * When automatic snapshots are taken, as pure functions of time (UTC days, no I/O).
 *
 * An enabled automatic snapshot add-on holds the instant of its next snapshot. After a snapshot, the
 * next one is at the configured time of day on the following day. Changing the time follows the rules
 * Lightsail documents for `AutoSnapshotAddOnRequest`: the change usually applies at once, but it
 * waits a day when it would give the current day two snapshots or one too soon.
 *
 * @module
 */

import type { AddOnStatus, AutoSnapshotAddOnRecord, AutoSnapshotRecord, AutoSnapshotStatus, Immutable } from "./types";

/** One day, ms. */
export const DAY_MS = 86_400_000;

/** A time change or first snapshot closer than this to now waits until the following day (Lightsail: 30 minutes). */
export const SCHEDULE_NOTICE_MS = 30 * 60_000;

/** Automatic snapshots kept per resource; taking one more drops the oldest (Lightsail keeps seven). */
export const AUTO_SNAPSHOT_RETENTION = 7;

/** The model's `TimeOfDay` pattern. */
export const TIME_OF_DAY_PATTERN = /^(0[0-9]|1[0-9]|2[0-3]):[0-5][0-9]$/;

/** The model's `AutoSnapshotDate` pattern. */
export const AUTO_SNAPSHOT_DATE_PATTERN = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/**
 * Daily snapshot time Lightsail assigns when EnableAddOn gives none, by region (from the developer
 * guide's "Default automatic snapshot times for AWS Regions").
 */
export const DEFAULT_SNAPSHOT_TIMES: Readonly<Record<string, string>> = {
    "us-east-2": "03:00",
    "us-east-1": "06:00",
    "us-west-2": "06:00",
    "ap-south-1": "17:00",
    "ap-northeast-2": "13:00",
    "ap-southeast-1": "14:00",
    "ap-southeast-2": "12:00",
    "ap-northeast-1": "13:00",
    "ca-central-1": "06:00",
    "eu-central-1": "20:00",
    "eu-west-1": "22:00",
    "eu-west-2": "06:00",
    "eu-west-3": "07:00",
    "eu-north-1": "08:00",
};

/** Default time for regions the guide's table leaves out. */
export const FALLBACK_SNAPSHOT_TIME = "06:00";

/** The default daily snapshot time of a region. */
export function defaultSnapshotTime(region: string): string {
    return DEFAULT_SNAPSHOT_TIMES[region] ?? FALLBACK_SNAPSHOT_TIME;
}

/** Start (00:00 UTC) of the day holding `ms`. */
export function dayStart(ms: number): number {
    return ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
}

/** The instant `timeOfDay` (`HH:MM`) on the UTC day that starts at `dayStartMs`. */
export function atTimeOfDay(dayStartMs: number, timeOfDay: string): number {
    const [hours, minutes] = timeOfDay.split(":").map(Number);
    return dayStartMs + (hours ?? 0) * 3_600_000 + (minutes ?? 0) * 60_000;
}

/** The UTC date (`YYYY-MM-DD`) of an instant. */
export function dateOf(ms: number): string {
    return new Date(ms).toISOString().slice(0, 10);
}

/** The UTC time of day (`HH:MM`) of an instant. */
export function timeOfDayOf(ms: number): string {
    return new Date(ms).toISOString().slice(11, 16);
}

/** Whether a day (a `YYYY-MM-DD` date) already has, or has had, its automatic snapshot. */
export type DayTaken = (date: string) => boolean;

/**
 * The first snapshot of a newly enabled add-on: `timeOfDay` on the first day that has no snapshot yet
 * and where that time is more than {@link SCHEDULE_NOTICE_MS} away, and not before `notBeforeMs`
 * (when the add-on is enabled).
 */
export function firstSnapshotAt(nowMs: number, timeOfDay: string, taken: DayTaken, notBeforeMs = nowMs): number {
    for (let day = dayStart(nowMs); ; day += DAY_MS) {
        const at = atTimeOfDay(day, timeOfDay);
        if (at - nowMs > SCHEDULE_NOTICE_MS && at >= notBeforeMs && !taken(dateOf(at))) {
            return at;
        }
    }
}

/**
 * The next snapshot after changing an enabled add-on's time from `oldTime` (next snapshot at
 * `oldNextMs`) to `newTime`, following Lightsail's rules:
 * - a day that has had its snapshot gets no other: the new time starts the following day;
 * - if today's snapshot is still to come at the old time, it stays there (and the new time starts the
 *   following day) when the new time is earlier, when the new time is within 30 minutes, or when
 *   the old time is within 30 minutes;
 * - otherwise the new time applies at once.
 */
export function retimedSnapshotAt(
    nowMs: number,
    oldNextMs: number,
    oldTime: string,
    newTime: string,
    taken: DayTaken,
    notBeforeMs = nowMs,
): number {
    const today = dayStart(nowMs);
    if (dayStart(oldNextMs) === today && oldNextMs > nowMs) {
        const newToday = atTimeOfDay(today, newTime);
        const deferred =
            newTime < oldTime || newToday - nowMs <= SCHEDULE_NOTICE_MS || oldNextMs - nowMs <= SCHEDULE_NOTICE_MS;
        if (deferred || newToday < notBeforeMs) {
            return oldNextMs;
        }
        return newToday;
    }
    return firstSnapshotAt(nowMs, newTime, taken, notBeforeMs);
}

/**
 * The instants at which an add-on's snapshots fell due up to `nowMs`, oldest first, at most `keep`
 * (older ones would be dropped at once), and the instant of the next snapshot after them.
 */
export function dueSnapshotTimes(
    addOn: Immutable<Pick<AutoSnapshotAddOnRecord, "enabled" | "nextSnapshotAtMs" | "snapshotTimeOfDay">>,
    nowMs: number,
    keep = AUTO_SNAPSHOT_RETENTION,
): { due: number[]; nextMs: number } {
    const first = addOn.nextSnapshotAtMs;
    if (!addOn.enabled || first > nowMs) {
        return { due: [], nextMs: first };
    }
    // After the first (possibly at an earlier time of day), one a day at the configured time.
    const second = atTimeOfDay(dayStart(first) + DAY_MS, addOn.snapshotTimeOfDay);
    const later = second > nowMs ? 0 : Math.floor((nowMs - second) / DAY_MS) + 1;
    const due = later < keep ? [first] : [];
    for (let i = Math.max(0, later - keep); i < later; i++) {
        due.push(second + i * DAY_MS);
    }
    const last = due[due.length - 1] as number;
    return { due, nextMs: atTimeOfDay(dayStart(last) + DAY_MS, addOn.snapshotTimeOfDay) };
}

/** The add-on's `status` at `nowMs`: `Enabling` → `Enabled`, `Disabling` → `Disabled`. */
export function addOnStatus(
    addOn: Immutable<Pick<AutoSnapshotAddOnRecord, "enabled" | "settlesAtMs">>,
    nowMs: number,
): AddOnStatus {
    const settled = nowMs >= addOn.settlesAtMs;
    if (addOn.enabled) {
        return settled ? "Enabled" : "Enabling";
    }
    return settled ? "Disabled" : "Disabling";
}

/** An automatic snapshot's `status` at `nowMs`: `InProgress` for its duration, then `Success`. */
export function autoSnapshotStatus(
    snapshot: Immutable<Pick<AutoSnapshotRecord, "createdAtMs" | "durationMs">>,
    nowMs: number,
): AutoSnapshotStatus {
    return nowMs >= snapshot.createdAtMs + snapshot.durationMs ? "Success" : "InProgress";
}
