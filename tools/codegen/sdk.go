package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pythongen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// generatorName is what the generated files say made them.
const generatorName = "pulumi-stripe-portal codegen"

// runSDK is `codegen sdk`: each SDK asked for is written into its folder (created when missing;
// files of an earlier run that this one does not write are left, so callers start from an empty one).
func runSDK(args []string) error {
	flags := flag.NewFlagSet("sdk", flag.ContinueOnError)
	schemaFile := flags.String("schema", "", "the Pulumi package schema (JSON)")
	pythonDir := flags.String("python", "", "folder of the Python SDK (a pip-installable project)")
	goDir := flags.String("go", "", "folder of the Go SDK (a Go module)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *schemaFile == "" || (*pythonDir == "" && *goDir == "") || flags.NArg() > 0 {
		return errors.New("usage: codegen sdk --schema FILE [--python DIR] [--go DIR]")
	}
	spec, err := readSchema(*schemaFile)
	if err != nil {
		return err
	}
	if *pythonDir != "" {
		if err := writePythonSDK(spec, *pythonDir); err != nil {
			return fmt.Errorf("python SDK: %w", err)
		}
	}
	if *goDir != "" {
		if err := writeGoSDK(spec, *goDir); err != nil {
			return fmt.Errorf("go SDK: %w", err)
		}
	}
	return nil
}

func readSchema(file string) (schema.PackageSpec, error) {
	var spec schema.PackageSpec
	data, err := os.ReadFile(file)
	if err != nil {
		return spec, err
	}
	if err := json.Unmarshal(data, &spec); err != nil {
		return spec, fmt.Errorf("%s is not a package schema: %w", file, err)
	}
	return spec, nil
}

// bindSchema checks the schema against Pulumi's metaschema and resolves its references. Every
// generator gets a package of its own: each one decodes its language section into the package it
// is given.
func bindSchema(spec schema.PackageSpec) (*schema.Package, error) {
	pkg, diags, err := schema.BindSpec(spec, newStaticLoader(), schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return pkg, nil
}

// writePythonSDK writes a project that `pip install DIR` installs: Pulumi's generator names
// README.md in pyproject.toml but writes it only inside the package, so a copy goes to the root.
func writePythonSDK(spec schema.PackageSpec, dir string) error {
	pkg, err := bindSchema(spec)
	if err != nil {
		return err
	}
	files, err := pythongen.GeneratePackage(generatorName, pkg, nil, newStaticLoader())
	if err != nil {
		return err
	}
	if _, ok := files["README.md"]; !ok {
		for name, data := range files {
			if filepath.Base(name) == "README.md" {
				files["README.md"] = data
				break
			}
		}
	}
	return writeFiles(dir, files)
}

// writeGoSDK writes the Go packages under the folder of their module, whose path is the parent of
// the schema's importBasePath (…/sdk/go for …/sdk/go/stripeportal), then its go.mod and go.sum.
func writeGoSDK(spec schema.PackageSpec, dir string) error {
	importBasePath, err := goImportBasePath(spec)
	if err != nil {
		return err
	}
	pkg, err := bindSchema(spec)
	if err != nil {
		return err
	}
	files, err := gogen.GeneratePackage(generatorName, pkg, nil)
	if err != nil {
		return err
	}
	if err := writeFiles(dir, files); err != nil {
		return err
	}
	return writeGoModule(dir, path.Dir(importBasePath))
}

func goImportBasePath(spec schema.PackageSpec) (string, error) {
	var goSection struct {
		ImportBasePath string `json:"importBasePath"`
	}
	if raw, ok := spec.Language["go"]; ok {
		if err := json.Unmarshal(raw, &goSection); err != nil {
			return "", fmt.Errorf("the schema's language.go: %w", err)
		}
	}
	if goSection.ImportBasePath == "" {
		return "", errors.New("the schema has no language.go.importBasePath, so the Go module has no path")
	}
	return goSection.ImportBasePath, nil
}

// writeFiles writes generated files (paths relative to dir, with forward slashes).
func writeFiles(dir string, files map[string][]byte) error {
	for name, data := range files {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
