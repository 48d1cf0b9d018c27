/**
 * Conformance: every answer the emulator gives in a broad scenario is checked against the official
 * Lightsail service model (botocore's service-2.json): output shapes for successes, error shapes for
 * modeled errors. Types, enums, patterns, ranges, required members and unknown members are checked.
 */
import assert from "node:assert/strict";
import { OPERATIONS, type RunningEmulator, startEmulator } from "../../emulator";
import { judgeAvailable, SERVICE_MODEL_JUDGE } from "../../harness/awsCli";
import { callApi } from "../../harness/emulatorClient";
import { loadServiceModel, type Model } from "../../harness/serviceModel";
import { VirtualClock } from "../../harness/virtualClock";

/**
 * Enum values Lightsail is documented to send although the model's enum lacks them (output enums are
 * not validated by the SDKs). `DeleteAutoSnapshot` and `CopySnapshot`: the AWS CLI's
 * delete-auto-snapshot and copy-snapshot example outputs (botocore 1.43's enum lacks both too).
 */
const DOCUMENTED_BEYOND_MODEL: Readonly<Record<string, readonly string[]>> = {
    OperationType: ["DeleteAutoSnapshot", "CopySnapshot"],
};

/** Checks `value` against `shapeName`, appending problems (with JSON paths) to `problems`. */
function check(model: Model, shapeName: string, value: unknown, path: string, problems: string[]): void {
    const shape = model.shapes[shapeName];
    if (!shape) {
        problems.push(`${path}: model has no shape ${shapeName}`);
        return;
    }
    const fail = (what: string) => problems.push(`${path}: ${what} (shape ${shapeName}, got ${JSON.stringify(value)})`);
    switch (shape.type) {
        case "structure": {
            if (value === null || typeof value !== "object" || Array.isArray(value)) {
                fail("expected an object");
                return;
            }
            const record = value as Record<string, unknown>;
            for (const [name, member] of Object.entries(record)) {
                const ref = shape.members?.[name];
                if (!ref) {
                    fail(`unknown member '${name}'`);
                    continue;
                }
                if (member === null) {
                    fail(`member '${name}' is null (omit it instead)`);
                    continue;
                }
                check(model, ref.shape, member, `${path}.${name}`, problems);
            }
            for (const name of shape.required ?? []) {
                if (!(name in record)) {
                    fail(`missing required member '${name}'`);
                }
            }
            return;
        }
        case "list":
            if (!Array.isArray(value)) {
                fail("expected a list");
                return;
            }
            value.forEach((item, i) => {
                check(model, shape.member?.shape ?? "", item, `${path}[${i}]`, problems);
            });
            return;
        case "map":
            if (value === null || typeof value !== "object" || Array.isArray(value)) {
                fail("expected a map");
                return;
            }
            for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
                check(model, shape.key?.shape ?? "", k, `${path}{key}`, problems);
                check(model, shape.value?.shape ?? "", v, `${path}.${k}`, problems);
            }
            return;
        case "string": {
            if (typeof value !== "string") {
                fail("expected a string");
                return;
            }
            if (shape.enum && !shape.enum.includes(value) && !DOCUMENTED_BEYOND_MODEL[shapeName]?.includes(value)) {
                fail(`not in enum [${shape.enum.join(", ")}]`);
            }
            if (shape.pattern) {
                const source = shape.pattern.startsWith("^") ? shape.pattern : `^(?:${shape.pattern})$`;
                if (!new RegExp(source).test(value)) {
                    fail(`does not match pattern ${shape.pattern}`);
                }
            }
            if (shape.min !== undefined && value.length < shape.min) {
                fail(`shorter than ${shape.min}`);
            }
            if (shape.max !== undefined && value.length > shape.max) {
                fail(`longer than ${shape.max}`);
            }
            return;
        }
        case "integer":
        case "long":
            if (typeof value !== "number" || !Number.isInteger(value)) {
                fail("expected an integer");
                return;
            }
            if ((shape.min !== undefined && value < shape.min) || (shape.max !== undefined && value > shape.max)) {
                fail(`outside [${shape.min}, ${shape.max}]`);
            }
            return;
        case "float":
        case "double":
            if (typeof value !== "number" || !Number.isFinite(value)) {
                fail("expected a number");
            }
            return;
        case "boolean":
            if (typeof value !== "boolean") {
                fail("expected a boolean");
            }
            return;
        case "timestamp":
            // AWS JSON 1.1 sends timestamps as epoch seconds (a number, millisecond precision).
            if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
                fail("expected epoch seconds");
            } else if (Math.round(value * 1000) / 1000 !== value) {
                fail("more than millisecond precision");
            }
            return;
        default:
            fail(`unsupported shape type ${shape.type}`);
    }
}

/** Checks one wire answer of `operation` against the model. */
function checkAnswer(
    model: Model,
    operation: string,
    status: number,
    body: unknown,
): { problems: string[]; kind: "output" | "modeled-error" | "front-end-error" } {
    const problems: string[] = [];
    const op = model.operations[operation];
    if (!op) {
        return { problems: [`model has no operation ${operation}`], kind: "output" };
    }
    if (status === 200) {
        check(model, op.output?.shape ?? "", body, operation, problems);
        return { problems, kind: "output" };
    }
    const { __type: type, ...rest } = (body ?? {}) as Record<string, unknown>;
    if (typeof type !== "string") {
        return { problems: [`${operation}: error without __type`], kind: "front-end-error" };
    }
    const modeled = (op.errors ?? []).some((e) => e.shape === type);
    if (!modeled) {
        if (model.shapes[type]) {
            problems.push(`${operation}: error ${type} is a model shape but not listed for the operation`);
        }
        const keys = Object.keys(rest).join();
        if (!(keys === "" || (keys === "message" && typeof rest.message === "string"))) {
            problems.push(`${operation}: front-end error ${type} should carry only a message`);
        }
        return { problems, kind: "front-end-error" };
    }
    check(model, type, rest, `${operation}!${type}`, problems);
    const expectedStatus = type === "ServiceException" ? 500 : 400;
    if (status !== expectedStatus) {
        problems.push(`${operation}: ${type} answered with HTTP ${status}, expected ${expectedStatus}`);
    }
    return { problems, kind: "modeled-error" };
}

describe("emulator conformance to the Lightsail service model", () => {
    let model: Model;
    let emu: RunningEmulator;
    let clock: VirtualClock;
    const answers: { operation: string; status: number; body: unknown; input: unknown }[] = [];

    before(async function () {
        if (!judgeAvailable(SERVICE_MODEL_JUDGE)) this.skip();
        model = loadServiceModel();
        clock = new VirtualClock();
        emu = await startEmulator({ clock: clock.now, pageSize: 2, snapshot: { durationMs: 1000 } });
        emu.seedDisk({ name: "Disk-1", region: "us-west-2", sizeInGb: 8 });
        emu.seedInstance({ name: "WordPress-1", region: "us-west-2" });

        const call = async (operation: string, input: unknown = {}, region = "us-west-2") => {
            const answer = await callApi(emu.url, operation, input, region);
            answers.push({ operation, status: answer.status, body: answer.json, input });
            return answer.json as Record<string, unknown>;
        };
        const opIds: string[] = [];
        const collectOps = (out: Record<string, unknown>) => {
            for (const op of (out.operations as { id: string }[] | undefined) ?? []) {
                opIds.push(op.id);
            }
        };

        collectOps(await call("CreateDiskSnapshot", { diskName: "Disk-1", diskSnapshotName: "DiskSnapshot-1" }));
        collectOps(
            await call("CreateDiskSnapshot", {
                instanceName: "WordPress-1",
                diskSnapshotName: "SystemDiskSnapshot-1",
                tags: [{ key: "team", value: "web" }, { key: "flag" }],
            }),
        );
        emu.setSnapshotBehaviour({ curve: "none", errorPattern: "^broken" });
        collectOps(await call("CreateDiskSnapshot", { diskName: "Disk-1", diskSnapshotName: "broken-1" }));
        collectOps(await call("CreateDiskSnapshot", { diskName: "Disk-1", diskSnapshotName: "quiet-1" }));
        await call("GetDiskSnapshot", { diskSnapshotName: "DiskSnapshot-1" });
        await call("GetDiskSnapshot", { diskSnapshotName: "quiet-1" });
        const firstPage = await call("GetDiskSnapshots");
        await call("GetDiskSnapshots", { pageToken: firstPage.nextPageToken });
        for (const id of opIds.slice(0, 3)) {
            await call("GetOperation", { operationId: id });
        }
        collectOps(await call("CreateDisk", { diskName: "Data-1", availabilityZone: "us-west-2b", sizeInGb: 16 }));
        await call("GetDisk", { diskName: "Data-1" });
        collectOps(
            await call("CreateInstances", {
                instanceNames: ["Web-1"],
                availabilityZone: "us-west-2a",
                blueprintId: "debian_12",
                bundleId: "micro_3_0",
                keyPairName: "MyKey",
            }),
        );
        await call("GetInstance", { instanceName: "Web-1" });
        clock.advance(1000);
        await call("GetDiskSnapshot", { diskSnapshotName: "DiskSnapshot-1" });
        await call("GetDiskSnapshot", { diskSnapshotName: "broken-1" });
        await call("GetDiskSnapshot", { diskSnapshotName: "quiet-1" });
        await call("GetDiskSnapshots");
        for (const id of opIds) {
            await call("GetOperation", { operationId: id });
        }
        let token: unknown;
        do {
            const page = await call("GetOperations", token === undefined ? {} : { pageToken: token });
            token = page.nextPageToken;
        } while (token !== undefined);
        await call("TagResource", { resourceName: "DiskSnapshot-1", tags: [{ key: "a", value: "b" }, { key: "c" }] });
        await call("TagResource", { resourceName: "Disk-1", tags: [{ key: "a", value: "b" }] });
        await call("UntagResource", { resourceName: "DiskSnapshot-1", tagKeys: ["c"] });
        await call("GetDiskSnapshot", { diskSnapshotName: "DiskSnapshot-1" });
        await call("CreateDiskFromSnapshot", {
            diskName: "Restored-1",
            diskSnapshotName: "DiskSnapshot-1",
            availabilityZone: "us-west-2a",
            sizeInGb: 8,
        });
        await call("GetDisks");
        await call("GetDisk", { diskName: "Data-1" });
        await call("GetInstance", { instanceName: "Web-1" });
        await call("GetInstances");
        // Copies: across regions (the request goes to the target) and within one, pending.
        const copyOps: { id: string; region: string }[] = [];
        const collectCopy = (out: Record<string, unknown>, region: string) => {
            for (const op of (out.operations as { id: string }[] | undefined) ?? []) {
                copyOps.push({ id: op.id, region });
            }
        };
        collectCopy(
            await call(
                "CopySnapshot",
                {
                    sourceSnapshotName: "DiskSnapshot-1",
                    targetSnapshotName: "DiskSnapshot-1-Copy",
                    sourceRegion: "us-west-2",
                },
                "us-east-1",
            ),
            "us-east-1",
        );
        collectCopy(
            await call("CopySnapshot", {
                sourceSnapshotName: "SystemDiskSnapshot-1",
                targetSnapshotName: "SystemDiskSnapshot-1-Copy",
                sourceRegion: "us-west-2",
            }),
            "us-west-2",
        );
        await call("GetDiskSnapshot", { diskSnapshotName: "DiskSnapshot-1-Copy" }, "us-east-1");
        await call("GetDiskSnapshot", { diskSnapshotName: "SystemDiskSnapshot-1-Copy" });
        await call("DeleteDiskSnapshot", { diskSnapshotName: "quiet-1" });
        await call("DeleteDisk", { diskName: "Data-1" });
        await call("DeleteInstance", { instanceName: "Web-1" });
        // Automatic snapshots: the add-on on a disk and an instance, a day on the clock, the refusal.
        const HOUR = 3_600_000;
        const addOnOps: string[] = [];
        for (const out of [
            await call("EnableAddOn", {
                resourceName: "Disk-1",
                addOnRequest: { addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:00" } },
            }),
            await call("EnableAddOn", { resourceName: "WordPress-1", addOnRequest: { addOnType: "AutoSnapshot" } }),
        ]) {
            addOnOps.push(...((out.operations as { id: string }[] | undefined) ?? []).map((op) => op.id));
        }
        await call("GetDisk", { diskName: "Disk-1" });
        await call("GetInstance", { instanceName: "WordPress-1" });
        await call("GetAutoSnapshots", { resourceName: "Disk-1" });
        clock.advance(6 * HOUR);
        await call("GetAutoSnapshots", { resourceName: "Disk-1" });
        await call("CreateDiskSnapshot", { diskName: "Disk-1", diskSnapshotName: "during-auto" });
        for (const id of addOnOps) {
            await call("GetOperation", { operationId: id });
        }
        clock.advance(24 * HOUR);
        await call("GetAutoSnapshots", { resourceName: "WordPress-1" });
        await call("GetDisks");
        await call("GetInstances");
        await call("DeleteAutoSnapshot", { resourceName: "Disk-1", date: "2024-01-01" });
        await call("DisableAddOn", { resourceName: "Disk-1", addOnType: "AutoSnapshot" });
        await call("GetDisk", { diskName: "Disk-1" });
        clock.advance(HOUR);
        await call("GetDisk", { diskName: "Disk-1" });
        await call("EnableAddOn", {
            resourceName: "WordPress-1",
            addOnRequest: { addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:00" } },
        });
        await call("EnableAddOn", {
            resourceName: "Disk-1",
            addOnRequest: { addOnType: "AutoSnapshot", autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:30" } },
        });
        await call("DisableAddOn", { resourceName: "Disk-1", addOnType: "AutoSnapshot" });
        await call("DeleteAutoSnapshot", { resourceName: "Disk-1", date: "2024-01-01" });
        await call("DeleteAutoSnapshot", { resourceName: "Disk-1", date: "01/01/2024" });
        await call("GetAutoSnapshots", { resourceName: "missing" });
        // Restores, attachments, stop and start.
        await call("CreateDiskFromSnapshot", {
            diskName: "FromAuto-1",
            sourceDiskName: "Disk-1",
            useLatestRestorableAutoSnapshot: true,
            availabilityZone: "us-west-2a",
            sizeInGb: 8,
            tags: [{ key: "restored" }],
        });
        await call("CreateDiskFromSnapshot", {
            diskName: "FromAuto-2",
            sourceDiskName: "Disk-1",
            restoreDate: "2024-01-02",
            availabilityZone: "us-west-2a",
            sizeInGb: 16,
        });
        await call("CreateDiskFromSnapshot", {
            diskName: "FromAuto-3",
            sourceDiskName: "Disk-1",
            restoreDate: "1999-01-01",
            availabilityZone: "us-west-2a",
            sizeInGb: 8,
        });
        await call("CreateDiskFromSnapshot", {
            diskName: "FromAuto-3",
            diskSnapshotName: "DiskSnapshot-1",
            sourceDiskName: "Disk-1",
            availabilityZone: "us-west-2a",
            sizeInGb: 8,
        });
        await call("GetDisk", { diskName: "FromAuto-1" });
        collectCopy(
            await call(
                "CopySnapshot",
                {
                    sourceResourceName: "Disk-1",
                    restoreDate: "2024-01-02",
                    targetSnapshotName: "AutoCopy-1",
                    sourceRegion: "us-west-2",
                },
                "us-east-1",
            ),
            "us-east-1",
        );
        collectCopy(
            await call("CopySnapshot", {
                sourceResourceName: "Disk-1",
                useLatestRestorableAutoSnapshot: true,
                targetSnapshotName: "AutoCopy-2",
                sourceRegion: "us-west-2",
            }),
            "us-west-2",
        );
        await call("GetDiskSnapshot", { diskSnapshotName: "AutoCopy-1" }, "us-east-1");
        await call("GetInstanceState", { instanceName: "WordPress-1" });
        const attachOps = (
            (await call("AttachDisk", { diskName: "Disk-1", instanceName: "WordPress-1", diskPath: "/dev/xvdf" }))
                .operations as { id: string }[] | undefined
        )?.map((op) => op.id);
        await call("GetDisk", { diskName: "Disk-1" });
        await call("GetInstance", { instanceName: "WordPress-1" });
        await call("AttachDisk", { diskName: "FromAuto-1", instanceName: "WordPress-1", diskPath: "/dev/sdf" });
        await call("DeleteDisk", { diskName: "Disk-1" });
        clock.advance(1000);
        for (const id of attachOps ?? []) {
            await call("GetOperation", { operationId: id });
        }
        await call("GetDisk", { diskName: "Disk-1" });
        await call("GetInstances");
        await call("DetachDisk", { diskName: "Disk-1" });
        await call("StopInstance", { instanceName: "WordPress-1" });
        await call("GetInstance", { instanceName: "WordPress-1" });
        await call("StartInstance", { instanceName: "WordPress-1" });
        clock.advance(1000);
        await call("GetInstanceState", { instanceName: "WordPress-1" });
        await call("DetachDisk", { diskName: "Disk-1" });
        await call("GetDisk", { diskName: "Disk-1" });
        clock.advance(1000);
        await call("GetDisk", { diskName: "Disk-1" });
        await call("DetachDisk", { diskName: "Disk-1" });
        await call("StartInstance", { instanceName: "WordPress-1" });
        await call("GetInstance", { instanceName: "WordPress-1" });
        clock.advance(1000);
        await call("StopInstance", { instanceName: "WordPress-1", force: false });
        await call("StopInstance", { instanceName: "WordPress-1", force: true });
        await call("StartInstance", { instanceName: "WordPress-1" });
        clock.advance(1000);
        await call("AttachDisk", { diskName: "FromAuto-1", instanceName: "WordPress-1", diskPath: "/dev/xvdg" });
        clock.advance(1000);
        await call("DeleteInstance", { instanceName: "WordPress-1" });
        await call("GetDisk", { diskName: "FromAuto-1" });
        for (const op of copyOps) {
            await call("GetOperation", { operationId: op.id }, op.region);
        }
        await call("GetDiskSnapshots", {}, "us-east-1");
        await call("GetDiskSnapshot", { diskSnapshotName: "AutoCopy-2" });
        // Errors.
        await call("GetDiskSnapshot", { diskSnapshotName: "missing" });
        await call("CreateDiskSnapshot", { diskName: "Disk-1", diskSnapshotName: "DiskSnapshot-1" });
        await call("CreateDiskSnapshot", { diskSnapshotName: "no-source" });
        await call("GetOperation", { operationId: "nope" });
        const copyOf = { sourceSnapshotName: "DiskSnapshot-1", sourceRegion: "us-west-2" };
        await call("CopySnapshot", { ...copyOf, targetSnapshotName: "DiskSnapshot-1" });
        await call("CopySnapshot", { ...copyOf, targetSnapshotName: "Copy-x", sourceRegion: "mars-1" });
        await call("CopySnapshot", { ...copyOf, targetSnapshotName: "Copy-x", sourceSnapshotName: "missing" });
        await call("CopySnapshot", { ...copyOf, targetSnapshotName: "Copy-x", sourceResourceName: "Disk-1" });
        await call("GetDisks", { pageToken: "bogus" });
        emu.setFault("GetDisks", { kind: "error", count: 1 });
        await call("GetDisks");
        emu.setFault("GetDisks", { kind: "throttle", count: 1 });
        await call("GetDisks");
    });

    after(async () => {
        await emu?.stop();
    });

    it("speaks the model's protocol", () => {
        assert.equal(model.metadata.protocol, "json");
        assert.equal(model.metadata.jsonVersion, "1.1");
        assert.equal(model.metadata.targetPrefix, "Lightsail_20161128");
    });

    it("implements only operations the model defines", () => {
        for (const operation of OPERATIONS) {
            assert.ok(model.operations[operation], operation);
        }
    });

    it("answers every implemented operation with output that validates against the model", () => {
        assert.ok(answers.length > 50, `only ${answers.length} answers collected`);
        const problems: string[] = [];
        const covered = new Set<string>();
        for (const answer of answers) {
            const result = checkAnswer(model, answer.operation, answer.status, answer.body);
            problems.push(...result.problems);
            if (result.kind === "output") {
                covered.add(answer.operation);
            }
        }
        assert.deepEqual(problems, []);
        assert.deepEqual(
            OPERATIONS.filter((op) => !covered.has(op)),
            [],
            "operations without a validated successful answer",
        );
    });

    it("answers modeled errors that validate against the model's error shapes", () => {
        const errorAnswers = answers.filter((a) => a.status !== 200);
        const kinds = errorAnswers.map((a) => (a.body as { __type: string }).__type);
        for (const type of ["NotFoundException", "InvalidInputException", "ServiceException", "ThrottlingException"]) {
            assert.ok(kinds.includes(type), `scenario produced no ${type}`);
        }
        const problems = errorAnswers.flatMap((a) => checkAnswer(model, a.operation, a.status, a.body).problems);
        assert.deepEqual(problems, []);
    });

    it("validates the add-on and automatic snapshots in every status the scenario reaches", () => {
        const text = JSON.stringify(answers.filter((a) => a.status === 200).map((a) => a.body));
        for (const status of ["Enabling", "Enabled", "Disabling", "Disabled", "InProgress", "Success"]) {
            assert.ok(text.includes(`"status":"${status}"`), `scenario produced no ${status}`);
        }
        const refused = answers.find((a) => a.operation === "CreateDiskSnapshot" && a.status === 400);
        assert.match(JSON.stringify(refused?.body), /automatic snapshot of the disk Disk-1 is in progress/);
    });

    it("validates disks and instances in every attachment and power state the scenario reaches", () => {
        const text = JSON.stringify(answers.filter((a) => a.status === 200).map((a) => a.body));
        for (const state of ["attaching", "attached", "detaching", "detached"]) {
            assert.ok(text.includes(`"attachmentState":"${state}"`), `scenario produced no ${state}`);
        }
        for (const [code, name] of [
            [0, "pending"],
            [16, "running"],
            [64, "stopping"],
            [80, "stopped"],
        ] as const) {
            assert.ok(text.includes(`"state":{"code":${code},"name":"${name}"}`), `scenario produced no ${name}`);
        }
        assert.ok(text.includes(`"state":"in-use"`));
        const codes = answers
            .filter((a) => a.status === 400)
            .map((a) => (a.body as { code?: string }).code)
            .filter((code) => code !== undefined);
        for (const code of ["InvalidParams", "InvalidResourceState", "DoesNotExist", "InvalidInput"]) {
            assert.ok(codes.includes(code), `scenario produced no ${code}`);
        }
    });

    it("answers CopySnapshot for requests of the model's input shape, from every region of its RegionName enum", async () => {
        const copies = answers.filter((a) => a.operation === "CopySnapshot");
        const accepted = copies.filter((a) => a.status === 200);
        assert.equal(accepted.length, 4);
        const problems: string[] = [];
        for (const answer of accepted) {
            check(model, "CopySnapshotRequest", answer.input, "CopySnapshotRequest", problems);
        }
        assert.deepEqual(problems, []);
        const members = new Set(accepted.flatMap((a) => Object.keys(a.input as object)));
        for (const member of Object.keys(model.shapes.CopySnapshotRequest?.members ?? {})) {
            assert.ok(members.has(member), `no accepted request with ${member}`);
        }
        const text = JSON.stringify(answers.filter((a) => a.status === 200).map((a) => a.body));
        for (const status of ["Started", "Succeeded"]) {
            assert.ok(text.includes(`"operationType":"CopySnapshot","status":"${status}"`), `no ${status} copy`);
        }
        assert.ok(text.includes(`"isFromAutoSnapshot":true`), "scenario copied no automatic snapshot");
        const copyReads = answers.filter(
            (a) => a.operation === "GetDiskSnapshot" && /Copy/.test(JSON.stringify(a.input)),
        );
        assert.equal(copyReads.length, 4);
        assert.deepEqual(
            copyReads.map((a) => a.status),
            [200, 200, 200, 200],
        );
        assert.deepEqual(
            copies.filter((a) => a.status !== 200).map((a) => (a.body as { code: string }).code),
            ["NameExists", "InvalidInput", "DoesNotExist", "InvalidInput"],
        );
        for (const region of model.shapes.RegionName?.enum ?? []) {
            const answer = await callApi(
                emu.url,
                "CopySnapshot",
                { sourceSnapshotName: "missing", targetSnapshotName: "Copy-y", sourceRegion: region },
                "us-east-1",
            );
            assert.deepEqual(checkAnswer(model, "CopySnapshot", answer.status, answer.json).problems, []);
            assert.equal(
                (answer.json as { message: string }).message,
                "The DiskSnapshot does not exist: missing",
                region,
            );
        }
    });

    it("detects non-conforming answers (the checker itself works)", () => {
        const bad = {
            diskSnapshot: {
                name: "bad name",
                state: "finished",
                createdAt: "2024-01-01",
                sizeInGb: 1.5,
                extra: true,
                tags: [{ key: 1 }],
            },
        };
        const { problems } = checkAnswer(model, "GetDiskSnapshot", 200, bad);
        for (const expected of ["pattern", "enum", "epoch seconds", "integer", "unknown member 'extra'", "string"]) {
            assert.ok(
                problems.some((p) => p.includes(expected)),
                `no problem mentioning ${expected}: ${problems.join("\n")}`,
            );
        }
        const missing = checkAnswer(model, "GetDiskSnapshot", 400, { __type: "NotFoundException", message: 3 });
        assert.ok(missing.problems.length > 0);
    });
});
