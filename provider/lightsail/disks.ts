/**
 * The Lightsail calls that restore and attach block storage disks, and that stop and start the
 * instance a disk is detached from, each one thin. Not-found becomes `undefined` where absence is
 * an answer.
 */

import {
    AttachDiskCommand,
    CreateDiskFromSnapshotCommand,
    DeleteDiskCommand,
    DetachDiskCommand,
    type Disk,
    GetDiskCommand,
    GetDisksCommand,
    GetInstanceCommand,
    type Instance,
    type LightsailClient,
    type Operation,
    StartInstanceCommand,
    StopInstanceCommand,
} from "@aws-sdk/client-lightsail";
import { isNotFound } from "./errors";
import { toTagList } from "./snapshots";

/** What a restored disk is made from: a manual snapshot, or an automatic snapshot of a disk. */
export type RestoreSource =
    | { diskSnapshotName: string }
    | { sourceDiskName: string; restoreDate?: string; useLatestRestorableAutoSnapshot?: boolean };

/** What {@link createDiskFromSnapshot} sends. */
export interface RestoreRequest {
    diskName: string;
    availabilityZone: string;
    sizeInGb: number;
    source: RestoreSource;
    tags: Record<string, string>;
}

/** Creates a disk from a snapshot, with the tags in the request itself. */
export async function createDiskFromSnapshot(client: LightsailClient, request: RestoreRequest): Promise<Operation[]> {
    const answer = await client.send(
        new CreateDiskFromSnapshotCommand({
            diskName: request.diskName,
            availabilityZone: request.availabilityZone,
            sizeInGb: request.sizeInGb,
            ...request.source,
            tags: toTagList(request.tags),
        }),
    );
    return answer.operations ?? [];
}

/** One page of the disks in the client's region, from `pageToken` (undefined: the first). */
export async function disksPage(
    client: LightsailClient,
    pageToken: string | undefined,
): Promise<{ items: Disk[]; nextPageToken?: string }> {
    const answer = await client.send(new GetDisksCommand({ pageToken }));
    return { items: answer.disks ?? [], nextPageToken: answer.nextPageToken || undefined };
}

/** The disk, or undefined when it does not exist. */
export async function findDisk(client: LightsailClient, name: string): Promise<Disk | undefined> {
    try {
        return (await client.send(new GetDiskCommand({ diskName: name }))).disk;
    } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
    }
}

/** The instance, or undefined when it does not exist. */
export async function findInstance(client: LightsailClient, name: string): Promise<Instance | undefined> {
    try {
        return (await client.send(new GetInstanceCommand({ instanceName: name }))).instance;
    } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
    }
}

/** Attaches a disk to an instance at a device path. */
export async function attachDisk(
    client: LightsailClient,
    diskName: string,
    instanceName: string,
    diskPath: string,
): Promise<void> {
    await client.send(new AttachDiskCommand({ diskName, instanceName, diskPath }));
}

/** Detaches a disk (Lightsail requires its instance to be stopped). */
export async function detachDisk(client: LightsailClient, diskName: string): Promise<void> {
    await client.send(new DetachDiskCommand({ diskName }));
}

/** Deletes a disk; true when it was there, false when it was already gone. */
export async function deleteDisk(client: LightsailClient, name: string): Promise<boolean> {
    try {
        await client.send(new DeleteDiskCommand({ diskName: name }));
        return true;
    } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
    }
}

/** Stops an instance. */
export async function stopInstance(client: LightsailClient, name: string): Promise<void> {
    await client.send(new StopInstanceCommand({ instanceName: name }));
}

/** Starts an instance. */
export async function startInstance(client: LightsailClient, name: string): Promise<void> {
    await client.send(new StartInstanceCommand({ instanceName: name }));
}
