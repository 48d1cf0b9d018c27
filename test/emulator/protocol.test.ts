import assert from "node:assert/strict";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { apiHeaders, authorization, callApi, rawRequest } from "../../harness/emulatorClient";

describe("emulator wire protocol (AWS JSON 1.1)", () => {
    let emu: RunningEmulator;

    before(async () => {
        emu = await startEmulator();
        emu.seedDisk({ name: "Disk-1", region: "us-west-2" });
    });

    after(async () => {
        await emu.stop();
    });

    function type(answer: { json: unknown }): string | undefined {
        return (answer.json as { __type?: string } | undefined)?.__type;
    }

    it("listens on 127.0.0.1 only", () => {
        assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.ok(emu.port > 0);
    });

    it("answers success with application/x-amz-json-1.1, a request id and epoch-second timestamps", async () => {
        const sentAt = Date.now();
        const answer = await callApi(emu.url, "CreateDiskSnapshot", { diskName: "Disk-1", diskSnapshotName: "wire-1" });
        const answeredAt = Date.now();
        assert.equal(answer.status, 200);
        assert.equal(answer.headers["content-type"], "application/x-amz-json-1.1");
        assert.match(String(answer.headers["x-amzn-requestid"]), /^[0-9a-f-]{36}$/);
        const created = (answer.json as { operations: { createdAt: unknown }[] }).operations[0]?.createdAt;
        assert.equal(typeof created, "number");
        // When the emulator took the request: between sending it and reading the answer (ms precision).
        assert.ok((created as number) * 1000 >= sentAt - 1 && (created as number) * 1000 <= answeredAt + 1);
        assert.match(answer.text, /"createdAt":\d+(\.\d{1,3})?[,}]/);
    });

    it("answers modeled errors with __type, code, docs, message and tip", async () => {
        const answer = await callApi(emu.url, "GetDiskSnapshot", { diskSnapshotName: "missing" });
        assert.equal(answer.status, 400);
        assert.deepEqual(Object.keys(answer.json as object).sort(), ["__type", "code", "docs", "message", "tip"]);
        assert.equal(type(answer), "NotFoundException");
        assert.ok(answer.headers["x-amzn-requestid"]);
    });

    it("answers 400 MissingAuthenticationTokenException without an Authorization header", async () => {
        const headers = apiHeaders("GetDisks");
        delete headers.authorization;
        const answer = await rawRequest(emu.url, { headers, body: "{}" });
        assert.equal(answer.status, 400);
        assert.deepEqual(answer.json, {
            __type: "MissingAuthenticationTokenException",
            message: "Missing Authentication Token",
        });
        assert.ok(answer.headers["x-amzn-requestid"]);
    });

    it("answers IncompleteSignatureException / InvalidSignatureException for malformed or mis-scoped credentials", async () => {
        for (const bad of ["Bearer abc", "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-west-2/lightsail"]) {
            const answer = await rawRequest(emu.url, {
                headers: { ...apiHeaders("GetDisks"), authorization: bad },
                body: "{}",
            });
            assert.equal(answer.status, 400);
            assert.equal(type(answer), "IncompleteSignatureException");
        }
        const wrongService = await rawRequest(emu.url, {
            headers: { ...apiHeaders("GetDisks"), authorization: authorization("us-west-2", "ec2") },
            body: "{}",
        });
        assert.equal(type(wrongService), "InvalidSignatureException");
    });

    it("takes the region from the credential scope", async () => {
        const east = await callApi(emu.url, "GetDisks", {}, "us-east-1");
        assert.deepEqual(east.json, { disks: [] });
        const west = await callApi(emu.url, "GetDisks", {}, "us-west-2");
        assert.equal((west.json as { disks: unknown[] }).disks.length, 1);
    });

    it("answers UnknownOperationException for unknown or unimplemented targets and other content types", async () => {
        for (const target of [
            "Lightsail_20161128.Nope",
            "Lightsail_20161128.GetBlueprints",
            "DynamoDB_20120810.ListTables",
            "",
        ]) {
            const answer = await rawRequest(emu.url, {
                headers: { ...apiHeaders("GetDisks"), "x-amz-target": target },
                body: "{}",
            });
            assert.equal(answer.status, 400);
            assert.deepEqual(answer.json, { __type: "UnknownOperationException" });
        }
        const form = await rawRequest(emu.url, {
            headers: { ...apiHeaders("GetDisks"), "content-type": "application/x-www-form-urlencoded" },
            body: "Action=GetDisks",
        });
        assert.equal(type(form), "UnknownOperationException");
        const get = await rawRequest(emu.url, { method: "GET", path: "/", headers: apiHeaders("GetDisks") });
        assert.equal(get.status, 404);
        assert.equal(type(get), "UnknownOperationException");
    });

    it("answers SerializationException for bodies that are not JSON objects and for mistyped members", async () => {
        for (const body of ["{", "not json", "[]", "42", "null", '"str"']) {
            const answer = await rawRequest(emu.url, { headers: apiHeaders("GetDisks"), body });
            assert.equal(answer.status, 400, body);
            assert.equal(type(answer), "SerializationException", body);
        }
        const mistyped = await callApi(emu.url, "GetDiskSnapshot", { diskSnapshotName: 42 });
        assert.equal(type(mistyped), "SerializationException");
        const tags = await callApi(emu.url, "CreateDiskSnapshot", {
            diskName: "Disk-1",
            diskSnapshotName: "x1",
            tags: "a=b",
        });
        assert.equal(type(tags), "SerializationException");
    });

    it("names the member and the JSON type it expected, for every kind of member", async () => {
        const disk = { diskName: "Disk-9", availabilityZone: "us-west-2a", sizeInGb: 8 };
        const instance = {
            instanceNames: ["Web-9"],
            availabilityZone: "us-west-2a",
            blueprintId: "ubuntu_22_04",
            bundleId: "nano_3_0",
        };
        const mistypings: [string, Record<string, unknown>, string, string][] = [
            ["GetDiskSnapshot", { diskSnapshotName: 42 }, "diskSnapshotName", "a string"],
            ["CreateDisk", { ...disk, sizeInGb: "8" }, "sizeInGb", "an integer"],
            ["CreateDisk", { ...disk, sizeInGb: 8.5 }, "sizeInGb", "an integer"],
            ["DeleteDisk", { diskName: "Disk-1", forceDeleteAddOns: "true" }, "forceDeleteAddOns", "a boolean"],
            ["CreateInstances", { ...instance, instanceNames: "Web-9" }, "instanceNames", "a list of strings"],
            ["CreateInstances", { ...instance, instanceNames: ["Web-9", 7] }, "instanceNames", "a list of strings"],
            ["CreateDisk", { ...disk, addOns: { addOnType: "AutoSnapshot" } }, "addOns", "a list of structures"],
            ["CreateDisk", { ...disk, addOns: [null] }, "addOns", "a list of structures"],
            ["CreateDisk", { ...disk, addOns: [["AutoSnapshot"]] }, "addOns", "a list of structures"],
            ["EnableAddOn", { resourceName: "Disk-1", addOnRequest: "AutoSnapshot" }, "addOnRequest", "a structure"],
            ["EnableAddOn", { resourceName: "Disk-1", addOnRequest: ["AutoSnapshot"] }, "addOnRequest", "a structure"],
            ["CreateDisk", { ...disk, tags: { key: "a" } }, "tags", "a list of tags"],
            ["CreateDisk", { ...disk, tags: [{ key: "a" }, "b"] }, "tags.2", "a tag structure"],
            ["CreateDisk", { ...disk, tags: [{ key: "a" }, null] }, "tags.2", "a tag structure"],
            ["CreateDisk", { ...disk, tags: [[{ key: "a" }]] }, "tags.1", "a tag structure"],
        ];
        for (const [operation, input, member, expected] of mistypings) {
            const answer = await callApi(emu.url, operation, input);
            const what = `${operation} ${JSON.stringify(input)}`;
            assert.equal(answer.status, 400, what);
            assert.equal(type(answer), "SerializationException", what);
            assert.equal(
                (answer.json as { message?: string }).message,
                `Cannot deserialize member '${member}': expected ${expected}`,
                what,
            );
        }
        const disks = await callApi(emu.url, "GetDisks", {});
        assert.deepEqual(
            (disks.json as { disks: { name: string }[] }).disks.map((d) => d.name),
            ["Disk-1"],
            "no mistyped request created anything",
        );
    });

    it("reads a tag without a key as the empty key, which the tag rule refuses", async () => {
        const answer = await callApi(emu.url, "CreateDisk", {
            diskName: "Disk-8",
            availabilityZone: "us-west-2a",
            sizeInGb: 8,
            tags: [{ value: "v" }],
        });
        assert.equal(answer.status, 400);
        assert.equal(type(answer), "InvalidInputException");
    });

    it("treats an empty body as {} and null members as absent, and ignores unknown members", async () => {
        const empty = await rawRequest(emu.url, { headers: apiHeaders("GetDisks"), body: "" });
        assert.equal(empty.status, 200);
        const nulls = await callApi(emu.url, "GetDisks", { pageToken: null, extra: { nested: true } });
        assert.equal(nulls.status, 200);
        const missing = await callApi(emu.url, "GetDiskSnapshot", { diskSnapshotName: null });
        assert.equal(type(missing), "InvalidInputException");
    });

    it("answers 413 for bodies over 1 MiB", async () => {
        const answer = await rawRequest(emu.url, {
            headers: apiHeaders("GetDisks"),
            body: `{"pad":"${"x".repeat(1024 * 1024 + 10)}"}`,
        });
        assert.equal(answer.status, 413);
        assert.equal(type(answer), "RequestEntityTooLargeException");
        assert.equal((await callApi(emu.url, "GetDisks")).status, 200);
    });
});
