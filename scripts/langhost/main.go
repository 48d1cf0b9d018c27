// Command pulumi-language-nodejs is this project's STAND-IN for Pulumi's Node.js language host.
//
// Why it exists: the real host is the Go module
// github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, which has no version tags; it can
// only be required at the pseudo-version of a release commit (for v3.274.1:
// v3.0.0-20261105124506-<12 hex of the commit>). The commit hash could not be resolved offline (the Go
// module proxy mirror answers only exact versions, and no public source we can reach records it), so
// scripts/ensure-pulumi.sh builds this file instead. Once that pseudo-version is known, set
// PULUMI_LANGUAGE_NODEJS_VERSION for scripts/ensure-pulumi.sh and it builds the real host instead.
//
// What it does: it serves the pulumirpc.LanguageRuntime gRPC service (sdk/v3/proto/go at v3.274.1) on
// 127.0.0.1 with a kernel-chosen port, prints that port as the first line of stdout (the engine's
// plugin loader reads exactly one line and parses it as a number), and runs programs by spawning
//
//	node [nodeargs] <resolved @pulumi/pulumi/cmd/run> --monitor .. --engine .. --project .. --stack ..
//	     --pwd <program dir> [--dry-run] --parallel N <entry point> [args...]
//
// with PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS in the environment, which is the contract of the
// Node.js SDK's cmd/run script. The engine address arrives as the last positional argument (or through
// Handshake when the engine attaches to an already running host).
//
// Differences from the real host, on purpose:
//   - The Node.js process talks to the engine's resource monitor directly instead of through a proxy
//     in this process; the SDK needs nothing else (it no longer uses the synchronous-invoke pipes).
//   - Code generation, packing, linking and plugin running (GenerateProgram, GenerateProject,
//     GeneratePackage, Pack, Link, RunPlugin) answer Unimplemented: this project never uses them.
//   - InstallDependencies always runs `npm install`; there is no yarn/pnpm/bun detection.
//
// TypeScript: like the real host, the runtime option `typescript` (Pulumi.yaml `runtime.options`)
// defaults to true and sets PULUMI_NODEJS_TYPESCRIPT=true, so the SDK's run script registers ts-node
// (the program's own, or the copy vendored in @pulumi/pulumi) for .ts entry points. Plain JavaScript
// and compiled TypeScript run as they are; set `typescript: false` to skip loading a compiler.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const (
	// runModule is the Node.js SDK's program runner, resolved from the program directory.
	runModule = "@pulumi/pulumi/cmd/run"
	// exitCodeAlreadyReported is the exit code the SDK's run script uses after it has shown the user an
	// actionable error; the engine is then told to bail out without printing anything more.
	exitCodeAlreadyReported = 32
	// engineHealthInterval is how often the engine is probed; if it is gone, this process exits.
	engineHealthInterval = 5 * time.Minute
	// maxRPCMessageSize matches the engine's gRPC message limit.
	maxRPCMessageSize = 400 * 1024 * 1024
)

func main() {
	flags := flag.NewFlagSet("pulumi-language-nodejs", flag.ExitOnError)
	tracing := flags.String("tracing", "", "Zipkin-compatible tracing endpoint, passed on to the program")
	showVersion := flags.Bool("version", false, "print the plugin version and exit")
	// Flags the engine (or users) may pass; accepted so that parsing never fails on them.
	flags.Bool("logtostderr", false, "accepted for compatibility; logs go to stderr anyway")
	flags.Int("v", 0, "accepted for compatibility (log verbosity)")
	flags.Bool("typescript", true, "accepted for compatibility; use runtime option 'typescript'")
	flags.String("root", "", "accepted for compatibility")
	flags.String("runtime", "nodejs", "accepted for compatibility; only nodejs is supported")
	if err := flags.Parse(os.Args[1:]); err != nil {
		fatal(err)
	}
	if *showVersion {
		fmt.Println(pluginVersion())
		return
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	host := newHost(*tracing)
	if args := flags.Args(); len(args) > 0 {
		// The engine passes its own address as the last positional argument.
		host.setEngine(ctx, args[len(args)-1], stop)
	}

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fatal(fmt.Errorf("could not listen on 127.0.0.1: %w", err))
	}
	// Same receive limit as the engine's own servers (400 MiB).
	server := grpc.NewServer(grpc.MaxRecvMsgSize(maxRPCMessageSize))
	pulumirpc.RegisterLanguageRuntimeServer(server, host)
	healthpb.RegisterHealthServer(server, health.NewServer())

	// The engine reads exactly one line from stdout: the port number.
	fmt.Printf("%d\n", listener.Addr().(*net.TCPAddr).Port)

	go func() {
		<-ctx.Done()
		host.cancelAll()
		server.Stop()
	}()
	if err := server.Serve(listener); err != nil && !errors.Is(err, grpc.ErrServerStopped) {
		fatal(fmt.Errorf("language host stopped serving: %w", err))
	}
}

func fatal(err error) {
	fmt.Fprintf(os.Stderr, "error: %v\n", err)
	os.Exit(1)
}

func pluginVersion() string {
	if version.Version != "" {
		return version.Version
	}
	return "v3.274.1"
}

// host implements pulumirpc.LanguageRuntimeServer for Node.js programs.
type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	tracing string

	mu            sync.Mutex
	engineAddress string
	cancelCtx     context.Context
	cancel        context.CancelFunc
}

func newHost(tracing string) *host {
	ctx, cancel := context.WithCancel(context.Background())
	return &host{tracing: tracing, cancelCtx: ctx, cancel: cancel}
}

// setEngine records the engine address and exits the process (via stop) once the engine stops answering.
func (h *host) setEngine(ctx context.Context, address string, stop context.CancelFunc) {
	h.mu.Lock()
	h.engineAddress = address
	h.mu.Unlock()
	if err := rpcutil.Healthcheck(ctx, address, engineHealthInterval, stop); err != nil {
		fmt.Fprintf(os.Stderr, "warning: cannot watch engine at %s: %v\n", address, err)
	}
}

func (h *host) engine() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engineAddress
}

func (h *host) cancelAll() { h.cancel() }

// Handshake is used when the engine attaches to a running host; it carries the engine address.
func (h *host) Handshake(
	ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.setEngine(context.Background(), req.GetEngineAddress(), func() { os.Exit(0) })
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// GetPluginInfo reports the version this host was built as.
func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: pluginVersion()}, nil
}

// GetRequiredPlugins is deprecated; the engine falls back to it only if GetRequiredPackages is missing.
func (h *host) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return nil, status.Error(codes.Unimplemented, "GetRequiredPlugins is deprecated; use GetRequiredPackages")
}

// GetRequiredPackages lists the resource plugins that installed npm packages declare
// (`"pulumi": {"resource": true}` in a package.json under a node_modules folder of the program directory).
func (h *host) GetRequiredPackages(
	_ context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	var packages []*pulumirpc.PackageDependency
	if dir != "" {
		packages = findPluginPackages(dir, false, map[string]bool{})
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: packages}, nil
}

type packageJSON struct {
	Name            string            `json:"name"`
	Version         string            `json:"version"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
	Pulumi          struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

func readPackageJSON(path string) (*packageJSON, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var pkg packageJSON
	if err := json.Unmarshal(data, &pkg); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &pkg, nil
}

// findPluginPackages walks dir (following symlinks once) and collects plugin-bearing packages.
func findPluginPackages(dir string, inNodeModules bool, visited map[string]bool) []*pulumirpc.PackageDependency {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil || visited[real] {
		return nil
	}
	visited[real] = true
	entries, err := os.ReadDir(real)
	if err != nil {
		return nil
	}
	var found []*pulumirpc.PackageDependency
	for _, entry := range entries {
		path := filepath.Join(real, entry.Name())
		info, err := os.Stat(path) // follows symlinks
		if err != nil {
			continue
		}
		if info.IsDir() {
			if entry.Name() == ".git" {
				continue
			}
			found = append(found, findPluginPackages(path, inNodeModules || filepath.Base(real) == "node_modules",
				visited)...)
			continue
		}
		if !inNodeModules || entry.Name() != "package.json" {
			continue
		}
		pkg, err := readPackageJSON(path)
		if err != nil || !pkg.Pulumi.Resource {
			continue
		}
		name := pkg.Pulumi.Name
		if name == "" {
			if !strings.HasPrefix(pkg.Name, "@pulumi/") {
				continue // third-party packages must name their plugin explicitly
			}
			name = strings.TrimPrefix(pkg.Name, "@pulumi/")
		}
		ver := pkg.Pulumi.Version
		if ver == "" {
			ver = pkg.Version
		}
		if ver != "" && !strings.HasPrefix(ver, "v") {
			ver = "v" + ver
		}
		found = append(found, &pulumirpc.PackageDependency{
			Name: name, Kind: "resource", Version: ver, Server: pkg.Pulumi.Server,
		})
	}
	return found
}

// options are the Node.js runtime options from Pulumi.yaml (`runtime.options`).
type options struct {
	typescript   bool
	tsconfigPath string
	nodeArgs     []string
}

func parseOptions(info *pulumirpc.ProgramInfo) (options, error) {
	opts := options{typescript: true}
	raw := info.GetOptions().AsMap()
	if v, ok := raw["typescript"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return opts, errors.New("typescript option must be a boolean")
		}
		opts.typescript = b
	}
	if v, ok := raw["tsconfig"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, errors.New("tsconfig option must be a string")
		}
		opts.tsconfigPath = s
	}
	if v, ok := raw["nodeargs"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, errors.New("nodeargs option must be a string")
		}
		opts.nodeArgs = strings.Fields(s)
	}
	return opts, nil
}

// resolveModule asks node where a module resolves from the program directory.
func resolveModule(ctx context.Context, nodeBin, module, dir string) (string, error) {
	script := fmt.Sprintf(`try { console.log(require.resolve(%q)); } catch (e) { `+
		`console.error(e.code === "MODULE_NOT_FOUND" ? "It looks like the Pulumi SDK has not been installed. `+
		`Have you run npm install?" : e.message); process.exit(1); }`, module)
	cmd := exec.CommandContext(ctx, nodeBin, "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return "", errors.New(strings.TrimSpace(string(exitErr.Stderr)))
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// Run executes the program once (preview when DryRun) and reports how it ended.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	engine := h.engine()
	if engine == "" {
		return nil, errors.New("when debugging or running explicitly, must call Handshake before Run")
	}
	info := req.GetInfo()
	programDir := info.GetProgramDirectory()
	if programDir == "" {
		programDir = req.GetPwd()
	}
	entryPoint := info.GetEntryPoint()
	if entryPoint == "" {
		entryPoint = req.GetProgram() //nolint:staticcheck // older engines
	}
	if entryPoint == "" {
		entryPoint = "."
	}

	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find node on the $PATH: " + err.Error()}, nil
	}
	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runPath == "" {
		runPath = runModule
	}
	runPath, err = resolveModule(ctx, nodeBin, runPath, programDir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	opts, err := parseOptions(info)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	configJSON, err := programConfig(req.GetConfig())
	if err != nil {
		return &pulumirpc.RunResponse{Error: "failed to serialize configuration: " + err.Error()}, nil
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return &pulumirpc.RunResponse{Error: "failed to serialize configuration secret keys: " + err.Error()}, nil
	}

	args := append([]string{}, opts.nodeArgs...)
	args = append(args, runPath)
	flagArg := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flagArg("monitor", req.GetMonitorAddress())
	flagArg("engine", engine)
	flagArg("organization", req.GetOrganization())
	flagArg("project", req.GetProject())
	flagArg("root-directory", info.GetRootDirectory())
	flagArg("stack", req.GetStack())
	flagArg("pwd", programDir)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flagArg("parallel", strconv.Itoa(int(req.GetParallel())))
	flagArg("tracing", h.tracing)
	args = append(args, entryPoint)
	args = append(args, req.GetArgs()...)

	env := append(os.Environ(), "PULUMI_CONFIG="+configJSON, "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))
	if opts.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfigPath != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfigPath)
	}

	// Stop the program when the engine sends Cancel or abandons this request.
	cmdCtx, cmdCancel := context.WithCancel(h.cancelCtx)
	defer cmdCancel()
	stopAfter := context.AfterFunc(ctx, cmdCancel)
	defer stopAfter()

	cmd := exec.CommandContext(cmdCtx, nodeBin, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	cmd.Dir = programDir
	cmd.Env = env
	// Wrapped so that exec copies through a pipe: node may switch a shared fd to non-blocking mode.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}

	if err := cmd.Run(); err != nil {
		_ = os.Stdout.Sync()
		_ = os.Stderr.Sync()
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			switch code := exitErr.ExitCode(); code {
			case exitCodeAlreadyReported:
				return &pulumirpc.RunResponse{Bail: true}, nil
			case 0, -1:
				return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited unexpectedly: %v", exitErr)}, nil
			default:
				return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", code)}, nil
			}
		}
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Problem executing program (could not run language executor): %v", err),
		}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// programConfig converts engine config keys (`ns:name`) to the `ns:config:name` form every SDK version reads.
func programConfig(cfg map[string]string) (string, error) {
	out := make(map[string]string, len(cfg))
	for k, v := range cfg {
		key, err := config.ParseKey(k)
		if err != nil {
			return "", err
		}
		out[key.Namespace()+":config:"+key.Name()] = v
	}
	data, err := json.Marshal(out)
	return string(data), err
}

// streamWriter forwards InstallDependencies output to the engine.
type streamWriter struct {
	mu     *sync.Mutex
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]
	stderr bool
}

func (w streamWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	chunk := append([]byte{}, p...)
	resp := &pulumirpc.InstallDependenciesResponse{Stdout: chunk}
	if w.stderr {
		resp = &pulumirpc.InstallDependenciesResponse{Stderr: chunk}
	}
	if err := w.server.Send(resp); err != nil {
		return 0, err
	}
	return len(p), nil
}

// InstallDependencies runs `npm install` in the program directory (used by `pulumi install` / `pulumi new`).
func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest,
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetDirectory() //nolint:staticcheck // older engines
	}
	mu := &sync.Mutex{}
	stdout := streamWriter{mu: mu, server: server}
	stderr := streamWriter{mu: mu, server: server, stderr: true}
	_, _ = fmt.Fprintf(stdout, "Installing dependencies...\n\n")
	cmd := exec.CommandContext(server.Context(), "npm", "install")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm install failed: %w", err)
	}
	_, _ = fmt.Fprintf(stdout, "Finished installing dependencies\n\n")
	return nil
}

// RuntimeOptionsPrompts asks nothing extra during `pulumi new`.
func (h *host) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// Template leaves new projects as the template wrote them.
func (h *host) Template(context.Context, *pulumirpc.TemplateRequest) (*pulumirpc.TemplateResponse, error) {
	return &pulumirpc.TemplateResponse{}, nil
}

// About reports the node executable and its version (`pulumi about`).
func (h *host) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	resp := &pulumirpc.AboutResponse{
		Executable: nodeBin,
		Metadata:   map[string]string{"packagemanager": "npm", "languagehost": "stand-in"},
	}
	if out, err := exec.CommandContext(ctx, nodeBin, "--version").Output(); err == nil {
		resp.Version = strings.TrimSpace(string(out))
	}
	return resp, nil
}

// GetProgramDependencies lists the direct dependencies of the nearest package.json with installed versions.
func (h *host) GetProgramDependencies(
	_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetPwd() //nolint:staticcheck // older engines
	}
	var manifest *packageJSON
	for d := dir; ; d = filepath.Dir(d) {
		if pkg, err := readPackageJSON(filepath.Join(d, "package.json")); err == nil {
			manifest = pkg
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	if manifest == nil {
		return resp, nil
	}
	names := map[string]bool{}
	for name := range manifest.Dependencies {
		names[name] = true
	}
	for name := range manifest.DevDependencies {
		names[name] = true
	}
	for name := range names {
		if v := installedVersion(dir, name); v != "" {
			resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: name, Version: v})
		}
	}
	return resp, nil
}

// installedVersion finds node_modules/<name>/package.json the way Node's resolver walks up from dir.
func installedVersion(dir, name string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if pkg, err := readPackageJSON(filepath.Join(d, "node_modules", name, "package.json")); err == nil {
			return pkg.Version
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Cancel stops any running program (SIGINT, then SIGKILL after five seconds).
func (h *host) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancelAll()
	return &emptypb.Empty{}, nil
}
