/**
 * Wire rendering: emulator records to Lightsail output shapes (member names and order as AWS sends
 * them, timestamps as epoch seconds, optional members omitted rather than null).
 *
 * @module
 */

import { addOnStatus, timeOfDayOf } from "./autoSnapshotSchedule";
import { currentAttachment, diskStateAt, instanceStateAt } from "./lifecycle";
import { toEpochSeconds } from "./protocol";
import type {
    AutoSnapshotHolder,
    AutoSnapshotView,
    DiskRecord,
    DiskSnapshotRecord,
    Immutable,
    InstanceRecord,
    OperationRecord,
    Tag,
} from "./types";

/** A JSON object as sent on the wire. */
export type Wire = Record<string, unknown>;

function tags(list: Immutable<Tag[]>): Wire[] {
    return list.map((tag) => (tag.value === undefined ? { key: tag.key } : { key: tag.key, value: tag.value }));
}

function iops(sizeInGb: number): number {
    return Math.max(100, 3 * sizeInGb);
}

/** Renders an `Operation` as of `nowMs`. */
export function renderOperation(op: Immutable<OperationRecord>, nowMs: number): Wire {
    const settled = nowMs >= op.settlesAtMs;
    const out: Wire = {
        id: op.id,
        resourceName: op.resourceName,
        resourceType: op.resourceType,
        createdAt: toEpochSeconds(op.createdAtMs),
        location: { availabilityZone: op.availabilityZone, regionName: op.region },
        isTerminal: settled,
    };
    if (op.operationDetails !== undefined) {
        out.operationDetails = op.operationDetails;
    }
    if (op.operationType !== undefined) {
        out.operationType = op.operationType;
    }
    out.status = settled ? op.outcome : "Started";
    if (op.omitStatusChangedAt !== true) {
        out.statusChangedAt = toEpochSeconds(settled ? op.settlesAtMs : op.createdAtMs);
    }
    if (settled && op.outcome === "Failed") {
        if (op.errorCode !== undefined) {
            out.errorCode = op.errorCode;
        }
        if (op.errorDetails !== undefined) {
            out.errorDetails = op.errorDetails;
        }
    }
    return out;
}

/** Renders a `DiskSnapshot`. */
export function renderSnapshot(snapshot: Immutable<DiskSnapshotRecord>): Wire {
    const out: Wire = {
        name: snapshot.name,
        arn: snapshot.arn,
        supportCode: snapshot.supportCode,
        createdAt: toEpochSeconds(snapshot.createdAtMs),
        location: { availabilityZone: "all", regionName: snapshot.region },
        resourceType: "DiskSnapshot",
        tags: tags(snapshot.tags),
        sizeInGb: snapshot.sizeInGb,
        state: snapshot.state,
    };
    if (snapshot.progress !== undefined) {
        out.progress = snapshot.progress;
    }
    if (snapshot.source.kind === "disk") {
        out.fromDiskName = snapshot.source.name;
        out.fromDiskArn = snapshot.source.arn;
    } else {
        out.fromInstanceName = snapshot.source.name;
        out.fromInstanceArn = snapshot.source.arn;
    }
    out.isFromAutoSnapshot = snapshot.isFromAutoSnapshot === true;
    return out;
}

/**
 * The `addOns` member of a disk or instance as of `nowMs`: absent until the automatic snapshot add-on
 * is first enabled (as in Lightsail's examples of resources without add-ons); while enabling or
 * enabled it carries both times, once disabling only its name and status.
 */
export function renderAddOns(holder: Immutable<AutoSnapshotHolder>, nowMs: number): { addOns?: Wire[] } {
    const addOn = holder.autoSnapshotAddOn;
    if (addOn === undefined) {
        return {};
    }
    const entry: Wire = { name: "AutoSnapshot", status: addOnStatus(addOn, nowMs) };
    if (addOn.enabled) {
        entry.snapshotTimeOfDay = addOn.snapshotTimeOfDay;
        entry.nextSnapshotTimeOfDay = timeOfDayOf(addOn.nextSnapshotAtMs);
    }
    return { addOns: [entry] };
}

/** Renders an `AutoSnapshotDetails`. */
export function renderAutoSnapshot(snapshot: Immutable<AutoSnapshotView>): Wire {
    return {
        date: snapshot.date,
        createdAt: toEpochSeconds(snapshot.createdAtMs),
        status: snapshot.status,
        fromAttachedDisks: snapshot.fromAttachedDisks.map((disk) => ({ path: disk.path, sizeInGb: disk.sizeInGb })),
    };
}

/**
 * Renders a block storage `Disk` as of `nowMs`. While attached (and while attaching or detaching) it
 * carries `path`, `state: "in-use"`, `attachedTo` and `isAttached: true`, in the model's member order
 * as in the CLI's get-disk example; detached, `isAttached: false` and `attachmentState: "detached"`.
 */
export function renderDisk(disk: Immutable<DiskRecord>, nowMs: number): Wire {
    const attachment = currentAttachment(disk, nowMs);
    const out: Wire = {
        name: disk.name,
        arn: disk.arn,
        supportCode: disk.supportCode,
        createdAt: toEpochSeconds(disk.createdAtMs),
        location: { availabilityZone: disk.availabilityZone, regionName: disk.region },
        resourceType: "Disk",
        tags: tags(disk.tags),
        ...renderAddOns(disk, nowMs),
        sizeInGb: disk.sizeInGb,
        isSystemDisk: false,
        iops: iops(disk.sizeInGb),
    };
    if (attachment !== undefined) {
        out.path = attachment.path;
    }
    out.state = diskStateAt(disk, nowMs);
    if (attachment !== undefined) {
        out.attachedTo = attachment.instanceName;
    }
    out.isAttached = attachment !== undefined;
    out.attachmentState = attachment?.phase ?? "detached";
    return out;
}

/**
 * Renders an `Instance` as of `nowMs`; `hardware.disks` lists its system disk, then `attachedDisks`
 * (the block storage disks attached to it, rendered as `Disk`s).
 */
export function renderInstance(
    instance: Immutable<InstanceRecord>,
    nowMs: number,
    attachedDisks: readonly Immutable<DiskRecord>[] = [],
): Wire {
    const out: Wire = {
        name: instance.name,
        arn: instance.arn,
        supportCode: instance.supportCode,
        createdAt: toEpochSeconds(instance.createdAtMs),
        location: { availabilityZone: instance.availabilityZone, regionName: instance.region },
        resourceType: "Instance",
        tags: tags(instance.tags),
        blueprintId: instance.blueprintId,
        blueprintName: instance.blueprintName,
        bundleId: instance.bundleId,
        ...renderAddOns(instance, nowMs),
        isStaticIp: false,
        privateIpAddress: instance.privateIpAddress,
        publicIpAddress: instance.publicIpAddress,
        hardware: {
            cpuCount: instance.cpuCount,
            disks: [
                {
                    createdAt: toEpochSeconds(instance.createdAtMs),
                    sizeInGb: instance.systemDiskSizeInGb,
                    isSystemDisk: true,
                    iops: iops(instance.systemDiskSizeInGb),
                    path: "/dev/xvda",
                    attachedTo: instance.name,
                    attachmentState: "attached",
                },
                ...attachedDisks.map((disk) => renderDisk(disk, nowMs)),
            ],
            ramSizeInGb: instance.ramSizeInGb,
        },
        networking: {
            monthlyTransfer: { gbPerMonthAllocated: 1024 },
            ports: [22, 80].map((port) => ({
                fromPort: port,
                toPort: port,
                protocol: "tcp",
                accessFrom: "Anywhere (0.0.0.0/0)",
                accessType: "Public",
                commonName: "",
                accessDirection: "inbound",
                cidrs: ["0.0.0.0/0"],
                cidrListAliases: [],
            })),
        },
        state: instanceStateAt(instance, nowMs),
        username: instance.username,
    };
    if (instance.sshKeyName !== undefined) {
        out.sshKeyName = instance.sshKeyName;
    }
    return out;
}
