/**
 * The `lightsail-emulator` command and the emulator's pure parts (argument parsing, fault specs,
 * progress curves, token bucket, tag rules).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCliArgs, parseDuration } from "../../emulator/cli";
import { FaultController, parseFaultSpec } from "../../emulator/faults";
import { pendingPercent, snapshotStatus } from "../../emulator/progress";
import { seededRandom } from "../../emulator/random";
import { validateTags } from "../../emulator/validation";
import { admin, callApi } from "../../harness/emulatorClient";
import { compiledEmulatorCli, startEmulatorProcess } from "../../harness/emulatorProcess";
import { REPO_ROOT } from "../../harness/repo";
import { VirtualClock } from "../../harness/virtualClock";

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [compiledEmulatorCli(), ...args], { stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (c: Buffer) => {
            stdout += c.toString();
        });
        child.stderr.on("data", (c: Buffer) => {
            stderr += c.toString();
        });
        child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });
}

describe("lightsail-emulator command line", () => {
    it("parses every flag", () => {
        const dir = mkdtempSync(join(tmpdir(), "emu-cli-"));
        const seed = join(dir, "seed.json");
        writeFileSync(seed, JSON.stringify({ "us-west-2": { disks: [{ name: "Disk-1" }] } }));
        const options = parseCliArgs([
            "--port",
            "0",
            "--state",
            join(dir, "state.json"),
            "--seed",
            seed,
            "--snapshot-duration",
            "2s",
            "--progress-curve",
            "stalled-then-jump",
            "--error-pattern",
            "^bad",
            "--delete-pending",
            "refuse",
            "--rate-limit",
            "5",
            "--burst",
            "2",
            "--fault",
            "CreateDiskSnapshot=throttle:2",
            "--fault",
            "*=error,p=0.25",
            "--fault",
            "GetDiskSnapshot=latency,ms=300",
            "--page-size",
            "3",
            "--resource-duration",
            "250ms",
            "--account-id",
            "111122223333",
            "--random-seed",
            "9",
            "--start-time",
            "2024-01-01T05:00:00Z",
            "--auto-snapshot-duration",
            "2m",
            "--add-on-duration",
            "1.5s",
            "--instance-transition",
            "2s",
            "--attachment-duration",
            "750ms",
        ]);
        assert.deepEqual(options, {
            port: 0,
            statePath: join(dir, "state.json"),
            seed: { "us-west-2": { disks: [{ name: "Disk-1" }] } },
            snapshot: { durationMs: 2000, curve: "stalled-then-jump", errorPattern: "^bad", deletePending: "refuse" },
            rateLimit: { ratePerSecond: 5, burst: 2 },
            faults: {
                CreateDiskSnapshot: { kind: "throttle", count: 2 },
                "*": { kind: "error", probability: 0.25 },
                GetDiskSnapshot: { kind: "latency", latencyMs: 300 },
            },
            pageSize: 3,
            resourceDurationMs: 250,
            instanceTransitionMs: 2000,
            attachmentDurationMs: 750,
            accountId: "111122223333",
            randomSeed: 9,
            startTime: Date.parse("2024-01-01T05:00:00Z"),
            autoSnapshot: { durationMs: 120_000, addOnDurationMs: 1500 },
        });
        assert.deepEqual(parseCliArgs(["--clock-offset", "1d"]), { clockOffsetMs: 86_400_000 });
        assert.deepEqual(parseCliArgs(["--clock-offset=-90m"]), { clockOffsetMs: -5_400_000 });
        rmSync(dir, { recursive: true, force: true });
    });

    it("rejects bad flags with a message", () => {
        for (const [args, pattern] of [
            [["--port", "x"], /--port/],
            [["--progress-curve", "wavy"], /--progress-curve/],
            [["--delete-pending", "maybe"], /--delete-pending/],
            [["--snapshot-duration", "soon"], /--snapshot-duration/],
            [["--fault", "GetDisks"], /fault spec/],
            [["--fault", "GetDisks=explode"], /fault kind/],
            [["--fault", "GetDisks=latency"], /latencyMs/],
            [["--burst", "3"], /--rate-limit/],
            [["--account-id", "12"], /12 digits/],
            [["--start-time", "tomorrow"], /--start-time expects an ISO 8601 time/],
            [["--start-time", "2024-01-01T00:00:00Z", "--clock-offset", "1h"], /not both/],
            [["--clock-offset", "1 week"], /--clock-offset/],
            [["--auto-snapshot-duration", "-1"], /--auto-snapshot-duration/],
            [["--instance-transition", "soon"], /--instance-transition/],
            [["--attachment-duration", "-5"], /--attachment-duration/],
            [["--nope"], /Unknown option/],
        ] as const) {
            assert.throws(() => parseCliArgs(args), pattern);
        }
        assert.equal(parseDuration("1500", "--x"), 1500);
        assert.equal(parseDuration("1.5s", "--x"), 1500);
        assert.equal(parseDuration("2h", "--x"), 7_200_000);
    });

    it("prints the base URL first, applies flags, and stops cleanly on SIGTERM", async () => {
        const dir = mkdtempSync(join(tmpdir(), "emu-cli-"));
        const state = join(dir, "state.json");
        const seed = join(dir, "seed.json");
        writeFileSync(seed, JSON.stringify({ "us-west-2": { disks: [{ name: "Disk-1" }] } }));
        const { child, url } = await startEmulatorProcess([
            "--port",
            "0",
            "--state",
            state,
            "--seed",
            seed,
            "--snapshot-duration",
            "1s",
            "--progress-curve",
            "none",
            "--delete-pending",
            "refuse",
            "--fault",
            "GetDisks=throttle:1",
        ]);
        assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
        const behaviour = (await admin(url, "snapshot-behaviour")).json as { behaviour: Record<string, unknown> };
        assert.deepEqual(behaviour.behaviour, { durationMs: 1000, curve: "none", deletePending: "refuse" });
        assert.equal((await callApi(url, "GetDisks")).status, 400);
        const disks = await callApi(url, "GetDisks");
        assert.equal((disks.json as { disks: { name: string }[] }).disks[0]?.name, "Disk-1");
        const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
        child.kill("SIGTERM");
        assert.equal(await exit, 0);
        assert.ok(JSON.parse(readFileSync(state, "utf8")).regions["us-west-2"].disks["Disk-1"]);
        rmSync(dir, { recursive: true, force: true });
    });

    it("exits 2 with usage on bad arguments, 0 on --help", async () => {
        const bad = await runCli(["--progress-curve", "wavy"]);
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /--progress-curve must be one of/);
        assert.match(bad.stderr, /usage: lightsail-emulator/);
        const help = await runCli(["--help"]);
        assert.equal(help.code, 0);
        assert.match(help.stdout, /--snapshot-duration/);
    });

    it("starts with a shebang for the package bin", () => {
        assert.match(readFileSync(join(REPO_ROOT, "emulator", "cli.ts"), "utf8"), /^#!\/usr\/bin\/env node\n/);
    });
});

describe("emulator pure parts", () => {
    it("computes progress curves", () => {
        const at = (curve: Parameters<typeof pendingPercent>[0], f: number) => pendingPercent(curve, f * 1000, 1000);
        assert.deepEqual(
            [0, 0.1, 0.5, 0.9, 0.999, 1].map((f) => at("linear", f)),
            [0, 10, 50, 90, 99, 99],
        );
        assert.deepEqual(
            [0, 0.1, 0.5, 0.9].map((f) => at("front-loaded", f)),
            [0, 27, 87, 99],
        );
        assert.deepEqual(
            [0, 0.1, 0.25, 0.6, 0.99].map((f) => at("stalled-then-jump", f)),
            [0, 20, 50, 50, 50],
        );
        assert.equal(at("none", 0.5), undefined);
        const snap = { createdAtMs: 0, durationMs: 1000, curve: "linear" as const, fails: false };
        assert.deepEqual(snapshotStatus(snap, 999), { state: "pending", progress: "99%" });
        assert.deepEqual(snapshotStatus(snap, 1000), { state: "completed", progress: "100%" });
        assert.deepEqual(snapshotStatus({ ...snap, fails: true }, 1000), { state: "error", progress: "99%" });
        assert.deepEqual(snapshotStatus({ ...snap, curve: "none", fails: true }, 5000), { state: "error" });
        assert.deepEqual(snapshotStatus({ ...snap, durationMs: 0 }, 0), { state: "completed", progress: "100%" });
    });

    it("parses fault specs", () => {
        assert.deepEqual(parseFaultSpec("CreateDiskSnapshot=hang"), {
            operation: "CreateDiskSnapshot",
            fault: { kind: "hang" },
        });
        assert.deepEqual(parseFaultSpec("*=reset-after:3,p=0.5,ms=10"), {
            operation: "*",
            fault: { kind: "reset-after", count: 3, probability: 0.5, latencyMs: 10 },
        });
        assert.throws(() => parseFaultSpec("X=throttle,q=1"), /unknown fault option/);
    });

    it("refills the token bucket with time", () => {
        const clock = new VirtualClock();
        const faults = new FaultController(seededRandom(1), clock.now);
        assert.equal(faults.admit(), true);
        faults.setRateLimit({ ratePerSecond: 2, burst: 2 });
        assert.deepEqual([faults.admit(), faults.admit(), faults.admit()], [true, true, false]);
        clock.advance(499);
        assert.equal(faults.admit(), false);
        clock.advance(1);
        assert.equal(faults.admit(), true);
        clock.advance(10_000);
        assert.deepEqual([faults.admit(), faults.admit(), faults.admit()], [true, true, false]);
    });

    it("applies Lightsail's tag rules", () => {
        validateTags([{ key: "Größe", value: "数字 1+2=3 a.b_c:d/e@f" }, { key: "k" }]);
        assert.throws(() => validateTags([{ key: "a", value: "tab\there" }]), /not allowed/);
        assert.throws(() => validateTags([{ key: "x".repeat(129) }]), /1 to 128/);
        assert.throws(() => validateTags([{ key: "ok", value: "é".repeat(257) }]), /256/);
    });
});
