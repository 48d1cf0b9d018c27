/**
 * Input validation driven by the official Lightsail model: for every operation the emulator
 * implements, a valid input is built from the model's input shape, then broken one member at a
 * time: each required member omitted, each enum member given a value outside the model, each
 * pattern-constrained string given a value that does not match. Lightsail's front end answers
 * every one of those with `InvalidInputException` before looking at its resources, so the
 * emulator must too, whether or not the resources named exist.
 */

import assert from "node:assert/strict";
import { OPERATIONS, type RunningEmulator, startEmulator } from "../../emulator";
import { judgeAvailable, SERVICE_MODEL_JUDGE } from "../../harness/awsCli";
import { callApi } from "../../harness/emulatorClient";
import { loadServiceModel, type Model, type Shape } from "../../harness/serviceModel";

/** A member path inside an input (`addOnRequest.addOnType`). */
type MemberPath = string[];

/** One broken input: what was broken, and the input. */
interface BrokenInput {
    operation: string;
    what: string;
    input: Record<string, unknown>;
}

/** Values tried, in order, as "does not match the pattern": the first the pattern rejects is used. */
const NON_MATCHING_CANDIDATES = ["!", " ", "-", "not valid!"];

/** A value the string shape accepts. */
function validString(shape: Shape): string {
    if (shape.enum) return shape.enum[0] ?? "";
    const candidates = ["Name-1", "2024-01-01", "06:00", "x", "arn:aws:lightsail:us-west-2:123456789012:Disk/abc-1"];
    if (!shape.pattern) return "Name-1";
    const pattern = new RegExp(shape.pattern);
    const found = candidates.find((candidate) => pattern.test(candidate));
    assert.ok(found !== undefined, `no valid candidate for pattern ${shape.pattern}`);
    return found;
}

/** A valid value of `shapeName`: required members only, each with a value its shape accepts. */
function validValue(model: Model, shapeName: string): unknown {
    const shape = model.shapes[shapeName];
    assert.ok(shape, `no shape ${shapeName}`);
    switch (shape.type) {
        case "structure":
            return Object.fromEntries(
                (shape.required ?? []).map((member) => [
                    member,
                    validValue(model, shape.members?.[member]?.shape ?? ""),
                ]),
            );
        case "list":
            return [validValue(model, shape.member?.shape ?? "")];
        case "string":
            return validString(shape);
        case "integer":
        case "long":
            return Math.max(shape.min ?? 8, 8);
        case "boolean":
            return true;
        default:
            assert.fail(`no valid value for ${shapeName} (${shape.type})`);
    }
}

function setAt(input: Record<string, unknown>, path: MemberPath, value: unknown): Record<string, unknown> {
    const copy = structuredClone(input);
    let target = copy;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
    const last = path.at(-1) ?? "";
    if (value === undefined) delete target[last];
    else target[last] = value;
    return copy;
}

/** The broken inputs of one operation: walks the required structure members and every top-level member. */
function brokenInputs(model: Model, operation: string): BrokenInput[] {
    const inputShape = model.operations[operation]?.input?.shape;
    if (!inputShape) return [];
    const base = validValue(model, inputShape) as Record<string, unknown>;
    const broken: BrokenInput[] = [];
    const walk = (shapeName: string, path: MemberPath, present: boolean) => {
        const shape = model.shapes[shapeName];
        for (const [member, ref] of Object.entries(shape?.members ?? {})) {
            const memberPath = [...path, member];
            const where = memberPath.join(".");
            const required = shape?.required?.includes(member) ?? false;
            const memberShape = model.shapes[ref.shape];
            if (!present || !memberShape) continue;
            if (required)
                broken.push({ operation, what: `${where} omitted`, input: setAt(base, memberPath, undefined) });
            if (memberShape.enum) {
                broken.push({
                    operation,
                    what: `${where} outside its enum`,
                    input: setAt(base, memberPath, "NotAValueOfTheModel"),
                });
            }
            if (memberShape.type === "string" && memberShape.pattern) {
                const pattern = new RegExp(memberShape.pattern);
                const value = NON_MATCHING_CANDIDATES.find((candidate) => !pattern.test(candidate));
                if (value !== undefined) {
                    broken.push({
                        operation,
                        what: `${where} ${JSON.stringify(value)} not matching ${memberShape.pattern}`,
                        input: setAt(base, memberPath, value),
                    });
                }
            }
            // Nested members are reached inside a required structure, which the base input holds.
            if (memberShape.type === "structure") walk(ref.shape, memberPath, required);
        }
    };
    walk(inputShape, [], true);
    return broken;
}

describe("emulator input validation, driven by the Lightsail model", function () {
    this.timeout(60_000);
    let model: Model;
    let emu: RunningEmulator;

    before(async function () {
        if (!judgeAvailable(SERVICE_MODEL_JUDGE)) this.skip();
        model = loadServiceModel();
        emu = await startEmulator({ snapshot: { durationMs: 1 } });
        emu.seedDisk({ name: "Name-1", region: "us-west-2", sizeInGb: 8 });
        emu.seedInstance({ name: "Name-1", region: "us-west-2" });
    });

    after(async () => {
        await emu?.stop();
    });

    it("answers InvalidInputException to every required member omitted, enum broken and pattern not matched", async () => {
        const cases = OPERATIONS.flatMap((operation) => brokenInputs(model, operation));
        const wrong: string[] = [];
        for (const { operation, what, input } of cases) {
            const answer = await callApi(emu.url, operation, input);
            const type = (answer.json as { __type?: string } | undefined)?.__type;
            if (answer.status !== 400 || type !== "InvalidInputException") {
                wrong.push(`${operation}: ${what}: ${answer.status} ${type ?? answer.text.slice(0, 80)}`);
            }
        }
        assert.deepEqual(wrong, [], `${wrong.length} of ${cases.length} broken inputs were not refused`);
        // Every implemented operation with an input shape was exercised.
        const exercised = new Set(cases.map((c) => c.operation));
        const withRules = OPERATIONS.filter((operation) => brokenInputs(model, operation).length > 0);
        assert.deepEqual([...exercised].sort(), [...withRules].sort());
        assert.ok(cases.length >= 40, `${cases.length} cases`);
    });
});
