/**
 * The properties several resources have in the same form: `region`, `tags`, `timeouts` and `adopt`. Each
 * resource's schema spreads them in with its own words, so their rules are written once.
 */

import { timeoutsType } from "../schema";
import { TAG_RULE } from "../validation";

/** Where `region` comes from when it is not declared. */
const REGION_DEFAULT_DOC = "`aws:region` config, then `AWS_REGION`, then `AWS_DEFAULT_REGION`";

/** What a `timeouts` input accepts. */
const DURATION_NOTES = 'durations like `"90s"`, `"45m"`, `"1h30m"` (at most 24h)';

/**
 * The `region` input: the provider's default region when not declared; a change replaces.
 *
 * @param doc Its one-line doc, e.g. "The AWS region of the snapshot.".
 */
export function regionProperty<const D extends string>(doc: D) {
    return {
        type: { kind: "string" },
        role: "input",
        optional: true,
        resolved: true,
        replaces: true,
        reported: true,
        doc,
        defaultDoc: REGION_DEFAULT_DOC,
    } as const;
}

/**
 * The `tags` input: sent in the create request itself, for tag-based access control; `{}` when
 * not declared; a change is an update in place.
 *
 * @param createAction The Lightsail action that creates the resource, e.g. `CreateDiskSnapshot`.
 * @param setAfterCreate The create request has no tags member, so they are set right after it.
 */
export function tagsProperty(createAction: string, setAfterCreate = false) {
    return {
        type: { kind: "stringMap" },
        role: "input",
        optional: true,
        resolved: true,
        reported: true,
        absentValue: {},
        doc: setAfterCreate
            ? `Tags, set with TagResource right after ${createAction}, which takes none.`
            : `Tags, sent in the ${createAction} request itself (tag-based access control).`,
        defaultDoc: "`{}`",
        notes: TAG_RULE,
    } as const;
}

/** How a resource describes its `timeouts` input. */
export interface TimeoutsWords<N extends string> {
    /** The object type's name in the package schema, e.g. `DiskSnapshotTimeouts`. */
    typeName: N;
    /** The property's one-line doc. */
    doc: string;
    /** What `create` bounds, and its default. */
    createDoc: string;
    /** What `delete` bounds, and its default. */
    deleteDoc: string;
    /** The defaults, in words: '`{ create: "2h", delete: "20m" }`'. */
    defaultDoc: string;
    /** More to say after the accepted durations. */
    extraNotes?: string;
}

/**
 * The `timeouts` input: create and delete timeouts as duration strings, `{}` when not declared.
 * They are inputs because Pulumi's `customTimeouts` option does not reach dynamic providers.
 */
export function timeoutsProperty<const N extends string>(words: TimeoutsWords<N>) {
    return {
        type: timeoutsType(words.typeName, words.createDoc, words.deleteDoc),
        role: "input",
        optional: true,
        absentValue: {},
        doc: words.doc,
        defaultDoc: words.defaultDoc,
        notes: words.extraNotes ? `${DURATION_NOTES}; ${words.extraNotes}` : DURATION_NOTES,
    } as const;
}

/**
 * The `adopt` input: take over an existing resource of the declared name (and the same source)
 * instead of failing; kept only in the state.
 *
 * @param what What is taken over, e.g. "snapshot".
 * @param same What must match for it to be taken over, e.g. "source".
 */
export function adoptProperty<const W extends string, const S extends string>(what: W, same: S) {
    return {
        type: { kind: "boolean" },
        role: "input",
        optional: true,
        absentValue: false,
        doc: `Take over an existing ${what} of the same name and ${same} instead of failing.` as const,
        defaultDoc: "`false`",
    } as const;
}
