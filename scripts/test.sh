#!/usr/bin/env bash
# The whole test run, usable on a fresh clone (`npm test` runs this):
#   1. npm ci when node_modules is missing or older than package.json / package-lock.json
#   2. the Pulumi engine (scripts/ensure-pulumi.sh; built into .cache/ the first time, minutes)
#   3. npm run build, biome check, tsc --noEmit
#   4. mocha over test/**/*.test.ts with the summary reporter
# and ends with mocha's count: "N passed, N failed[, N skipped]". Exits non-zero if any step failed.
#
# Subsets: `bash scripts/test.sh test/host/engine-smoke.test.ts` or TEST_FILES='test/unit/**/*.test.ts'
# (space-separated globs/paths). Arguments starting with "-" are passed to mocha (e.g. --grep smoke).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

failed_steps=()
step() { printf '\n==> %s\n' "$*" >&2; }
fail() {
    printf '==> FAILED: %s\n' "$1" >&2
    failed_steps+=("$1")
}

# --- 1. Dependencies ------------------------------------------------------------------------------
stamp=node_modules/.package-lock.json # written by npm after every install
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
    step "npm ci"
    if ! npm ci --no-audit --no-fund; then
        fail "npm ci"
        echo "0 passed, 1 failed"
        exit 1
    fi
fi

# --- 2. Pulumi engine -----------------------------------------------------------------------------
step "Pulumi engine (scripts/ensure-pulumi.sh)"
if ! engine_out="$(bash scripts/ensure-pulumi.sh)"; then
    fail "scripts/ensure-pulumi.sh"
    echo "0 passed, 1 failed"
    exit 1
fi
PULUMI_BIN_DIR="$(printf '%s\n' "$engine_out" | tail -n1)"
export PULUMI_BIN_DIR
export PATH="$PULUMI_BIN_DIR:$PATH"
"$PULUMI_BIN_DIR/pulumi" version >&2

# --- 3. Build, lint, types ------------------------------------------------------------------------
step "npm run build"
npm run --silent build || fail "npm run build"

step "biome check"
npx --no-install biome check . || fail "biome check"

step "tsc --noEmit"
npx --no-install tsc -p tsconfig.json --noEmit || fail "tsc --noEmit"

# --- 4. Tests -------------------------------------------------------------------------------------
files=()
mocha_args=()
for arg in "$@"; do
    case "$arg" in
    -*) mocha_args+=("$arg") ;;
    *) files+=("$arg") ;;
    esac
done
if [ "${#files[@]}" -eq 0 ] && [ -n "${TEST_FILES:-}" ]; then
    read -r -a files <<<"$TEST_FILES"
fi
if [ "${#files[@]}" -eq 0 ]; then
    files=("test/**/*.test.ts")
fi
if [ "${CI:-}" = "true" ]; then
    mocha_args+=(--forbid-only)
fi

step "mocha ${files[*]}"
summary_file="$(mktemp)"
trap 'rm -f "$summary_file"' EXIT
MOCHA_SUMMARY_FILE="$summary_file" npx --no-install mocha --reporter ./harness/summary-reporter.js \
    "${mocha_args[@]}" "${files[@]}"
mocha_status=$?
if [ ! -s "$summary_file" ]; then
    # Mocha stopped before its end-of-run event (a test file that does not load, a crash...).
    fail "mocha (exit $mocha_status, no results)"
    echo "0 passed, 1 failed"
elif [ "$mocha_status" -ne 0 ]; then
    failed_steps+=("mocha")
fi

if [ "${#failed_steps[@]}" -gt 0 ]; then
    printf 'test.sh: failed: %s\n' "$(IFS=,; echo "${failed_steps[*]}" | sed 's/,/, /g')" >&2
    exit 1
fi
