/**
 * Instance power state and disk attachment as functions of time (pure): what a stored instance or
 * disk looks like at an instant.
 *
 * @module
 */

import type {
    AttachmentPhase,
    DiskAttachmentRecord,
    DiskRecord,
    Immutable,
    InstanceRecord,
    InstanceState,
    InstanceStateName,
} from "./types";

/** Lightsail's instance state codes (EC2's): `running` 16 as in the CLI's get-instance-state example. */
export const INSTANCE_STATE_CODES: Readonly<Record<InstanceStateName, number>> = {
    pending: 0,
    running: 16,
    stopping: 64,
    stopped: 80,
};

/** The disk paths `AttachDisk` accepts: `/dev/xvdf` to `/dev/xvdt`, one per disk an instance can hold (15). */
export const DISK_PATH_PATTERN = /^\/dev\/xvd[f-t]$/;

/** An instance's state at `nowMs`: `pending` until ready, then as its last stop or start leaves it. */
export function instanceStateAt(instance: Immutable<InstanceRecord>, nowMs: number): InstanceState {
    const power = instance.power;
    let name: InstanceStateName;
    if (power === undefined) {
        name = nowMs >= instance.readyAtMs ? "running" : "pending";
    } else if (power.target === "stopped") {
        name = nowMs >= power.settlesAtMs ? "stopped" : "stopping";
    } else {
        name = nowMs >= power.settlesAtMs ? "running" : "pending";
    }
    return { code: INSTANCE_STATE_CODES[name], name };
}

/**
 * The phase of an attachment at `nowMs`: `attaching` until it settles, `attached`, then `detaching`
 * once a detach was asked for; `undefined` once the detach has settled.
 */
export function attachmentPhaseAt(
    attachment: Immutable<DiskAttachmentRecord> | undefined,
    nowMs: number,
): AttachmentPhase | undefined {
    if (attachment === undefined) {
        return undefined;
    }
    if (attachment.detachSettlesAtMs !== undefined) {
        return nowMs >= attachment.detachSettlesAtMs ? undefined : "detaching";
    }
    return nowMs >= attachment.attachSettlesAtMs ? "attached" : "attaching";
}

/** A disk's attachment at `nowMs`, with its phase, or `undefined` when the disk is detached. */
export function currentAttachment(
    disk: Immutable<Pick<DiskRecord, "attachment">>,
    nowMs: number,
): (Immutable<DiskAttachmentRecord> & { phase: AttachmentPhase }) | undefined {
    const phase = attachmentPhaseAt(disk.attachment, nowMs);
    return phase === undefined || disk.attachment === undefined ? undefined : { ...disk.attachment, phase };
}

/** Lightsail's disk `state` at `nowMs`: `pending` until ready, `in-use` while attached (in any phase), else `available`. */
export function diskStateAt(
    disk: Immutable<Pick<DiskRecord, "attachment" | "readyAtMs">>,
    nowMs: number,
): "pending" | "available" | "in-use" {
    if (currentAttachment(disk, nowMs) !== undefined) {
        return "in-use";
    }
    return nowMs >= disk.readyAtMs ? "available" : "pending";
}
