/**
 * The package schema the native plugin serves from `GetSchema`: the resources' schemas (the same
 * ones that type the dynamic face) emitted by ../schema/packageSchema, with the provider's
 * configuration. Pure.
 */

import { RESOURCE_SCHEMAS } from "../resources";
import { type PackageProperty, type PackageSchema, packageSchema } from "../schema";
import { packageFunctions } from "./functions";
import { CONFIG_KEYS, type ConfigKey, PACKAGE_NAME } from "./wire";

/** Where the package is developed; also the root of the Go SDK's import path. */
const REPOSITORY = "https://github.com/pulumi-lightsail-disk-snapshot/pulumi-lightsail-disk-snapshot";

/** What each configuration variable (`lightsail-snapshots:<key>`) means. */
const CONFIG_DOCS: Record<ConfigKey, string> = {
    region: "The AWS region of resources that declare none. Default: `AWS_REGION`, then `AWS_DEFAULT_REGION`.",
    profile: "The shared AWS config profile whose credentials to use. Default: `AWS_PROFILE`, then the default chain.",
    endpoint:
        "A Lightsail endpoint to call instead of AWS's (https, or http for 127.0.0.1 and localhost). Default: `AWS_ENDPOINT_URL_LIGHTSAIL`, then `AWS_ENDPOINT_URL`.",
};

const CONFIG_PROPERTIES: Record<string, PackageProperty> = Object.fromEntries(
    CONFIG_KEYS.map((key) => [key, { type: "string", description: CONFIG_DOCS[key] }]),
);

/** The package schema of the plugin at `version`. */
export function nativePackageSchema(version: string): PackageSchema {
    const schema = packageSchema(
        {
            name: PACKAGE_NAME,
            extra: {
                version,
                displayName: "AWS Lightsail snapshots",
                description:
                    "AWS Lightsail disk snapshots, automatic snapshots, restores and cross-region copies as Pulumi resources.",
                keywords: ["pulumi", "aws", "lightsail", "snapshot", "backup", "category/cloud", "kind/native"],
                license: "Apache-2.0",
                config: { variables: CONFIG_PROPERTIES },
                provider: {
                    description: "The lightsail-snapshots provider: where resources live and how Lightsail is reached.",
                    inputProperties: CONFIG_PROPERTIES,
                },
                repository: REPOSITORY,
                meta: { supportPack: true },
                language: {
                    nodejs: { respectSchemaVersion: true },
                    go: { importBasePath: `${REPOSITORY.replace(/^https:\/\//, "")}/sdk/go/lightsailsnapshots` },
                    python: {
                        packageName: "pulumi_lightsail_snapshots",
                        respectSchemaVersion: true,
                        pyproject: { enabled: true },
                    },
                },
            },
        },
        RESOURCE_SCHEMAS,
    );
    return { ...schema, functions: packageFunctions({ name: PACKAGE_NAME }, schema.types) };
}

/** {@link nativePackageSchema} as the JSON text `GetSchema` answers. */
export function packageSchemaText(version: string): string {
    return JSON.stringify(nativePackageSchema(version));
}
