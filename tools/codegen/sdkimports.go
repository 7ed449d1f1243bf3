package main

// Packages of Pulumi's Go SDK that generated SDKs and the tests' Go programs import
// (tests/realEngine/harness/goProgramServer) and this tool otherwise would not: importing them
// here makes this module's go.mod and go.sum cover them (spf13/cast, which only the config package
// needs, in particular), so that the SDK's go.mod (gomodule.go) and the tests' programs, which start
// from this module's requirements, build offline with exactly these versions.
import (
	_ "github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	_ "github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	_ "github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"
)
