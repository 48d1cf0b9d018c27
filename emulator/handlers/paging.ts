/**
 * Paging of the `Get*s` operations: newest first; the token names the last item of the previous page.
 *
 * @module
 */

import { errors } from "../protocol";
import type { Wire } from "../render";
import { truncate } from "../validation";

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

export function page<T>(
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

export function paged(listMember: string, result: { items: Wire[]; nextPageToken?: string }): Wire {
    const out: Wire = { [listMember]: result.items };
    if (result.nextPageToken !== undefined) {
        out.nextPageToken = result.nextPageToken;
    }
    return out;
}
