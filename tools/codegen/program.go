package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	nodejsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	pythongen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// programGenerators turn a bound PCL program into source files of one language.
var programGenerators = map[string]func(*pcl.Program) (map[string][]byte, hcl.Diagnostics, error){
	"nodejs": nodejsgen.GenerateProgram,
	"python": pythongen.GenerateProgram,
	"go":     gogen.GenerateProgram,
}

// generateProgram renders PCL sources (what `pulumi import` and `pulumi convert` hand a language
// host: file name to text) as a program in language, the packages' schemas coming from loader.
// Problems of the sources come back as diagnostics; err is for everything else.
func generateProgram(
	language string, sources map[string]string, loader schema.ReferenceLoader, strict bool,
) (map[string][]byte, hcl.Diagnostics, error) {
	generate, ok := programGenerators[language]
	if !ok {
		return nil, nil, fmt.Errorf("no program generator for %q", language)
	}
	parser := syntax.NewParser()
	for _, name := range sortedKeys(sources) {
		if err := parser.ParseFile(strings.NewReader(sources[name]), name); err != nil {
			return nil, nil, err
		}
	}
	if parser.Diagnostics.HasErrors() {
		return nil, parser.Diagnostics, nil
	}
	var options []pcl.BindOption
	if language == "nodejs" {
		// The Node.js host asks for the invokes that take and return outputs; so do we.
		options = append(options, pcl.PreferOutputVersionedInvokes)
	}
	if !strict {
		options = append(options, pcl.NonStrictBindOptions()...)
	}
	program, diagnostics, err := pcl.BindProgram(parser.Files, schema.NewCachedLoader(loader), options...)
	if err != nil || diagnostics.HasErrors() {
		return nil, diagnostics, err
	}
	files, generated, err := generate(program)
	return files, append(diagnostics, generated...), err
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for key := range m {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys
}
