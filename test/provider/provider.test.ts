import assert from "node:assert/strict";
import { BAD_INPUTS } from "../../harness/badInputs";
import { type LightsailTestBed, operations, startTestBed } from "../../harness/testBed";
import {
    autoSnapshots,
    configure as configureProvider,
    diskFromSnapshot,
    diskSnapshotCopy,
    diskSnapshot as provider,
} from "../../provider/engine";
import { AUTO_NAME_BASE } from "../../provider/naming";
import { PartialCreateError } from "../../provider/recovery";
import type { DiskSnapshotInputs, DiskSnapshotOutputs } from "../../provider/resources/diskSnapshot/schema";

const PROVIDER_TEXT = "exports.handler = () => ({});";

async function configure(config: Record<string, string> = {}): Promise<void> {
    await configureProvider({
        config: { get: (key: string) => config[key], require: (key: string) => config[key] ?? "" },
    });
}

/** Runs check as the engine does before create, failing the test on any failure. */
async function checked(
    news: Record<string, unknown>,
    olds: Partial<DiskSnapshotInputs> = {},
): Promise<DiskSnapshotInputs> {
    const result = await provider.check(olds, { [AUTO_NAME_BASE]: "data", region: "us-east-1", ...news });
    assert.deepEqual(result.failures, []);
    assert.ok(result.inputs);
    return withProvider(result.inputs);
}

/** Properties as the engine hands them to the provider: with the serialized provider. */
function withProvider<T extends object>(props: T): T {
    return { ...props, __provider: PROVIDER_TEXT };
}

/** The state a partial-create error records, as the engine hands it back later. */
function recorded(error: PartialCreateError): DiskSnapshotOutputs {
    return error.properties as DiskSnapshotOutputs;
}

function assertPlainJson(value: unknown): void {
    assert.deepEqual(JSON.parse(JSON.stringify(value)), value);
}

describe("provider against the emulator", function () {
    this.timeout(60_000);
    let bed: LightsailTestBed;

    beforeEach(async () => {
        bed = await startTestBed({ snapshot: { durationMs: 300 } });
        bed.emulator.seedDisk({ name: "Disk-1", region: "us-east-1", sizeInGb: 32 });
        bed.emulator.seedInstance({ name: "WordPress-1", region: "us-east-1", systemDiskSizeInGb: 40 });
        await configure();
    });

    afterEach(async () => {
        await bed.stop();
    });

    describe("check and diff (preview)", () => {
        it("rejects every bad input with zero Lightsail calls", async () => {
            const checks = {
                DiskSnapshot: provider.check,
                AutoSnapshots: autoSnapshots.check,
                DiskFromSnapshot: diskFromSnapshot.check,
                DiskSnapshotCopy: diskSnapshotCopy.check,
            };
            for (const bad of BAD_INPUTS) {
                const { failures } = await checks[bad.resource]({}, bad.inputs);
                assert.ok(
                    failures?.some((f) => f.property === bad.property && bad.reason.test(f.reason)),
                    `${bad.title}: ${JSON.stringify(failures)}`,
                );
            }
            const inputs = await checked({ diskName: "Disk-1", tags: { env: "prod" } });
            await provider.diff("x", { ...inputs, tags: {} }, inputs);
            assert.deepEqual(operations(bed.emulator), []);
        });
    });

    describe("create", () => {
        it("creates a disk snapshot with the tags in the request and waits until completed", async () => {
            bed.emulator.setSnapshotBehaviour({ durationMs: 1_500, curve: "linear" });
            const inputs = await checked({ diskName: "Disk-1", tags: { team: "web", env: "prod" } });
            const { id, outs } = await provider.create(inputs);
            assert.equal(id, inputs.diskSnapshotName);
            assert.equal(outs.state, "completed");
            assert.equal(outs.progress, "100%");
            const reads = bed.emulator.requests().filter((r) => r.operation === "GetDiskSnapshot");
            assert.ok(reads.length >= 2, "it waited, reading the snapshot while pending");
            assert.equal(outs.sizeInGb, 32);
            assert.equal(outs.fromDiskName, "Disk-1");
            assert.match(outs.arn, /^arn:aws:lightsail:us-east-1:\d{12}:DiskSnapshot\/[0-9a-f-]{36}$/);
            assert.deepEqual(outs.tags, { env: "prod", team: "web" });
            assert.deepEqual(outs.location, { availabilityZone: "all", regionName: "us-east-1" });
            assert.match(outs.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
            assertPlainJson(outs);
            const creates = bed.emulator.requests().filter((r) => r.operation === "CreateDiskSnapshot");
            assert.equal(creates.length, 1);
            assert.deepEqual((creates[0].body as { tags: unknown }).tags, [
                { key: "env", value: "prod" },
                { key: "team", value: "web" },
            ]);
            assert.ok(!operations(bed.emulator).includes("TagResource"), "tags must not be added after creation");
        });

        it("snapshots an instance's system volume", async () => {
            const { outs } = await provider.create(await checked({ instanceName: "WordPress-1" }));
            assert.equal(outs.fromInstanceName, "WordPress-1");
            assert.equal(outs.sizeInGb, 40);
            assert.ok(!("fromDiskName" in outs));
        });

        it("explains a missing source disk, and creates nothing", async () => {
            const inputs = await checked({ diskName: "Disk-404", diskSnapshotName: "snap-missing" });
            await assert.rejects(provider.create(inputs), (error: Error) => {
                assert.match(error.message, /DiskSnapshot "snap-missing" in us-east-1/);
                assert.match(error.message, /NotFoundException/);
                assert.match(error.message, /check that disk "Disk-404" exists in us-east-1/);
                assert.ok(!(error instanceof PartialCreateError));
                return true;
            });
            assert.deepEqual(bed.emulator.snapshots("us-east-1"), []);
        });

        it("explains a name already taken, and adopts it when asked", async () => {
            await provider.create(await checked({ diskName: "Disk-1", diskSnapshotName: "taken-1" }));
            await assert.rejects(
                provider.create(await checked({ diskName: "Disk-1", diskSnapshotName: "taken-1" })),
                (error: Error) => {
                    assert.match(error.message, /InvalidInputException/);
                    assert.match(error.message, /adopt: true/);
                    return true;
                },
            );
            const adopted = await provider.create(
                await checked({ diskName: "Disk-1", diskSnapshotName: "taken-1", adopt: true }),
            );
            assert.equal(adopted.id, "taken-1");
            assert.equal(adopted.outs.state, "completed");
            await assert.rejects(
                provider.create(
                    await checked({ instanceName: "WordPress-1", diskSnapshotName: "taken-1", adopt: true }),
                ),
                /cannot adopt the existing snapshot: it was taken from disk "Disk-1"/,
            );
            assert.equal(bed.emulator.snapshots("us-east-1").length, 1);
        });

        it("offers adopt: true for a taken name only when the existing snapshot has the declared source", async () => {
            await provider.create(await checked({ diskName: "Disk-1", diskSnapshotName: "taken-2" }));
            await assert.rejects(
                provider.create(await checked({ instanceName: "WordPress-1", diskSnapshotName: "taken-2" })),
                (error: Error) => {
                    assert.match(error.message, /NameExists|InvalidInputException/);
                    assert.match(error.message, /was taken from disk "Disk-1", not from the source declared/);
                    assert.doesNotMatch(error.message, /adopt/);
                    return true;
                },
            );
        });

        it("names the setting that supplied an unreachable endpoint, after a few attempts only", async () => {
            const saved = process.env.AWS_ENDPOINT_URL_LIGHTSAIL;
            // Port 1 on loopback: nothing listens there, the connection is refused at once.
            process.env.AWS_ENDPOINT_URL_LIGHTSAIL = "http://127.0.0.1:1";
            try {
                await configure();
                const error = await provider
                    .create(await checked({ diskName: "Disk-1", diskSnapshotName: "nowhere-1" }))
                    .then(
                        () => undefined,
                        (e: Error) => e,
                    );
                assert.ok(error);
                assert.match(
                    error.message,
                    /the endpoint http:\/\/127\.0\.0\.1:1 \(from AWS_ENDPOINT_URL_LIGHTSAIL\) could not be reached/,
                );
                const attempts = (error.cause as { $metadata?: { attempts?: number } }).$metadata?.attempts;
                assert.equal(attempts, 3, "the first attempt and two retries");
            } finally {
                process.env.AWS_ENDPOINT_URL_LIGHTSAIL = saved;
                await configure();
            }
        });

        it("takes over a snapshot an interrupted create of the same resource left under its generated name", async () => {
            const declared = { diskName: "Disk-1", __autoNameScope: "proj/dev" };
            const first = await provider.create(await checked(declared));
            // The engine lost track of it (a killed pulumi up); the retried create asks for the same name.
            const again = await provider.create(await checked(declared));
            assert.equal(again.id, first.id);
            assert.equal(again.outs.state, "completed");
            assert.equal(bed.emulator.snapshots("us-east-1").length, 1);

            // A forced replacement (up --replace) is that same create, then the delete of the replaced
            // resource, by the same ID, in the same process: it must leave the snapshot to the new one.
            await provider.delete(first.id, withProvider(first.outs));
            assert.deepEqual(
                bed.emulator.snapshots("us-east-1").map((s) => s.name),
                [first.id],
            );
            assert.ok(!operations(bed.emulator).includes("DeleteDiskSnapshot"));
            // Only that one delete: the next one (pulumi destroy) deletes it.
            await provider.delete(first.id, withProvider(first.outs));
            assert.deepEqual(bed.emulator.snapshots("us-east-1"), []);
        });

        it("records a snapshot that ends in error as partially created, with Lightsail's detail", async () => {
            bed.emulator.setSnapshotBehaviour({ errorPattern: "^doomed" });
            const inputs = await checked({ diskName: "Disk-1", diskSnapshotName: "doomed-1" });
            await assert.rejects(provider.create(inputs), (error: PartialCreateError) => {
                assert.ok(error instanceof PartialCreateError);
                assert.equal(error.id, "doomed-1");
                assert.equal(error.properties.__provider, PROVIDER_TEXT);
                assert.equal(error.properties.state, "error");
                assert.match(error.message, /ended in state error: \w+: .+/);
                assertPlainJson(error.properties);
                return true;
            });
            assert.equal(bed.emulator.snapshots("us-east-1")[0]?.name, "doomed-1");
        });

        it("records a snapshot still pending at the timeout as partially created", async () => {
            bed.emulator.setSnapshotBehaviour({ durationMs: 60_000 });
            const inputs = await checked({
                diskName: "Disk-1",
                diskSnapshotName: "slow-1",
                timeouts: { create: "1s" },
            });
            await assert.rejects(provider.create(inputs), (error: PartialCreateError) => {
                assert.ok(error instanceof PartialCreateError, String(error));
                assert.equal(error.id, "slow-1");
                assert.equal(error.properties.state, "pending");
                assert.match(error.message, /still pending.*create timeout/);
                return true;
            });
        });

        it("finishes the wait on the next update of a snapshot recorded while pending", async () => {
            bed.emulator.setSnapshotBehaviour({ durationMs: 2_000 });
            const inputs = await checked({
                diskName: "Disk-1",
                diskSnapshotName: "resumed-1",
                timeouts: { create: "300ms" },
            });
            const partial = await provider.create(inputs).catch((error: PartialCreateError) => error);
            assert.ok(partial instanceof PartialCreateError);
            const news = await checked({ diskName: "Disk-1", diskSnapshotName: "resumed-1" });
            const { outs } = await provider.update("resumed-1", recorded(partial), news);
            assert.equal(outs.state, "completed");
            assert.equal(outs.timeouts, undefined);
            assertPlainJson(outs);
        });

        it("rides out throttling bursts, 500s, 503s and connection resets", async () => {
            bed.emulator.setFault("CreateDiskSnapshot", { kind: "throttle", count: 2 });
            bed.emulator.setFault("GetDiskSnapshot", { kind: "error", count: 2 });
            const first = await provider.create(await checked({ diskName: "Disk-1" }));
            assert.equal(first.outs.state, "completed");
            bed.emulator.setFault("CreateDiskSnapshot", { kind: "unavailable", count: 1 });
            bed.emulator.setFault("GetDiskSnapshot", { kind: "reset", count: 2 });
            const second = await provider.create(await checked({ diskName: "Disk-1" }));
            assert.equal(second.outs.state, "completed");
            assert.equal(bed.emulator.snapshots("us-east-1").length, 2);
        });

        it("keeps a snapshot whose create answer was lost, instead of failing on its own name", async () => {
            // The first attempt creates the snapshot but the connection drops before the answer.
            bed.emulator.setFault("CreateDiskSnapshot", { kind: "reset-after", count: 1 });
            const { id, outs } = await provider.create(await checked({ diskName: "Disk-1" }));
            assert.equal(outs.state, "completed");
            assert.deepEqual(
                bed.emulator.snapshots("us-east-1").map((s) => s.name),
                [id],
            );
        });

        it("keeps an explicitly named snapshot whose create answer was lost", async () => {
            bed.emulator.setFault("CreateDiskSnapshot", { kind: "reset-after", count: 1 });
            const { id, outs } = await provider.create(
                await checked({ diskName: "Disk-1", diskSnapshotName: "named-1", tags: { env: "prod" } }),
            );
            assert.equal(id, "named-1");
            assert.equal(outs.state, "completed");
            assert.deepEqual(outs.tags, { env: "prod" });
            assert.deepEqual(
                bed.emulator.snapshots("us-east-1").map((s) => s.name),
                ["named-1"],
            );
        });

        it("creates in the declared region, not in aws:region or AWS_REGION", async () => {
            // AWS_REGION is us-east-1 (the test bed); aws:region says eu-west-1; the resource says us-west-2.
            await configure({ "aws:region": "eu-west-1" });
            bed.emulator.seedDisk({ name: "Disk-1", region: "us-west-2", sizeInGb: 64 });
            bed.emulator.seedDisk({ name: "Disk-1", region: "eu-west-1", sizeInGb: 16 });
            const inputs = await checked({ diskName: "Disk-1", diskSnapshotName: "west-1", region: "us-west-2" });
            const { id, outs } = await provider.create(inputs);
            assert.equal(outs.region, "us-west-2");
            assert.deepEqual(outs.location, { availabilityZone: "all", regionName: "us-west-2" });
            assert.match(outs.arn, /^arn:aws:lightsail:us-west-2:\d{12}:DiskSnapshot\//);
            assert.equal(outs.sizeInGb, 64, "the snapshot is of us-west-2's Disk-1");
            assert.deepEqual(
                bed.emulator.snapshots("us-west-2").map((s) => s.name),
                ["west-1"],
            );
            assert.deepEqual(bed.emulator.snapshots("us-east-1"), []);
            assert.deepEqual(bed.emulator.snapshots("eu-west-1"), []);
            assert.equal((await provider.read(id, withProvider(outs))).props?.region, "us-west-2");
            await provider.delete(id, outs);
            assert.deepEqual(bed.emulator.snapshots("us-west-2"), []);
            const regions = new Set(bed.emulator.requests().map((r) => r.region));
            assert.deepEqual([...regions], ["us-west-2"], "every call is signed for the declared region");
        });

        it("retries a failing call up to the full retry budget, well above the SDK's default of 3 attempts", async () => {
            bed.emulator.setFault("CreateDiskSnapshot", { kind: "error", count: 5 });
            const { outs } = await provider.create(await checked({ diskName: "Disk-1", diskSnapshotName: "budget-1" }));
            assert.equal(outs.state, "completed");
            const creates = bed.emulator.requests().filter((r) => r.operation === "CreateDiskSnapshot");
            assert.deepEqual(
                creates.map((r) => r.status),
                [500, 500, 500, 500, 500, 200],
                "five 500s, then the sixth attempt of the same call succeeds",
            );
        });

        it("fails cleanly when the snapshot disappears while it is being created", async () => {
            bed.emulator.setSnapshotBehaviour({ durationMs: 5_000 });
            const inputs = await checked({ diskName: "Disk-1", diskSnapshotName: "vanishing-1" });
            setTimeout(() => bed.emulator.deleteSnapshot("vanishing-1", "us-east-1"), 700);
            await assert.rejects(provider.create(inputs), (error: Error) => {
                assert.ok(!(error instanceof PartialCreateError));
                assert.match(error.message, /vanishing-1.*deleted while it was being created/);
                return true;
            });
        });
    });

    describe("read, update and delete", () => {
        it("refresh returns the same outputs right after create, and sees tag drift", async () => {
            const inputs = await checked({ diskName: "Disk-1", tags: { env: "prod" } });
            const { id, outs } = await provider.create(inputs);
            const state = withProvider(outs);
            const same = await provider.read(id, state);
            assert.equal(same.id, id);
            assert.deepEqual(same.props, outs);
            bed.emulator.setSnapshotTags(
                id,
                [
                    { key: "env", value: "dev" },
                    { key: "owner", value: "ops" },
                ],
                "us-east-1",
            );
            const drifted = await provider.read(id, state);
            assert.deepEqual(drifted.props?.tags, { env: "dev", owner: "ops" });
            assert.deepEqual(drifted.inputs?.tags, { env: "dev", owner: "ops" });
            assert.equal(drifted.inputs?.diskName, "Disk-1");
        });

        it("refresh reports a snapshot deleted out of band as gone", async () => {
            const { id, outs } = await provider.create(await checked({ diskName: "Disk-1" }));
            bed.emulator.deleteSnapshot(id, "us-east-1");
            assert.equal((await provider.read(id, outs)).id, "");
        });

        it("reads an existing snapshot by name for DiskSnapshot.get", async () => {
            const { id } = await provider.create(await checked({ diskName: "Disk-1", tags: { a: "1" } }));
            const got = await provider.read(id, { region: "us-east-1" });
            assert.equal(got.props?.diskSnapshotName, id);
            assert.deepEqual(got.props?.tags, { a: "1" });
            assert.equal(got.inputs, undefined);
        });

        it("fails DiskSnapshot.get of a snapshot that does not exist, naming it and its region", async () => {
            await assert.rejects(
                provider.read("no-such-snapshot", { region: "us-east-1" }),
                /DiskSnapshot "no-such-snapshot" in us-east-1: no such snapshot/,
            );
        });

        it("updates tags with only the difference and no other write", async () => {
            const { id, outs } = await provider.create(
                await checked({ diskName: "Disk-1", tags: { a: "1", b: "2", c: "3" } }),
            );
            bed.emulator.clearRequests();
            const news = await checked({ diskName: "Disk-1", diskSnapshotName: id, tags: { a: "1", b: "20", d: "4" } });
            const { outs: updated } = await provider.update(id, withProvider(outs), news);
            assert.deepEqual(operations(bed.emulator), ["TagResource", "UntagResource"]);
            const [tag, untag] = bed.emulator.requests().map((r) => r.body);
            assert.deepEqual(tag, {
                resourceName: id,
                tags: [
                    { key: "b", value: "20" },
                    { key: "d", value: "4" },
                ],
            });
            assert.deepEqual(untag, { resourceName: id, tagKeys: ["c"] });
            assert.deepEqual(updated.tags, { a: "1", b: "20", d: "4" });
            assert.deepEqual((await provider.read(id, updated)).props?.tags, { a: "1", b: "20", d: "4" });
        });

        it("deletes, and treats an already deleted snapshot as success", async () => {
            const { id, outs } = await provider.create(await checked({ diskName: "Disk-1" }));
            await provider.delete(id, outs);
            assert.deepEqual(bed.emulator.snapshots("us-east-1"), []);
            await provider.delete(id, outs);
            assert.equal(operations(bed.emulator).filter((o) => o === "DeleteDiskSnapshot").length, 2);
        });

        it("fails a delete at once on an error other than still pending, such as AccessDenied", async () => {
            const inputs = await checked({
                diskName: "Disk-1",
                diskSnapshotName: "kept-1",
                timeouts: { delete: "20s" },
            });
            const { id, outs } = await provider.create(inputs);
            bed.emulator.setFault("DeleteDiskSnapshot", { kind: "denied" });
            bed.emulator.clearRequests();
            await assert.rejects(provider.delete(id, outs), (error: Error) => {
                assert.match(error.message, /kept-1/);
                assert.match(error.message, /AccessDeniedException/);
                return true;
            });
            assert.deepEqual(
                operations(bed.emulator).filter((o) => o === "DeleteDiskSnapshot"),
                ["DeleteDiskSnapshot"],
                "one attempt: a denied delete is not retried",
            );
            assert.equal(bed.emulator.snapshots("us-east-1").length, 1);
        });

        it("retries deleting a snapshot Lightsail refuses to delete while pending", async () => {
            bed.emulator.setSnapshotBehaviour({ durationMs: 2_500, deletePending: "refuse" });
            const inputs = await checked({
                diskName: "Disk-1",
                diskSnapshotName: "busy-1",
                timeouts: { create: "200ms" },
            });
            const partial = await provider.create(inputs).catch((error: PartialCreateError) => error);
            assert.ok(partial instanceof PartialCreateError);
            await provider.delete("busy-1", recorded(partial));
            assert.deepEqual(bed.emulator.snapshots("us-east-1"), []);
            assert.ok(operations(bed.emulator).filter((o) => o === "DeleteDiskSnapshot").length >= 2);
        });
    });
});
