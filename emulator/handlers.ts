/**
 * Lightsail operations: input validation, semantics against the {@link World}, wire output.
 *
 * Each handler takes the parsed JSON input and returns the output object. Handlers are synchronous
 * and do no I/O; each operation declares whether it may change the world, so that the core runs it in
 * a transaction.
 *
 * @module
 */

import { BLUEPRINTS, BUNDLES } from "./catalog";
import { AwsError, errors } from "./protocol";
import { renderDisk, renderInstance, renderOperation, renderSnapshot, type Wire } from "./render";
import type { World } from "./store";
import type { Immutable, SnapshotBehaviour, Tag } from "./types";
import {
    MAX_TAGS,
    optionalBoolean,
    optionalString,
    optionalStringList,
    optionalStructureList,
    optionalTagList,
    RESOURCE_ARN_PATTERN,
    requiredInteger,
    requiredString,
    truncate,
    validateAvailabilityZone,
    validateResourceName,
    validateTagKey,
    validateTags,
} from "./validation";
import { NameTakenError, NoSuchResourceError } from "./worldErrors";

/** What a handler sees besides its input. */
export interface HandlerContext {
    /** The world. */
    world: World;
    /** Region from the request's credential scope. */
    region: string;
    /** Current snapshot behaviour. */
    behaviour: SnapshotBehaviour;
    /** Items per page for `Get*s` operations. */
    pageSize: number;
    /** Time disks and instances stay `pending` after creation, ms. */
    resourceDurationMs: number;
}

/** A Lightsail operation implementation: input in, output structure out. */
export type Handler = (ctx: HandlerContext, input: Record<string, unknown>) => Wire;

/** An entry of the operation table. */
export interface Operation {
    /** Whether a call may change the world (it then runs in a transaction and is persisted). */
    readonly mutates: boolean;
    /** The implementation. */
    readonly handler: Handler;
}

/** Minimum and maximum block storage disk sizes, GB. */
export const DISK_SIZE_RANGE = { min: 8, max: 16384 } as const;

function reads(handler: Handler): Operation {
    return { mutates: false, handler };
}

function writes(handler: Handler): Operation {
    return { mutates: true, handler };
}

function requiredName(input: Record<string, unknown>, member: string): string {
    const name = requiredString(input, member);
    validateResourceName(member, name);
    return name;
}

// ---------------------------------------------------------------------------------------------------
// Paging: newest first; the token names the last item of the previous page.

interface PageKey {
    kind: string;
    c: number;
    n: string;
}

function encodeToken(key: PageKey): string {
    return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

function decodeToken(token: string, kind: string): PageKey {
    try {
        const key = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as PageKey;
        if (key && key.kind === kind && typeof key.c === "number" && typeof key.n === "string") {
            return key;
        }
    } catch {
        // fall through
    }
    throw errors.invalidInput(`The page token '${truncate(token)}' is not valid.`, "InvalidPageToken");
}

function page<T>(
    items: readonly T[],
    keyOf: (item: T) => { c: number; n: string },
    kind: string,
    pageSize: number,
    token: string | undefined,
): { items: T[]; nextPageToken?: string } {
    const sorted = [...items].sort((a, b) => {
        const ka = keyOf(a);
        const kb = keyOf(b);
        return kb.c - ka.c || (ka.n < kb.n ? -1 : ka.n > kb.n ? 1 : 0);
    });
    let start = 0;
    if (token !== undefined && token !== "") {
        const key = decodeToken(token, kind);
        start = sorted.findIndex((item) => {
            const k = keyOf(item);
            return k.c < key.c || (k.c === key.c && k.n > key.n);
        });
        if (start < 0) {
            start = sorted.length;
        }
    }
    const slice = sorted.slice(start, start + pageSize);
    const last = slice[slice.length - 1];
    if (start + pageSize < sorted.length && last !== undefined) {
        return { items: slice, nextPageToken: encodeToken({ kind, ...keyOf(last) }) };
    }
    return { items: slice };
}

function paged(listMember: string, result: { items: Wire[]; nextPageToken?: string }): Wire {
    const out: Wire = { [listMember]: result.items };
    if (result.nextPageToken !== undefined) {
        out.nextPageToken = result.nextPageToken;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------
// Lookups

interface Taggable {
    resourceType: "DiskSnapshot" | "Disk" | "Instance";
    availabilityZone: string;
    record: Immutable<{ name: string; arn: string; tags: Tag[] }>;
}

function findTaggable(ctx: HandlerContext, name: string, arn: string | undefined): Taggable {
    const state = ctx.world.read(ctx.region);
    const candidates: Taggable[] = [];
    const snapshot = state.snapshots[name];
    if (snapshot) {
        candidates.push({ resourceType: "DiskSnapshot", availabilityZone: "all", record: snapshot });
    }
    const disk = state.disks[name];
    if (disk) {
        candidates.push({ resourceType: "Disk", availabilityZone: disk.availabilityZone, record: disk });
    }
    const instance = state.instances[name];
    if (instance) {
        candidates.push({ resourceType: "Instance", availabilityZone: instance.availabilityZone, record: instance });
    }
    const found = arn === undefined ? candidates[0] : candidates.find((c) => c.record.arn === arn);
    if (!found) {
        throw errors.notFound("Resource", arn ?? name);
    }
    return found;
}

function snapshotFails(behaviour: SnapshotBehaviour, name: string): boolean {
    if (behaviour.errorPattern === undefined || behaviour.errorPattern === "") {
        return false;
    }
    return new RegExp(behaviour.errorPattern).test(name);
}

// ---------------------------------------------------------------------------------------------------
// Disk snapshots

const createDiskSnapshot: Handler = (ctx, input) => {
    const snapshotName = requiredName(input, "diskSnapshotName");
    const diskName = optionalString(input, "diskName");
    const instanceName = optionalString(input, "instanceName");
    const tags = optionalTagList(input, "tags") ?? [];
    if ((diskName === undefined) === (instanceName === undefined)) {
        throw errors.invalidInput(
            diskName === undefined
                ? "You must specify either a disk name or an instance name for the source of the disk snapshot."
                : "The diskName and instanceName parameters are mutually exclusive. Specify only one of them.",
        );
    }
    if (diskName !== undefined) {
        validateResourceName("diskName", diskName);
    }
    if (instanceName !== undefined) {
        validateResourceName("instanceName", instanceName);
    }
    validateTags(tags);

    const source = ctx.world.snapshotSource(
        ctx.region,
        diskName !== undefined ? { kind: "disk", name: diskName } : { kind: "instance", name: instanceName as string },
    );
    const fails = snapshotFails(ctx.behaviour, snapshotName);
    const snapshot = ctx.world.createSnapshot({
        name: snapshotName,
        region: ctx.region,
        source,
        tags,
        durationMs: ctx.behaviour.durationMs,
        curve: ctx.behaviour.curve,
        fails,
    });
    const settlesAtMs = snapshot.createdAtMs + snapshot.durationMs;
    const failure = fails
        ? {
              outcome: "Failed" as const,
              errorCode: "InternalError",
              errorDetails: `The disk snapshot ${snapshotName} could not be created from ${source.kind} ${source.name}.`,
          }
        : {};
    const ops = [
        ctx.world.addOperation(ctx.region, {
            resourceName: snapshotName,
            resourceType: "DiskSnapshot",
            availabilityZone: "all",
            operationDetails: source.name,
            operationType: "CreateDiskSnapshot",
            createdAtMs: snapshot.createdAtMs,
            settlesAtMs,
            ...failure,
        }),
        ctx.world.addOperation(ctx.region, {
            resourceName: source.name,
            resourceType: source.resourceType,
            availabilityZone: source.availabilityZone,
            operationDetails: snapshotName,
            operationType: "CreateDiskSnapshot",
            createdAtMs: snapshot.createdAtMs,
            settlesAtMs,
            ...failure,
        }),
    ];
    const now = ctx.world.now();
    return { operations: ops.map((op) => renderOperation(op, now)) };
};

const getDiskSnapshot: Handler = (ctx, input) => {
    const name = requiredName(input, "diskSnapshotName");
    return { diskSnapshot: renderSnapshot(ctx.world.view(ctx.world.snapshot(ctx.region, name))) };
};

const getDiskSnapshots: Handler = (ctx, input) => {
    const token = optionalString(input, "pageToken");
    const all = Object.values(ctx.world.read(ctx.region).snapshots);
    const result = page(all, (s) => ({ c: s.createdAtMs, n: s.name }), "DiskSnapshot", ctx.pageSize, token);
    return paged("diskSnapshots", {
        ...result,
        items: result.items.map((s) => renderSnapshot(ctx.world.view(s))),
    });
};

const deleteDiskSnapshot: Handler = (ctx, input) => {
    const name = requiredName(input, "diskSnapshotName");
    const view = ctx.world.view(ctx.world.snapshot(ctx.region, name));
    const now = ctx.world.now();
    if (view.state === "pending") {
        if (ctx.behaviour.deletePending === "refuse") {
            throw errors.invalidInput(
                `The disk snapshot ${name} is busy (state: pending) and cannot be deleted until it is completed. Try again later.`,
                "ResourceBusy",
            );
        }
        // The create operations (on the snapshot and on its source) end as the snapshot goes.
        ctx.world.abortOperations(
            ctx.region,
            (op) =>
                op.operationType === "CreateDiskSnapshot" && (op.resourceName === name || op.operationDetails === name),
            {
                errorCode: "ResourceDeleted",
                errorDetails: `The disk snapshot ${name} was deleted before it completed.`,
            },
        );
    }
    ctx.world.removeSnapshot(ctx.region, name);
    const op = ctx.world.addOperation(ctx.region, {
        resourceName: name,
        resourceType: "DiskSnapshot",
        availabilityZone: "all",
        operationType: "DeleteDiskSnapshot",
    });
    return { operations: [renderOperation(op, now)] };
};

// ---------------------------------------------------------------------------------------------------
// Tags

function resourceArnInput(input: Record<string, unknown>): string | undefined {
    const arn = optionalString(input, "resourceArn");
    if (arn !== undefined && !RESOURCE_ARN_PATTERN.test(arn)) {
        throw errors.invalidInput(`The resourceArn '${truncate(arn)}' is not a valid Lightsail resource ARN.`);
    }
    return arn;
}

function tagOperation(ctx: HandlerContext, target: Taggable): Wire {
    const op = ctx.world.addOperation(ctx.region, {
        resourceName: target.record.name,
        resourceType: target.resourceType,
        availabilityZone: target.availabilityZone,
    });
    return { operations: [renderOperation(op, ctx.world.now())] };
}

const tagResource: Handler = (ctx, input) => {
    const name = requiredName(input, "resourceName");
    const arn = resourceArnInput(input);
    const tags = optionalTagList(input, "tags");
    if (tags === undefined) {
        throw errors.invalidInput("The tags parameter is required.", "MissingParameter");
    }
    validateTags(tags);
    const target = findTaggable(ctx, name, arn);
    const merged = new Map(target.record.tags.map((t) => [t.key, t] as const));
    for (const tag of tags) {
        merged.set(tag.key, tag);
    }
    if (merged.size > MAX_TAGS) {
        throw errors.invalidInput(
            `A resource can have at most ${MAX_TAGS} tags; the result would have ${merged.size}.`,
        );
    }
    ctx.world.setTags(ctx.region, target.resourceType, target.record.name, [...merged.values()]);
    return tagOperation(ctx, target);
};

const untagResource: Handler = (ctx, input) => {
    const name = requiredName(input, "resourceName");
    const arn = resourceArnInput(input);
    const keys = optionalStringList(input, "tagKeys");
    if (keys === undefined) {
        throw errors.invalidInput("The tagKeys parameter is required.", "MissingParameter");
    }
    for (const key of keys) {
        validateTagKey(key);
    }
    const target = findTaggable(ctx, name, arn);
    const remove = new Set(keys);
    ctx.world.setTags(
        ctx.region,
        target.resourceType,
        target.record.name,
        target.record.tags.filter((t) => !remove.has(t.key)),
    );
    return tagOperation(ctx, target);
};

// ---------------------------------------------------------------------------------------------------
// Operations

const getOperation: Handler = (ctx, input) => {
    const id = requiredString(input, "operationId");
    const op = ctx.world.operation(ctx.region, id);
    if (!op) {
        throw errors.notFound("Operation", id);
    }
    return { operation: renderOperation(op, ctx.world.now()) };
};

const getOperations: Handler = (ctx, input) => {
    const token = optionalString(input, "pageToken");
    const ops = ctx.world.read(ctx.region).operations;
    // Creation order breaks ties between operations created in the same millisecond.
    const width = String(ops.length).length;
    const indexed = ops.map((op, i) => ({ op, n: String(ops.length - 1 - i).padStart(width, "0") }));
    const result = page(indexed, (e) => ({ c: e.op.createdAtMs, n: e.n }), "Operation", ctx.pageSize, token);
    const now = ctx.world.now();
    return paged("operations", { ...result, items: result.items.map((e) => renderOperation(e.op, now)) });
};

// ---------------------------------------------------------------------------------------------------
// Disks

function diskSize(input: Record<string, unknown>): number {
    const size = requiredInteger(input, "sizeInGb");
    if (size < DISK_SIZE_RANGE.min || size > DISK_SIZE_RANGE.max) {
        throw errors.invalidInput(
            `The sizeInGb ${size} is not valid. Disks must be between ${DISK_SIZE_RANGE.min} and ${DISK_SIZE_RANGE.max} GB.`,
        );
    }
    return size;
}

function insertDisk(
    ctx: HandlerContext,
    input: Record<string, unknown>,
    operationType: string,
    check: (sizeInGb: number) => void,
): Wire {
    const name = requiredName(input, "diskName");
    const zone = requiredString(input, "availabilityZone");
    const size = diskSize(input);
    const tags = optionalTagList(input, "tags") ?? [];
    optionalStructureList(input, "addOns");
    validateAvailabilityZone(ctx.region, zone);
    validateTags(tags);
    check(size);
    const readyAtMs = ctx.world.now() + ctx.resourceDurationMs;
    const disk = ctx.world.createDisk({
        name,
        region: ctx.region,
        availabilityZone: zone,
        sizeInGb: size,
        tags,
        readyAtMs,
    });
    const op = ctx.world.addOperation(ctx.region, {
        resourceName: name,
        resourceType: "Disk",
        availabilityZone: zone,
        operationType,
        createdAtMs: disk.createdAtMs,
        settlesAtMs: readyAtMs,
    });
    return { operations: [renderOperation(op, ctx.world.now())] };
}

const createDisk: Handler = (ctx, input) => insertDisk(ctx, input, "CreateDisk", () => undefined);

const createDiskFromSnapshot: Handler = (ctx, input) => {
    const snapshotName = optionalString(input, "diskSnapshotName");
    optionalString(input, "sourceDiskName");
    optionalString(input, "restoreDate");
    optionalBoolean(input, "useLatestRestorableAutoSnapshot");
    if (snapshotName === undefined) {
        throw errors.invalidInput(
            "Specify diskSnapshotName (automatic snapshots are not available for this account).",
            "MissingParameter",
        );
    }
    validateResourceName("diskSnapshotName", snapshotName);
    return insertDisk(ctx, input, "CreateDiskFromSnapshot", (size) => {
        const snapshot = ctx.world.view(ctx.world.snapshot(ctx.region, snapshotName));
        if (snapshot.state !== "completed") {
            throw errors.invalidInput(
                `The disk snapshot ${snapshotName} is not available (state: ${snapshot.state}). Wait until it is completed.`,
                "InvalidResourceState",
            );
        }
        if (size < snapshot.sizeInGb) {
            throw errors.invalidInput(
                `The sizeInGb ${size} is smaller than the source snapshot (${snapshot.sizeInGb} GB). Specify at least ${snapshot.sizeInGb}.`,
            );
        }
    });
};

const getDisk: Handler = (ctx, input) => {
    const name = requiredName(input, "diskName");
    return { disk: renderDisk(ctx.world.disk(ctx.region, name), ctx.world.now()) };
};

const getDisks: Handler = (ctx, input) => {
    const token = optionalString(input, "pageToken");
    const all = Object.values(ctx.world.read(ctx.region).disks);
    const result = page(all, (d) => ({ c: d.createdAtMs, n: d.name }), "Disk", ctx.pageSize, token);
    const now = ctx.world.now();
    return paged("disks", { ...result, items: result.items.map((d) => renderDisk(d, now)) });
};

const deleteDisk: Handler = (ctx, input) => {
    const name = requiredName(input, "diskName");
    optionalBoolean(input, "forceDeleteAddOns");
    const disk = ctx.world.removeDisk(ctx.region, name);
    const op = ctx.world.addOperation(ctx.region, {
        resourceName: name,
        resourceType: "Disk",
        availabilityZone: disk.availabilityZone,
        operationType: "DeleteDisk",
    });
    return { operations: [renderOperation(op, ctx.world.now())] };
};

// ---------------------------------------------------------------------------------------------------
// Instances

const createInstances: Handler = (ctx, input) => {
    const names = optionalStringList(input, "instanceNames");
    const zone = requiredString(input, "availabilityZone");
    const blueprintId = requiredString(input, "blueprintId");
    const bundleId = requiredString(input, "bundleId");
    const keyPairName = optionalString(input, "keyPairName");
    const tags = optionalTagList(input, "tags") ?? [];
    optionalString(input, "userData");
    optionalString(input, "customImageName");
    optionalStructureList(input, "addOns");
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
    if (ipAddressType !== undefined && ipAddressType !== "dualstack" && ipAddressType !== "ipv4") {
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
    return { instance: renderInstance(ctx.world.instance(ctx.region, name), ctx.world.now()) };
};

const getInstances: Handler = (ctx, input) => {
    const token = optionalString(input, "pageToken");
    const all = Object.values(ctx.world.read(ctx.region).instances);
    const result = page(all, (i) => ({ c: i.createdAtMs, n: i.name }), "Instance", ctx.pageSize, token);
    const now = ctx.world.now();
    return paged("instances", { ...result, items: result.items.map((i) => renderInstance(i, now)) });
};

const deleteInstance: Handler = (ctx, input) => {
    const name = requiredName(input, "instanceName");
    optionalBoolean(input, "forceDeleteAddOns");
    const instance = ctx.world.removeInstance(ctx.region, name);
    const op = ctx.world.addOperation(ctx.region, {
        resourceName: name,
        resourceType: "Instance",
        availabilityZone: instance.availabilityZone,
        operationType: "DeleteInstance",
    });
    return { operations: [renderOperation(op, ctx.world.now())] };
};

/** The implemented operations, by `X-Amz-Target` operation name. */
export const OPERATION_TABLE: Readonly<Record<string, Operation>> = {
    CreateDiskSnapshot: writes(createDiskSnapshot),
    GetDiskSnapshot: reads(getDiskSnapshot),
    GetDiskSnapshots: reads(getDiskSnapshots),
    DeleteDiskSnapshot: writes(deleteDiskSnapshot),
    TagResource: writes(tagResource),
    UntagResource: writes(untagResource),
    GetOperation: reads(getOperation),
    GetOperations: reads(getOperations),
    CreateDisk: writes(createDisk),
    CreateDiskFromSnapshot: writes(createDiskFromSnapshot),
    GetDisk: reads(getDisk),
    GetDisks: reads(getDisks),
    DeleteDisk: writes(deleteDisk),
    CreateInstances: writes(createInstances),
    GetInstance: reads(getInstance),
    GetInstances: reads(getInstances),
    DeleteInstance: writes(deleteInstance),
};

/** Names of the implemented operations. */
export const OPERATIONS: readonly string[] = Object.keys(OPERATION_TABLE);

/**
 * Runs one operation.
 *
 * @throws AwsError for every Lightsail error; other exceptions are bugs and become `ServiceException`.
 */
export function handle(operation: string, ctx: HandlerContext, input: Record<string, unknown>): Wire {
    const entry = OPERATION_TABLE[operation];
    if (!entry) {
        throw errors.unknownOperation();
    }
    try {
        return entry.handler(ctx, input);
    } catch (err) {
        if (err instanceof AwsError) {
            throw err;
        }
        if (err instanceof NameTakenError) {
            throw errors.nameExists(err.names.join(", "));
        }
        if (err instanceof NoSuchResourceError) {
            throw errors.notFound(err.resourceType, err.resourceName);
        }
        throw errors.service(`Internal error in the emulator: ${err instanceof Error ? err.message : String(err)}`);
    }
}
