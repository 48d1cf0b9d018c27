#!/usr/bin/env bash
# Make the real Pulumi engine available without any download site.
#
# Prints, as the LAST line of stdout, the absolute path of a bin/ folder that holds
#   pulumi                          the Pulumi CLI/engine (>= v3.274.1)
#   pulumi-language-nodejs          the Node.js language host
#   pulumi-resource-pulumi-nodejs   the dynamic-provider plugin (node + @pulumi/pulumi/cmd/dynamic-provider)
#   pulumi-language-yaml            the YAML language host (github.com/pulumi/pulumi-yaml v1.25.0)
# Everything else goes to stderr. Typical use:
#   PATH="$(bash scripts/ensure-pulumi.sh | tail -n1):$PATH"
#
# 1. If a `pulumi` on PATH reports >= v3.274.1 and `pulumi-language-nodejs` is on PATH too, they are
#    linked into .cache/pulumi-path/bin next to our dynamic-provider script.
# 2. Otherwise the CLI is built from Go modules (github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v3.274.1)
#    through a throw-away wrapper module in .cache/pulumi-v3.274.1/ with its own GOMODCACHE and GOCACHE.
#    The Node.js language host is the project's stand-in (scripts/langhost/main.go): the real one,
#    github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, has no tags and its pseudo-version
#    for the v3.274.1 release commit could not be resolved offline. If you know it, set
#    PULUMI_LANGUAGE_NODEJS_VERSION=v3.0.0-20261105124506-<12 hex> and the real host is built instead.
# 3. The YAML language host comes from PATH when one built from pulumi-yaml v1.25.0 is there (case 1),
#    otherwise it is built with `go install github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v1.25.0`
#    as a module of its own (it requires older pkg/v3 and sdk/v3 than the CLI; that does not touch the
#    CLI build), into the same bin/ folder, with the same module and build caches.
#
# Environment:
#   PULUMI_ENGINE_CACHE              cache folder (default: <repo>/.cache/pulumi-v3.274.1)
#   PULUMI_ENSURE_FORCE=1            rebuild even if the cache stamps match
#   PULUMI_ENSURE_SKIP_PATH=1        ignore any pulumi on PATH and use the built one
#   PULUMI_LANGUAGE_NODEJS_VERSION   pseudo-version of the real language host module (see above)
set -euo pipefail

readonly PULUMI_VERSION="v3.274.1"
readonly GO_MIN_VERSION="1.26.6" # pkg/v3@v3.274.1's go.mod says `go 1.26.6`
readonly PKG_MODULE="github.com/pulumi/pulumi/pkg/v3"
readonly SDK_MODULE="github.com/pulumi/pulumi/sdk/v3"
readonly LANGHOST_MODULE="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
readonly BUILD_TAGS="osusergo,grpcnotrace"
readonly LDFLAGS="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${PULUMI_VERSION}"
readonly PULUMI_YAML_VERSION="v1.25.0"
readonly YAML_MODULE="github.com/pulumi/pulumi-yaml"
readonly YAML_PKG="$YAML_MODULE/cmd/pulumi-language-yaml"
# pulumi-yaml's own release flags (.goreleaser.yml: CGO_ENABLED=0, no build tags) plus -trimpath.
readonly YAML_LDFLAGS="-s -w -X $YAML_MODULE/pkg/version.Version=${PULUMI_YAML_VERSION}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${PULUMI_ENGINE_CACHE:-$repo_root/.cache/pulumi-$PULUMI_VERSION}"
path_bin="$repo_root/.cache/pulumi-path/bin"
provider_script="$repo_root/scripts/pulumi-resource-pulumi-nodejs"
langhost_src="$repo_root/scripts/langhost/main.go"

log() { printf 'ensure-pulumi: %s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 1
}

# version_ge A B: true when version A >= version B (leading "v" ignored).
version_ge() {
    local a="${1#v}" b="${2#v}"
    [ "$(printf '%s\n%s\n' "$a" "$b" | sort -V | head -n1)" = "$b" ]
}

# find_on_path NAME: first executable NAME on PATH, skipping our own cache folders.
find_on_path() {
    local name="$1" dir
    local IFS=:
    for dir in $PATH; do
        [ -n "$dir" ] || continue
        case "$(cd "$dir" 2>/dev/null && pwd -P || true)" in
        "" | "$(cd "$path_bin" 2>/dev/null && pwd -P || echo /nonexistent)" | "$cache"/*) continue ;;
        esac
        if [ -x "$dir/$name" ] && [ ! -d "$dir/$name" ]; then
            printf '%s\n' "$dir/$name"
            return 0
        fi
    done
    return 1
}

# yaml_host_version BIN: the pulumi-yaml version a pulumi-language-yaml binary was built from (it has
# no -version flag). Read from the Go build info: the version the release flags set with -X, else the
# module version; `go version -m` when a Go toolchain is there, the raw build info text otherwise.
yaml_host_version() {
    local info v
    if [ -n "${go_bin:-}" ]; then
        info="$("$go_bin" version -m "$1" 2>/dev/null || true)"
    else
        info="$(LC_ALL=C grep -a -o -E "($YAML_MODULE/pkg/version\.Version=|(mod|dep)[[:space:]]+${YAML_MODULE}[[:space:]]+)v[0-9A-Za-z.+-]+" "$1" 2>/dev/null || true)"
    fi
    v="$(printf '%s\n' "$info" | sed -n "s|.*$YAML_MODULE/pkg/version\.Version=\(v[0-9A-Za-z.+-]*\).*|\1|p" | head -n1)"
    [ -n "$v" ] || v="$(printf '%s\n' "$info" | awk -v m="$YAML_MODULE" '($1 == "mod" || $1 == "dep") && $2 == m { print $3; exit }')"
    printf '%s\n' "$v"
}

install_provider_script() {
    local dest="$1/pulumi-resource-pulumi-nodejs"
    if ! cmp -s "$provider_script" "$dest" 2>/dev/null; then
        cp "$provider_script" "$dest"
        chmod 0755 "$dest"
    fi
}

go_bin="$(command -v go || true)"
if [ -z "$go_bin" ] && [ -x /usr/local/go/bin/go ]; then go_bin=/usr/local/go/bin/go; fi

# --- 1. A recent enough Pulumi already installed? -------------------------------------------------
# Set when the CLI and Node.js host from PATH are used; only the YAML host may still need building.
use_path=0
if [ "${PULUMI_ENSURE_SKIP_PATH:-}" != "1" ]; then
    if existing_pulumi="$(find_on_path pulumi)" && existing_langhost="$(find_on_path pulumi-language-nodejs)"; then
        existing_version="$("$existing_pulumi" version 2>/dev/null | tail -n1 || true)"
        if [ -n "$existing_version" ] && version_ge "$existing_version" "$PULUMI_VERSION"; then
            log "using $existing_pulumi ($existing_version) and $existing_langhost from PATH"
            mkdir -p "$path_bin"
            ln -sfn "$existing_pulumi" "$path_bin/pulumi"
            ln -sfn "$existing_langhost" "$path_bin/pulumi-language-nodejs"
            install_provider_script "$path_bin"
            use_path=1
            if existing_yaml="$(find_on_path pulumi-language-yaml)"; then
                existing_yaml_version="$(yaml_host_version "$existing_yaml")"
                if [ "$existing_yaml_version" = "$PULUMI_YAML_VERSION" ]; then
                    log "using $existing_yaml ($existing_yaml_version) from PATH"
                    ln -sfn "$existing_yaml" "$path_bin/pulumi-language-yaml"
                    printf '%s\n' "$path_bin"
                    exit 0
                fi
                log "ignoring $existing_yaml: built from pulumi-yaml '${existing_yaml_version:-unknown}', not $PULUMI_YAML_VERSION"
            fi
            log "no pulumi-language-yaml $PULUMI_YAML_VERSION on PATH: using the one built into $cache/bin"
        else
            log "ignoring $existing_pulumi: version '${existing_version:-unknown}' < $PULUMI_VERSION"
        fi
    fi
fi

# --- 2. Build from Go modules into the cache ------------------------------------------------------
bin="$cache/bin"
wrapper="$cache/wrapper"
mkdir -p "$bin" "$wrapper"

# One build at a time (parallel test runs, two terminals...).
if command -v flock >/dev/null 2>&1; then
    exec 9>"$cache/.lock"
    flock 9
fi

langhost_kind="stand-in"
langhost_id=""
if [ -n "${PULUMI_LANGUAGE_NODEJS_VERSION:-}" ]; then
    langhost_kind="real"
    langhost_id="$LANGHOST_MODULE@$PULUMI_LANGUAGE_NODEJS_VERSION"
else
    [ -f "$langhost_src" ] || die "missing $langhost_src"
    langhost_id="stand-in sha256:$(sha256sum "$langhost_src" | cut -d' ' -f1)"
fi
stamp_want="pulumi $PULUMI_VERSION; language host $langhost_id; tags $BUILD_TAGS"

# The YAML host has a stamp of its own, so that changing one version does not rebuild the other.
yaml_stamp_want="pulumi-yaml $PULUMI_YAML_VERSION; go install; ldflags $YAML_LDFLAGS"

cache_ok() {
    [ -x "$bin/pulumi" ] && [ -x "$bin/pulumi-language-nodejs" ] || return 1
    [ "$(cat "$cache/stamp" 2>/dev/null || true)" = "$stamp_want" ] || return 1
    [ "$("$bin/pulumi" version 2>/dev/null | tail -n1)" = "$PULUMI_VERSION" ] || return 1
    [ "$("$bin/pulumi-language-nodejs" -version 2>/dev/null | tail -n1)" = "$PULUMI_VERSION" ] || return 1
}

yaml_cache_ok() {
    [ -x "$bin/pulumi-language-yaml" ] || return 1
    [ "$(cat "$cache/stamp-yaml" 2>/dev/null || true)" = "$yaml_stamp_want" ] || return 1
    [ "$(yaml_host_version "$bin/pulumi-language-yaml")" = "$PULUMI_YAML_VERSION" ] || return 1
}

# Prints the folder to use (the last stdout line) once everything is in place.
finish() {
    if [ "$use_path" = 1 ]; then
        ln -sfn "$bin/pulumi-language-yaml" "$path_bin/pulumi-language-yaml"
        printf '%s\n' "$path_bin"
    else
        install_provider_script "$bin"
        printf '%s\n' "$bin"
    fi
}

need_cli=0
need_yaml=0
if [ "$use_path" != 1 ] && { [ "${PULUMI_ENSURE_FORCE:-}" = "1" ] || ! cache_ok; }; then need_cli=1; fi
if [ "${PULUMI_ENSURE_FORCE:-}" = "1" ] || ! yaml_cache_ok; then need_yaml=1; fi

if [ "$need_cli" = 0 ] && [ "$need_yaml" = 0 ]; then
    if [ "$use_path" = 1 ]; then
        log "cached pulumi-language-yaml $PULUMI_YAML_VERSION in $bin"
    else
        log "cached engine $PULUMI_VERSION ($langhost_kind language host, YAML host $PULUMI_YAML_VERSION) in $bin"
    fi
    finish
    exit 0
fi

[ -n "$go_bin" ] || die "no Go toolchain found (need go >= $GO_MIN_VERSION to build the Pulumi engine)"
go_version="$("$go_bin" env GOVERSION)"
version_ge "${go_version#go}" "$GO_MIN_VERSION" || die "$go_version is too old; need go >= $GO_MIN_VERSION"

# A private module and build cache so the build never touches (or depends on) the user's caches.
# -modcacherw keeps the module cache deletable with plain `rm -rf .cache`.
export GOMODCACHE="$cache/gomod"
export GOCACHE="$cache/gocache"
export GOFLAGS="-mod=mod -modcacherw"
export GOSUMDB=off # sum.golang.org is not reachable here; the proxy still serves the module zips
export GOTOOLCHAIN=local
export CGO_ENABLED=0
export GOPROXY="${GOPROXY:-$("$go_bin" env GOPROXY)}"

write_go_mod() {
    {
        printf 'module pulumi-engine-wrapper\n\ngo %s\n\nrequire (\n' "$GO_MIN_VERSION"
        printf '\t%s %s\n' "$PKG_MODULE" "$PULUMI_VERSION"
        # pkg/v3 points sdk/v3 at ../sdk with a replace that is ignored for dependencies: pin it here.
        printf '\t%s %s\n' "$SDK_MODULE" "$PULUMI_VERSION"
        if [ "$langhost_kind" = "real" ]; then
            printf '\t%s %s\n' "$LANGHOST_MODULE" "$PULUMI_LANGUAGE_NODEJS_VERSION"
        fi
        printf ')\n'
        if [ -n "${1:-}" ]; then
            printf '\n%s\n' "$1"
        fi
    } >"$wrapper/go.mod"
}

# Replace directives of a go.mod that point at other module versions (relative paths are dropped).
module_replaces() {
    awk '
        /^replace[ \t]*\($/ { block = 1; next }
        block && /^\)/ { block = 0; next }
        block { line = $0 }
        /^replace[ \t]+[^(]/ { line = $0; sub(/^replace[ \t]+/, "", line) }
        line != "" {
            split(line, parts, "=>")
            target = parts[2]
            gsub(/^[ \t]+/, "", target)
            if (target !~ /^\.\.?\//) { gsub(/^[ \t]+/, "", line); print "replace " line }
            line = ""
        }
    ' "$1"
}

go_build() {
    local out="$1" pkg="$2" t0
    t0=$(date +%s)
    (cd "$wrapper" && "$go_bin" build -trimpath -tags "$BUILD_TAGS" -ldflags "$LDFLAGS" -o "$out.tmp" "$pkg") ||
        die "go build $pkg failed"
    mv -f "$out.tmp" "$out"
    log "built $(basename "$out") from $pkg in $(($(date +%s) - t0))s"
}

# --- The CLI and the Node.js language host --------------------------------------------------------
build_cli() {
    local pkg_gomod replaces langhost_pkg got
    log "building Pulumi $PULUMI_VERSION with $go_version into $cache (cold builds take a few minutes)"

    write_go_mod ""
    rm -f "$wrapper/go.sum"
    (cd "$wrapper" && "$go_bin" mod download "$PKG_MODULE@$PULUMI_VERSION") ||
        die "cannot download $PKG_MODULE@$PULUMI_VERSION from $GOPROXY"
    pkg_gomod="$(cd "$wrapper" && "$go_bin" mod download -json "$PKG_MODULE@$PULUMI_VERSION" |
        sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')"
    [ -f "$pkg_gomod" ] || die "cannot find the go.mod of $PKG_MODULE@$PULUMI_VERSION"
    replaces="$(module_replaces "$pkg_gomod")"
    if [ -n "$replaces" ]; then
        log "copying replace directives of $PKG_MODULE: $(printf '%s' "$replaces" | tr '\n' ';')"
    fi
    write_go_mod "$replaces"

    if [ "$langhost_kind" = "stand-in" ]; then
        mkdir -p "$wrapper/langhost"
        cp "$langhost_src" "$wrapper/langhost/main.go"
        langhost_pkg="./langhost"
    else
        rm -rf "$wrapper/langhost"
        langhost_pkg="$LANGHOST_MODULE"
    fi

    go_build "$bin/pulumi" "$PKG_MODULE/cmd/pulumi"
    go_build "$bin/pulumi-language-nodejs" "$langhost_pkg"
    install_provider_script "$bin"

    got="$("$bin/pulumi" version | tail -n1)"
    [ "$got" = "$PULUMI_VERSION" ] || die "built pulumi reports '$got', expected $PULUMI_VERSION"
    got="$("$bin/pulumi-language-nodejs" -version | tail -n1)"
    [ "$got" = "$PULUMI_VERSION" ] || die "built pulumi-language-nodejs reports '$got', expected $PULUMI_VERSION"
    printf '%s\n' "$stamp_want" >"$cache/stamp"
}

# --- The YAML language host -----------------------------------------------------------------------
# pulumi-yaml's go.mod requires its own (older) pkg/v3 and sdk/v3 and has no replace directives, so
# `go install module@version` builds it as the main module, with the versions and go.sum it was
# released with, independently of the CLI's wrapper module. The binary goes to a staging GOBIN first.
build_yaml_host() {
    local t0 staging="$cache/yaml-gobin" got
    t0=$(date +%s)
    rm -rf "$staging"
    mkdir -p "$staging"
    log "building pulumi-language-yaml $PULUMI_YAML_VERSION with $go_version into $cache"
    (cd "$cache" && GOBIN="$staging" "$go_bin" install -trimpath -ldflags "$YAML_LDFLAGS" \
        "$YAML_PKG@$PULUMI_YAML_VERSION") || die "go install $YAML_PKG@$PULUMI_YAML_VERSION failed"
    mv -f "$staging/pulumi-language-yaml" "$bin/pulumi-language-yaml"
    rmdir "$staging"
    got="$(yaml_host_version "$bin/pulumi-language-yaml")"
    [ "$got" = "$PULUMI_YAML_VERSION" ] ||
        die "built pulumi-language-yaml reports pulumi-yaml '$got', expected $PULUMI_YAML_VERSION"
    printf '%s\n' "$yaml_stamp_want" >"$cache/stamp-yaml"
    log "built pulumi-language-yaml from $YAML_PKG@$PULUMI_YAML_VERSION in $(($(date +%s) - t0))s"
}

started=$(date +%s)
if [ "$need_cli" = 1 ]; then build_cli; fi
if [ "$need_yaml" = 1 ]; then build_yaml_host; fi

log "engine $PULUMI_VERSION and YAML host $PULUMI_YAML_VERSION ready in $(($(date +%s) - started))s"
finish
