#!/usr/bin/env bash
# The demo: the Pulumi project in Pulumi.yaml (program in demo/) declares a disk's backup from end to end
# (automatic snapshots of Disk-1, a snapshot of it and of WordPress-1's system volume, a copy in a second
# region, a disk restored there and attached to Standby-1), and this driver runs it with the real
# Pulumi engine against the local Lightsail emulator. Works on a fresh clone; `npm run demo` runs it.
#
#   bash scripts/demo.sh [up]          pulumi up: create/update the snapshots, print the outputs
#   bash scripts/demo.sh preview       pulumi preview (no Lightsail calls)
#   bash scripts/demo.sh refresh       pulumi refresh (read the snapshots back, show drift)
#   bash scripts/demo.sh destroy       pulumi destroy: delete the snapshots
#   bash scripts/demo.sh pulumi ARGS   any pulumi command in the demo environment, e.g. `pulumi stack output`
#   bash scripts/demo.sh emulator      run the emulator in the foreground, to look at it with the AWS CLI
#   bash scripts/demo.sh clean         delete the demo's state and stack settings (.cache/demo)
#
# Every command: npm ci if node_modules is missing or stale, build, npm pack, install the packed package
# into demo/node_modules (when it changed), ensure the Pulumi engine (scripts/ensure-pulumi.sh; built
# into .cache the first time, minutes), start the emulator in the background with its state in
# .cache/demo/emulator-state.json (seeded from demo/emulator-seed.json), run the command, stop the
# emulator. Pulumi's state is a local file backend in .cache/demo/state, the stack settings are in
# .cache/demo/config (Pulumi.yaml's stackConfigDir), PULUMI_HOME is .cache/demo/home.
#
# Environment:
#   DEMO_TARGET=emulator|aws       emulator (default); aws = your AWS account: no emulator, no endpoint
#                                  override, the AWS SDK's credential chain, stack demo-aws. Creates real
#                                  snapshots (billed); `up` and `destroy` ask before changing anything.
#   DEMO_STACK                     stack name (default demo, or demo-aws)
#   DEMO_REGION                    region (default us-east-1; for aws: AWS_REGION, then us-east-1)
#   DEMO_SNAPSHOT_DURATION         how long the emulator takes to complete a snapshot (default 6s)
#   DEMO_EMULATOR_PORT             emulator port (default: any free port; 4566 for `emulator`)
#   DEMO_PASSPHRASE                secrets passphrase of the demo stacks (default lightsail-demo)
#   DEMO_YES=1                     with DEMO_TARGET=aws and no terminal: proceed without asking
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

command="${1:-up}"
[ $# -gt 0 ] && shift

target="${DEMO_TARGET:-emulator}"
case "$target" in
emulator | aws) ;;
*)
    echo "demo: DEMO_TARGET must be 'emulator' or 'aws', not '$target'" >&2
    exit 2
    ;;
esac
default_stack=demo
[ "$target" = aws ] && default_stack=demo-aws
stack="${DEMO_STACK:-$default_stack}"
if [ "$target" = aws ]; then
    region="${DEMO_REGION:-${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}}"
else
    region="${DEMO_REGION:-us-east-1}"
fi

demo_cache="$repo_root/.cache/demo"
emulator_state="$demo_cache/emulator-state.json"
seed_file="$repo_root/demo/emulator-seed.json"

bold() { if [ -t 1 ]; then printf '\033[1m%s\033[0m\n' "$*"; else printf '%s\n' "$*"; fi; }
step() { printf '\n==> %s\n' "$*" >&2; }
die() {
    printf 'demo: %s\n' "$*" >&2
    exit 1
}

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

case "$command" in
up | preview | refresh | destroy | pulumi | emulator | clean) ;;
-h | --help | help)
    usage
    exit 0
    ;;
*)
    usage >&2
    exit 2
    ;;
esac

if [ "$command" = clean ]; then
    rm -rf "$demo_cache"
    echo "demo: removed .cache/demo (Pulumi state and stack settings, emulator state)"
    exit 0
fi

mkdir -p "$demo_cache"
started=$(date +%s)

# --- 1. Dependencies, build, the package as users get it -------------------------------------------
stamp=node_modules/.package-lock.json # written by npm after every install
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
    step "npm ci"
    npm ci --no-audit --no-fund
fi

step "build pulumi-lightsail-disk-snapshot"
npm run --silent build

emulator_args=(--state "$emulator_state" --seed "$seed_file" --snapshot-duration "${DEMO_SNAPSHOT_DURATION:-6s}")
if [ "$command" = emulator ]; then
    [ "$target" = emulator ] || die "'emulator' needs DEMO_TARGET=emulator"
    port="${DEMO_EMULATOR_PORT:-4566}"
    step "Lightsail emulator in the foreground (Ctrl-C stops it; its state stays in .cache/demo/emulator-state.json)"
    cat >&2 <<EOF
Look at it with the AWS CLI, from another terminal:
  export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_DEFAULT_REGION=$region
  aws lightsail get-disk-snapshots --endpoint-url http://127.0.0.1:$port
  aws lightsail get-disks --endpoint-url http://127.0.0.1:$port
  aws lightsail get-instances --endpoint-url http://127.0.0.1:$port
  curl -s http://127.0.0.1:$port/_emulator/requests     # every call the provider made
Or point Pulumi at it: AWS_ENDPOINT_URL_LIGHTSAIL=http://127.0.0.1:$port (plus the dummy credentials).

EOF
    exec node dist/emulator/cli.js --port "$port" "${emulator_args[@]}"
fi

step "pack it and install the tarball into demo/node_modules (when it changed)"
rm -rf "$demo_cache/pack"
mkdir -p "$demo_cache/pack"
tarball_name="$(npm pack --silent --pack-destination "$demo_cache/pack" | tail -n1)"
tarball="$demo_cache/pack/$tarball_name"
[ -f "$tarball" ] || die "npm pack did not write $tarball"

# demo/ has its own package.json, so Node resolves the package name from demo/node_modules (the packed
# package) rather than to this repository; TypeScript and @types/node come from the repository.
pulumi_sdk_version="$(node -p 'require("./package.json").devDependencies["@pulumi/pulumi"]')"
install_id="$(sha256sum "$tarball" | cut -d' ' -f1) @pulumi/pulumi@$pulumi_sdk_version"
install_stamp="demo/node_modules/.demo-install"
if [ "$(cat "$install_stamp" 2>/dev/null || true)" != "$install_id" ]; then
    (cd demo && npm install --no-save --no-package-lock --prefer-offline --no-audit --no-fund --loglevel=error \
        "$tarball" "@pulumi/pulumi@$pulumi_sdk_version")
    printf '%s\n' "$install_id" >"$install_stamp"
fi

# --- 2. The Pulumi engine -----------------------------------------------------------------------------
step "Pulumi engine (scripts/ensure-pulumi.sh; the first build takes a few minutes)"
engine_out="$(bash scripts/ensure-pulumi.sh)" || die "scripts/ensure-pulumi.sh failed"
pulumi_bin="$(printf '%s\n' "$engine_out" | tail -n1)"
[ -x "$pulumi_bin/pulumi" ] || die "scripts/ensure-pulumi.sh printed '$pulumi_bin', which has no pulumi"
export PATH="$pulumi_bin:$PATH"

# A private Pulumi environment: local file backend, PULUMI_HOME and passphrase of the demo's own.
mkdir -p "$demo_cache/state" "$demo_cache/home" "$demo_cache/config" # config: stackConfigDir in Pulumi.yaml
export PULUMI_BACKEND_URL="file://$demo_cache/state"
export PULUMI_HOME="$demo_cache/home"
export PULUMI_CONFIG_PASSPHRASE="${DEMO_PASSPHRASE:-lightsail-demo}"
unset PULUMI_CONFIG_PASSPHRASE_FILE PULUMI_ACCESS_TOKEN
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

# --- 3. Lightsail: the emulator, or AWS --------------------------------------------------------------
emulator_pid=""
emulator_url=""
stop_emulator() {
    if [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; then
        kill -TERM "$emulator_pid" 2>/dev/null || true
        wait "$emulator_pid" 2>/dev/null || true
    fi
    emulator_pid=""
}
trap stop_emulator EXIT
trap 'exit 130' INT
trap 'exit 143' TERM


if [ "$target" = emulator ]; then
    step "Lightsail emulator (state: .cache/demo/emulator-state.json, seed: demo/emulator-seed.json)"
    emulator_out="$demo_cache/emulator.out"
    : >"$emulator_out"
    node dist/emulator/cli.js --port "${DEMO_EMULATOR_PORT:-0}" "${emulator_args[@]}" \
        >"$emulator_out" 2>"$demo_cache/emulator.log" &
    emulator_pid=$!
    for _ in $(seq 1 100); do
        emulator_url="$(head -n1 "$emulator_out")"
        [ -n "$emulator_url" ] && break
        kill -0 "$emulator_pid" 2>/dev/null || die "the emulator exited: $(cat "$demo_cache/emulator.log")"
        sleep 0.1
    done
    [ -n "$emulator_url" ] || die "the emulator printed no URL within 10 s"
    echo "emulator at $emulator_url" >&2
    # The provider reads the endpoint override from the environment; the emulator checks no signature.
    export AWS_ENDPOINT_URL_LIGHTSAIL="$emulator_url"
    export AWS_ACCESS_KEY_ID=AKIDLIGHTSAILDEMO000 AWS_SECRET_ACCESS_KEY=lightsail-demo-not-a-secret
    export AWS_REGION="$region"
    unset AWS_SESSION_TOKEN AWS_PROFILE
else
    step "Lightsail in your AWS account (region $region): real snapshots, billed by AWS"
    unset AWS_ENDPOINT_URL_LIGHTSAIL AWS_ENDPOINT_URL
fi

# --- 4. The stack ---------------------------------------------------------------------------------------
pulumi_flags=(--non-interactive --color never)
[ -t 1 ] && pulumi_flags=(--non-interactive)
run_pulumi() { pulumi "$@" "${pulumi_flags[@]}"; }

step "stack $stack (backend $PULUMI_BACKEND_URL)"
run_pulumi stack select "$stack" --create --secrets-provider passphrase
if ! run_pulumi config get aws:region >/dev/null 2>&1; then
    run_pulumi config set aws:region "$region"
fi

# Changing commands against AWS ask first (pulumi's own prompt in a terminal, DEMO_YES=1 otherwise).
confirm_flags=(--yes)
if [ "$target" = aws ] && [ "${DEMO_YES:-}" != 1 ]; then
    case "$command" in
    up | refresh | destroy)
        [ -t 0 ] || die "DEMO_TARGET=aws changes your AWS account: run it in a terminal, or set DEMO_YES=1"
        confirm_flags=()
        pulumi_flags=()
        ;;
    esac
fi

case "$command" in
up)
    step "pulumi up"
    run_pulumi up "${confirm_flags[@]}" "$@"
    step "stack outputs (pulumi stack output)"
    run_pulumi stack output
    if [ "$target" = emulator ] && command -v aws >/dev/null 2>&1; then
        standby_region="$(run_pulumi config get standbyRegion 2>/dev/null || echo us-west-2)"
        for r in "$region" "$standby_region"; do
            step "the snapshots in $r through the AWS CLI (aws lightsail get-disk-snapshots --region $r --endpoint-url $emulator_url)"
            aws lightsail get-disk-snapshots --endpoint-url "$emulator_url" --region "$r" --output table \
                --query 'diskSnapshots[].{name:name,state:state,progress:progress,sizeInGb:sizeInGb,disk:fromDiskName,instance:fromInstanceName}' ||
                true
        done
        step "the disks in $standby_region (aws lightsail get-disks --region $standby_region)"
        aws lightsail get-disks --endpoint-url "$emulator_url" --region "$standby_region" --output table \
            --query 'disks[].{name:name,state:state,sizeInGb:sizeInGb,attachedTo:attachedTo,path:path}' || true
        step "to delete it all: bash scripts/demo.sh destroy"
    fi
    ;;
preview)
    step "pulumi preview"
    run_pulumi preview "$@"
    ;;
refresh)
    step "pulumi refresh"
    run_pulumi refresh "${confirm_flags[@]}" "$@"
    ;;
destroy)
    step "pulumi destroy"
    run_pulumi destroy "${confirm_flags[@]}" "$@"
    ;;
pulumi)
    [ $# -gt 0 ] || die "usage: bash scripts/demo.sh pulumi <command> [args...]"
    pulumi "$@"
    ;;
esac

stop_emulator
elapsed=$(($(date +%s) - started))

if [ "$command" = up ]; then
    echo
    bold "Done in ${elapsed}s: stack '$stack' holds the backup: automatic snapshots, two snapshots, a copy in a second region, a restored disk (target: $target)."
    cat <<EOF

Look at it:
  bash scripts/demo.sh pulumi stack output --json     # the outputs (any pulumi command runs in the demo environment)
  bash scripts/demo.sh pulumi stack export            # the state, with each snapshot's inputs and outputs
  bash scripts/demo.sh emulator                       # the emulator on 127.0.0.1:4566, then in another terminal:
      AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo \\
      aws lightsail get-disk-snapshots --endpoint-url http://127.0.0.1:4566 --region $region
Change it:
  edit the tags in demo/index.ts, then: npm run demo   # tags are updated in place
  a new diskName/instanceName or diskSnapshotName replaces that snapshot; bash scripts/demo.sh preview shows the plan
  bash scripts/demo.sh refresh                         # read the snapshots back from Lightsail
Destroy it:
  bash scripts/demo.sh destroy                         # deletes it all: detaches and deletes the restored disk, the copy, the snapshots, the add-on
Against your AWS account (real, billed snapshots of your own disk and instance):
  DEMO_TARGET=aws bash scripts/demo.sh pulumi config set diskName <your disk>
  DEMO_TARGET=aws bash scripts/demo.sh pulumi config set instanceName <your instance>
  DEMO_TARGET=aws bash scripts/demo.sh up              # and later: DEMO_TARGET=aws bash scripts/demo.sh destroy
EOF
elif [ "$command" = destroy ]; then
    echo
    bold "Done in ${elapsed}s: everything stack '$stack' made is deleted. npm run demo creates them again."
fi
