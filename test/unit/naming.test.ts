import assert from "node:assert/strict";
import {
    AUTO_NAME_BASE,
    AUTO_NAME_SCOPE,
    AUTO_NAMED,
    autoName,
    type GeneratedNameInputs,
    recordNameOrigin,
    resolveName,
    SUFFIX_LENGTH,
    seededRandom,
} from "../../provider/naming";
import { NAME_PATTERN, UNKNOWN_VALUE } from "../../provider/validation";

/** The seeded name of one identity, as every release so far has generated it. */
const GOLDEN_SEEDED_NAME = "data-7w6i25a";

function seeded(seed: number): () => number {
    let state = seed;
    return () => {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        return state / 2 ** 31;
    };
}

describe("naming: autoName", () => {
    it("appends a random suffix to the resource name", () => {
        assert.match(autoName("data", seeded(1)), new RegExp(`^data-[a-z0-9]{${SUFFIX_LENGTH}}$`));
    });

    it("differs between draws", () => {
        const random = seeded(7);
        assert.notEqual(autoName("data", random), autoName("data", random));
    });

    it("always yields a valid Lightsail name", () => {
        const random = seeded(3);
        for (const base of ["my.snapshot", "a", "--x--", "über/snap", "", "x".repeat(400), "web_1", "日本"]) {
            const name = autoName(base, random);
            assert.match(name, NAME_PATTERN, `${base} -> ${name}`);
            assert.ok(name.length >= 2 && name.length <= 255, `${base} -> ${name.length}`);
        }
    });
});

describe("naming: the prefix autoName keeps", () => {
    const first = () => 0;
    it("turns runs of other characters into one hyphen and trims hyphens at both ends", () => {
        assert.equal(autoName("my data/disk!!", first), "my-data-disk-aaaaaaa");
        assert.equal(autoName("a--b---c", first), "a-b-c-aaaaaaa");
        assert.equal(autoName("--x--", first), "x-aaaaaaa");
        assert.equal(autoName("-a.b-", first), "a-b-aaaaaaa");
        assert.equal(autoName("web_1", first), "web_1-aaaaaaa");
        assert.equal(autoName("日本", first), "disk-snapshot-aaaaaaa", "nothing usable left: a fixed prefix");
    });

    it("cuts a long prefix to fit 255 characters, without a hyphen before the suffix's own", () => {
        assert.equal(autoName("x".repeat(400), first), `${"x".repeat(247)}-aaaaaaa`);
        const cutAtHyphen = autoName(`${"x".repeat(246)}-yy`, first);
        assert.equal(cutAtHyphen, `${"x".repeat(246)}-aaaaaaa`);
    });

    it("draws each suffix character from the whole alphabet", () => {
        assert.equal(
            autoName("d", () => 0.9999999),
            "d-9999999",
        );
        let i = 0;
        const steps = [0, 25 / 36, 26 / 36, 0.5, 0.999, 1 / 36, 35 / 36];
        assert.equal(
            autoName("d", () => steps[i++] ?? 0),
            "d-az0s9b9",
        );
    });
});

describe("naming: seeded names", () => {
    it("stay the same across releases for the same stack, resource and source", () => {
        // A changed generator would give every auto-named resource a new name, and replace it.
        const name = autoName("data", seededRandom(["stack-urn", "data", "Disk-1"]));
        assert.equal(name, autoName("data", seededRandom(["stack-urn", "data", "Disk-1"])));
        assert.equal(name, GOLDEN_SEEDED_NAME);
    });

    it("tell apart identities that only a separator distinguishes", () => {
        assert.notEqual(autoName("d", seededRandom(["ab", "c"])), autoName("d", seededRandom(["a", "bc"])));
    });
});

describe("naming: resolveName", () => {
    const resolve = (
        explicit: unknown,
        olds: GeneratedNameInputs | undefined,
        previousName: unknown,
        news: Record<string, unknown>,
        identity: readonly unknown[] = ["Disk-1"],
    ) => resolveName(explicit, olds, previousName, news, identity, "disk-snapshot", () => 0);

    it("uses an explicit name as it is, as not generated", () => {
        assert.deepEqual(resolve("mine", { [AUTO_NAMED]: true }, "old-abc", {}), { name: "mine", generated: false });
    });

    it("keeps a name it generated before, and only that", () => {
        assert.deepEqual(resolve(undefined, { [AUTO_NAMED]: true }, "data-abcdefg", {}), {
            name: "data-abcdefg",
            generated: true,
        });
        assert.deepEqual(resolve(undefined, {}, "data-abcdefg", { [AUTO_NAME_BASE]: "data" }), {
            name: "data-aaaaaaa",
            generated: true,
        });
        assert.deepEqual(resolve(undefined, { [AUTO_NAMED]: true }, undefined, { [AUTO_NAME_BASE]: "data" }), {
            name: "data-aaaaaaa",
            generated: true,
        });
        assert.deepEqual(resolve(undefined, undefined, "x", {}), { name: "disk-snapshot-aaaaaaa", generated: true });
    });

    it("seeds a scoped name from scope, base and identity, and waits for an unknown identity", () => {
        const news = { [AUTO_NAME_BASE]: "data", [AUTO_NAME_SCOPE]: "stack-urn" };
        assert.deepEqual(resolve(undefined, undefined, undefined, news), {
            name: autoName("data", seededRandom(["stack-urn", "data", "Disk-1"])),
            generated: true,
        });
        assert.deepEqual(resolve(undefined, undefined, undefined, news, [UNKNOWN_VALUE]), {
            name: UNKNOWN_VALUE,
            generated: true,
        });
    });

    it("records that a name was generated, and its base and scope", () => {
        const inputs: GeneratedNameInputs = {};
        recordNameOrigin(inputs, { name: "n", generated: true }, { [AUTO_NAME_BASE]: "data", [AUTO_NAME_SCOPE]: "s" });
        assert.deepEqual(inputs, { [AUTO_NAMED]: true, [AUTO_NAME_BASE]: "data", [AUTO_NAME_SCOPE]: "s" });
        const explicit: GeneratedNameInputs = {};
        recordNameOrigin(explicit, { name: "n", generated: false }, { [AUTO_NAME_BASE]: 3 });
        assert.deepEqual(explicit, {});
    });
});
