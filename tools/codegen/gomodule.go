package main

import (
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"
)

// This module's own go.mod and go.sum: every version the tool was built with, and their checksums.
// tools/codegen/sdkimports.go makes sure they cover what a generated SDK imports.
var (
	//go:embed go.mod
	toolGoMod []byte
	//go:embed go.sum
	toolGoSum []byte
)

// pulumiSDKModule is the Go module of Pulumi's program SDK, which generated code imports.
const pulumiSDKModule = "github.com/pulumi/pulumi/sdk/v3"

// writeGoModule makes dir the Go module modulePath: go.mod first requires every version this tool
// was built with (so a program built beside the SDK selects the same ones and shares the Go build
// cache with this tool and the Pulumi CLI), go.sum holds their checksums, then `go mod tidy` keeps
// only what the SDK imports. Nothing is downloaded when the module cache has those versions (it
// does wherever this tool was built); the checksums come from this tool's go.sum, not the network.
func writeGoModule(dir, modulePath string) error {
	goMod, err := sdkGoMod(modulePath)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), goMod, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), toolGoSum, 0o644); err != nil {
		return err
	}
	return tidy(dir)
}

// sdkGoMod is the SDK's go.mod before tidying: its path, this tool's go directive, and this tool's
// requirements but for its own code generator (pkg/v3), which generated code never imports.
func sdkGoMod(modulePath string) ([]byte, error) {
	tool, err := modfile.Parse("tools/codegen/go.mod", toolGoMod, nil)
	if err != nil {
		return nil, err
	}
	sdk := &modfile.File{}
	if err := sdk.AddModuleStmt(modulePath); err != nil {
		return nil, err
	}
	if err := sdk.AddGoStmt(tool.Go.Version); err != nil {
		return nil, err
	}
	foundSDK := false
	for _, require := range tool.Require {
		switch {
		case require.Mod.Path == pulumiSDKModule:
			foundSDK = true
			sdk.AddNewRequire(require.Mod.Path, require.Mod.Version, false)
		case strings.HasPrefix(require.Mod.Path, "github.com/pulumi/pulumi/pkg/"):
		default:
			sdk.AddNewRequire(require.Mod.Path, require.Mod.Version, true)
		}
	}
	if !foundSDK {
		return nil, fmt.Errorf("tools/codegen/go.mod does not require %s", pulumiSDKModule)
	}
	sdk.Cleanup()
	return sdk.Format()
}

// tidy runs `go mod tidy` in dir, outside any go.work, with the caller's Go toolchain settings.
func tidy(dir string) error {
	command := exec.Command("go", "mod", "tidy")
	command.Dir = dir
	command.Env = append(os.Environ(), "GOWORK=off")
	output, err := command.CombinedOutput()
	if err != nil {
		return fmt.Errorf("`go mod tidy` in %s: %w\n%s", dir, err, strings.TrimSpace(string(output)))
	}
	return nil
}
