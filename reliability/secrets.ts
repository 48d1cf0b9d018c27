/**
 * Secrets: credentials supplied four ways, each the only source of credentials while its snapshot
 * is created, refreshed and destroyed (so a success proves that way was used), with every command
 * at `-v=9 --logtostderr` (engine and plugin logs). Then every place a credential could end up is
 * searched for each secret access key and session token.
 *
 * The engine hands a dynamic provider the whole stack configuration and records it, secrets
 * encrypted, as the inputs of the default `pulumi:providers:pulumi-nodejs` provider, as it does
 * for any provider's config; decrypted (`stack export --show-secrets`) the config secret is
 * there. That place is reported as its own row, not hidden.
 *
 * @module
 */

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REGION } from "../harness/account";
import type { SnapshotSpec } from "../harness/snapshotStack";
import { filesUnder } from "./files";
import { Lane, type SectionOptions } from "./lane";

/** A way of supplying credentials. */
export interface CredentialWay {
    id: string;
    title: string;
    /** The secrets this way carries (secret access key, session token). */
    secrets: string[];
}

/** Where credentials were looked for. */
export interface SecretPlace {
    id: string;
    title: string;
    /** True for the engine-recorded default provider inputs (expected to hold the config secret). */
    engineRecorded?: boolean;
}

/** One place × way check. */
export interface SecretCheck {
    place: string;
    way: string;
    /** Characters searched. */
    bytes: number;
    /** The secret was found. */
    leaked: boolean;
    /** Text around the first hit, with the secret masked. */
    context?: string;
}

/** The secrets section's results. */
export interface SecretsReport {
    ways: CredentialWay[];
    places: SecretPlace[];
    checks: SecretCheck[];
    /** Per way: its snapshot was created, refreshed and destroyed with only that way's credentials. */
    used: Record<string, boolean>;
    /** Commands run and their exit codes. */
    commands: { args: string; code: number; way: string }[];
    /** Crash signatures in any command. */
    crashes: string[];
}

const tag = (n: number) => `rel${n}${Math.random().toString(36).slice(2, 10)}`;

/** Runs the secrets section. */
export async function runSecrets(options: SectionOptions & { ways?: readonly string[] } = {}): Promise<SecretsReport> {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "reliability-aws-home-"));
    const awsDir = path.join(home, ".aws");
    fs.mkdirSync(awsDir);
    const allWays: (CredentialWay & { keyId: string; env: Record<string, string | undefined>; config?: string[][] })[] =
        [];
    const envSecret = `env-secret-${tag(1)}`;
    const envToken = `env-token-${tag(2)}`;
    const profileSecret = `profile-secret-${tag(3)}`;
    const configProfileSecret = `config-profile-secret-${tag(4)}`;
    const configSecret = `config-secret-${tag(5)}`;
    const configToken = `config-token-${tag(6)}`;
    const credentialsFile = path.join(awsDir, "credentials");
    fs.writeFileSync(
        credentialsFile,
        `[rel-env-profile]\naws_access_key_id = AKIARELPROFILE000002\naws_secret_access_key = ${profileSecret}\n\n` +
            `[rel-config-profile]\naws_access_key_id = AKIARELCFGPROF000003\naws_secret_access_key = ${configProfileSecret}\n`,
    );
    fs.writeFileSync(path.join(awsDir, "config"), "");
    const noCredentials = {
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
        AWS_SESSION_TOKEN: undefined,
        AWS_PROFILE: undefined,
        AWS_DEFAULT_PROFILE: undefined,
        HOME: home,
        AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
        AWS_CONFIG_FILE: path.join(awsDir, "config"),
        AWS_EC2_METADATA_DISABLED: "true",
    };
    allWays.push(
        {
            id: "env",
            title: "environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`)",
            secrets: [envSecret, envToken],
            keyId: "AKIARELENV0000000001",
            env: {
                ...noCredentials,
                AWS_ACCESS_KEY_ID: "AKIARELENV0000000001",
                AWS_SECRET_ACCESS_KEY: envSecret,
                AWS_SESSION_TOKEN: envToken,
                AWS_SHARED_CREDENTIALS_FILE: path.join(awsDir, "none"),
            },
        },
        {
            id: "profile",
            title: "shared credentials file, `AWS_PROFILE`",
            secrets: [profileSecret],
            keyId: "AKIARELPROFILE000002",
            env: { ...noCredentials, AWS_PROFILE: "rel-env-profile" },
        },
        {
            id: "config-profile",
            title: "stack config `aws:profile`",
            secrets: [configProfileSecret],
            keyId: "AKIARELCFGPROF000003",
            env: noCredentials,
            config: [["aws:profile", "rel-config-profile"]],
        },
        {
            id: "config-secret",
            title: "secret stack config (`aws:accessKey`, `--secret aws:secretKey`, `--secret aws:token`)",
            secrets: [configSecret, configToken],
            keyId: "AKIARELCONFIG0000004",
            env: { ...noCredentials, AWS_SHARED_CREDENTIALS_FILE: path.join(awsDir, "none") },
            config: [
                ["aws:accessKey", "AKIARELCONFIG0000004"],
                ["--secret", "aws:secretKey", configSecret],
                ["--secret", "aws:token", configToken],
            ],
        },
    );

    const ways = allWays.filter((way) => !options.ways || options.ways.includes(way.id));
    const lane = await Lane.start();
    const outputs: { way: string; text: string }[] = [];
    const commands: SecretsReport["commands"] = [];
    const used: Record<string, boolean> = {};
    const verbose = ["-v=9", "--logtostderr"];
    const exported: string[] = [];
    const shown: string[] = [];
    try {
        let specs: SnapshotSpec[] = [];
        for (const way of ways) {
            options.log?.(`secrets: ${way.id}`);
            // Only this way's settings: remove the previous way's stack config.
            for (const key of ["aws:profile", "aws:accessKey", "aws:secretKey", "aws:token"]) {
                await lane.pulumi(["config", "rm", key]);
            }
            for (const entry of way.config ?? []) await lane.pulumi(["config", "set", ...entry]);
            specs = [{ resourceName: `creds-${way.id}`, diskName: "Disk-1", tags: { way: way.id } }];
            await lane.declare(specs);
            let ok = true;
            for (const args of [
                ["preview", ...verbose],
                // The previous way's snapshot is deleted here, with this way's credentials.
                ["up", "--yes", "--skip-preview", ...verbose],
                ["refresh", "--yes", "--skip-preview", ...verbose],
            ]) {
                const record = await lane.pulumi(args, { env: way.env });
                commands.push({ args: args.join(" "), code: record.code, way: way.id });
                outputs.push({ way: way.id, text: record.output });
                ok &&= record.code === 0;
            }
            used[way.id] = ok && lane.emulator.snapshots(REGION).some((s) => s.tags.some((t) => t.value === way.id));
            exported.push((await lane.stack.pulumi(["stack", "export"])).stdout);
            shown.push((await lane.stack.pulumi(["stack", "export", "--show-secrets"])).stdout);
            if (way === ways[ways.length - 1]) {
                const destroy = await lane.pulumi(["destroy", "--yes", "--skip-preview", ...verbose], { env: way.env });
                commands.push({ args: `destroy ${verbose.join(" ")}`, code: destroy.code, way: way.id });
                outputs.push({ way: way.id, text: destroy.output });
                used[way.id] &&= destroy.code === 0 && lane.emulator.snapshots(REGION).length === 0;
            }
        }
    } finally {
        if (options.logDir) lane.dump(path.join(options.logDir, "secrets.log"), "secrets");
    }

    // The places.
    const resources = shown.flatMap(
        (text) =>
            (
                JSON.parse(text) as {
                    deployment: { resources?: { type: string; inputs?: unknown; outputs?: Record<string, unknown> }[] };
                }
            ).deployment.resources ?? [],
    );
    const texts: Record<string, string> = {
        state: exported.join("\n"),
        "state-resources": JSON.stringify(resources.filter((r) => r.type !== "pulumi:providers:pulumi-nodejs")),
        "state-default-provider": JSON.stringify(resources.filter((r) => r.type === "pulumi:providers:pulumi-nodejs")),
        provider: resources
            .map((r) => String(r.outputs?.__provider ?? ""))
            .filter(Boolean)
            .join("\n"),
        cli: outputs.map((o) => o.text).join("\n"),
        "request-log": JSON.stringify(lane.requests()),
        "backend-files": readTree(lane.stack.ws.backendDir),
        "pulumi-home": readTree(lane.stack.ws.homeDir),
    };
    const places: SecretPlace[] = [
        { id: "state", title: "`pulumi stack export`" },
        {
            id: "state-resources",
            title: "`pulumi stack export --show-secrets`: every resource but the default provider",
        },
        {
            id: "state-default-provider",
            title: "`pulumi stack export --show-secrets`: the default `pulumi:providers:pulumi-nodejs` provider's inputs (engine-recorded stack config)",
            engineRecorded: true,
        },
        { id: "provider", title: "`__provider` of every DiskSnapshot (the serialized provider)" },
        {
            id: "cli",
            title: "CLI output of preview, up, refresh and destroy at `-v=9 --logtostderr` (engine and plugin logs)",
        },
        { id: "request-log", title: "emulator request log (bodies; headers, so `Authorization`, are never logged)" },
        { id: "backend-files", title: "every file of the state backend (checkpoints, history, backups)" },
        { id: "pulumi-home", title: "every file under `PULUMI_HOME` (plugins, logs, workspace settings)" },
    ];
    const checks: SecretCheck[] = [];
    for (const place of places) {
        const text = texts[place.id] ?? "";
        for (const way of ways) {
            const hits = way.secrets.map((secret) => text.indexOf(secret)).filter((at) => at >= 0);
            const at = hits[0];
            checks.push({
                place: place.id,
                way: way.id,
                bytes: text.length,
                leaked: at !== undefined,
                ...(at !== undefined
                    ? {
                          context: mask(text.slice(Math.max(0, at - 120), at + 60), way.secrets),
                      }
                    : {}),
            });
        }
    }
    const crashes = lane.commands.filter((c) => !c.args.includes("-v=9")).flatMap((c) => c.crashes);
    await lane.close().catch(() => undefined);
    fs.rmSync(home, { recursive: true, force: true });
    return {
        ways: ways.map(({ id, title, secrets }) => ({ id, title, secrets: secrets.map(() => "…") })),
        places,
        checks,
        used,
        commands,
        crashes,
    };
}

function mask(text: string, secrets: string[]): string {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join("<SECRET>");
    return out.replace(/\s+/g, " ");
}

/** Every regular file under `dir`, concatenated (binary files included as latin1). */
function readTree(dir: string): string {
    const parts: string[] = [];
    for (const file of filesUnder(dir)) {
        try {
            const data = fs.readFileSync(file);
            parts.push(data.length < 5_000_000 ? data.toString("latin1") : "");
        } catch {
            // vanished
        }
    }
    return parts.join("\n");
}
