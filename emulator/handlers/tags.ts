/**
 * Tags: `TagResource`, `UntagResource` on disk snapshots, disks and instances.
 *
 * @module
 */

import { errors } from "../protocol";
import { renderOperation, type Wire } from "../render";
import type { Immutable, Tag } from "../types";
import {
    MAX_TAGS,
    optionalString,
    optionalStringList,
    optionalTagList,
    RESOURCE_ARN_PATTERN,
    truncate,
    validateTagKey,
    validateTags,
} from "../validation";
import { type Handler, type HandlerContext, type OperationFamily, requiredName, writes } from "./context";

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
    const found = arn === undefined ? candidates[0] : candidates.find((candidate) => candidate.record.arn === arn);
    if (!found) {
        throw errors.notFound("Resource", arn ?? name);
    }
    return found;
}

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
    const merged = new Map(target.record.tags.map((tag) => [tag.key, tag] as const));
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
        target.record.tags.filter((tag) => !remove.has(tag.key)),
    );
    return tagOperation(ctx, target);
};

/** The tagging operations. */
export const tags: OperationFamily = {
    TagResource: writes(tagResource),
    UntagResource: writes(untagResource),
};
