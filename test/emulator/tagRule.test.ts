/**
 * One tag rule for the provider's `check()` and the emulator (`provider/lightsail/tagRule.ts`),
 * held by a property: for any tag map, `check()` accepts it exactly when the emulator accepts it
 * on the wire. So whatever preview passes, `up` cannot then fail on, and whatever Lightsail
 * would refuse, preview refuses first, with zero calls.
 *
 * Generated with fast-check from the characters near the rule's edges: letters of several
 * scripts, digits, every space separator and the line and paragraph separators, the allowed
 * punctuation and some that is not, combining marks, emoji, the reserved `aws:` prefix in any
 * case, and lengths around 128 and 256.
 */

import assert from "node:assert/strict";
import { CreateDiskSnapshotCommand, InvalidInputException, type LightsailClient } from "@aws-sdk/client-lightsail";
import fc from "fast-check";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { lightsailClient } from "../../harness/emulatorClient";
import { diskSnapshot } from "../../provider/engine";
import { MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH } from "../../provider/lightsail/tagRule";
import { AUTO_NAME_BASE } from "../../provider/naming";

/** Characters on both sides of the rule. */
const EDGE_CHARACTERS = [
    ..."aZé日ж٣7 +-=._:/@",
    "\u00a0", // no-break space (Zs)
    "\u3000", // ideographic space (Zs)
    "\u2028", // line separator (Zl)
    "\u2029", // paragraph separator (Zp)
    "\t",
    "\n",
    "\u0301", // combining acute accent (Mn)
    "#",
    "*",
    ",",
    "🚀",
    "𝐀", // a letter outside the BMP: one character, two UTF-16 units
];

const text = (maxLength: number) =>
    fc.oneof(
        fc.string({ unit: fc.constantFrom(...EDGE_CHARACTERS), maxLength: 12 }),
        fc
            .constantFrom("aws:", "AWS:", "Aws:", "aws", "xaws:")
            .chain((prefix) =>
                fc.string({ unit: fc.constantFrom("a", "1", " "), maxLength: 6 }).map((rest) => `${prefix}${rest}`),
            ),
        fc
            .integer({ min: maxLength - 2, max: maxLength + 2 })
            .chain((n) => fc.constantFrom("a", "𝐀").map((unit) => unit.repeat(Math.max(0, n)))),
    );

const tagMaps = fc.dictionary(text(MAX_TAG_KEY_LENGTH), text(MAX_TAG_VALUE_LENGTH), { maxKeys: 3 });

describe("one tag rule: check() accepts exactly what the emulator accepts", function () {
    this.timeout(120_000);
    let emu: RunningEmulator;
    let client: LightsailClient;
    let created = 0;

    before(async () => {
        emu = await startEmulator({ snapshot: { durationMs: 1 } });
        emu.seedDisk({ name: "Disk-1", region: "us-west-2", sizeInGb: 8 });
        client = lightsailClient(emu.url, "us-west-2", { maxAttempts: 1 });
    });

    after(async () => {
        client?.destroy();
        await emu?.stop();
    });

    /** Whether the emulator takes a CreateDiskSnapshot with these tags; rethrows anything but InvalidInput. */
    async function emulatorAccepts(tags: Record<string, string>): Promise<boolean> {
        try {
            await client.send(
                new CreateDiskSnapshotCommand({
                    diskName: "Disk-1",
                    diskSnapshotName: `prop-${++created}`,
                    tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
                }),
            );
            return true;
        } catch (error) {
            if (error instanceof InvalidInputException) return false;
            throw error;
        }
    }

    async function checkAccepts(tags: Record<string, string>): Promise<boolean> {
        const { failures } = await diskSnapshot.check(
            {},
            { diskName: "Disk-1", region: "us-west-2", [AUTO_NAME_BASE]: "prop", tags },
        );
        return (failures ?? []).length === 0;
    }

    it("holds for generated tag maps", async () => {
        let accepted = 0;
        await fc.assert(
            fc.asyncProperty(tagMaps, async (tags) => {
                const byCheck = await checkAccepts(tags);
                const byEmulator = await emulatorAccepts(tags);
                if (byCheck) accepted++;
                assert.equal(byCheck, byEmulator, `check ${byCheck}, emulator ${byEmulator}: ${JSON.stringify(tags)}`);
            }),
            { numRuns: 400, seed: 20261202 },
        );
        // The generator reaches both sides of the rule, or the property proves little.
        assert.ok(accepted > 40 && accepted < 360, `${accepted} of 400 accepted`);
    });

    it("agrees on the edges named in the rule", async () => {
        const cases: [Record<string, string>, boolean][] = [
            [{ env: "prod" }, true],
            [{ 日本: "値 ２" }, true],
            [{ env: "a\u00a0b" }, true],
            [{ env: "a\u2028b" }, false],
            [{ env: "e\u0301" }, false],
            [{ owner: "aws:me" }, false],
            [{ "AWS:owner": "me" }, false],
            [{ owner: "me:aws:" }, true],
            [{ ["𝐀".repeat(MAX_TAG_KEY_LENGTH)]: "v" }, true],
            [{ ["𝐀".repeat(MAX_TAG_KEY_LENGTH + 1)]: "v" }, false],
            [{ env: "a".repeat(MAX_TAG_VALUE_LENGTH) }, true],
            [{ env: "a".repeat(MAX_TAG_VALUE_LENGTH + 1) }, false],
        ];
        for (const [tags, expected] of cases) {
            assert.equal(await checkAccepts(tags), expected, `check: ${JSON.stringify(tags)}`);
            assert.equal(await emulatorAccepts(tags), expected, `emulator: ${JSON.stringify(tags)}`);
        }
    });
});
