// Serves a Go Pulumi program to the real CLI, as the Go Automation API does for inline programs:
// the CLI runs `pulumi preview|up --client=127.0.0.1:<port>` and asks this process to run the
// program. The Go twin of programServer.cjs; goPrograms.ts builds it.
//
// A template, not a package of its own: goPrograms.ts copies this file into a module beside the
// program's source, which defines
//
//	func program(ctx *pulumi.Context) error
//
// in package main. The binary prints `port <n>` once listening and serves until killed.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// programHost answers the calls the CLI makes of a `--client` program: it reports no plugin or
// package to install (the test provides them) and runs the program when asked.
type programHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	program pulumi.RunFunc
}

func (h *programHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: "0.0.0"}, nil
}

func (h *programHost) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *programHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *programHost) InstallDependencies(
	*pulumirpc.InstallDependenciesRequest, pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	return nil
}

// Run runs the program once against the engine and resource monitor of the request. A program's
// error (or panic) is the run's result, reported to the CLI, not a failure of this server.
func (h *programHost) Run(ctx context.Context, request *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := pulumi.RunInfo{
		Project:          request.GetProject(),
		Stack:            request.GetStack(),
		Organization:     request.GetOrganization(),
		Config:           request.GetConfig(),
		ConfigSecretKeys: request.GetConfigSecretKeys(),
		Parallel:         request.GetParallel(),
		DryRun:           request.GetDryRun(),
		MonitorAddr:      request.GetMonitorAddress(),
		RootDirectory:    request.GetInfo().GetRootDirectory(), // where Pulumi.yaml is
	}
	// For a --client program the CLI passes its engine's address (for log messages) as the first argument.
	if args := request.GetArgs(); len(args) > 0 {
		info.EngineAddr = args[0]
	}
	pulumiContext, err := pulumi.NewContext(ctx, info)
	if err != nil {
		return nil, err
	}
	defer pulumiContext.Close()
	if err := runGuarded(pulumiContext, h.program); err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// runGuarded runs the program, turning a panic into its error so that the server stays up.
func runGuarded(pulumiContext *pulumi.Context, program pulumi.RunFunc) (err error) {
	defer func() {
		if recovered := recover(); recovered != nil {
			err = fmt.Errorf("the program panicked: %v\n%s", recovered, debug.Stack())
		}
	}()
	return pulumi.RunWithContext(pulumiContext, program)
}

func main() {
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(server *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(server, &programHost{program: program})
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "goProgramServer: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("port %d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "goProgramServer: %v\n", err)
		os.Exit(1)
	}
}
