/**
 * The Lightsail calls about a disk's or an instance's AutoSnapshot add-on and its automatic
 * snapshots, each one thin. Not-found becomes `undefined` where absence is an answer.
 */

import {
    type AddOn,
    type AutoSnapshotDetails,
    DisableAddOnCommand,
    EnableAddOnCommand,
    GetAutoSnapshotsCommand,
    GetDiskCommand,
    GetInstanceCommand,
    type LightsailClient,
    type Operation,
} from "@aws-sdk/client-lightsail";
import { isNotFound } from "./errors";

/** The two kinds of resource that take automatic snapshots. */
export type AutoSnapshotSourceType = "Disk" | "Instance";

/** A disk or instance as far as its automatic snapshots are concerned. */
export interface AutoSnapshotSource {
    /** Its name. */
    resourceName: string;
    /** `Disk` or `Instance`. */
    resourceType: AutoSnapshotSourceType;
    /** Its AutoSnapshot add-on, when Lightsail lists one. */
    addOn?: AddOn;
}

/** The add-on's type name, in requests and in `addOns` lists. */
export const AUTO_SNAPSHOT_ADD_ON = "AutoSnapshot";

/** The disk or instance with its AutoSnapshot add-on, or undefined when it does not exist. */
export async function findAutoSnapshotSource(
    client: LightsailClient,
    resourceType: AutoSnapshotSourceType,
    resourceName: string,
): Promise<AutoSnapshotSource | undefined> {
    try {
        const addOns =
            resourceType === "Disk"
                ? (await client.send(new GetDiskCommand({ diskName: resourceName }))).disk?.addOns
                : (await client.send(new GetInstanceCommand({ instanceName: resourceName }))).instance?.addOns;
        const addOn = addOns?.find((candidate) => candidate.name === AUTO_SNAPSHOT_ADD_ON);
        return addOn ? { resourceName, resourceType, addOn } : { resourceName, resourceType };
    } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
    }
}

/** Enables the AutoSnapshot add-on at a time of day, or changes the time of one already enabled. */
export async function enableAutoSnapshots(
    client: LightsailClient,
    resourceName: string,
    snapshotTimeOfDay: string,
): Promise<Operation[]> {
    const answer = await client.send(
        new EnableAddOnCommand({
            resourceName,
            addOnRequest: { addOnType: AUTO_SNAPSHOT_ADD_ON, autoSnapshotAddOnRequest: { snapshotTimeOfDay } },
        }),
    );
    return answer.operations ?? [];
}

/** Disables the AutoSnapshot add-on; the automatic snapshots already taken stay. */
export async function disableAutoSnapshots(client: LightsailClient, resourceName: string): Promise<Operation[]> {
    const answer = await client.send(new DisableAddOnCommand({ resourceName, addOnType: AUTO_SNAPSHOT_ADD_ON }));
    return answer.operations ?? [];
}

/** The automatic snapshots of a disk or instance, as Lightsail lists them (newest first). */
export async function listAutoSnapshots(client: LightsailClient, resourceName: string): Promise<AutoSnapshotDetails[]> {
    const answer = await client.send(new GetAutoSnapshotsCommand({ resourceName }));
    return answer.autoSnapshots ?? [];
}
