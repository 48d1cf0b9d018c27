/**
 * The automatic snapshot add-on of disks and instances: `EnableAddOn`, `DisableAddOn`, and the
 * `addOns` requests of the create operations.
 *
 * @module
 */

import { defaultSnapshotTime, TIME_OF_DAY_PATTERN } from "../autoSnapshotSchedule";
import { errors } from "../protocol";
import { renderOperation } from "../render";
import type { SnapshotOrigin } from "../store";
import { optionalString, optionalStructure, optionalStructures, requiredString, truncate } from "../validation";
import { type Handler, type HandlerContext, type OperationFamily, requiredName, writes } from "./context";

/** The only add-on type of standard Lightsail disks and instances. */
export const AUTO_SNAPSHOT_ADD_ON = "AutoSnapshot";

/** A checked `AddOnRequest` for the automatic snapshot add-on. */
export interface AutoSnapshotAddOnRequest {
    /** The daily time asked for (`HH:00`), or `undefined` for the region's default. */
    snapshotTimeOfDay?: string;
}

function checkAddOnType(type: string): void {
    if (type !== AUTO_SNAPSHOT_ADD_ON) {
        throw errors.invalidInput(
            `The addOnType '${truncate(type)}' is not supported for this resource. Use ${AUTO_SNAPSHOT_ADD_ON}.`,
        );
    }
}

/**
 * Checks a daily snapshot time: the model's `TimeOfDay` pattern, and the documented constraint that
 * it is a whole hour.
 *
 * @throws AwsError `InvalidInputException`.
 */
export function validateSnapshotTimeOfDay(time: string): void {
    if (!TIME_OF_DAY_PATTERN.test(time) || !time.endsWith(":00")) {
        throw errors.invalidInput(
            `The snapshotTimeOfDay '${truncate(time)}' is not valid. ` +
                "It must be in HH:00 format, in an hourly increment, in Coordinated Universal Time (UTC).",
        );
    }
}

/**
 * Reads and checks one `AddOnRequest` structure.
 *
 * @throws AwsError `InvalidInputException` or `SerializationException`.
 */
export function parseAddOnRequest(request: Record<string, unknown>): AutoSnapshotAddOnRequest {
    checkAddOnType(requiredString(request, "addOnType"));
    const options = optionalStructure(request, "autoSnapshotAddOnRequest");
    const time = options === undefined ? undefined : optionalString(options, "snapshotTimeOfDay");
    if (time === undefined) {
        return {};
    }
    validateSnapshotTimeOfDay(time);
    return { snapshotTimeOfDay: time };
}

/**
 * Reads the `addOns` member of a create request: the automatic snapshot add-on to enable on the new
 * resource, if asked for.
 *
 * @throws AwsError `InvalidInputException` (including for the add-on asked for twice) or `SerializationException`.
 */
export function parseCreateAddOns(input: Record<string, unknown>): AutoSnapshotAddOnRequest | undefined {
    const requests = (optionalStructures(input, "addOns") ?? []).map(parseAddOnRequest);
    if (requests.length > 1) {
        throw errors.invalidInput(`The addOns parameter names the ${AUTO_SNAPSHOT_ADD_ON} add-on more than once.`);
    }
    return requests[0];
}

/**
 * The disk or instance named by an add-on or automatic snapshot request (a disk first, as
 * `TagResource` resolves names).
 *
 * @throws AwsError `NotFoundException` when the region has neither.
 */
export function addOnTarget(ctx: HandlerContext, name: string): SnapshotOrigin {
    const state = ctx.world.read(ctx.region);
    if (state.disks[name] !== undefined) {
        return ctx.world.snapshotSource(ctx.region, { kind: "disk", name });
    }
    if (state.instances[name] !== undefined) {
        return ctx.world.snapshotSource(ctx.region, { kind: "instance", name });
    }
    throw errors.notFound("Resource", name);
}

/**
 * Enables the automatic snapshot add-on (or changes its time) on a disk or instance.
 *
 * @returns when the request settles, epoch ms.
 */
export function enableAutoSnapshots(
    ctx: HandlerContext,
    target: SnapshotOrigin,
    request: AutoSnapshotAddOnRequest,
): number {
    const settlesAtMs = ctx.world.now() + ctx.autoSnapshot.addOnDurationMs;
    ctx.world.enableAutoSnapshots(ctx.region, target, {
        snapshotTimeOfDay: request.snapshotTimeOfDay ?? defaultSnapshotTime(ctx.region),
        settlesAtMs,
        snapshotDurationMs: ctx.autoSnapshot.durationMs,
    });
    return settlesAtMs;
}

function addOnOperation(ctx: HandlerContext, target: SnapshotOrigin, operationType: string, settlesAtMs: number) {
    const op = ctx.world.addOperation(ctx.region, {
        resourceName: target.name,
        resourceType: target.resourceType,
        availabilityZone: target.availabilityZone,
        operationType,
        settlesAtMs,
    });
    return { operations: [renderOperation(op, ctx.world.now())] };
}

const enableAddOn: Handler = (ctx, input) => {
    const name = requiredName(input, "resourceName");
    const request = optionalStructure(input, "addOnRequest");
    if (request === undefined) {
        throw errors.invalidInput("The addOnRequest parameter is required.", "MissingParameter");
    }
    const addOn = parseAddOnRequest(request);
    const target = addOnTarget(ctx, name);
    const current = ctx.world.autoSnapshotAddOn(ctx.region, target);
    // Enabling what is enabled changes only the time; without a new time there is nothing to do.
    if (
        current?.enabled === true &&
        (addOn.snapshotTimeOfDay === undefined || addOn.snapshotTimeOfDay === current.snapshotTimeOfDay)
    ) {
        throw errors.invalidInput("The addOn is already in requested state", "InvalidResourceState");
    }
    return addOnOperation(ctx, target, "EnableAddOn", enableAutoSnapshots(ctx, target, addOn));
};

const disableAddOn: Handler = (ctx, input) => {
    const name = requiredName(input, "resourceName");
    checkAddOnType(requiredString(input, "addOnType"));
    const target = addOnTarget(ctx, name);
    if (ctx.world.autoSnapshotAddOn(ctx.region, target)?.enabled !== true) {
        throw errors.invalidInput("AutoSnapshot not enabled for the resource", "InvalidResourceState");
    }
    const settlesAtMs = ctx.world.now() + ctx.autoSnapshot.addOnDurationMs;
    ctx.world.disableAutoSnapshots(ctx.region, target, settlesAtMs);
    return addOnOperation(ctx, target, "DisableAddOn", settlesAtMs);
};

/** The add-on operations. */
export const addOns: OperationFamily = {
    EnableAddOn: writes(enableAddOn),
    DisableAddOn: writes(disableAddOn),
};
