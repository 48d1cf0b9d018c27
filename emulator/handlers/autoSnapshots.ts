/**
 * Automatic snapshots of disks and instances: `GetAutoSnapshots`, `DeleteAutoSnapshot`.
 *
 * Automatic snapshots have no name, ARN or tags: they are addressed by their source and their date.
 *
 * @module
 */

import { AUTO_SNAPSHOT_DATE_PATTERN } from "../autoSnapshotSchedule";
import { errors } from "../protocol";
import { renderAutoSnapshot, renderOperation } from "../render";
import { requiredString, truncate } from "../validation";
import { addOnTarget } from "./addOns";
import { type Handler, type OperationFamily, reads, requiredName, writes } from "./context";

const getAutoSnapshots: Handler = (ctx, input) => {
    const name = requiredName(input, "resourceName");
    const target = addOnTarget(ctx, name);
    return {
        resourceName: target.name,
        resourceType: target.resourceType,
        autoSnapshots: ctx.world.autoSnapshots(ctx.region, target).map(renderAutoSnapshot),
    };
};

const deleteAutoSnapshot: Handler = (ctx, input) => {
    const name = requiredName(input, "resourceName");
    const date = requiredString(input, "date");
    if (!AUTO_SNAPSHOT_DATE_PATTERN.test(date)) {
        throw errors.invalidInput(`The date '${truncate(date)}' is not valid. Specify it in YYYY-MM-DD format.`);
    }
    const target = addOnTarget(ctx, name);
    const snapshot = ctx.world.autoSnapshots(ctx.region, target).find((candidate) => candidate.date === date);
    if (snapshot === undefined) {
        throw errors.autoSnapshotNotFound(name, date);
    }
    if (snapshot.status === "InProgress" && ctx.behaviour.deletePending === "refuse") {
        throw errors.invalidInput(
            `The automatic snapshot ${date} of ${name} is being created and cannot be deleted until it completes. Try again later.`,
            "ResourceBusy",
        );
    }
    ctx.world.removeAutoSnapshot(ctx.region, target, date);
    // As Lightsail answers it: the zone is the region, and there is no statusChangedAt.
    const op = ctx.world.addOperation(ctx.region, {
        resourceName: name,
        resourceType: target.resourceType,
        availabilityZone: ctx.region,
        operationDetails: `DeleteAutoSnapshot-${date}`,
        operationType: "DeleteAutoSnapshot",
        omitStatusChangedAt: true,
    });
    return { operations: [renderOperation(op, ctx.world.now())] };
};

/** The automatic snapshot operations. */
export const autoSnapshots: OperationFamily = {
    GetAutoSnapshots: reads(getAutoSnapshots),
    DeleteAutoSnapshot: writes(deleteAutoSnapshot),
};
