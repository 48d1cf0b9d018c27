/**
 * Instances (enough of them to snapshot their system disk and attach disks to them):
 * `CreateInstances`, `GetInstance`, `GetInstances`, `GetInstanceState`, `StopInstance`,
 * `StartInstance`, `DeleteInstance`.
 *
 * @module
 */

import { BLUEPRINTS, BUNDLES } from "../catalog";
import { errors } from "../protocol";
import { renderInstance, renderOperation } from "../render";
import {
    optionalBoolean,
    optionalString,
    optionalStringList,
    optionalTagList,
    requiredString,
    truncate,
    validateAvailabilityZone,
    validateResourceName,
    validateTags,
} from "../validation";
import { enableAutoSnapshots, parseCreateAddOns } from "./addOns";
import { attachmentOperations } from "./attachments";
import { type Handler, type HandlerContext, type OperationFamily, reads, requiredName, writes } from "./context";
import { listPage } from "./paging";

/** CreateInstances' `ipAddressType` values (the API reference's IpAddressType). */
const IP_ADDRESS_TYPES: readonly string[] = ["dualstack", "ipv4", "ipv6"];

const createInstances: Handler = (ctx, input) => {
    const names = optionalStringList(input, "instanceNames");
    const zone = requiredString(input, "availabilityZone");
    const blueprintId = requiredString(input, "blueprintId");
    const bundleId = requiredString(input, "bundleId");
    const keyPairName = optionalString(input, "keyPairName");
    const tags = optionalTagList(input, "tags") ?? [];
    optionalString(input, "userData");
    optionalString(input, "customImageName");
    const addOn = parseCreateAddOns(input);
    const ipAddressType = optionalString(input, "ipAddressType");
    if (names === undefined || names.length === 0) {
        throw errors.invalidInput("The instanceNames parameter is required and must not be empty.", "MissingParameter");
    }
    for (const name of names) {
        validateResourceName("instanceNames", name);
    }
    if (new Set(names).size !== names.length) {
        throw errors.invalidInput("The instanceNames parameter contains duplicate names.");
    }
    validateAvailabilityZone(ctx.region, zone);
    if (!BLUEPRINTS[blueprintId]) {
        throw errors.invalidInput(`The blueprint ID '${truncate(blueprintId)}' is not valid.`);
    }
    if (!BUNDLES[bundleId]) {
        throw errors.invalidInput(`The bundle ID '${truncate(bundleId)}' is not valid.`);
    }
    if (ipAddressType !== undefined && !IP_ADDRESS_TYPES.includes(ipAddressType)) {
        throw errors.invalidInput(`The ipAddressType '${truncate(ipAddressType)}' is not valid.`);
    }
    if (keyPairName !== undefined) {
        validateResourceName("keyPairName", keyPairName);
    }
    validateTags(tags);
    ctx.world.requireFreeNames(ctx.region, "Instance", names);
    const readyAtMs = ctx.world.now() + ctx.resourceDurationMs;
    const ops = names.map((name) => {
        const instance = ctx.world.createInstance({
            name,
            region: ctx.region,
            availabilityZone: zone,
            blueprintId,
            bundleId,
            tags,
            readyAtMs,
            ...(keyPairName === undefined ? {} : { keyPairName }),
        });
        if (addOn !== undefined) {
            enableAutoSnapshots(ctx, ctx.world.snapshotSource(ctx.region, { kind: "instance", name }), addOn);
        }
        return ctx.world.addOperation(ctx.region, {
            resourceName: name,
            resourceType: "Instance",
            availabilityZone: zone,
            operationType: "CreateInstance",
            createdAtMs: instance.createdAtMs,
            settlesAtMs: readyAtMs,
        });
    });
    const now = ctx.world.now();
    return { operations: ops.map((op) => renderOperation(op, now)) };
};

const getInstance: Handler = (ctx, input) => {
    const name = requiredName(input, "instanceName");
    return {
        instance: renderInstance(
            ctx.world.instance(ctx.region, name),
            ctx.world.now(),
            ctx.world.disksAttachedTo(ctx.region, name),
        ),
    };
};

const getInstances: Handler = (ctx, input) => {
    const token = optionalString(input, "pageToken");
    const now = ctx.world.now();
    return listPage(
        {
            name: "Instance",
            member: "instances",
            items: Object.values(ctx.world.read(ctx.region).instances),
            sortKey: (instance) => ({ createdAtMs: instance.createdAtMs, tieBreaker: instance.name }),
            render: (instance) => renderInstance(instance, now, ctx.world.disksAttachedTo(ctx.region, instance.name)),
        },
        ctx.pageSize,
        token,
    );
};

const getInstanceState: Handler = (ctx, input) => {
    const name = requiredName(input, "instanceName");
    return { state: ctx.world.instanceState(ctx.region, name) };
};

/** The one operation of a stop or start, on the instance, `Started` until the instance settles. */
function powerOperation(ctx: HandlerContext, name: string, operationType: string, settlesAtMs: number) {
    const instance = ctx.world.instance(ctx.region, name);
    const op = ctx.world.addOperation(ctx.region, {
        resourceName: name,
        resourceType: "Instance",
        availabilityZone: instance.availabilityZone,
        operationType,
        settlesAtMs,
    });
    return { operations: [renderOperation(op, ctx.world.now())] };
}

const stopInstance: Handler = (ctx, input) => {
    const name = requiredName(input, "instanceName");
    const force = optionalBoolean(input, "force") === true;
    const settlesAtMs = ctx.world.now() + ctx.transitions.instanceTransitionMs;
    const instance = ctx.world.stopInstance(ctx.region, name, settlesAtMs, force);
    return powerOperation(ctx, name, "StopInstance", instance.power?.settlesAtMs ?? settlesAtMs);
};

const startInstance: Handler = (ctx, input) => {
    const name = requiredName(input, "instanceName");
    const settlesAtMs = ctx.world.now() + ctx.transitions.instanceTransitionMs;
    ctx.world.startInstance(ctx.region, name, settlesAtMs);
    return powerOperation(ctx, name, "StartInstance", settlesAtMs);
};

/**
 * Deletes an instance. Its attached disks are detached, as the CLI's delete-instance example shows:
 * for each, a `DetachDisk` operation on the disk and one on the instance (`Started`), then the
 * instance's terminal `DeleteInstance`.
 */
const deleteInstance: Handler = (ctx, input) => {
    const name = requiredName(input, "instanceName");
    optionalBoolean(input, "forceDeleteAddOns");
    const instance = ctx.world.instance(ctx.region, name);
    const detachSettlesAtMs = ctx.world.now() + ctx.transitions.attachmentDurationMs;
    const detached = ctx.world
        .disksAttachedTo(ctx.region, name)
        .filter((disk) => disk.attachment?.detachSettlesAtMs === undefined);
    const detachOps = detached.flatMap((disk) =>
        attachmentOperations(ctx, "DetachDisk", disk, instance, detachSettlesAtMs),
    );
    ctx.world.removeInstance(ctx.region, name, detachSettlesAtMs);
    const op = ctx.world.addOperation(ctx.region, {
        resourceName: name,
        resourceType: "Instance",
        availabilityZone: instance.availabilityZone,
        operationType: "DeleteInstance",
    });
    return { operations: [...detachOps, renderOperation(op, ctx.world.now())] };
};

/** The instance operations. */
export const instances: OperationFamily = {
    CreateInstances: writes(createInstances),
    GetInstance: reads(getInstance),
    GetInstances: reads(getInstances),
    GetInstanceState: reads(getInstanceState),
    StopInstance: writes(stopInstance),
    StartInstance: writes(startInstance),
    DeleteInstance: writes(deleteInstance),
};
