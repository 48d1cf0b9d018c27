/**
 * What every dynamic resource class of the package does at construction: refuse the options
 * that cannot work, warn about the ones that are ignored, and hand the engine its inputs with
 * every schema property registered as an output.
 */

import * as pulumi from "@pulumi/pulumi";
import { AUTO_NAME_BASE, AUTO_NAME_SCOPE } from "../naming";
import { optionProblems } from "../resourceOptions";
import { propertyNames, type ResourceSchema } from "../schema";

/** The region a program gets when it names none: `aws:region`, then the environment. */
export function defaultRegion(): string | undefined {
    return new pulumi.Config("aws").get("region") ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
}

/** The properties a resource class registers, and the warnings to log once it exists. */
export interface Declaration {
    /** The inputs, with every output registered (as undefined) and the region defaulted. */
    props: pulumi.Inputs;
    /** Ignored options, each with what to use instead. */
    warnings: string[];
}

/**
 * Prepares a dynamic resource's registration.
 *
 * @param schema The resource's schema.
 * @param name The Pulumi resource name.
 * @param args The program's arguments (with a `region`, which is defaulted here).
 * @param opts The resource options.
 * @param generatedName Whether the resource's Lightsail name may be generated (then the resource
 *   name and the project and stack go along as the base and scope of the generated name).
 * @throws Error when an option cannot work (another package's provider).
 */
export function declare(
    schema: ResourceSchema,
    name: string,
    args: object & { region?: pulumi.Input<string> },
    opts: pulumi.CustomResourceOptions | undefined,
    generatedName: boolean,
): Declaration {
    const problems = optionProblems(schema.name, opts);
    if (problems.error) throw new Error(`${schema.name} "${name}": ${problems.error}`);
    const props: pulumi.Inputs = Object.fromEntries(propertyNames(schema).map((output) => [output, undefined]));
    const region = args.region ?? defaultRegion();
    if (opts?.id === undefined) {
        Object.assign(props, args, { region });
        if (generatedName) {
            props[AUTO_NAME_BASE] = name;
            props[AUTO_NAME_SCOPE] = `${pulumi.getProject()}/${pulumi.getStack()}`;
        }
    } else {
        props.region = region;
    }
    return { props, warnings: problems.warnings.map((warning) => `${schema.name} "${name}": ${warning}`) };
}

/** Logs the warnings of a {@link Declaration} against the resource. */
export function logWarnings(resource: pulumi.Resource, warnings: readonly string[]): void {
    for (const warning of warnings) void pulumi.log.warn(warning, resource);
}
