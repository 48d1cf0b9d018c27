/** The independent judges (AWS CLI, service model): skipped without them locally, required under CI. */

import assert from "node:assert/strict";
import { judgeAvailable } from "../../harness/awsCli";

describe("harness: independent judges", () => {
    const missing = { debianPackage: "awscli", path: "/nonexistent/aws" } as const;

    it("fails the run under CI=true when a judge is missing, naming the package to install", () => {
        assert.throws(() => judgeAvailable(missing, { CI: "true" }), /apt-get install awscli/);
    });

    it("lets a developer's run skip a missing judge", () => {
        assert.equal(judgeAvailable(missing, {}), false);
        assert.equal(judgeAvailable(missing, { CI: "false" }), false);
    });
});
