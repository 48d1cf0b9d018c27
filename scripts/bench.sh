#!/usr/bin/env bash
# The benchmark (`npm run bench`): builds the package, makes sure the Pulumi engine is there
# (scripts/ensure-pulumi.sh; built into .cache/ the first time), then runs bench/index.ts, which
# writes docs/BENCHMARKS.md and docs/benchmarks.json. A full run takes about a quarter of an hour on two cores.
#
# Environment (see bench/options.ts):
#   BENCH_QUICK=1                 every section at small sizes (a few minutes)
#   BENCH_SECTIONS=virtual,realtime,state,engine,throttle,shared   which sections
#   BENCH_RUNS=5                  real-time snapshots per duration, engine rounds per size
#   BENCH_VIRTUAL_RUNS=400        virtual-time runs per duration and curve
#   BENCH_DURATIONS_S, BENCH_REALTIME_DURATIONS_S, BENCH_ENGINE_COUNTS, BENCH_THROTTLE_COUNT, BENCH_SCALE_COUNT, BENCH_SEED
#   BENCH_OUT=docs/BENCHMARKS.md  where the report goes; BENCH_JSON=file also writes the raw results
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

stamp=node_modules/.package-lock.json
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
    npm ci --no-audit --no-fund
fi

sections="${BENCH_SECTIONS:-virtual,realtime,state,engine,throttle,shared}"
case ",$sections," in
*,engine,* | *,throttle,* | *,shared,*)
    PULUMI_BIN_DIR="$(bash scripts/ensure-pulumi.sh | tail -n1)"
    export PULUMI_BIN_DIR
    ;;
esac

npm run --silent build
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
exec npx --no-install tsx bench/index.ts
