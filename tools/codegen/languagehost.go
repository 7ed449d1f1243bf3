package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime/debug"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	nodejsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	pythongen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// standInHost is a language host that can only generate code: enough for `pulumi import --out`
// (GenerateProgram) and `pulumi package gen-sdk` (GeneratePackage) where the CLI has no real host
// of the language beside it, as a CLI built from Go modules has none. It cannot run programs, and
// every other call answers UNIMPLEMENTED. Only for tests: Pulumi's releases ship the real hosts.
type standInHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	language string
}

// serveLanguageHost serves the language-host protocol until the engine stops it. The engine runs a
// host with flags and its own address (`[--logtostderr] [-v=N] [--tracing ADDR] ENGINE_ADDRESS`),
// none of which code generation needs, and reads the port from the first line printed.
func serveLanguageHost(language string) error {
	if _, ok := programGenerators[language]; !ok {
		return fmt.Errorf("no stand-in host for language %q (nodejs, python and go only)", language)
	}
	host := &standInHost{language: language}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(server *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(server, host)
			return nil
		},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stdout, "%d\n", handle.Port)
	return <-handle.Done
}

// GetPluginInfo reports the version of Pulumi's code generators built in, as a real host of that
// release would.
func (h *standInHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: codegenVersion()}, nil
}

// GetRequiredPackages finds no package: there is no program to look into.
func (h *standInHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// GenerateProgram renders PCL (from `pulumi import`) in the host's language; the schemas come from
// the engine's loader service.
func (h *standInHost) GenerateProgram(
	_ context.Context, request *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	loader, err := schema.NewLoaderClient(request.LoaderTarget)
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	files, diagnostics, err := generateProgram(h.language, request.Source, loader, request.Strict)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GenerateProgramResponse{
		Source:      files,
		Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diagnostics),
	}, nil
}

// GeneratePackage writes the SDK of a schema into the requested folder (`pulumi package gen-sdk`).
func (h *standInHost) GeneratePackage(
	_ context.Context, request *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	client, err := schema.NewLoaderClient(request.LoaderTarget)
	if err != nil {
		return nil, err
	}
	defer client.Close()
	loader := schema.NewCachedLoader(client)
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(request.Schema), &spec); err != nil {
		return nil, fmt.Errorf("the schema sent is not a package schema: %w", err)
	}
	pkg, diagnostics, err := schema.BindSpec(spec, loader, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	if diagnostics.HasErrors() {
		return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diagnostics)}, nil
	}
	tool := languageHostPrefix + h.language
	var files map[string][]byte
	switch h.language {
	case "python":
		files, err = pythongen.GeneratePackage(tool, pkg, request.ExtraFiles, loader)
	case "go":
		files, err = gogen.GeneratePackage(tool, pkg, request.LocalDependencies)
	case "nodejs":
		files, err = nodejsgen.GeneratePackage(tool, pkg, request.ExtraFiles, request.LocalDependencies, request.Local, loader)
	}
	if err != nil {
		return nil, err
	}
	if err := writeFiles(request.Directory, files); err != nil {
		return nil, err
	}
	return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diagnostics)}, nil
}

// codegenVersion is the version of github.com/pulumi/pulumi/pkg/v3 this binary was built with,
// without its "v".
func codegenVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dependency := range info.Deps {
			if dependency.Path == "github.com/pulumi/pulumi/pkg/v3" {
				return dependency.Version[1:]
			}
		}
	}
	return "0.0.0"
}
