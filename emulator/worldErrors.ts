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

/** A disk that cannot be used now because it is attached (or attaching, or detaching) to an instance. */
export class DiskAttachedError extends WorldError {
    /**
     * @param diskName The disk.
     * @param instanceName The instance it is attached to.
     * @param phase Its attachment phase.
     */
    constructor(
        readonly diskName: string,
        readonly instanceName: string,
        readonly phase: "attaching" | "attached" | "detaching",
    ) {
        super(`disk ${diskName} is ${phase === "attached" ? "attached" : phase} to instance ${instanceName}`);
        this.name = "DiskAttachedError";
    }
}

/** A disk that is not in the state a change needs (`pending`, or not attached, or still attaching). */
export class DiskStateError extends WorldError {
    /**
     * @param diskName The disk.
     * @param state What it is now: `pending`, `detached`, `attaching` or `detaching`.
     */
    constructor(
        readonly diskName: string,
        readonly state: "pending" | "detached" | "attaching" | "detaching",
    ) {
        super(`disk ${diskName} is ${state}`);
        this.name = "DiskStateError";
    }
}

/** An instance that is not in a state the change needs. */
export class InstanceStateError extends WorldError {
    /**
     * @param instanceName The instance.
     * @param state Its state now.
     * @param needed The state(s) the change needs, as words (`running`, `stopped`, `running or stopped`).
     */
    constructor(
        readonly instanceName: string,
        readonly state: string,
        readonly needed: string,
    ) {
        super(`instance ${instanceName} is ${state}, not ${needed}`);
        this.name = "InstanceStateError";
    }
}

/** A disk and an instance in different availability zones. */
export class ZoneMismatchError extends WorldError {
    /**
     * @param diskName The disk.
     * @param diskZone Its zone.
     * @param instanceName The instance.
     * @param instanceZone Its zone.
     */
    constructor(
        readonly diskName: string,
        readonly diskZone: string,
        readonly instanceName: string,
        readonly instanceZone: string,
    ) {
        super(`disk ${diskName} is in ${diskZone}, instance ${instanceName} in ${instanceZone}`);
        this.name = "ZoneMismatchError";
    }
}

/** A disk path that is not valid, or already used by another disk on the instance. */
export class DiskPathError extends WorldError {
    /**
     * @param path The path asked for.
     * @param instanceName The instance.
     * @param usedBy The disk using the path on the instance; absent when the path is not valid.
     */
    constructor(
        readonly path: string,
        readonly instanceName: string,
        readonly usedBy?: string,
    ) {
        super(
            usedBy === undefined
                ? `disk path ${path} is not valid`
                : `disk path ${path} of instance ${instanceName} is used by disk ${usedBy}`,
        );
        this.name = "DiskPathError";
    }
}

/** Attaching a disk would take the region's attached block storage over its quota. */
export class AttachedStorageQuotaError extends WorldError {
    /**
     * @param diskName The disk.
     * @param attachedGb The region's attached block storage now, GB.
     * @param quotaGb The quota, GB.
     */
    constructor(
        readonly diskName: string,
        readonly attachedGb: number,
        readonly quotaGb: number,
    ) {
        super(`attaching disk ${diskName} would exceed ${quotaGb} GB of attached block storage (${attachedGb} GB now)`);
        this.name = "AttachedStorageQuotaError";
    }
}
