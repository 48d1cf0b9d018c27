// Stryker configuration for the AWS side of provider/: every provider module that
// provider-unit.config.json does not take, against the unit and provider-against-emulator suites.
// The modules the unit suite covers on its own run in that faster chunk; their globs are read from
// it, negated here, so that each module is mutated exactly once.
import { readFileSync } from "node:fs";

const unitChunk = JSON.parse(readFileSync(new URL("./provider-unit.config.json", import.meta.url), "utf8"));

export default {
    $schema: "../node_modules/@stryker-mutator/core/schema/stryker-schema.json",
    testRunner: "mocha",
    coverageAnalysis: "perTest",
    mutate: ["provider/**/*.ts", ...unitChunk.mutate.map((glob) => `!${glob}`)],
    mochaOptions: {
        config: ".mocharc.json",
        // serialization.test.ts runs the packed build in child processes, where no mutant is active
        // (and the sandbox's instrumented sources do not build): it could only pass or fail as a whole.
        spec: ["test/unit/**/*.test.ts", "test/provider/!(serialization).test.ts"],
    },
    reporters: ["json", "clear-text", "progress"],
    jsonReporter: { fileName: "reports/mutation/provider.json" },
    ignorePatterns: [".cache", "sdk", "reports", ".pulumi-state", "*.tgz"],
    tempDirName: ".stryker-tmp",
    concurrency: 3,
    timeoutMS: 10000,
    cleanTempDir: "always",
    ignoreStatic: true,
};
