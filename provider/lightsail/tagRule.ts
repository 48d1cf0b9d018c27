/**
 * Lightsail's tag rule, written once for the provider's `check()` and for the emulator.
 *
 * From the API reference (`Tag`): keys accept at most 128, values at most 256 "letters, numbers,
 * spaces in UTF-8, or the following characters: + - = . _ : / @"; at most 50 tags on a resource.
 * From AWS's tagging rules, which the Lightsail user guide follows: the `aws:` prefix, in any
 * case, is reserved for AWS "for either keys or values".
 *
 * Two readings are choices, made the same way as AWS's own tag patterns
 * (`^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`) and written down in `emulator/README.md`: lengths count
 * Unicode code points, not UTF-16 units; and "spaces" are the space separators (`\p{Zs}`), not
 * the line and paragraph separators U+2028 and U+2029, which break lines rather than space words.
 *
 * Pure: no I/O.
 *
 * @module
 */

/** At most this many tags on a Lightsail resource. */
export const MAX_TAGS = 50;
/** Longest tag key, in characters (code points). */
export const MAX_TAG_KEY_LENGTH = 128;
/** Longest tag value, in characters (code points). */
export const MAX_TAG_VALUE_LENGTH = 256;
/** The prefix reserved for AWS in keys and values, compared without regard to case. */
export const RESERVED_TAG_PREFIX = "aws:";
/** Characters allowed in tag keys and values. */
export const TAG_CHARACTERS = /^[\p{L}\p{Zs}\p{N}+\-=._:/@]*$/u;
/** The allowed characters, in words. */
export const TAG_CHARACTERS_RULE = "letters, digits and spaces (UTF-8) and + - = . _ : / @";

/** Which part of a tag breaks the rule, and how. */
export type TagProblem =
    | { part: "key" | "value"; kind: "length"; length: number; max: number; min: number }
    | { part: "key" | "value"; kind: "characters" }
    | { part: "key" | "value"; kind: "reserved" };

/** Length as Lightsail counts it: Unicode characters (code points). */
export function tagTextLength(text: string): number {
    let length = 0;
    for (const _ of text) length++;
    return length;
}

function textProblem(part: "key" | "value", text: string): TagProblem | undefined {
    const [min, max] = part === "key" ? [1, MAX_TAG_KEY_LENGTH] : [0, MAX_TAG_VALUE_LENGTH];
    const length = tagTextLength(text);
    if (length < min || length > max) return { part, kind: "length", length, min, max };
    if (!TAG_CHARACTERS.test(text)) return { part, kind: "characters" };
    if (text.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) return { part, kind: "reserved" };
    return undefined;
}

/** The first problem with a tag key, or undefined when Lightsail accepts it. */
export function tagKeyProblem(key: string): TagProblem | undefined {
    return textProblem("key", key);
}

/** The first problem with a tag value (absent is fine), or undefined when Lightsail accepts it. */
export function tagValueProblem(value: string | undefined): TagProblem | undefined {
    return value === undefined ? undefined : textProblem("value", value);
}
