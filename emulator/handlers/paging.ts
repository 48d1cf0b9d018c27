/**
 * Paging of the `Get*s` operations: newest first, `pageSize` items a page, and an opaque
 * `nextPageToken` that names the last item of the page it ends.
 *
 * Tokens name a position rather than an offset, so items created or deleted between two calls do not
 * shift the pages that follow.
 *
 * @module
 */

import { errors } from "../protocol";
import type { Wire } from "../render";
import { truncate } from "../validation";

/** Where an item sorts in its listing: newest first, then by `tieBreaker` ascending. */
export interface SortKey {
    /** Creation time, epoch ms; newer items come first. */
    createdAtMs: number;
    /** Orders items created in the same millisecond, ascending (a name, or a creation index). */
    tieBreaker: string;
}

/** What a page token stands for: the last item of the previous page of one listing. */
export interface PageKey extends SortKey {
    /** The listing the token was issued for (`DiskSnapshot`, `Disk`, ...): it pages no other. */
    listing: string;
}

/** One `Get*s` listing: what it lists and how. */
export interface Listing<T> {
    /** Name of the listing, carried in its page tokens. */
    name: string;
    /** Output member holding the page's items (`diskSnapshots`, `disks`, ...). */
    member: string;
    /** Everything listed, in any order. */
    items: readonly T[];
    /** Where an item sorts. */
    sortKey(item: T): SortKey;
    /** The wire form of an item. */
    render(item: T): Wire;
}

function compare(a: SortKey, b: SortKey): number {
    return b.createdAtMs - a.createdAtMs || (a.tieBreaker < b.tieBreaker ? -1 : a.tieBreaker > b.tieBreaker ? 1 : 0);
}

function encodeToken(key: PageKey): string {
    return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

function decodeToken(token: string, listing: string): PageKey {
    try {
        const key = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as PageKey | null;
        if (
            typeof key === "object" &&
            key !== null &&
            key.listing === listing &&
            typeof key.createdAtMs === "number" &&
            typeof key.tieBreaker === "string"
        ) {
            return key;
        }
    } catch {
        // not base64url JSON: as invalid as a key of the wrong shape
    }
    throw errors.invalidInput(`The page token '${truncate(token)}' is not valid.`, "InvalidPageToken");
}

/**
 * The output of a `Get*s` operation: the page after `pageToken` (the first page without one), and a
 * `nextPageToken` when more items follow.
 *
 * @throws AwsError `InvalidPageToken` for a token this listing did not issue.
 */
export function listPage<T>(listing: Listing<T>, pageSize: number, pageToken: string | undefined): Wire {
    const keyed = listing.items.map((item) => ({ item, key: listing.sortKey(item) }));
    keyed.sort((a, b) => compare(a.key, b.key));
    let start = 0;
    if (pageToken !== undefined && pageToken !== "") {
        const after = decodeToken(pageToken, listing.name);
        start = keyed.findIndex((entry) => compare(entry.key, after) > 0);
        if (start < 0) {
            start = keyed.length;
        }
    }
    const slice = keyed.slice(start, start + pageSize);
    const output: Wire = { [listing.member]: slice.map((entry) => listing.render(entry.item)) };
    const last = slice[slice.length - 1];
    if (start + pageSize < keyed.length && last !== undefined) {
        output.nextPageToken = encodeToken({ listing: listing.name, ...last.key });
    }
    return output;
}
