/**
 * The input rules check() applies before anything reaches Lightsail: where each bound lies, what
 * an unknown value (preview) lets through, and the words of each error.
 */

import assert from "node:assert/strict";
import { TAG_CHARACTERS_RULE, tagValueProblem } from "../../provider/lightsail/tagRule";
import { diskSnapshotSchema } from "../../provider/resources/diskSnapshot/schema";
import {
    containsUnknown,
    describe as describeValue,
    LIGHTSAIL_REGIONS,
    MAX_TIMEOUT_MS,
    sortedTags,
    UNKNOWN_VALUE,
    validateExactlyOne,
    validateKnownProperties,
    validateName,
    validateRegion,
    validateTags,
    validateTimeouts,
} from "../../provider/validation";

const reasons = (failures: { reason: string }[]) => failures.map((f) => f.reason);

describe("validation rules", () => {
    it("finds an unknown value anywhere in a list or an object", () => {
        assert.equal(containsUnknown(UNKNOWN_VALUE), true);
        assert.equal(containsUnknown(["a", UNKNOWN_VALUE]), true, "one element of a list");
        assert.equal(containsUnknown({ a: { b: [UNKNOWN_VALUE] } }), true);
        assert.equal(containsUnknown(["a", "b"]), false);
        assert.equal(containsUnknown({ a: "b" }), false);
        assert.equal(containsUnknown(null), false);
    });

    it("describes a bad value by its type, quoting strings up to 40 characters", () => {
        assert.equal(describeValue(null), "null");
        assert.equal(describeValue([1]), "a list");
        assert.equal(describeValue({}), "an object");
        assert.equal(describeValue(undefined), "an undefined");
        assert.equal(describeValue(3), "a number");
        assert.equal(describeValue(true), "a boolean");
        assert.equal(describeValue("x".repeat(40)), `"${"x".repeat(40)}"`);
        assert.equal(describeValue(`${"x".repeat(40)}yz`), `"${"x".repeat(40)}…"`);
    });

    it("takes names of 2 to 255 characters", () => {
        assert.deepEqual(validateName("name", "ab"), []);
        assert.deepEqual(validateName("name", "a".repeat(255)), []);
        assert.match(
            reasons(validateName("name", "a")).join(),
            /^name must be 2 to 255 characters long, got 1; allowed: /,
        );
        assert.match(reasons(validateName("name", "a".repeat(256))).join(), /got 256/);
        assert.deepEqual(validateName("name", UNKNOWN_VALUE), []);
    });

    it("takes up to 50 tags, and lets unknown tag values and absent tags through", () => {
        const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
        assert.deepEqual(validateTags(tags(50)), []);
        assert.deepEqual(reasons(validateTags(tags(51))), [
            "at most 50 tags are allowed on a Lightsail resource, got 51",
        ]);
        assert.deepEqual(validateTags({ team: UNKNOWN_VALUE }), []);
        assert.deepEqual(validateTags({ ["k".repeat(128)]: "v".repeat(256) }), [], "the longest key and value");
        assert.deepEqual(validateTags(null), []);
        assert.deepEqual(validateTags(UNKNOWN_VALUE), []);
        assert.deepEqual(reasons(validateTags({ n: 3 })), ["tag values must be strings, got a number"]);
    });

    it("says when it is a tag's value that breaks the rule, and takes a tag without a value", () => {
        assert.deepEqual(validateTags({ env: "a#b" }), [
            {
                property: "tags.env",
                reason: `tag value "a#b" has characters that are not allowed; allowed: ${TAG_CHARACTERS_RULE}`,
            },
        ]);
        assert.deepEqual(reasons(validateTags({ env: "AWS:prod" })), [
            'tag values starting with "aws:" (in any case) are reserved by AWS',
        ]);
        assert.deepEqual(tagValueProblem("a#b"), { part: "value", kind: "characters" });
        assert.equal(tagValueProblem(undefined), undefined, "Lightsail lists a tag without a value as such");
    });

    it("asks for a region when none is set, naming every Lightsail region", () => {
        for (const missing of [undefined, null, ""]) {
            const [failure] = validateRegion(missing);
            assert.equal(
                failure?.reason,
                `no region is set; set the region input, the stack's aws:region config, or AWS_REGION; Lightsail regions: ${LIGHTSAIL_REGIONS.join(", ")}`,
            );
        }
        assert.ok(LIGHTSAIL_REGIONS.includes("us-east-1") && LIGHTSAIL_REGIONS.includes("eu-west-2"));
        assert.deepEqual(validateRegion(UNKNOWN_VALUE), []);
    });

    it("takes timeouts above zero up to 24 hours, as duration strings", () => {
        assert.deepEqual(validateTimeouts({ create: "24h", delete: "1s" }), []);
        assert.equal(MAX_TIMEOUT_MS, 24 * 3_600_000);
        assert.deepEqual(validateTimeouts(null), []);
        assert.deepEqual(validateTimeouts({ create: UNKNOWN_VALUE }), []);
        const tooLong = validateTimeouts({ create: "24h1s" });
        assert.deepEqual(reasons(tooLong), [
            'timeouts.create must be a duration like "90s", "45m", "2h" or "1h30m", more than zero and at most 24h, got "24h1s"',
        ]);
        assert.match(reasons(validateTimeouts({ delete: 600 })).join(), /got a number$/);
        assert.match(reasons(validateTimeouts({ delete: "0s" })).join(), /more than zero/);
    });

    it("refuses properties the schema does not take as inputs, outputs included", () => {
        const failures = validateKnownProperties(diskSnapshotSchema, { diskName: "Disk-1", arn: "x", __internal: 1 }, [
            "__internal",
        ]);
        assert.deepEqual(
            failures.map((f) => f.property),
            ["arn"],
        );
        assert.match(failures[0]?.reason ?? "", /^unknown property "arn"; allowed: .*diskName/);
        assert.doesNotMatch(failures[0]?.reason ?? "", /\bstate\b/, "outputs are not offered");
    });

    it("sorts tags by key, and keeps an unknown map unknown", () => {
        assert.deepEqual(Object.keys(sortedTags({ b: "1", a: "2" })), ["a", "b"]);
        assert.equal(sortedTags(UNKNOWN_VALUE), UNKNOWN_VALUE);
        assert.deepEqual(sortedTags(undefined), {});
    });

    it("says which sources exclude each other, and which to choose from", () => {
        const alternatives = [
            { property: "diskName", means: "a block storage disk" },
            { property: "instanceName", means: "an instance's system disk" },
        ];
        assert.deepEqual(reasons(validateExactlyOne({ diskName: "Disk-1", instanceName: "Web-1" }, alternatives)), [
            "diskName and instanceName are mutually exclusive: set diskName (a block storage disk) or instanceName (an instance's system disk), not both",
        ]);
        assert.deepEqual(reasons(validateExactlyOne({}, alternatives)), [
            "exactly one source is required: set diskName (a block storage disk) or instanceName (an instance's system disk)",
        ]);
    });
});
