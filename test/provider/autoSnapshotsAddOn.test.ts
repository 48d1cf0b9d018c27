/**
 * AutoSnapshots scenarios against the emulator beyond the plain enable, retime and disable: an
 * add-on already enabled at the declared time (taken over by a create, accepted by an update), a
 * source that does not exist, create, update and delete timeouts while Lightsail is still
 * switching the add-on, a retime by hand during the wait, a source deleted during a wait, reads
 * Lightsail refuses, a refused disable, and a source in another region than the provider's.
 */

import assert from "node:assert/strict";
import {
    DeleteDiskCommand,
    DisableAddOnCommand,
    EnableAddOnCommand,
    GetDiskCommand,
    type GetDiskCommandOutput,
    type LightsailClient,
} from "@aws-sdk/client-lightsail";
import { REGION } from "../../harness/account";
import { lightsailClient } from "../../harness/emulatorClient";
import { checkedAutoSnapshotsInputs, configureProvider } from "../../harness/providerCalls";
import { rewriteAnswers } from "../../harness/providerClient";
import { waitsOn } from "../../harness/providerTime";
import { failureWithStderrLines, withStderrLines } from "../../harness/stderr";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import { VirtualClock } from "../../harness/virtualClock";
import { autoSnapshots } from "../../provider/engine";
import { PROVIDER_KEY } from "../../provider/outputs";
import { PartialCreateError } from "../../provider/recovery";
import type { AutoSnapshotsInputs, AutoSnapshotsOutputs } from "../../provider/resources/autoSnapshots/schema";

const OTHER_REGION = "us-west-2";
const MINUTE = 60_000;
const CREDENTIALS_HINT =
    "check the AWS credentials: environment variables, AWS_PROFILE or aws:profile, or aws:accessKey/aws:secretKey in the stack config";
const RECORDED =
    "the add-on was requested and is recorded in the stack: run pulumi up to retry or pulumi destroy to disable it";

/** The inputs without the serialized provider, as a partial-create error records them. */
function declared(inputs: AutoSnapshotsInputs): Record<string, unknown> {
    const { [PROVIDER_KEY as keyof AutoSnapshotsInputs]: _provider, ...rest } = inputs;
    return rest;
}

describe("AutoSnapshots add-on scenarios against the emulator", function () {
    this.timeout(60_000);
    let bed: LightsailTestBed | undefined;
    let client: LightsailClient | undefined;
    let unhook: (() => void) | undefined;

    /**
     * Starts a test bed whose add-on switches take `addOnDurationMs` on the emulator's clock, with
     * Disk-1 and WordPress-1 in the test region and Disk-3 in another.
     */
    async function startBed(addOnDurationMs: number): Promise<{ bed: LightsailTestBed; client: LightsailClient }> {
        bed = await startTestBed({
            startTime: Date.parse("2024-01-01T05:00:00Z"),
            snapshot: { durationMs: 300 },
            autoSnapshot: { durationMs: 2_500, addOnDurationMs },
        });
        bed.emulator.seedDisk({ name: "Disk-1", region: REGION });
        bed.emulator.seedDisk({ name: "Disk-3", region: OTHER_REGION });
        bed.emulator.seedInstance({ name: "WordPress-1", region: REGION });
        await configureProvider();
        client = lightsailClient(bed.emulator.url, REGION);
        return { bed, client };
    }

    afterEach(async () => {
        unhook?.();
        unhook = undefined;
        client?.destroy();
        await bed?.stop();
        bed = undefined;
        client = undefined;
    });

    const count = (operation: string) => (bed ? operations(bed.emulator).filter((o) => o === operation).length : 0);

    const enableByHand = (lightsail: LightsailClient, snapshotTimeOfDay: string) =>
        lightsail.send(
            new EnableAddOnCommand({
                resourceName: "Disk-1",
                addOnRequest: { addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay } },
            }),
        );

    const addOnOf = async (lightsail: LightsailClient) =>
        (await lightsail.send(new GetDiskCommand({ diskName: "Disk-1" }))).disk?.addOns?.[0];

    /** Runs `action` once the emulator has logged `operation`, polling its request log. */
    /** The create's failure, which must record the add-on in the stack. */
    async function partialCreate(inputs: AutoSnapshotsInputs): Promise<PartialCreateError> {
        const { error } = await failureWithStderrLines(() => autoSnapshots.create(inputs));
        assert.ok(error instanceof PartialCreateError, String(error));
        return error;
    }

    function once(operation: string, action: () => unknown): { stop(): void } {
        const timer = setInterval(() => {
            if (count(operation) > 0) {
                clearInterval(timer);
                void action();
            }
        }, 5);
        return { stop: () => clearInterval(timer) };
    }

    /**
     * Makes the provider see Disk-1's add-on as `change` leaves it (deleted: not listed), for what
     * real Lightsail reports and the emulator never does. Undone after the test.
     */
    function diskAddOnSeenAs(change: (addOn: { status?: string }) => { status?: string } | undefined): void {
        unhook = rewriteAnswers(REGION, "GetDiskCommand", (output: GetDiskCommandOutput) => {
            if (output.disk?.name !== "Disk-1") return;
            output.disk.addOns = output.disk.addOns?.flatMap((addOn) => change(addOn) ?? []);
        });
    }

    describe("an add-on already enabled at the declared time", () => {
        it("up takes it over, and the delete of the resource it replaces leaves it enabled", async () => {
            const { bed, client } = await startBed(100);
            await enableByHand(client, "06:00");
            bed.emulator.advanceClock(MINUTE);
            bed.emulator.clearRequests();
            const inputs = await checkedAutoSnapshotsInputs({ diskName: "Disk-1", snapshotTimeOfDay: "06:00" });
            const { id, outs } = await autoSnapshots.create(inputs);
            assert.deepEqual([id, outs.status, outs.snapshotTimeOfDay], ["Disk-1", "Enabled", "06:00"]);
            assert.equal(count("EnableAddOn"), 1);

            const { lines } = await withStderrLines(() => autoSnapshots.delete(id, outs));
            assert.ok(
                lines.includes(
                    `AutoSnapshots "Disk-1" (${REGION}): not deleted: the resource replacing it took it over (for a new one on every replacement, set the deleteBeforeReplace option)`,
                ),
                lines.join("\n"),
            );
            assert.equal(count("DisableAddOn"), 0);
            assert.equal((await addOnOf(client))?.status, "Enabled");

            await autoSnapshots.delete(id, outs); // a destroy later disables it
            assert.equal(count("DisableAddOn"), 1);
            bed.emulator.advanceClock(MINUTE);
            assert.equal((await addOnOf(client))?.status, "Disabled");
        });

        it("an update to a time already set by hand succeeds, and destroy then disables the add-on", async () => {
            const { bed, client } = await startBed(100);
            const inputs = await checkedAutoSnapshotsInputs({ diskName: "Disk-1", snapshotTimeOfDay: "06:00" });
            const { id, outs } = await autoSnapshots.create(inputs);
            await enableByHand(client, "09:00");
            const retimed = await checkedAutoSnapshotsInputs({ diskName: "Disk-1", snapshotTimeOfDay: "09:00" });
            const updated = await autoSnapshots.update(id, outs, retimed);
            assert.deepEqual([updated.outs.status, updated.outs.snapshotTimeOfDay], ["Enabled", "09:00"]);
            bed.emulator.clearRequests();
            await autoSnapshots.delete(id, updated.outs);
            assert.equal(count("DisableAddOn"), 1);
            bed.emulator.advanceClock(MINUTE);
            assert.equal((await addOnOf(client))?.status, "Disabled");
        });
    });

    describe("up", () => {
        it("fails with Lightsail's error for a disk that does not exist, waiting for nothing", async () => {
            const { bed } = await startBed(100);
            const inputs = await checkedAutoSnapshotsInputs({ diskName: "Disk-404", snapshotTimeOfDay: "06:00" });
            const { error } = await failureWithStderrLines(() => autoSnapshots.create(inputs));
            assert.ok(!(error instanceof PartialCreateError), String(error));
            assert.match(
                error.message,
                /^AutoSnapshots "Disk-404" in us-east-1: EnableAddOn failed: NotFoundException: /,
            );
            assert.deepEqual(operations(bed.emulator), ["EnableAddOn"]);
        });

        it("gives up at its create timeout while a disk's add-on is still Enabling, recording what Lightsail reports", async () => {
            await startBed(30_000);
            const inputs = await checkedAutoSnapshotsInputs({
                diskName: "Disk-1",
                snapshotTimeOfDay: "06:00",
                timeouts: { create: "1s" },
            });
            const error = await partialCreate(inputs);
            assert.equal(error.id, "Disk-1");
            assert.equal(
                error.message,
                `AutoSnapshots "Disk-1" in ${REGION}: disk "Disk-1" was still Enabling when the create timeout ran out; ${RECORDED}`,
            );
            assert.deepEqual(error.properties, {
                ...declared(inputs),
                resourceName: "Disk-1",
                resourceType: "Disk",
                status: "Enabling",
                snapshotTimeOfDay: "06:00",
                nextSnapshotTimeOfDay: "06:00",
                [PROVIDER_KEY]: inputs[PROVIDER_KEY as keyof AutoSnapshotsInputs],
            });
        });

        it("names an instance in its create timeout", async () => {
            await startBed(30_000);
            const inputs = await checkedAutoSnapshotsInputs({
                instanceName: "WordPress-1",
                snapshotTimeOfDay: "06:00",
                timeouts: { create: "1s" },
            });
            const error = await partialCreate(inputs);
            assert.equal(
                error.message,
                `AutoSnapshots "WordPress-1" in ${REGION}: instance "WordPress-1" was still Enabling when the create timeout ran out; ${RECORDED}`,
            );
        });

        it("keeps waiting for the declared time when the add-on is retimed by hand meanwhile", async () => {
            const { client } = await startBed(300);
            const inputs = await checkedAutoSnapshotsInputs({
                diskName: "Disk-1",
                snapshotTimeOfDay: "06:00",
                timeouts: { create: "2s" },
            });
            const retimer = once("EnableAddOn", () => enableByHand(client, "09:00"));
            const { error } = await failureWithStderrLines(() => autoSnapshots.create(inputs)).finally(() =>
                retimer.stop(),
            );
            assert.ok(error instanceof PartialCreateError, String(error));
            assert.equal(
                error.message,
                `AutoSnapshots "Disk-1" in ${REGION}: disk "Disk-1" was still Enabled at 09:00, not 06:00 when the create timeout ran out; ${RECORDED}`,
            );
            const recorded = error.properties as unknown as AutoSnapshotsOutputs;
            assert.deepEqual([recorded.status, recorded.snapshotTimeOfDay], ["Enabled", "09:00"]);
        });

        it("fails at once, recording the add-on, when Lightsail reports it Failed", async () => {
            await startBed(100);
            diskAddOnSeenAs((addOn) => ({ ...addOn, status: "Failed" }));
            const inputs = await checkedAutoSnapshotsInputs({
                diskName: "Disk-1",
                snapshotTimeOfDay: "06:00",
                timeouts: { create: "3s" },
            });
            const error = await partialCreate(inputs);
            assert.equal(
                error.message,
                `AutoSnapshots "Disk-1" in ${REGION}: disk "Disk-1" ended in state error; ${RECORDED}`,
            );
            assert.equal((error.properties as unknown as AutoSnapshotsOutputs).status, "Failed");
        });

        it("keeps waiting, as Enabling, while Lightsail does not list the add-on yet", async () => {
            await startBed(100);
            diskAddOnSeenAs(() => undefined);
            const inputs = await checkedAutoSnapshotsInputs({
                diskName: "Disk-1",
                snapshotTimeOfDay: "06:00",
                timeouts: { create: "1s" },
            });
            const error = await partialCreate(inputs);
            assert.equal(
                error.message,
                `AutoSnapshots "Disk-1" in ${REGION}: disk "Disk-1" was still Enabling when the create timeout ran out; ${RECORDED}`,
            );
        });

        it("fails, recording nothing, when the disk is deleted while its add-on is being enabled", async () => {
            const { client } = await startBed(30_000);
            const inputs = await checkedAutoSnapshotsInputs({ diskName: "Disk-1", snapshotTimeOfDay: "06:00" });
            const remover = once("EnableAddOn", () => client.send(new DeleteDiskCommand({ diskName: "Disk-1" })));
            const { error } = await failureWithStderrLines(() => autoSnapshots.create(inputs)).finally(() =>
                remover.stop(),
            );
            assert.ok(!(error instanceof PartialCreateError), String(error));
            assert.equal(
                error.message,
                `AutoSnapshots "Disk-1" in ${REGION}: disk "Disk-1" was deleted while its automatic snapshots were being enabled`,
            );
        });

        it("records the inputs when the disk cannot be read while waiting", async () => {
            const { bed } = await startBed(100);
            bed.emulator.setFault("GetDisk", { kind: "denied" });
            const inputs = await checkedAutoSnapshotsInputs({ diskName: "Disk-1", snapshotTimeOfDay: "06:00" });
            const error = await partialCreate(inputs);
            assert.equal(error.id, "Disk-1");
            assert.match(
                error.message,
                /^AutoSnapshots "Disk-1" in us-east-1: GetDisk failed: AccessDeniedException: .* \(check the AWS credentials/,
            );
            assert.ok(error.message.endsWith(`; ${RECORDED}`), error.message);
            assert.deepEqual(error.properties, {
                ...declared(inputs),
                [PROVIDER_KEY]: inputs[PROVIDER_KEY as keyof AutoSnapshotsInputs],
            });
        });
    });

    describe("update", () => {
        it("turning the add-on back on gives up at the create timeout, which it names as used for updates", async () => {
            const { bed, client } = await startBed(30_000);
            await enableByHand(client, "06:00");
            bed.emulator.advanceClock(MINUTE);
            await client.send(new DisableAddOnCommand({ resourceName: "Disk-1", addOnType: "AutoSnapshot" }));
            bed.emulator.advanceClock(MINUTE);
            const inputs = await checkedAutoSnapshotsInputs({
                diskName: "Disk-1",
                snapshotTimeOfDay: "06:00",
                timeouts: { create: "1s" },
            });
            const { props } = await autoSnapshots.read("Disk-1", inputs as unknown as AutoSnapshotsOutputs);
            assert.ok(props);
            assert.equal(props.status, "Disabled");
            const { error } = await failureWithStderrLines(() => autoSnapshots.update("Disk-1", props, inputs));
            assert.ok(error instanceof PartialCreateError, String(error));
            assert.equal(
                error.message,
                `AutoSnapshots "Disk-1" in ${REGION}: disk "Disk-1" was still Enabling when the create (used for updates too) timeout ran out; ${RECORDED}`,
            );
        });
    });

    describe("refresh", () => {
        it("reads a disk in the declared region, not the provider's", async () => {
            const { bed } = await startBed(100);
            const inputs = await checkedAutoSnapshotsInputs({
                diskName: "Disk-3",
                snapshotTimeOfDay: "06:00",
                region: OTHER_REGION,
            });
            const { id, outs } = await autoSnapshots.create(inputs);
            bed.emulator.clearRequests();
            const refreshed = await autoSnapshots.read(id, outs);
            assert.equal(refreshed.id, "Disk-3");
            assert.deepEqual(
                [refreshed.props?.status, refreshed.props?.region, refreshed.props?.resourceType],
                ["Enabled", OTHER_REGION, "Disk"],
            );
            assert.deepEqual(
                bed.emulator.requests().map((r) => [r.operation, r.region]),
                [["GetDisk", OTHER_REGION]],
            );
        });

        it("fails naming the disk when Lightsail refuses to read it", async () => {
            const { bed } = await startBed(100);
            const inputs = await checkedAutoSnapshotsInputs({ diskName: "Disk-1", snapshotTimeOfDay: "06:00" });
            const { id, outs } = await autoSnapshots.create(inputs);
            bed.emulator.setFault("GetDisk", { kind: "denied" });
            await assert.rejects(autoSnapshots.read(id, outs), (error: Error) => {
                assert.match(
                    error.message,
                    /^AutoSnapshots "Disk-1" in us-east-1: GetDisk failed: AccessDeniedException: .*/,
                );
                assert.ok(error.message.endsWith(`(${CREDENTIALS_HINT})`), error.message);
                return true;
            });
        });

        it("fails naming the instance when Lightsail refuses to read it", async () => {
            const { bed } = await startBed(100);
            bed.emulator.setFault("GetInstance", { kind: "denied" });
            await assert.rejects(
                autoSnapshots.read("WordPress-1", { instanceName: "WordPress-1", region: REGION }),
                /^Error: AutoSnapshots "WordPress-1" in us-east-1: GetInstance failed: AccessDeniedException: /,
            );
        });
    });

    describe("destroy", () => {
        /** The state of Disk-1's add-on, enabled by hand at 06:00, with a delete timeout. */
        async function enabledState(bed: LightsailTestBed, client: LightsailClient, deleteTimeout: string) {
            await enableByHand(client, "06:00");
            bed.emulator.advanceClock(MINUTE);
            const { props } = await autoSnapshots.read("Disk-1", {
                diskName: "Disk-1",
                snapshotTimeOfDay: "06:00",
                region: REGION,
                timeouts: { delete: deleteTimeout },
            });
            assert.ok(props);
            assert.equal(props.status, "Enabled");
            bed.emulator.clearRequests();
            return props;
        }

        it("fails with Lightsail's error when it refuses to disable the add-on", async () => {
            const { bed, client } = await startBed(100);
            const state = await enabledState(bed, client, "1s");
            bed.emulator.setFault("DisableAddOn", { kind: "denied" });
            await assert.rejects(autoSnapshots.delete("Disk-1", state), (error: Error) => {
                assert.match(
                    error.message,
                    /^AutoSnapshots "Disk-1" in us-east-1: DisableAddOn failed: AccessDeniedException: /,
                );
                assert.ok(error.message.endsWith(`(${CREDENTIALS_HINT})`), error.message);
                return true;
            });
            assert.equal((await addOnOf(client))?.status, "Enabled");
        });

        it("gives up at its delete timeout while the add-on is still Disabling, naming the add-on", async () => {
            const { bed, client } = await startBed(30_000);
            const state = await enabledState(bed, client, "1s");
            const { error } = await failureWithStderrLines(() => autoSnapshots.delete("Disk-1", state));
            assert.ok(!(error instanceof PartialCreateError), String(error));
            assert.equal(
                error.message,
                `AutoSnapshots "Disk-1" in ${REGION}: the AutoSnapshot add-on of disk "Disk-1" was still Disabling when the delete timeout ran out`,
            );
            assert.equal((error.cause as { reason?: string } | undefined)?.reason, "timeout");
        });

        it("a slow enable and a slow disable report their progress, naming the add-on", async () => {
            // Five minutes each way on a clock the provider's waits share: no real waiting.
            const clock = new VirtualClock(Date.parse("2024-01-01T05:00:00Z"));
            bed = await startTestBed({ clock: clock.now, autoSnapshot: { addOnDurationMs: 5 * MINUTE } });
            bed.emulator.seedDisk({ name: "Disk-1", region: REGION });
            await configureProvider();
            const restore = waitsOn(clock);
            try {
                const inputs = await checkedAutoSnapshotsInputs({ diskName: "Disk-1", snapshotTimeOfDay: "06:00" });
                const up = await withStderrLines(() => autoSnapshots.create(inputs));
                const down = await withStderrLines(() => autoSnapshots.delete(up.result.id, up.result.outs));
                const line = (state: string) =>
                    new RegExp(
                        `^AutoSnapshots "Disk-1" \\(${REGION}\\): ${state}, progress not reported, [0-9ms]+ elapsed$`,
                    );
                const progress = (lines: string[]) => lines.filter((l) => l.startsWith("AutoSnapshots"));
                assert.ok(progress(up.lines).length > 0, up.lines.join("\n"));
                for (const l of progress(up.lines)) assert.match(l, line("Enabling"));
                assert.ok(progress(down.lines).length > 0, down.lines.join("\n"));
                for (const l of progress(down.lines)) assert.match(l, line("Disabling"));
            } finally {
                restore();
            }
        });

        it("succeeds when Lightsail no longer lists the add-on once it is disabled", async () => {
            const { bed, client } = await startBed(100);
            const state = await enabledState(bed, client, "3s");
            diskAddOnSeenAs(() => undefined);
            await autoSnapshots.delete("Disk-1", state);
            assert.equal(count("DisableAddOn"), 1);
            assert.ok(count("GetDisk") >= 1, "it waited");
        });

        it("succeeds when the disk is deleted while its add-on is being disabled", async () => {
            const { bed, client } = await startBed(30_000);
            const state = await enabledState(bed, client, "3s");
            const remover = once("DisableAddOn", () => client.send(new DeleteDiskCommand({ diskName: "Disk-1" })));
            await autoSnapshots.delete("Disk-1", state).finally(() => remover.stop());
            assert.equal(count("DisableAddOn"), 1);
            assert.ok(count("GetDisk") >= 1, "it waited");
        });
    });
});
