/**
 * A Lightsail disk as a DiskFromSnapshot resource's outputs. Pure.
 */

import type { Disk } from "@aws-sdk/client-lightsail";
import { pick, stateInputKeys, tagMap, toPlainJson, withoutProvider } from "../../outputs";
import {
    type DiskAttachment,
    type DiskFromSnapshotInputs,
    type DiskFromSnapshotOutputs,
    diskFromSnapshotSchema,
} from "./schema";

/**
 * The attachment the disk has now, when it is to the declared instance (at whatever path, so a
 * move that was cut short stays this resource's to finish); a disk attached to another instance
 * or not at all has none.
 */
export function declaredAttachment(disk: Disk, declared: DiskAttachment | undefined): DiskAttachment | undefined {
    if (!declared || !disk.isAttached || disk.attachedTo !== declared.instanceName) return undefined;
    return { instanceName: declared.instanceName, diskPath: disk.path ?? declared.diskPath };
}

/**
 * The outputs of a DiskFromSnapshot: the inputs it was made from, with what Lightsail reports of
 * the live disk laid over them. `attachTo` stays only while the disk is attached to the declared
 * instance, and carries the live path, so a detach or a move outside Pulumi shows as drift.
 */
export function diskOutputs(inputs: Partial<DiskFromSnapshotInputs>, disk: Disk): DiskFromSnapshotOutputs {
    const echoed = pick(
        withoutProvider(inputs),
        stateInputKeys(diskFromSnapshotSchema),
    ) as Partial<DiskFromSnapshotInputs>;
    const outputs = {
        ...echoed,
        diskName: disk.name,
        availabilityZone: disk.location?.availabilityZone ?? inputs.availabilityZone,
        sizeInGb: disk.sizeInGb,
        attachTo: declaredAttachment(disk, inputs.attachTo),
        arn: disk.arn,
        state: disk.state,
        isAttached: disk.isAttached ?? false,
        attachedTo: disk.isAttached ? disk.attachedTo : undefined,
        path: disk.isAttached ? disk.path : undefined,
        createdAt: disk.createdAt,
        supportCode: disk.supportCode,
        tags: tagMap(disk.tags),
        region: inputs.region ?? disk.location?.regionName,
    };
    return toPlainJson(outputs) as DiskFromSnapshotOutputs;
}
