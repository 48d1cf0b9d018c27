/**
 * A disk's or instance's AutoSnapshot add-on as an AutoSnapshots resource's outputs. Pure.
 */

import type { AutoSnapshotSource } from "../../lightsail/addOns";
import { pick, stateInputKeys, toPlainJson, withoutProvider } from "../../outputs";
import { type AutoSnapshotsInputs, type AutoSnapshotsOutputs, autoSnapshotsSchema } from "./schema";

/**
 * The outputs of an AutoSnapshots resource: the inputs it was made from, with what Lightsail
 * reports of the add-on laid over them. With no add-on listed, the status is `Disabled` and the
 * declared time stays (there is no live one).
 */
export function autoSnapshotsOutputs(
    inputs: Partial<AutoSnapshotsInputs>,
    source: AutoSnapshotSource,
): AutoSnapshotsOutputs {
    const echoed = pick(withoutProvider(inputs), stateInputKeys(autoSnapshotsSchema));
    const outputs = {
        ...echoed,
        resourceName: source.resourceName,
        resourceType: source.resourceType,
        status: source.addOn?.status ?? "Disabled",
        snapshotTimeOfDay: source.addOn?.snapshotTimeOfDay ?? inputs.snapshotTimeOfDay,
        nextSnapshotTimeOfDay: source.addOn?.nextSnapshotTimeOfDay,
        region: inputs.region,
    };
    return toPlainJson(outputs) as AutoSnapshotsOutputs;
}
