/**
 * The Go and Python SDKs generated from the plugin's schema by Pulumi's own code generators
 * (`scripts/gen-sdks.sh`): one class per resource and one function per function of the schema;
 * the Go SDK compiles (`go build`, `go vet`) against `github.com/pulumi/pulumi/sdk/v3` at the
 * engine's version; the Python SDK, installed with the `pulumi` package from PyPI, passes
 * `test/python/test_sdk.py` under `pulumi.runtime.set_mocks`.
 */

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { pulumiBinDir } from "../../harness/engine";
import { REPO_ROOT } from "../../harness/repo";
import { FUNCTIONS } from "../../provider/native/functions";
import { RESOURCE_SCHEMAS } from "../../provider/resources";

const run = promisify(execFile);

/** The newest `pulumi` on PyPI that the generated SDK accepts (`>=3.269.0,<4`); PyPI lags the CLI. */
const PYTHON_PULUMI_VERSION = "3.272.0";

/** `diskSnapshotCopy` → `disk_snapshot_copy`. */
function snakeCase(name: string): string {
    return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`).replace(/^_/, "");
}

/** `DiskSnapshotCopy` → `diskSnapshotCopy`. */
function lowerFirst(name: string): string {
    return name.charAt(0).toLowerCase() + name.slice(1);
}

/** Runs a command; on failure the error carries its output. */
async function sh(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    try {
        return await run(file, args, { ...options, maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
        const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
        throw new Error(`${file} ${args.join(" ")} failed:\n${stdout}\n${stderr}`);
    }
}

/** A virtualenv with `pulumi` from PyPI and pytest, made once per version. */
async function pythonEnv(): Promise<string> {
    const venv = path.join(REPO_ROOT, ".cache", `python-sdk-venv-${PYTHON_PULUMI_VERSION}`);
    const python = path.join(venv, "bin", "python");
    if (!fs.existsSync(path.join(venv, ".ready"))) {
        fs.rmSync(venv, { recursive: true, force: true });
        await sh("python3", ["-m", "venv", venv]);
        await sh(python, ["-m", "pip", "install", "-q", `pulumi==${PYTHON_PULUMI_VERSION}`, "pytest"]);
        fs.writeFileSync(path.join(venv, ".ready"), "");
    }
    return python;
}

describe("generated SDKs: Go and Python, from the plugin's schema", function () {
    this.timeout(15 * 60_000); // a cold Go build of sdk/v3 and a pip install from PyPI

    let out: string;
    let goEnv: NodeJS.ProcessEnv;

    before(async () => {
        const cache = path.dirname(pulumiBinDir());
        out = fs.mkdtempSync(path.join(REPO_ROOT, ".cache", "sdks-"));
        await sh("bash", [path.join(REPO_ROOT, "scripts", "gen-sdks.sh"), out]);
        goEnv = {
            ...process.env,
            GOMODCACHE: path.join(cache, "gomod"),
            GOCACHE: path.join(cache, "gocache"),
            GOFLAGS: "-mod=mod -modcacherw",
            GOSUMDB: "off",
            GOTOOLCHAIN: "local",
            CGO_ENABLED: "0",
        };
    });

    after(() => {
        if (out) fs.rmSync(out, { recursive: true, force: true });
    });

    it("generates a Go file and a Python module for each resource and function of the schema", () => {
        const names = [...RESOURCE_SCHEMAS.map((schema) => schema.name), ...Object.keys(FUNCTIONS), "Provider"];
        for (const name of names) {
            const goFile = path.join(out, "go", "lightsailsnapshots", `${lowerFirst(name)}.go`);
            const pyFile = path.join(out, "python", "pulumi_lightsail_snapshots", `${snakeCase(name)}.py`);
            assert.ok(fs.existsSync(goFile), `${goFile} was not generated`);
            assert.ok(fs.existsSync(pyFile), `${pyFile} was not generated`);
        }
        const token = fs.readFileSync(path.join(out, "go", "lightsailsnapshots", "diskSnapshot.go"), "utf8");
        assert.match(token, /"lightsail-snapshots:index:DiskSnapshot"/);
    });

    it("compiles the Go SDK against github.com/pulumi/pulumi/sdk/v3 at the engine's version", async () => {
        const goMod = fs.readFileSync(path.join(out, "go", "go.mod"), "utf8");
        const { stdout: version } = await sh(path.join(pulumiBinDir(), "pulumi"), ["version"]);
        assert.match(goMod, new RegExp(`github\\.com/pulumi/pulumi/sdk/v3 ${version.trim().replace(/\./g, "\\.")}\\b`));
        await sh("go", ["build", "-trimpath", "-tags", "osusergo,grpcnotrace", "./..."], {
            cwd: path.join(out, "go"),
            env: goEnv,
        });
        await sh("go", ["vet", "-tags", "osusergo,grpcnotrace", "./..."], { cwd: path.join(out, "go"), env: goEnv });
    });

    it("passes the Python mock tests with the pulumi package from PyPI", async () => {
        const python = await pythonEnv();
        await sh(python, ["-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", path.join(out, "python")]);
        const { stdout } = await sh(
            python,
            ["-m", "pytest", "-q", "-p", "no:cacheprovider", path.join(REPO_ROOT, "test", "python", "test_sdk.py")],
            { cwd: out },
        );
        assert.match(stdout, /\b4 passed\b/);
    });
});
