// Command sdkgen writes the Go and Python SDKs of a Pulumi package from its package schema, with
// Pulumi's own code generators (github.com/pulumi/pulumi/pkg/v3/codegen/go and codegen/python):
// the generators `pulumi package gen-sdk` runs inside the Go and Python language hosts, called
// here directly because those hosts are not built on this project's machines.
//
//	sdkgen <schema.json> <out-dir>
//
// writes <out-dir>/go/... and <out-dir>/python/... (the folders are emptied first).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-lightsail-snapshots-sdkgen"

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen <schema.json> <out-dir>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen:", err)
		os.Exit(1)
	}
}

// bind reads and binds the schema afresh for each generator: each one imports its own language
// section into the package.
func bind(schemaPath string) (*schema.Package, error) {
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return nil, fmt.Errorf("%s: %w", schemaPath, err)
	}
	return schema.ImportSpec(spec, nil, schema.NewNullLoader(), schema.ValidationOptions{})
}

func run(schemaPath, outDir string) error {
	generators := map[string]func(*schema.Package) (map[string][]byte, error){
		"go": func(pkg *schema.Package) (map[string][]byte, error) {
			return gogen.GeneratePackage(tool, pkg, nil)
		},
		"python": func(pkg *schema.Package) (map[string][]byte, error) {
			return pygen.GeneratePackage(tool, pkg, nil, nil)
		},
	}
	for _, language := range []string{"go", "python"} {
		pkg, err := bind(schemaPath)
		if err != nil {
			return fmt.Errorf("binding the schema: %w", err)
		}
		files, err := generators[language](pkg)
		if err != nil {
			return fmt.Errorf("generating the %s SDK: %w", language, err)
		}
		root := filepath.Join(outDir, language)
		if err := os.RemoveAll(root); err != nil {
			return err
		}
		for name, content := range files {
			path := filepath.Join(root, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, content, 0o644); err != nil {
				return err
			}
		}
		fmt.Fprintf(os.Stderr, "sdkgen: %s SDK: %d files in %s\n", language, len(files), root)
	}
	return nil
}
