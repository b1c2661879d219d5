// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package citations

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pyselect/pyselect/conformance/support"
)

// TestEverySpecCitesItsSource: conformance/README.md says each spec cites
// its source in a comment block beside it. A spec (It or Entry) cites one
// when a comment group holding "Source:" or "Python:" ends on the line
// just above it, or just above a container it is in (Describe, the suite's describe, When,
// Context, DescribeTable, a for loop that makes specs), or is the doc
// comment of the function that makes it. A source block that opens a
// container's body cites the whole container; a function that returns a
// TableEntry is a spec where it is called.
func TestEverySpecCitesItsSource(t *testing.T) {
	root := moduleRoot(t)
	files, err := filepath.Glob(filepath.Join(root, "conformance", "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	specs := 0
	for _, f := range files {
		for _, m := range uncited(t, f, &specs) {
			t.Errorf("%s: the spec cites no source (no // Source: or // Python: comment just above it or its container)", m)
		}
	}
	if specs < 100 {
		t.Fatalf("found %d specs in conformance/*_test.go; expected the suite", specs)
	}
}

// TestUncitedCatches: the rule finds a spec without a source, and
// accepts each place a source may stand.
func TestUncitedCatches(t *testing.T) {
	src := `package x
// Source: a(2)
var _ = Describe("a", func() { It("inherits", func() {}) })
var _ = Describe("b", func() {
	x := 1
	// Python: test_x.py::test_y
	It("cites", func() {})
	It("cites nothing", func() {})
	for _, c := range cases {
		// Source: b(2)
		It(c, func() {})
	}
	// Source: c(2)
	DescribeTable("t", func() {}, entry("e"))
})
func entry(s string) TableEntry { return Entry(s) }
`
	f := filepath.Join(support.TempDir(t), "x_test.go") // not t.TempDir: it fails under Wine
	if err := writeFile(f, src); err != nil {
		t.Fatal(err)
	}
	n := 0
	got := uncited(t, f, &n)
	if n != 5 || len(got) != 1 || !strings.HasSuffix(got[0], "x_test.go:8") {
		t.Errorf("uncited = %q of %d specs; want x_test.go:8 of 5", got, n)
	}
}

// uncited returns file:line of each spec of one file that cites no
// source, and counts the specs.
func uncited(t *testing.T, file string, specs *int) []string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	line := func(p token.Pos) int { return fset.Position(p).Line }
	citing := map[int]bool{} // lines just below a comment group with a source
	for _, cg := range f.Comments {
		if text := cg.Text(); strings.Contains(text, "Source:") || strings.Contains(text, "Python:") {
			citing[line(cg.End())+1] = true
		}
	}
	// entryMakers are the file's functions that return a TableEntry: a
	// spec stands where one is called, not where it calls Entry.
	entryMakers := map[string]bool{}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Type.Results != nil && len(fd.Type.Results.List) == 1 {
			if id, ok := fd.Type.Results.List[0].Type.(*ast.Ident); ok && id.Name == "TableEntry" {
				entryMakers[fd.Name.Name] = true
			}
		}
	}
	var out []string
	var walk func(n ast.Node, cited bool)
	walk = func(n ast.Node, cited bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			switch x := m.(type) {
			case *ast.FuncDecl:
				if entryMakers[x.Name.Name] {
					return false
				}
				walk(x.Body, cited || x.Doc != nil && citing[line(x.Doc.End())+1] || citing[line(x.Pos())])
				return false
			case *ast.RangeStmt:
				walk(x.Body, cited || citing[line(x.Pos())])
				return false
			case *ast.ForStmt:
				walk(x.Body, cited || citing[line(x.Pos())])
				return false
			case *ast.CallExpr:
				id, ok := x.Fun.(*ast.Ident)
				if !ok {
					return true
				}
				here := cited || citing[line(x.Pos())]
				switch id.Name {
				case "Describe", "When", "Context", "DescribeTable", "FDescribe", "FWhen", "FContext", "describe":
					// A source block that opens the container's body
					// cites every spec in it.
					for _, a := range x.Args {
						if fn, ok := a.(*ast.FuncLit); ok && (citing[line(fn.Pos())] || len(fn.Body.List) > 0 && citing[line(fn.Body.List[0].Pos())]) {
							here = true
						}
					}
					for _, a := range x.Args {
						walk(a, here)
					}
					return false
				}
				if spec := id.Name == "It" || id.Name == "Entry" || id.Name == "FIt" || id.Name == "FEntry" || entryMakers[id.Name]; spec {
					*specs++
					if !here {
						out = append(out, filepath.Base(file)+":"+itoa(line(x.Pos())))
					}
					return false
				}
			}
			return true
		})
	}
	walk(f, false)
	return out
}

func writeFile(name, text string) error { return os.WriteFile(name, []byte(text), 0o644) }
