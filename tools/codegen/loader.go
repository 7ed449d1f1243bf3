package main

import (
	"context"
	"fmt"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// staticLoader answers with the packages it was given, whatever the version asked, and fails for
// any other: `codegen sdk` binds one self-contained schema, which names no other package.
type staticLoader struct{ packages map[string]*schema.Package }

func newStaticLoader(packages ...*schema.Package) schema.ReferenceLoader {
	loader := &staticLoader{packages: map[string]*schema.Package{}}
	for _, pkg := range packages {
		loader.packages[pkg.Name] = pkg
	}
	return loader
}

func (l *staticLoader) LoadPackageReferenceV2(
	_ context.Context, descriptor *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	if pkg, ok := l.packages[descriptor.Name]; ok {
		return pkg.Reference(), nil
	}
	return nil, fmt.Errorf("the schema refers to package %q, which codegen does not load", descriptor.Name)
}

func (l *staticLoader) LoadPackageReference(name string, version *semver.Version) (schema.PackageReference, error) {
	return l.LoadPackageReferenceV2(context.Background(), &schema.PackageDescriptor{Name: name, Version: version})
}

func (l *staticLoader) LoadPackageV2(ctx context.Context, descriptor *schema.PackageDescriptor) (*schema.Package, error) {
	reference, err := l.LoadPackageReferenceV2(ctx, descriptor)
	if err != nil {
		return nil, err
	}
	return reference.Definition()
}

func (l *staticLoader) LoadPackage(name string, version *semver.Version) (*schema.Package, error) {
	return l.LoadPackageV2(context.Background(), &schema.PackageDescriptor{Name: name, Version: version})
}
