/**
 * Errors the world throws: a name already taken, a resource that is not there. The API layer turns
 * them into Lightsail errors (`NameExists`, `DoesNotExist`); the admin and in-process APIs show their
 * messages.
 *
 * @module
 */

/** Lightsail resource types the world keeps by name. */
export type NamedResourceType = "Disk" | "Instance" | "DiskSnapshot";

/** How messages name each type (the in-process and admin APIs show them as they are). */
const LABEL: Readonly<Record<NamedResourceType, string>> = {
    Disk: "disk",
    Instance: "instance",
    DiskSnapshot: "disk snapshot",
};

/** A change the world refused because it would break an invariant, or a lookup of something it lacks. */
export class WorldError extends Error {}

/** Names already in use by resources of the same type in the region. */
export class NameTakenError extends WorldError {
    /**
     * @param resourceType Type of the resources.
     * @param names The names in use.
     * @param region The region.
     */
    constructor(
        readonly resourceType: NamedResourceType,
        readonly names: readonly string[],
        readonly region: string,
    ) {
        const label = LABEL[resourceType];
        super(
            names.length === 1
                ? `${label} ${names[0]} already exists in ${region}`
                : `${label}s ${names.join(", ")} already exist in ${region}`,
        );
        this.name = "NameTakenError";
    }
}

/** A resource that is not in the region. */
export class NoSuchResourceError extends WorldError {
    /**
     * @param resourceType Type of the resource.
     * @param resourceName Its name.
     * @param region The region.
     */
    constructor(
        readonly resourceType: NamedResourceType,
        readonly resourceName: string,
        readonly region: string,
    ) {
        super(`${LABEL[resourceType]} ${resourceName} does not exist in ${region}`);
        this.name = "NoSuchResourceError";
    }
}

/** An automatic snapshot date a disk or instance has no snapshot for. */
export class NoSuchAutoSnapshotError extends WorldError {
    /**
     * @param resourceName The disk or instance.
     * @param date The date asked for, `YYYY-MM-DD`.
     * @param region The region.
     */
    constructor(
        readonly resourceName: string,
        readonly date: string,
        readonly region: string,
    ) {
        super(`${resourceName} has no automatic snapshot dated ${date} in ${region}`);
        this.name = "NoSuchAutoSnapshotError";
    }
}

/** A second automatic snapshot for a day that already has one. */
export class AutoSnapshotDateTakenError extends WorldError {
    /**
     * @param resourceName The disk or instance.
     * @param date The date, `YYYY-MM-DD`.
     * @param region The region.
     */
    constructor(
        readonly resourceName: string,
        readonly date: string,
        readonly region: string,
    ) {
        super(`${resourceName} already has an automatic snapshot dated ${date} in ${region}`);
        this.name = "AutoSnapshotDateTakenError";
    }
}
