/**
 * What the native provider plugin's entry point (`bin/pulumi-resource-lightsail-snapshots`) runs:
 * starts the server and prints its port, which is how the engine finds a plugin.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PluginProcess } from "../pluginLifetime";
import { type RunningServer, type ServerOptions, startServer } from "./server";
import { engineAddressOf } from "./wire";

/** The version in the package.json at `packageRoot`, which is the plugin's. */
function packageVersion(packageRoot: string): string {
    const file = join(packageRoot, "package.json");
    return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

/**
 * Starts the plugin in `proc` (the real process, or a stand-in), for the package installed at
 * `packageRoot`: the server, on the engine address of the command line, and its port on the first
 * line of stdout; or, when it cannot start, the reason on stderr and exit code 1. `start` starts
 * the server; default {@link startServer}. Resolves with the running server, or undefined.
 */
export async function launch(
    proc: PluginProcess,
    packageRoot: string,
    start: (options: ServerOptions) => Promise<RunningServer> = startServer,
): Promise<RunningServer | undefined> {
    try {
        const server = await start({
            engineAddress: engineAddressOf(proc.argv.slice(2)),
            version: packageVersion(packageRoot),
        });
        // The engine reads the port from the first line of stdout.
        proc.stdout.write(`${server.port}\n`);
        return server;
    } catch (error) {
        proc.stderr.write(`pulumi-resource-lightsail-snapshots: ${error instanceof Error ? error.stack : error}\n`);
        proc.exit(1);
        return undefined;
    }
}
