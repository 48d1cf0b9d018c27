/**
 * Where the provider's methods run: the dynamic-provider plugin, reached through the forwarding
 * object Pulumi serializes into every resource's state (`__provider`).
 *
 * Pulumi's closure serializer shapes this module. When the package is installed in
 * node_modules, the forwarders capture only this package's `provider-runtime` module, recorded
 * as a `require`. When it is imported by path instead, the code reachable from here is
 * serialized by value, and three rules keep it working: the AWS side is loaded with a runtime
 * `require` of a captured absolute path (neither `__dirname` nor a relative path resolves in the
 * plugin); settings live in a holder object (each serialized function gets its own copy of a
 * captured `let`, but an object captured by several stays one); and code reachable from here
 * uses arrays, not Sets (a revived Set has no members). The serialization test guards all three.
 */

import type { LightsailClient } from "@aws-sdk/client-lightsail";
import { type ProviderSettings, resolveSettings } from "./config";
import type * as LightsailModule from "./lightsail";

const LIGHTSAIL_MODULE = `${__dirname}/lightsail`;

const configured: { settings?: ProviderSettings } = {};

/** The settings `configure` resolved, or those of the environment alone. */
export function currentSettings(): ProviderSettings {
    configured.settings ??= resolveSettings({ get: () => undefined }, process.env);
    return configured.settings;
}

/** Resolves the settings from the stack configuration the engine hands the plugin. */
export function configureSettings(config: { get(key: string): string | undefined }): void {
    configured.settings = resolveSettings(config, process.env);
}

/** The AWS side, loaded on first use: preview (check and diff) never pays for the SDK. */
export function lightsail(): typeof LightsailModule {
    return require(LIGHTSAIL_MODULE) as typeof LightsailModule;
}

/** The shared Lightsail client for a region, with the configured endpoint and credentials. */
export function clientFor(region: string): LightsailClient {
    return lightsail().lightsailClient(region, currentSettings().client);
}
