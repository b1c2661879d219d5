// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !solaris

package pyselect_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestReadmeExampleIsExample_readme: the body of main in the README's Go
// program (the go block after "<!-- example: Example_readme -->") is the
// body of Example_readme, which go test runs and checks the output of. The
// README's example therefore compiles, runs and prints what it says.
func TestReadmeExampleIsExample_readme(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Skipf("README.md not found from the package directory (%v): run with go test", err)
	}
	_, block, ok := strings.Cut(string(readme), "<!-- example: Example_readme -->\n```go\n")
	if !ok {
		t.Fatal(`README.md has no "<!-- example: Example_readme -->" marker followed by a go block`)
	}
	block, _, _ = strings.Cut(block, "```")
	if err := importsWhatItUses(block); err != nil {
		t.Errorf("README.md's example does not compile as shown: %v", err)
	}
	shown, err := funcBody(block, "func main() {")
	if err != nil {
		t.Fatalf("README.md's example: %v", err)
	}
	src, err := os.ReadFile("example_readme_test.go")
	if err != nil {
		t.Fatal(err)
	}
	tested, err := funcBody(string(src), "func Example_readme() {")
	if err != nil {
		t.Fatalf("example_readme_test.go: %v", err)
	}
	if shown != tested {
		t.Errorf("README.md's main differs from Example_readme; copy the body of Example_readme into it.\nREADME:\n%s\nExample_readme:\n%s", shown, tested)
	}
}

// funcBody returns the lines of src between the line that is header and the
// next line that is "}", without their first tab.
func funcBody(src, header string) (string, error) {
	_, rest, ok := strings.Cut(src, "\n"+header+"\n")
	if !ok {
		return "", fmt.Errorf("no line %q", header)
	}
	body, _, ok := strings.Cut(rest, "\n}\n")
	if !ok {
		return "", fmt.Errorf("no closing brace after %q", header)
	}
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "\t")
	}
	return strings.Join(lines, "\n"), nil
}

// importsWhatItUses parses src as a Go file and reports a package name used
// as a qualifier (builtins.ExceptionOf) that no import gives, or an import
// that is not used: the README's program must build when copied whole.
func importsWhatItUses(src string) error {
	f, err := parser.ParseFile(token.NewFileSet(), "README.go", src, 0)
	if err != nil {
		return err
	}
	imported := map[string]bool{}
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		imported[path.Base(p)] = false
	}
	var missing []string
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Obj == nil {
				if _, ok := imported[id.Name]; ok {
					imported[id.Name] = true
				} else if !slices.Contains(missing, id.Name) {
					missing = append(missing, id.Name)
				}
			}
		}
		return true
	})
	if len(missing) > 0 {
		return fmt.Errorf("uses %v without importing it", missing)
	}
	for name, used := range imported {
		if !used {
			return fmt.Errorf("imports %s without using it", name)
		}
	}
	return nil
}
