/**
 * The Lightsail calls this project makes about disk snapshots, each one thin: build the command,
 * send it, hand back the SDK's answer. Not-found becomes `undefined` where absence is an answer.
 */

import {
    CopySnapshotCommand,
    CreateDiskSnapshotCommand,
    DeleteDiskSnapshotCommand,
    type DiskSnapshot,
    GetDiskSnapshotCommand,
    GetDiskSnapshotsCommand,
    GetOperationCommand,
    type LightsailClient,
    type Operation,
    type RegionName,
    TagResourceCommand,
    UntagResourceCommand,
} from "@aws-sdk/client-lightsail";
import { tagChanges } from "../diff";
import { isNotFound } from "./errors";

/** What CreateDiskSnapshot needs. */
export interface CreateSnapshotRequest {
    diskSnapshotName: string;
    diskName?: string;
    instanceName?: string;
    tags: Record<string, string>;
}

/** Turns a tag map into Lightsail's list of `{ key, value }`. */
export function toTagList(tags: Record<string, string>): { key: string; value: string }[] {
    return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

/** Creates the snapshot, with its tags in the same request, and returns Lightsail's operations. */
export async function createDiskSnapshot(
    client: LightsailClient,
    request: CreateSnapshotRequest,
): Promise<Operation[]> {
    const answer = await client.send(
        new CreateDiskSnapshotCommand({
            diskSnapshotName: request.diskSnapshotName,
            diskName: request.diskName,
            instanceName: request.instanceName,
            // Tags go in the request itself: tag-based access control evaluates request tags.
            tags: toTagList(request.tags),
        }),
    );
    return answer.operations ?? [];
}

/** What {@link copySnapshot} sends: the source (in `sourceRegion`) and the copy's name. */
export interface CopyRequest {
    targetSnapshotName: string;
    sourceRegion: string;
    source:
        | { sourceSnapshotName: string }
        | { sourceResourceName: string; restoreDate?: string; useLatestRestorableAutoSnapshot?: boolean };
}

/**
 * Copies a snapshot with CopySnapshot. `client` must be the target region's: Lightsail makes the
 * copy in the region the request is sent to. The request has no tags member.
 */
export async function copySnapshot(client: LightsailClient, request: CopyRequest): Promise<Operation[]> {
    const answer = await client.send(
        new CopySnapshotCommand({
            targetSnapshotName: request.targetSnapshotName,
            sourceRegion: request.sourceRegion as RegionName,
            ...request.source,
        }),
    );
    return answer.operations ?? [];
}

/** The snapshot, or undefined when it does not exist. */
export async function findDiskSnapshot(client: LightsailClient, name: string): Promise<DiskSnapshot | undefined> {
    try {
        const answer = await client.send(new GetDiskSnapshotCommand({ diskSnapshotName: name }));
        return answer.diskSnapshot;
    } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
    }
}

/** One page of the snapshots in the client's region, from `pageToken` (undefined: the first). */
export async function diskSnapshotsPage(
    client: LightsailClient,
    pageToken: string | undefined,
): Promise<{ items: DiskSnapshot[]; nextPageToken?: string }> {
    const answer = await client.send(new GetDiskSnapshotsCommand({ pageToken }));
    return { items: answer.diskSnapshots ?? [], nextPageToken: answer.nextPageToken || undefined };
}

/** Every snapshot in the client's region, through all pages. */
export async function listDiskSnapshots(client: LightsailClient): Promise<DiskSnapshot[]> {
    const snapshots: DiskSnapshot[] = [];
    let pageToken: string | undefined;
    do {
        const page = await diskSnapshotsPage(client, pageToken);
        snapshots.push(...page.items);
        pageToken = page.nextPageToken;
    } while (pageToken);
    return snapshots;
}

/** Deletes the snapshot; returns false when it was already gone. */
export async function deleteDiskSnapshot(client: LightsailClient, name: string): Promise<boolean> {
    try {
        await client.send(new DeleteDiskSnapshotCommand({ diskSnapshotName: name }));
        return true;
    } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
    }
}

/** Adds or overwrites tags on the snapshot. */
export async function tagDiskSnapshot(
    client: LightsailClient,
    name: string,
    tags: Record<string, string>,
): Promise<void> {
    await client.send(new TagResourceCommand({ resourceName: name, tags: toTagList(tags) }));
}

/** Removes tags from the snapshot. */
export async function untagDiskSnapshot(client: LightsailClient, name: string, keys: string[]): Promise<void> {
    await client.send(new UntagResourceCommand({ resourceName: name, tagKeys: keys }));
}

/** The operation, or undefined when Lightsail no longer knows it. */
export async function findOperation(client: LightsailClient, id: string): Promise<Operation | undefined> {
    try {
        const answer = await client.send(new GetOperationCommand({ operationId: id }));
        return answer.operation;
    } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
    }
}

/** A failed tag call, naming which one failed. */
export class TagCallError extends Error {
    /**
     * @param action `TagResource` or `UntagResource`.
     * @param cause The SDK's error.
     */
    constructor(
        readonly action: "TagResource" | "UntagResource",
        override readonly cause: unknown,
    ) {
        super(`${action} failed`, { cause });
        this.name = "TagCallError";
    }
}

/**
 * Brings the snapshot's tags from `current` to `desired` with only the difference: one
 * TagResource for new and changed tags, one UntagResource for removed keys, none when equal.
 *
 * @throws TagCallError naming the call that failed.
 */
export async function syncTags(
    client: LightsailClient,
    name: string,
    current: Record<string, string>,
    desired: Record<string, string>,
): Promise<void> {
    const { toSet, toRemove } = tagChanges(current, desired);
    try {
        if (Object.keys(toSet).length > 0) await tagDiskSnapshot(client, name, toSet);
    } catch (error) {
        throw new TagCallError("TagResource", error);
    }
    try {
        if (toRemove.length > 0) await untagDiskSnapshot(client, name, toRemove);
    } catch (error) {
        throw new TagCallError("UntagResource", error);
    }
}
