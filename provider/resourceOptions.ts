/**
 * Resource options a dynamic resource cannot honour, found at construction so the program says
 * so instead of the engine silently ignoring or mis-routing them. Pure.
 */

import type * as pulumi from "@pulumi/pulumi";

/** The package every dynamic resource belongs to: its provider is the engine's `pulumi-nodejs`. */
export const DYNAMIC_PACKAGE = "pulumi-nodejs";

/** What {@link optionProblems} found. */
export interface OptionProblems {
    /** Why the resource cannot be declared this way, if it cannot. */
    error?: string;
    /** Options that will be ignored, each with what to use instead. */
    warnings: string[];
}

/**
 * Checks a dynamic resource's options.
 *
 * @param kind The resource's kind, e.g. `DiskSnapshot`.
 * @param opts The options the program gave.
 */
export function optionProblems(kind: string, opts: pulumi.CustomResourceOptions | undefined): OptionProblems {
    const warnings: string[] = [];
    let error: string | undefined;
    // getPackage is public at run time but left out of the SDK's declarations.
    const provider = opts?.provider as { getPackage?: () => string } | undefined;
    const pkg = typeof provider?.getPackage === "function" ? provider.getPackage() : undefined;
    if (provider !== undefined && pkg !== DYNAMIC_PACKAGE) {
        // The engine would send this resource to that provider's plugin, which knows nothing of it.
        error = `${kind} cannot use the provider option with a provider of package "${pkg ?? "unknown"}": ${kind} is a dynamic resource served by this package, not by the ${pkg ?? "given"} plugin. Set the region input to choose its region (the endpoint and credentials come from the aws: stack config and the AWS environment)`;
    }
    if (opts?.customTimeouts !== undefined) {
        warnings.push(
            `the customTimeouts option does not reach dynamic providers and is ignored; use the timeouts input instead, e.g. timeouts: { create: "30m", delete: "10m" }`,
        );
    }
    if (opts?.replaceOnChanges !== undefined && opts.replaceOnChanges.length > 0) {
        warnings.push(
            `the replaceOnChanges option has no effect on dynamic resources and is ignored; changes of the name, source or region already replace the resource`,
        );
    }
    return error === undefined ? { warnings } : { error, warnings };
}
