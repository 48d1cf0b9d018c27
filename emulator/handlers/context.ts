/**
 * What every operation family shares: the handler context, operation table entries and name input.
 *
 * @module
 */

import type { Wire } from "../render";
import type { World } from "../store";
import type { AutoSnapshotBehaviour, SnapshotBehaviour, TransitionBehaviour } from "../types";
import { requiredString, validateResourceName } from "../validation";

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
    /** Timing of automatic snapshots and of the add-on's transitions. */
    autoSnapshot: AutoSnapshotBehaviour;
    /** Timing of instance stops and starts and of disk attachments. */
    transitions: TransitionBehaviour;
}

/**
 * A Lightsail operation implementation: input in, output structure out. Synchronous, no I/O; it
 * changes the world only through the world's methods.
 */
export type Handler = (ctx: HandlerContext, input: Record<string, unknown>) => Wire;

/** An entry of the operation table. */
export interface Operation {
    /** Whether a call may change the world (it then runs in a transaction and is persisted). */
    readonly mutates: boolean;
    /** The implementation. */
    readonly handler: Handler;
}

/** The operations of one resource family, by `X-Amz-Target` operation name. */
export type OperationFamily = Readonly<Record<string, Operation>>;

/** An operation that only reads the world. */
export function reads(handler: Handler): Operation {
    return { mutates: false, handler };
}

/** An operation that may change the world. */
export function writes(handler: Handler): Operation {
    return { mutates: true, handler };
}

/**
 * Reads a required resource name member and checks it against Lightsail's name rules.
 *
 * @throws AwsError `InvalidInputException`.
 */
export function requiredName(input: Record<string, unknown>, member: string): string {
    const name = requiredString(input, member);
    validateResourceName(member, name);
    return name;
}
