// The Stryker configuration shared by the chunks of the AWS side of provider/: every provider module
// that provider-unit.config.json does not take, against the unit and provider-against-emulator
// suites. The AWS side runs in a chunk per part (the Lightsail calls, the resources, the native
// plugin, the rest), so that a part can be run, and its report kept, on its own: the whole side is
// hours on two cores. The unit chunk's globs are read from its configuration and negated here, so
// that each module is mutated exactly once.
import { readFileSync } from "node:fs";

const unitChunk = JSON.parse(readFileSync(new URL("./provider-unit.config.json", import.meta.url), "utf8"));

/**
 * The configuration of one chunk of the AWS side.
 * @param {string} chunk - The chunk's name, which names its JSON report.
 * @param {string} glob - The provider modules of the part, before the unit chunk's are taken out.
 */
export function awsSideChunk(chunk, glob) {
    return {
        $schema: "../node_modules/@stryker-mutator/core/schema/stryker-schema.json",
        testRunner: "mocha",
        coverageAnalysis: "perTest",
        mutate: [glob, ...unitChunk.mutate.map((unitGlob) => `!${unitGlob}`)],
        mochaOptions: {
            config: ".mocharc.json",
            // serialization.test.ts runs the packed build in child processes, where no mutant is
            // active (and the sandbox's instrumented sources do not build): it could only pass or fail
            // as a whole.
            spec: ["test/unit/**/*.test.ts", "test/provider/!(serialization).test.ts"],
        },
        reporters: ["json", "clear-text", "progress"],
        jsonReporter: { fileName: `reports/mutation/${chunk}.json` },
        ignorePatterns: [".cache", "sdk", "reports", ".pulumi-state", "*.tgz"],
        tempDirName: `.stryker-tmp-${chunk}`,
        // The provider suite mostly waits on the emulator's timers, so more runners than cores pay.
        concurrency: 4,
        timeoutMS: 10000,
        cleanTempDir: "always",
        ignoreStatic: true,
    };
}
