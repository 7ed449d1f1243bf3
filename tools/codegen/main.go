// Command codegen makes this project's Pulumi SDKs for other languages from its package schema, and
// stands in for Pulumi's language hosts where the tests need only their code generation.
//
//	codegen sdk --schema FILE [--python DIR] [--go DIR]
//	codegen language-host nodejs|python|go [ENGINE_ADDRESS]
//
// Invoked through a link (or copy) named pulumi-language-nodejs, pulumi-language-python or
// pulumi-language-go, it is `codegen language-host <that language>`: the engine finds it on PATH
// like the hosts Pulumi's releases ship. scripts/codegenTool.ts builds it into the tool cache.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// languageHostPrefix is how the engine names a language's plugin executable.
const languageHostPrefix = "pulumi-language-"

func main() {
	invokedAs := filepath.Base(os.Args[0])
	if err := dispatch(invokedAs, os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", invokedAs, err)
		os.Exit(1)
	}
}

func dispatch(invokedAs string, args []string) error {
	if language, ok := strings.CutPrefix(invokedAs, languageHostPrefix); ok {
		return serveLanguageHost(language)
	}
	if len(args) == 0 {
		return usage()
	}
	switch args[0] {
	case "sdk":
		return runSDK(args[1:])
	case "language-host":
		if len(args) < 2 {
			return usage()
		}
		return serveLanguageHost(args[1])
	default:
		return usage()
	}
}

func usage() error {
	return fmt.Errorf("usage:\n" +
		"  codegen sdk --schema FILE [--python DIR] [--go DIR]\n" +
		"  codegen language-host nodejs|python|go [ENGINE_ADDRESS]\n" +
		"  (or invoked as pulumi-language-nodejs|python|go)")
}
