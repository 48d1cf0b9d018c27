/**
 * Generated snapshot names, in the style Pulumi providers auto-name resources: the resource name
 * plus a suffix, so a replacement can be created before the old snapshot is deleted. Pure: the
 * randomness is an argument (see {@link seededRandom} for the deterministic one the provider uses).
 */

import { createHash } from "node:crypto";
import type { EngineProperties } from "./outputs";
import { isAbsent, isUnknown, UNKNOWN_VALUE } from "./validation";

/** Internal input: the Pulumi resource name, used as the base of a generated name. */
export const AUTO_NAME_BASE = "__autoNameBase";
/** Internal input: the project and stack, so generated names differ between stacks. */
export const AUTO_NAME_SCOPE = "__autoNameScope";
/** Internal input: set when the name was generated rather than given. */
export const AUTO_NAMED = "__autoNamed";
/** The internal inputs above, for check's list of known properties. */
export const GENERATED_NAME_KEYS: readonly string[] = [AUTO_NAME_BASE, AUTO_NAME_SCOPE, AUTO_NAMED];

/** The internal inputs of a resource whose name may be generated. */
export type GeneratedNameInputs = {
    /** Set when the name was generated. */
    [AUTO_NAMED]?: boolean;
    /** The resource name a generated name is based on. */
    [AUTO_NAME_BASE]?: string;
    /** The project and stack a generated name is scoped to. */
    [AUTO_NAME_SCOPE]?: string;
};

/** Characters of the random suffix. */
const SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
/** Length of the random suffix. */
export const SUFFIX_LENGTH = 7;
/** Longest Lightsail name. */
const MAX_NAME_LENGTH = 255;

/**
 * Turns a Pulumi resource name into a valid Lightsail snapshot name with a suffix drawn from `random`:
 * characters Lightsail does not allow become dashes, and the result fits 255 characters.
 *
 * @param base The Pulumi resource name.
 * @param random Uniform numbers in [0, 1).
 */
export function autoName(base: string, random: () => number): string {
    let prefix = base
        .replace(/[^\w-]+/g, "-")
        .replace(/-{2,}/g, "-")
        .replace(/^[-]+|[-]+$/g, "");
    if (prefix.length === 0) prefix = "disk-snapshot";
    prefix = prefix.slice(0, MAX_NAME_LENGTH - SUFFIX_LENGTH - 1).replace(/-+$/, "");
    let suffix = "";
    for (let i = 0; i < SUFFIX_LENGTH; i++) {
        suffix += SUFFIX_ALPHABET[Math.floor(random() * SUFFIX_ALPHABET.length) % SUFFIX_ALPHABET.length];
    }
    return `${prefix}-${suffix}`;
}

/**
 * A deterministic source of uniform numbers in [0, 1) for `parts`. Generated names drawn from it
 * depend only on what identifies the snapshot (stack, resource, source, region): `pulumi preview`
 * and `pulumi up` agree on the name, a replacement (new source or region) gets a new one, and an
 * `up` that retries a create the engine lost track of (a killed `pulumi up`) asks for the same name
 * again, which lets the provider recognise its own snapshot instead of leaking it.
 */
export function seededRandom(parts: readonly string[]): () => number {
    const digest = createHash("sha256").update(parts.join("\u0000")).digest();
    let state = digest.readUInt32LE(0);
    // mulberry32: small, well distributed, and enough for a 7-character suffix.
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** The name check settles on, and whether it was generated. */
export interface ResolvedName {
    /** The name, or {@link UNKNOWN_VALUE} while what it derives from is unknown. */
    name: string;
    /** Whether it was generated (then kept in the state with {@link AUTO_NAMED}). */
    generated: boolean;
}

/**
 * The name of a resource: the one the program gives; else the one generated earlier (kept: a new
 * name on every run would replace the resource every time); else a new one. With a scope (the
 * program passes its project and stack) the suffix derives from the scope, the resource name and
 * `identity` (what else identifies the resource: its source and region), via
 * {@link seededRandom}; without one, from `random`.
 *
 * @param explicit The name the program gave, if any.
 * @param olds The previous checked inputs, which hold an earlier generated name.
 * @param news The program's inputs, with the internal base and scope.
 * @param previousName The name in `olds`, when it was generated.
 * @param identity The values a generated name depends on besides the scope and base.
 * @param fallbackBase Base when the program gave none (a resource declared without the class).
 * @param random Uniform numbers in [0, 1), used when the program gave no scope.
 */
export function resolveName(
    explicit: unknown,
    olds: GeneratedNameInputs | undefined,
    previousName: unknown,
    news: EngineProperties,
    identity: readonly unknown[],
    fallbackBase: string,
    random: () => number,
): ResolvedName {
    if (!isAbsent(explicit)) return { name: explicit as string, generated: false };
    if (olds?.[AUTO_NAMED] === true && typeof previousName === "string") {
        return { name: previousName, generated: true };
    }
    const base = typeof news[AUTO_NAME_BASE] === "string" ? (news[AUTO_NAME_BASE] as string) : fallbackBase;
    const scope = news[AUTO_NAME_SCOPE];
    if (typeof scope !== "string") return { name: autoName(base, random), generated: true };
    if (identity.some(isUnknown)) return { name: UNKNOWN_VALUE, generated: true };
    return { name: autoName(base, seededRandom([scope, base, ...identity.map(String)])), generated: true };
}

/**
 * Records in checked inputs how their name was resolved: whether it was generated, and the base
 * and scope a generated name derives from (so a later check generates the same one).
 */
export function recordNameOrigin(inputs: GeneratedNameInputs, name: ResolvedName, news: EngineProperties): void {
    if (name.generated) inputs[AUTO_NAMED] = true;
    if (typeof news[AUTO_NAME_BASE] === "string") inputs[AUTO_NAME_BASE] = news[AUTO_NAME_BASE];
    if (typeof news[AUTO_NAME_SCOPE] === "string") inputs[AUTO_NAME_SCOPE] = news[AUTO_NAME_SCOPE];
}
