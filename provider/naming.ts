/**
 * Generated snapshot names, in the style Pulumi providers auto-name resources: the resource name
 * plus a suffix, so a replacement can be created before the old snapshot is deleted. Pure: the
 * randomness is an argument (see {@link seededRandom} for the deterministic one the provider uses).
 */

import { createHash } from "node:crypto";

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
