/**
 * Changes made to a lane's Lightsail resources as someone else would make them: through the API,
 * outside Pulumi. The fault matrix uses them for drift, the interruption lanes to repair a lane.
 *
 * @module
 */

import { REGION } from "../harness/account";
import { callApi } from "../harness/emulatorClient";
import { sleep } from "../harness/time";
import type { Lane } from "./lane";

/** Calls Lightsail as someone else would, failing on anything but 200. */
export async function callAsSomeoneElse(lane: Lane, operation: string, body: Record<string, unknown>): Promise<void> {
    const answer = await callApi(lane.emulator.url, operation, body, REGION);
    if (answer.status !== 200) throw new Error(`${operation}: ${answer.status} ${answer.text}`);
}

/** Waits until the instance is in `state`. */
async function instanceReaches(lane: Lane, instanceName: string, state: string): Promise<void> {
    while (lane.emulator.instanceState(instanceName, REGION).name !== state) await sleep(50);
}

/**
 * Detaches a disk as someone else would, when it is attached: stop its instance, detach, start
 * the instance again. With `thenDelete`, deletes the disk too. A disk that does not exist is left be.
 */
export async function detachOutOfBand(lane: Lane, diskName: string, thenDelete = false): Promise<void> {
    if (!lane.emulator.core.world.read(REGION).disks[diskName]) return;
    const attachment = lane.emulator.diskAttachment(diskName, REGION);
    if (attachment) {
        const { instanceName } = attachment;
        while (lane.emulator.diskAttachment(diskName, REGION)?.state === "attaching") await sleep(50);
        const state = lane.emulator.instanceState(instanceName, REGION).name;
        if (state === "running") await callAsSomeoneElse(lane, "StopInstance", { instanceName });
        if (state !== "stopped") await instanceReaches(lane, instanceName, "stopped");
        if (lane.emulator.diskAttachment(diskName, REGION)?.state === "attached") {
            await callAsSomeoneElse(lane, "DetachDisk", { diskName });
        }
        while (lane.emulator.diskAttachment(diskName, REGION)) await sleep(50);
        await callAsSomeoneElse(lane, "StartInstance", { instanceName });
        await instanceReaches(lane, instanceName, "running");
    }
    if (thenDelete) await callAsSomeoneElse(lane, "DeleteDisk", { diskName });
}

/** Starts an instance left stopped (or stopping), and waits until it is running. */
export async function startIfStopped(lane: Lane, instanceName: string): Promise<void> {
    if (lane.emulator.instanceState(instanceName, REGION).name === "stopping") {
        await instanceReaches(lane, instanceName, "stopped");
    }
    if (lane.emulator.instanceState(instanceName, REGION).name === "stopped") {
        await callAsSomeoneElse(lane, "StartInstance", { instanceName });
    }
    await instanceReaches(lane, instanceName, "running");
}
