import assert from "node:assert/strict";
import { formatElapsed, parseDuration } from "../../provider/duration";

describe("duration", () => {
    it("parses the customTimeouts forms", () => {
        assert.equal(parseDuration("90s"), 90_000);
        assert.equal(parseDuration("45m"), 2_700_000);
        assert.equal(parseDuration("2h"), 7_200_000);
        assert.equal(parseDuration("1h30m"), 5_400_000);
        assert.equal(parseDuration("1.5h"), 5_400_000);
        assert.equal(parseDuration("250ms"), 250);
    });

    it("rejects anything else", () => {
        for (const text of ["", "10", "1d", "soon", "-5m", "5 m", "m5"])
            assert.equal(parseDuration(text), undefined, text);
    });

    it("formats elapsed time briefly", () => {
        assert.equal(formatElapsed(42_000), "42s");
        assert.equal(formatElapsed(185_000), "3m05s");
        assert.equal(formatElapsed(3_720_000), "1h02m");
    });

    it("takes surrounding spaces, and switches units at exactly one minute and one hour", () => {
        assert.equal(parseDuration(" 2h "), 7_200_000);
        assert.equal(formatElapsed(59_000), "59s");
        assert.equal(formatElapsed(60_000), "1m00s");
        assert.equal(formatElapsed(3_599_000), "59m59s");
        assert.equal(formatElapsed(3_600_000), "1h00m");
    });
});
