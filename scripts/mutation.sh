#!/usr/bin/env bash
# Mutation testing (`npm run mutation`; slow, not part of `npm test`):
#   1. npm ci when node_modules is missing (as scripts/test.sh does)
#   2. Stryker over provider/ in chunks: the modules the unit suite covers on its own against
#      test/unit (provider-unit), and the four parts of the AWS side (provider-lightsail,
#      provider-resources, provider-native, provider-core) against the unit and
#      provider-against-emulator suites
#   3. Stryker over emulator/validation.ts and emulator/handlers/ against the emulator suites
#   4. docs/MUTATION.md and reports/mutation/mutation.json from the JSON reports
# MUTATION_CHUNKS="emulator" runs some chunks only; the report keeps the other chunks' last JSON
# reports. MUTATION_FILES="provider/a.ts,provider/b.ts" with MUTATION_CHUNKS naming the one chunk
# they belong to mutates those files only and keeps the chunk's last results for its other files.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ ! -d node_modules ]; then
    npm ci --no-audit --no-fund
fi
# The provider suite packs the library and runs the Pulumi engine for a few tests.
PULUMI_BIN_DIR="$(bash scripts/ensure-pulumi.sh | tail -n1)"
export PULUMI_BIN_DIR PATH="$PULUMI_BIN_DIR:$PATH"
npm run --silent build

# The chunks are listed once, in mutation/report.ts, which merges their reports.
chunks=(${MUTATION_CHUNKS:-$(npx --no-install tsx mutation/report.ts --chunks)})
if [ -n "${MUTATION_FILES:-}" ] && [ "${#chunks[@]}" -ne 1 ]; then
    echo "MUTATION_FILES needs MUTATION_CHUNKS naming the one chunk the files belong to" >&2
    exit 2
fi
for chunk in "${chunks[@]}"; do
    printf '\n==> stryker: %s\n' "$chunk" >&2
    configs=(mutation/"$chunk".config.*)
    if [ -n "${MUTATION_FILES:-}" ]; then
        if [ ! -f "reports/mutation/$chunk.json" ]; then
            echo "MUTATION_FILES: no report of the $chunk chunk to complete; run the whole chunk first" >&2
            exit 2
        fi
        previous="$(mktemp)"
        cp "reports/mutation/$chunk.json" "$previous"
        npx --no-install stryker run "${configs[0]}" --mutate "$MUTATION_FILES"
        npx --no-install tsx mutation/report.ts --keep-other-files "$chunk" "$previous"
        rm -f "$previous"
    else
        npx --no-install stryker run "${configs[0]}"
    fi
done
npx --no-install tsx mutation/report.ts
