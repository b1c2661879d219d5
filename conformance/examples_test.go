// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExamplesShowTheirHelpers: every Example of the libraries shows, in
// its documentation, every function, type and variable of the test
// package it uses. go doc shows a whole file as the example only when the
// file holds that one Example; otherwise it shows the Example's body
// alone. So an Example that uses a helper of its test package is alone in
// its file with the helper.
//
// Source: go/doc's Examples ("whole file" examples, go/doc/example.go).
func TestExamplesShowTheirHelpers(t *testing.T) {
	for _, dir := range []string{"../sys/pyselect", "../sys/selectors"} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		declIn := map[string]string{} // top-level name of the external test package -> its file
		files := map[string]*ast.File{}
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(f.Name.Name, "_test") {
				continue
			}
			files[e.Name()] = f
			for name := range topLevel(f) {
				if name != "_" {
					declIn[name] = e.Name()
				}
			}
		}
		for name, f := range files {
			var examples []*ast.FuncDecl
			for _, d := range f.Decls {
				if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "Example") {
					examples = append(examples, fn)
				}
			}
			for _, ex := range examples {
				for used := range usedNames(ex) {
					file, ok := declIn[used]
					if !ok || used == ex.Name.Name {
						continue
					}
					if file != name || len(examples) > 1 {
						t.Errorf("%s/%s: %s uses %s (%s), which its documentation does not show", filepath.Base(dir), name, ex.Name.Name, used, file)
					}
				}
			}
		}
	}
}

// topLevel is the set of names f declares at top level.
func topLevel(f *ast.File) map[string]bool {
	names := map[string]bool{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names[s.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names[n.Name] = true
					}
				}
			}
		}
	}
	return names
}

// usedNames is the set of unqualified identifiers fn's body uses, less
// those it declares itself (a local that shadows a top-level name).
func usedNames(fn *ast.FuncDecl) map[string]bool {
	local := map[string]bool{}
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						local[id.Name] = true
					}
				}
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				local[id.Name] = true
			}
		case *ast.TypeSpec:
			local[n.Name.Name] = true
		case *ast.FuncLit:
			for _, fl := range n.Type.Params.List {
				for _, id := range fl.Names {
					local[id.Name] = true
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if id, ok := e.(*ast.Ident); ok {
					local[id.Name] = true
				}
			}
		}
		return true
	})
	used := map[string]bool{}
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			ast.Inspect(n.X, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok && !local[id.Name] {
					used[id.Name] = true
				}
				return true
			})
			return false // n.Sel is a field or method, not a package-level name
		case *ast.KeyValueExpr:
			if _, ok := n.Key.(*ast.Ident); ok { // a struct literal's field name
				ast.Inspect(n.Value, func(m ast.Node) bool {
					if id, ok := m.(*ast.Ident); ok && !local[id.Name] {
						used[id.Name] = true
					}
					return true
				})
				return false
			}
		case *ast.Ident:
			if !local[n.Name] {
				used[n.Name] = true
			}
		}
		return true
	})
	return used
}
