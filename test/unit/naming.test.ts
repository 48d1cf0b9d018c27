import assert from "node:assert/strict";
import { autoName, SUFFIX_LENGTH } from "../../provider/naming";
import { NAME_PATTERN } from "../../provider/validation";

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
