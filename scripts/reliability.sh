#!/usr/bin/env bash
# The reliability suite (`npm run reliability`): the fault matrix, bad inputs, interruptions,
# secrets and emulator durability through the real Pulumi engine against the local Lightsail
# emulator; writes docs/RELIABILITY.md. Usable on a fresh clone:
#   1. npm ci when node_modules is missing or older than package.json / package-lock.json
#   2. the Pulumi engine (scripts/ensure-pulumi.sh; built into .cache/ the first time, minutes)
#   3. npm run build (the suite installs the packed package, as users do)
#   4. tsx reliability/run.ts with this script's arguments
#
# Arguments (all optional): --profile full|smoke (default full), --out FILE (default docs/RELIABILITY.md),
# --seed N, --only faults,bad-inputs,interruptions,secrets,durability, --log-dir DIR (default
# .cache/reliability/logs: every lane's commands and their output), --render-only (rewrite the report from
# the last run's raw results, .cache/reliability/results-<profile>.json).
# Environment: RELIABILITY_CONCURRENCY (stacks at once, default 3).
# Exits 1 when a target is missed (the report is written anyway), 2 when the suite itself failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

stamp=node_modules/.package-lock.json # written by npm after every install
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
    printf '\n==> npm ci\n' >&2
    npm ci --no-audit --no-fund
fi

printf '\n==> Pulumi engine (scripts/ensure-pulumi.sh)\n' >&2
engine_out="$(bash scripts/ensure-pulumi.sh)"
PULUMI_BIN_DIR="$(printf '%s\n' "$engine_out" | tail -n1)"
export PULUMI_BIN_DIR
export PATH="$PULUMI_BIN_DIR:$PATH"
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

printf '\n==> npm run build\n' >&2
npm run --silent build

printf '\n==> reliability/run.ts %s\n' "$*" >&2
exec npx --no-install tsx reliability/run.ts "$@"
