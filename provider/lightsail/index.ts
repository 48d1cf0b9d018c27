/**
 * The only code that talks to AWS. The provider loads this folder lazily, inside its methods, so
 * that `check` and `diff` (all that preview needs) never load the SDK.
 */

export * from "./addOns";
export { closeClients, lightsailClient } from "./client";
export * from "./disks";
export * from "./errors";
export * from "./snapshots";
export {
    retryInterruptibly,
    SHARED_READS_ENV,
    sharedDiskReads,
    sharedSnapshotReads,
    sharingReads,
    waitForResource,
    waitForSnapshot,
} from "./wait";
