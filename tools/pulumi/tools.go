//go:build tools

// Package tools pins the Pulumi CLI that the engine tests and `npm run pulumi` build when no CLI is
// installed (scripts/pulumiCli.ts): `go build github.com/pulumi/pulumi/pkg/v3/cmd/pulumi` from this
// folder takes the versions in go.mod and the checksums in go.sum.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
