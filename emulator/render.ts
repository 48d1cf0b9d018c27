/**
 * Wire rendering: emulator records to Lightsail output shapes (member names and order as AWS sends
 * them, timestamps as epoch seconds, optional members omitted rather than null).
 *
 * @module
 */

import { toEpochSeconds } from "./protocol";
import type { DiskRecord, DiskSnapshotRecord, InstanceRecord, OperationRecord, Tag } from "./types";

/** A JSON object as sent on the wire. */
export type Wire = Record<string, unknown>;

function tags(list: readonly Tag[]): Wire[] {
    return list.map((t) => (t.value === undefined ? { key: t.key } : { key: t.key, value: t.value }));
}

function iops(sizeInGb: number): number {
    return Math.max(100, 3 * sizeInGb);
}

/** Renders an `Operation` as of `nowMs`. */
export function renderOperation(op: OperationRecord, nowMs: number): Wire {
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
    out.statusChangedAt = toEpochSeconds(settled ? op.settlesAtMs : op.createdAtMs);
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
export function renderSnapshot(s: DiskSnapshotRecord): Wire {
    const out: Wire = {
        name: s.name,
        arn: s.arn,
        supportCode: s.supportCode,
        createdAt: toEpochSeconds(s.createdAtMs),
        location: { availabilityZone: "all", regionName: s.region },
        resourceType: "DiskSnapshot",
        tags: tags(s.tags),
        sizeInGb: s.sizeInGb,
        state: s.state,
    };
    if (s.progress !== undefined) {
        out.progress = s.progress;
    }
    if (s.source.kind === "disk") {
        out.fromDiskName = s.source.name;
        out.fromDiskArn = s.source.arn;
    } else {
        out.fromInstanceName = s.source.name;
        out.fromInstanceArn = s.source.arn;
    }
    out.isFromAutoSnapshot = false;
    return out;
}

/** Renders a block storage `Disk` as of `nowMs` (disks are never attached in the emulator). */
export function renderDisk(d: DiskRecord, nowMs: number): Wire {
    return {
        name: d.name,
        arn: d.arn,
        supportCode: d.supportCode,
        createdAt: toEpochSeconds(d.createdAtMs),
        location: { availabilityZone: d.availabilityZone, regionName: d.region },
        resourceType: "Disk",
        tags: tags(d.tags),
        sizeInGb: d.sizeInGb,
        isSystemDisk: false,
        iops: iops(d.sizeInGb),
        state: nowMs >= d.readyAtMs ? "available" : "pending",
        isAttached: false,
        attachmentState: "detached",
    };
}

/** Renders an `Instance` as of `nowMs`. */
export function renderInstance(i: InstanceRecord, nowMs: number): Wire {
    const running = nowMs >= i.readyAtMs;
    const out: Wire = {
        name: i.name,
        arn: i.arn,
        supportCode: i.supportCode,
        createdAt: toEpochSeconds(i.createdAtMs),
        location: { availabilityZone: i.availabilityZone, regionName: i.region },
        resourceType: "Instance",
        tags: tags(i.tags),
        blueprintId: i.blueprintId,
        blueprintName: i.blueprintName,
        bundleId: i.bundleId,
        isStaticIp: false,
        privateIpAddress: i.privateIpAddress,
        publicIpAddress: i.publicIpAddress,
        hardware: {
            cpuCount: i.cpuCount,
            disks: [
                {
                    createdAt: toEpochSeconds(i.createdAtMs),
                    sizeInGb: i.systemDiskSizeInGb,
                    isSystemDisk: true,
                    iops: iops(i.systemDiskSizeInGb),
                    path: "/dev/xvda",
                    attachedTo: i.name,
                    attachmentState: "attached",
                },
            ],
            ramSizeInGb: i.ramSizeInGb,
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
        state: running ? { code: 16, name: "running" } : { code: 0, name: "pending" },
        username: i.username,
    };
    if (i.sshKeyName !== undefined) {
        out.sshKeyName = i.sshKeyName;
    }
    return out;
}
