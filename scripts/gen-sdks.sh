#!/usr/bin/env bash
# Generates the Go and Python SDKs of the native plugin's Pulumi package, `lightsail-snapshots`, from
# the package schema the plugin itself serves (`pulumi package get-schema bin/pulumi-resource-...`),
# with Pulumi's own code generators (scripts/sdkgen/main.go, built against
# github.com/pulumi/pulumi/pkg/v3 in the engine's wrapper module and Go caches).
#
#   bash scripts/gen-sdks.sh [OUT]     (default OUT: sdk/, git-ignored)
#
# writes OUT/schema.json, OUT/go (a Go module whose go.mod pins github.com/pulumi/pulumi/sdk/v3 at
# the engine's version) and OUT/python (a pip-installable project, pulumi_lightsail_snapshots).
# Prints OUT as the last line of stdout; everything else goes to stderr.
set -euo pipefail

readonly BUILD_TAGS="osusergo,grpcnotrace"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$repo_root/sdk}" && cd "${1:-$repo_root/sdk}" && pwd)"

log() { printf 'gen-sdks: %s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 1
}

# The engine built from Go modules (not one found on PATH): its wrapper module and caches hold pkg/v3.
bin_dir="$(PULUMI_ENSURE_SKIP_PATH=1 bash "$repo_root/scripts/ensure-pulumi.sh" | tail -n1)"
cache="$(dirname "$bin_dir")"
wrapper="$cache/wrapper"
[ -f "$wrapper/go.mod" ] ||
    die "the generators build in the engine's wrapper module, and $wrapper has none"
pulumi_version="$("$bin_dir/pulumi" version | tail -n1)"

# The same private caches and flags as scripts/ensure-pulumi.sh, so the engine's build is reused.
export GOMODCACHE="$cache/gomod"
export GOCACHE="$cache/gocache"
export GOFLAGS="-mod=mod -modcacherw"
export GOSUMDB=off
export GOTOOLCHAIN=local
export CGO_ENABLED=0

# The generator, rebuilt when its source changes.
tool="$cache/sdkgen/sdkgen"
want="$(sha256sum "$repo_root/scripts/sdkgen/main.go" | cut -d' ' -f1)"
if [ ! -x "$tool" ] || [ "$(cat "$tool.sha256" 2>/dev/null || true)" != "$want" ]; then
    t0=$(date +%s)
    mkdir -p "$wrapper/sdkgen" "$(dirname "$tool")"
    cp "$repo_root/scripts/sdkgen/main.go" "$wrapper/sdkgen/main.go"
    (cd "$wrapper" && go build -trimpath -tags "$BUILD_TAGS" -o "$tool.tmp" ./sdkgen) || die "go build sdkgen failed"
    mv -f "$tool.tmp" "$tool"
    printf '%s\n' "$want" >"$tool.sha256"
    log "built sdkgen in $(($(date +%s) - t0))s"
fi

# The schema as the plugin serves it, from the built package.
[ -f "$repo_root/dist/provider/native/main.js" ] || (cd "$repo_root" && npm run --silent build)
"$bin_dir/pulumi" package get-schema "$repo_root/bin/pulumi-resource-lightsail-snapshots" >"$out/schema.json" ||
    die "pulumi package get-schema failed"

"$tool" "$out/schema.json" "$out"

# The generated go.mod names the SDK version the generator was released against; pin the engine's.
(cd "$out/go" && go mod edit -require="github.com/pulumi/pulumi/sdk/v3@$pulumi_version" && go mod tidy) ||
    die "go mod tidy of the Go SDK failed"

log "Go SDK in $out/go, Python SDK in $out/python"
printf '%s\n' "$out"
