/**
 * What the emulator answers to malformed or edge-case requests: the error type, code and message a
 * client sees, and paging across `Get*s` calls when items come and go between pages.
 */

import assert from "node:assert/strict";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { callApi } from "../../harness/emulatorClient";
import { VirtualClock } from "../../harness/virtualClock";

interface ErrorBody {
    __type: string;
    code?: string;
    message?: string;
}

interface Listed {
    name?: string;
    resourceName?: string;
    resourceType?: string;
    operationType?: string;
}

async function expectError(
    emu: RunningEmulator,
    operation: string,
    body: unknown,
    type: string,
    code: string | undefined,
    message: string,
): Promise<void> {
    const answer = await callApi(emu.url, operation, body);
    assert.equal(answer.status, 400, answer.text);
    const error = answer.json as ErrorBody;
    assert.equal(error.__type, type, answer.text);
    if (code !== undefined) {
        assert.equal(error.code, code, answer.text);
    }
    assert.equal(error.message, message, answer.text);
}

async function expectOk(emu: RunningEmulator, operation: string, body: unknown): Promise<Record<string, unknown>> {
    const answer = await callApi(emu.url, operation, body);
    assert.equal(answer.status, 200, answer.text);
    return answer.json as Record<string, unknown>;
}

function forgedToken(key: unknown): string {
    return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

const REGION = "us-west-2";
const ZONE = "us-west-2a";

describe("emulator answers to malformed requests", () => {
    let clock: VirtualClock;
    let emu: RunningEmulator;

    beforeEach(async () => {
        clock = new VirtualClock();
        emu = await startEmulator({ clock: clock.now });
        emu.seedDisk({ name: "Disk-1", region: REGION });
        emu.seedInstance({ name: "Box-1", region: REGION });
    });

    afterEach(async () => {
        await emu.stop();
    });

    describe("tags", () => {
        it("refuses TagResource without tags as MissingParameter", async () => {
            await expectError(
                emu,
                "TagResource",
                { resourceName: "Disk-1" },
                "InvalidInputException",
                "MissingParameter",
                "The tags parameter is required.",
            );
        });

        it("refuses UntagResource without tagKeys as MissingParameter", async () => {
            await expectError(
                emu,
                "UntagResource",
                { resourceName: "Disk-1" },
                "InvalidInputException",
                "MissingParameter",
                "The tagKeys parameter is required.",
            );
        });

        it("refuses a resourceArn that is not a Lightsail ARN", async () => {
            await expectError(
                emu,
                "TagResource",
                { resourceName: "Disk-1", resourceArn: "not-an-arn", tags: [{ key: "a", value: "b" }] },
                "InvalidInputException",
                "InvalidInput",
                "The resourceArn 'not-an-arn' is not a valid Lightsail resource ARN.",
            );
        });

        it("names the ARN asked for when no resource of that name has it", async () => {
            const arn = "arn:aws:lightsail:us-west-2:123456789012:Disk/0000-1111";
            await expectError(
                emu,
                "TagResource",
                { resourceName: "Disk-1", resourceArn: arn, tags: [{ key: "a", value: "b" }] },
                "NotFoundException",
                "DoesNotExist",
                `The Resource does not exist: ${arn}`,
            );
        });

        it("names the resource name when there is no such resource and no ARN", async () => {
            await expectError(
                emu,
                "UntagResource",
                { resourceName: "Nothing-1", tagKeys: ["a"] },
                "NotFoundException",
                "DoesNotExist",
                "The Resource does not exist: Nothing-1",
            );
        });

        it("refuses a TagResource whose merged tags exceed 50", async () => {
            const first = Array.from({ length: 30 }, (_, i) => ({ key: `a${i}`, value: "v" }));
            const second = Array.from({ length: 30 }, (_, i) => ({ key: `b${i}`, value: "v" }));
            await expectOk(emu, "TagResource", { resourceName: "Disk-1", tags: first });
            await expectError(
                emu,
                "TagResource",
                { resourceName: "Disk-1", tags: second },
                "InvalidInputException",
                "InvalidInput",
                "A resource can have at most 50 tags; the result would have 60.",
            );
        });

        it("refuses a request with more than 50 tags", async () => {
            const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: "v" }));
            await expectError(
                emu,
                "TagResource",
                { resourceName: "Disk-1", tags },
                "InvalidInputException",
                "InvalidInput",
                "A resource can have at most 50 tags; the request has 51.",
            );
        });

        it("refuses a tag key given twice", async () => {
            await expectError(
                emu,
                "TagResource",
                {
                    resourceName: "Disk-1",
                    tags: [
                        { key: "dup", value: "1" },
                        { key: "dup", value: "2" },
                    ],
                },
                "InvalidInputException",
                "InvalidInput",
                "The tag key 'dup' appears more than once.",
            );
        });

        it("refuses a key with the reserved aws: prefix", async () => {
            await expectError(
                emu,
                "TagResource",
                { resourceName: "Disk-1", tags: [{ key: "aws:x", value: "1" }] },
                "InvalidInputException",
                "InvalidInput",
                "The tag key 'aws:x' starts with 'aws:', which is reserved for AWS use.",
            );
        });

        it("refuses a value with the reserved aws: prefix, naming the tag", async () => {
            await expectError(
                emu,
                "TagResource",
                { resourceName: "Disk-1", tags: [{ key: "team", value: "aws:x" }] },
                "InvalidInputException",
                "InvalidInput",
                "The value of tag 'team' starts with 'aws:', which is reserved for AWS use.",
            );
        });

        it("treats a tag without a key as an empty key", async () => {
            await expectError(
                emu,
                "TagResource",
                { resourceName: "Disk-1", tags: [{ value: "1" }] },
                "InvalidInputException",
                "InvalidInput",
                "Tag keys must be 1 to 128 characters; got 0.",
            );
        });
    });

    describe("JSON types and required members", () => {
        it("refuses a blank operationId", async () => {
            await expectError(
                emu,
                "GetOperation",
                { operationId: "   " },
                "InvalidInputException",
                "InvalidInput",
                "The operationId parameter must not be blank.",
            );
        });

        it("answers an unknown operation id with NotFoundException naming it", async () => {
            await expectError(
                emu,
                "GetOperation",
                { operationId: "no-such-op" },
                "NotFoundException",
                "DoesNotExist",
                "The Operation does not exist: no-such-op",
            );
        });

        it("refuses CreateDisk without sizeInGb as MissingParameter", async () => {
            await expectError(
                emu,
                "CreateDisk",
                { diskName: "Disk-2", availabilityZone: ZONE },
                "InvalidInputException",
                "MissingParameter",
                "The sizeInGb parameter is required.",
            );
        });

        it("treats a null sizeInGb as absent", async () => {
            await expectError(
                emu,
                "CreateDisk",
                { diskName: "Disk-2", availabilityZone: ZONE, sizeInGb: null },
                "InvalidInputException",
                "MissingParameter",
                "The sizeInGb parameter is required.",
            );
        });

        it("refuses a sizeInGb that is not an integer as a SerializationException", async () => {
            for (const sizeInGb of ["8", 8.5]) {
                const answer = await callApi(emu.url, "CreateDisk", {
                    diskName: "Disk-2",
                    availabilityZone: ZONE,
                    sizeInGb,
                });
                assert.equal(answer.status, 400);
                assert.equal((answer.json as ErrorBody).__type, "SerializationException", answer.text);
            }
        });

        it("treats a null boolean member as absent", async () => {
            await expectOk(emu, "DeleteDisk", { diskName: "Disk-1", forceDeleteAddOns: null });
        });

        it("treats a null addOnRequest as absent", async () => {
            await expectError(
                emu,
                "EnableAddOn",
                { resourceName: "Disk-1", addOnRequest: null },
                "InvalidInputException",
                "MissingParameter",
                "The addOnRequest parameter is required.",
            );
        });

        it("treats a null addOns list as absent", async () => {
            await expectOk(emu, "CreateDisk", {
                diskName: "Disk-2",
                availabilityZone: ZONE,
                sizeInGb: 8,
                addOns: null,
            });
        });

        it("refuses an addOns list holding a non-structure", async () => {
            for (const bad of [null, "AutoSnapshot", 5, []]) {
                const answer = await callApi(emu.url, "CreateDisk", {
                    diskName: "Disk-2",
                    availabilityZone: ZONE,
                    sizeInGb: 8,
                    addOns: [{ addOnType: "AutoSnapshot" }, bad],
                });
                assert.equal(answer.status, 400, answer.text);
                assert.equal((answer.json as ErrorBody).__type, "SerializationException", answer.text);
            }
        });

        it("checks the JSON types of userData and customImageName", async () => {
            for (const member of ["userData", "customImageName"]) {
                const answer = await callApi(emu.url, "CreateInstances", {
                    instanceNames: ["Box-2"],
                    availabilityZone: ZONE,
                    blueprintId: "ubuntu_22_04",
                    bundleId: "nano_3_0",
                    [member]: 5,
                });
                assert.equal(answer.status, 400, answer.text);
                assert.equal((answer.json as ErrorBody).__type, "SerializationException", answer.text);
            }
        });
    });

    describe("add-ons", () => {
        it("refuses an add-on type other than AutoSnapshot", async () => {
            await expectError(
                emu,
                "DisableAddOn",
                { resourceName: "Disk-1", addOnType: "StopInstanceOnIdle" },
                "InvalidInputException",
                "InvalidInput",
                "The addOnType 'StopInstanceOnIdle' is not supported for this resource. Use AutoSnapshot.",
            );
        });

        it("refuses a snapshotTimeOfDay that is not a whole hour", async () => {
            await expectError(
                emu,
                "EnableAddOn",
                {
                    resourceName: "Disk-1",
                    addOnRequest: {
                        addOnType: "AutoSnapshot",
                        autoSnapshotAddOnRequest: { snapshotTimeOfDay: "06:30" },
                    },
                },
                "InvalidInputException",
                "InvalidInput",
                "The snapshotTimeOfDay '06:30' is not valid. " +
                    "It must be in HH:00 format, in an hourly increment, in Coordinated Universal Time (UTC).",
            );
        });

        it("refuses enabling an enabled add-on with no new time", async () => {
            const request = { resourceName: "Disk-1", addOnRequest: { addOnType: "AutoSnapshot" } };
            await expectOk(emu, "EnableAddOn", request);
            await expectError(
                emu,
                "EnableAddOn",
                request,
                "InvalidInputException",
                "InvalidResourceState",
                "The addOn is already in requested state",
            );
        });

        it("refuses the AutoSnapshot add-on named twice on create", async () => {
            await expectError(
                emu,
                "CreateDisk",
                {
                    diskName: "Disk-2",
                    availabilityZone: ZONE,
                    sizeInGb: 8,
                    addOns: [{ addOnType: "AutoSnapshot" }, { addOnType: "AutoSnapshot" }],
                },
                "InvalidInputException",
                "InvalidInput",
                "The addOns parameter names the AutoSnapshot add-on more than once.",
            );
            const disks = (await expectOk(emu, "GetDisks", {})).disks as Listed[];
            assert.deepEqual(
                disks.map((d) => d.name),
                ["Disk-1"],
            );
        });

        it("enables automatic snapshots on an instance", async () => {
            const out = await expectOk(emu, "EnableAddOn", {
                resourceName: "Box-1",
                addOnRequest: { addOnType: "AutoSnapshot" },
            });
            const [op] = out.operations as Listed[];
            assert.equal(op?.resourceType, "Instance");
            assert.equal(op?.resourceName, "Box-1");
            clock.advance(3_600_000);
            const instance = (await expectOk(emu, "GetInstance", { instanceName: "Box-1" })).instance as {
                addOns?: { name: string; status: string }[];
            };
            assert.deepEqual(
                instance.addOns?.map((a) => [a.name, a.status]),
                [["AutoSnapshot", "Enabled"]],
            );
        });

        it("answers an add-on request for a missing resource with NotFoundException", async () => {
            await expectError(
                emu,
                "EnableAddOn",
                { resourceName: "Nothing-1", addOnRequest: { addOnType: "AutoSnapshot" } },
                "NotFoundException",
                "DoesNotExist",
                "The Resource does not exist: Nothing-1",
            );
        });

        it("creates instances with the AutoSnapshot add-on asked for", async () => {
            const out = await expectOk(emu, "CreateInstances", {
                instanceNames: ["Box-2"],
                availabilityZone: ZONE,
                blueprintId: "ubuntu_22_04",
                bundleId: "nano_3_0",
                addOns: [{ addOnType: "AutoSnapshot" }],
            });
            const [op] = out.operations as Listed[];
            assert.equal(op?.resourceType, "Instance");
            assert.equal(op?.operationType, "CreateInstance");
            clock.advance(3_600_000);
            const instance = (await expectOk(emu, "GetInstance", { instanceName: "Box-2" })).instance as {
                addOns?: { name: string; status: string }[];
            };
            assert.deepEqual(
                instance.addOns?.map((a) => [a.name, a.status]),
                [["AutoSnapshot", "Enabled"]],
            );
        });

        it("reports DeleteDisk as an operation on a Disk", async () => {
            const out = await expectOk(emu, "DeleteDisk", { diskName: "Disk-1" });
            const [op] = out.operations as Listed[];
            assert.equal(op?.resourceType, "Disk");
            assert.equal(op?.operationType, "DeleteDisk");
        });
    });
});

describe("emulator answers to attachment requests in transition", () => {
    let clock: VirtualClock;
    let emu: RunningEmulator;

    beforeEach(async () => {
        clock = new VirtualClock();
        emu = await startEmulator({ clock: clock.now });
        emu.seedInstance({ name: "Box-1", region: REGION });
        emu.seedInstance({ name: "Box-2", region: REGION, state: "stopped" });
        emu.seedDisk({ name: "Disk-1", region: REGION });
        emu.seedDisk({ name: "Disk-2", region: REGION, attachedTo: "Box-2" });
    });

    afterEach(async () => {
        await emu.stop();
    });

    it("refuses DetachDisk while the disk is still attaching", async () => {
        await expectOk(emu, "AttachDisk", { diskName: "Disk-1", instanceName: "Box-1", diskPath: "/dev/xvdf" });
        await expectError(
            emu,
            "DetachDisk",
            { diskName: "Disk-1" },
            "InvalidInputException",
            "InvalidResourceState",
            "The disk Disk-1 is attaching. Wait until it is attached, then try again.",
        );
    });

    it("refuses DetachDisk while the disk is already detaching", async () => {
        await expectOk(emu, "DetachDisk", { diskName: "Disk-2" });
        await expectError(
            emu,
            "DetachDisk",
            { diskName: "Disk-2" },
            "InvalidInputException",
            "InvalidResourceState",
            "The disk Disk-2 is detaching. Wait until it is detached, then try again.",
        );
    });

    it("tells the caller to use a detached disk when attaching one that is attached", async () => {
        const answer = await callApi(emu.url, "AttachDisk", {
            diskName: "Disk-2",
            instanceName: "Box-1",
            diskPath: "/dev/xvdg",
        });
        assert.equal(answer.status, 400, answer.text);
        const error = answer.json as ErrorBody & { tip?: string };
        assert.equal(error.code, "InvalidResourceState");
        assert.equal(
            error.message,
            "The disk Disk-2 is already attached to Box-2. A disk can be attached to one instance at a time.",
        );
        assert.equal(error.tip, "Use a disk whose attachmentState is detached.");
    });
});

describe("emulator paging", () => {
    let clock: VirtualClock;
    let emu: RunningEmulator;

    beforeEach(async () => {
        clock = new VirtualClock();
        emu = await startEmulator({ clock: clock.now, pageSize: 2 });
    });

    afterEach(async () => {
        await emu.stop();
    });

    function seedDisks(names: string[]): void {
        for (const name of names) {
            emu.seedDisk({ name, region: REGION });
            clock.advance(1000);
        }
    }

    function seedInstances(names: string[]): void {
        for (const name of names) {
            emu.seedInstance({ name, region: REGION });
            clock.advance(1000);
        }
    }

    async function page(
        operation: string,
        member: string,
        pageToken?: string,
    ): Promise<{ names: string[]; next?: string }> {
        const out = await expectOk(emu, operation, pageToken === undefined ? {} : { pageToken });
        const items = out[member] as Listed[];
        return {
            names: items.map((i) => i.name ?? i.resourceName ?? ""),
            next: out.nextPageToken as string | undefined,
        };
    }

    for (const [operation, member, seed] of [
        ["GetDisks", "disks", "disk"],
        ["GetInstances", "instances", "instance"],
    ] as const) {
        describe(operation, () => {
            const fill = (names: string[]) => (seed === "disk" ? seedDisks(names) : seedInstances(names));

            it("pages newest first and ends without a nextPageToken", async () => {
                fill(["R-1", "R-2", "R-3"]);
                const first = await page(operation, member);
                assert.deepEqual(first.names, ["R-3", "R-2"]);
                assert.ok(first.next);
                const second = await page(operation, member, first.next);
                assert.deepEqual(second.names, ["R-1"]);
                assert.equal(second.next, undefined);
            });

            it("gives no nextPageToken when the last page is exactly full", async () => {
                fill(["R-1", "R-2"]);
                const first = await page(operation, member);
                assert.deepEqual(first.names, ["R-2", "R-1"]);
                assert.equal(first.next, undefined);
            });

            it("treats an empty pageToken as the first page", async () => {
                fill(["R-1", "R-2", "R-3"]);
                const first = await page(operation, member, "");
                assert.deepEqual(first.names, ["R-3", "R-2"]);
                assert.ok(first.next);
            });

            it("refuses a token whose listing or position is malformed", async () => {
                fill(["R-1"]);
                for (const token of [
                    forgedToken({ listing: "", createdAtMs: 0, tieBreaker: "" }),
                    forgedToken({ listing: seed === "disk" ? "Disk" : "Instance", createdAtMs: 0, tieBreaker: 5 }),
                ]) {
                    await expectError(
                        emu,
                        operation,
                        { pageToken: token },
                        "InvalidInputException",
                        "InvalidPageToken",
                        `The page token '${token.length > 64 ? `${token.slice(0, 64)}...` : token}' is not valid.`,
                    );
                }
            });
        });
    }

    it("refuses a page token that is not one the emulator issued", async () => {
        await expectError(
            emu,
            "GetDisks",
            { pageToken: "garbage" },
            "InvalidInputException",
            "InvalidPageToken",
            "The page token 'garbage' is not valid.",
        );
    });

    it("refuses an operations token with a blank listing", async () => {
        const token = forgedToken({ listing: "", createdAtMs: 0, tieBreaker: "" });
        const answer = await callApi(emu.url, "GetOperations", { pageToken: token });
        assert.equal(answer.status, 400, answer.text);
        assert.equal((answer.json as ErrorBody).code, "InvalidPageToken");
    });

    it("returns nothing after a token whose later items were all deleted", async () => {
        seedDisks(["D-1", "D-2", "D-3"]);
        const first = await page("GetDisks", "disks");
        assert.deepEqual(first.names, ["D-3", "D-2"]);
        await expectOk(emu, "DeleteDisk", { diskName: "D-1" });
        await expectOk(emu, "DeleteDisk", { diskName: "D-3" });
        const second = await page("GetDisks", "disks", first.next);
        assert.deepEqual(second.names, []);
        assert.equal(second.next, undefined);
    });

    it("continues after a token whose item was deleted", async () => {
        seedDisks(["D-1", "D-2", "D-3"]);
        const first = await page("GetDisks", "disks");
        await expectOk(emu, "DeleteDisk", { diskName: "D-2" });
        await expectOk(emu, "DeleteDisk", { diskName: "D-3" });
        const second = await page("GetDisks", "disks", first.next);
        assert.deepEqual(second.names, ["D-1"]);
    });

    it("lists nine operations created in the same instant newest first", async () => {
        const names = Array.from({ length: 9 }, (_, i) => `Disk-${i + 1}`);
        for (const name of names) {
            emu.seedDisk({ name, region: REGION });
        }
        for (const name of names) {
            await expectOk(emu, "TagResource", { resourceName: name, tags: [{ key: "k", value: "v" }] });
        }
        const seen: string[] = [];
        let token: string | undefined;
        do {
            const out = await page("GetOperations", "operations", token);
            seen.push(...out.names);
            token = out.next;
        } while (token !== undefined);
        assert.deepEqual(seen, [...names].reverse());
    });

    it("lists operations created in the same instant newest first", async () => {
        emu.seedDisk({ name: "Disk-1", region: REGION });
        for (let i = 1; i <= 11; i++) {
            await expectOk(emu, "TagResource", { resourceName: "Disk-1", tags: [{ key: `k${i}`, value: "v" }] });
        }
        const names = Array.from({ length: 11 }, (_, i) => `Snap-${i + 1}`);
        for (const name of names) {
            await expectOk(emu, "CreateDiskSnapshot", { diskName: "Disk-1", diskSnapshotName: name });
        }
        const seen: string[] = [];
        let token: string | undefined;
        do {
            const out = await expectOk(emu, "GetOperations", token === undefined ? {} : { pageToken: token });
            for (const op of out.operations as Listed[]) {
                if (op.operationType === "CreateDiskSnapshot" && op.resourceName?.startsWith("Snap-")) {
                    seen.push(op.resourceName);
                }
            }
            token = out.nextPageToken as string | undefined;
        } while (token !== undefined);
        assert.deepEqual(seen, [...names].reverse());
    });
});
