/**
 * The native provider plugin's entry point (`bin/pulumi-resource-lightsail-snapshots`): starts the
 * server and prints its port, which is how the engine finds a plugin.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer } from "./server";
import { engineAddressOf } from "./wire";

/** The package's version, which is the plugin's. */
function packageVersion(): string {
    const text = readFileSync(join(__dirname, "..", "..", "..", "package.json"), "utf8");
    return (JSON.parse(text) as { version: string }).version;
}

startServer({ engineAddress: engineAddressOf(process.argv.slice(2)), version: packageVersion() }).then(
    (server) => {
        // The engine reads the port from the first line of stdout.
        process.stdout.write(`${server.port}\n`);
    },
    (error: unknown) => {
        process.stderr.write(`pulumi-resource-lightsail-snapshots: ${error instanceof Error ? error.stack : error}\n`);
        process.exit(1);
    },
);
