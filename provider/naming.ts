/**
 * Generated snapshot names, in the style Pulumi providers auto-name resources: the resource name
 * plus a random suffix, so a replacement can be created before the old snapshot is deleted.
 * Pure: the randomness is an argument.
 */

/** Characters of the random suffix. */
const SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
/** Length of the random suffix. */
export const SUFFIX_LENGTH = 7;
/** Longest Lightsail name. */
const MAX_NAME_LENGTH = 255;

/**
 * Turns a Pulumi resource name into a valid Lightsail snapshot name with a random suffix:
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
