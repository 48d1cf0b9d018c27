/**
 * A Lightsail DiskSnapshot as the outputs of a resource that is one (a DiskSnapshot, a
 * DiskSnapshotCopy). Pure.
 */

import type { DiskSnapshot as LightsailDiskSnapshot } from "@aws-sdk/client-lightsail";
import { pick, stateInputKeys, tagMap, toPlainJson, withoutProvider } from "../../outputs";
import type { ResourceSchema } from "../../schema";
import { type DiskSnapshotInputs, type DiskSnapshotOutputs, diskSnapshotSchema } from "./schema";

/** The inputs a snapshot's outputs are made from; a snapshot read by name alone has only its region. */
export type SnapshotOutputSource = Partial<DiskSnapshotInputs>;

/**
 * The outputs of a resource that is a disk snapshot: the inputs `schema` keeps in the state, with
 * what Lightsail reports of the live snapshot laid over them (its name and tags are Lightsail's).
 */
export function snapshotOutputsOf(
    schema: ResourceSchema,
    inputs: { region?: string },
    snapshot: LightsailDiskSnapshot,
): Record<string, unknown> {
    const echoed = pick(withoutProvider(inputs), stateInputKeys(schema));
    // Lightsail reports every field of a snapshot; one it leaves out is left out here too.
    const outputs = {
        ...echoed,
        diskSnapshotName: snapshot.name,
        arn: snapshot.arn,
        state: snapshot.state,
        progress: snapshot.progress,
        sizeInGb: snapshot.sizeInGb,
        createdAt: snapshot.createdAt,
        fromDiskName: snapshot.fromDiskName,
        fromDiskArn: snapshot.fromDiskArn,
        fromInstanceName: snapshot.fromInstanceName,
        fromInstanceArn: snapshot.fromInstanceArn,
        isFromAutoSnapshot: snapshot.isFromAutoSnapshot ?? false,
        location: snapshot.location && {
            availabilityZone: snapshot.location.availabilityZone,
            regionName: snapshot.location.regionName,
        },
        resourceType: snapshot.resourceType,
        supportCode: snapshot.supportCode,
        tags: tagMap(snapshot.tags),
        region: inputs.region ?? snapshot.location?.regionName,
    };
    return toPlainJson(outputs) as Record<string, unknown>;
}

/** The outputs of a DiskSnapshot (see {@link snapshotOutputsOf}). */
export function snapshotOutputs(inputs: SnapshotOutputSource, snapshot: LightsailDiskSnapshot): DiskSnapshotOutputs {
    return snapshotOutputsOf(diskSnapshotSchema, inputs, snapshot) as DiskSnapshotOutputs;
}
