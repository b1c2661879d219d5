// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"runtime"
	"strings"
	"testing"
)

// TestWindowsAPI checks what the package exports on Windows against
// Python's select module there, which has select() and error (Error, an
// alias of OSError, whose classes are in sys/builtins) only: no
// poll, epoll, kqueue or devpoll, and no constants at all (PIPE_BUF and
// the POLL* values are Unix-only; Modules/selectmodule.c, _select_exec).
// It reads the package's own source files, chosen by the build context
// of this test binary.
func TestWindowsAPI(t *testing.T) {
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = runtime.GOOS, runtime.GOARCH, false
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	exported := map[string]string{} // name -> kind ("const Exception", "func", ...)
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if ok, err := ctx.MatchFile(".", name); err != nil || !ok {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			collectExported(d, exported)
		}
	}
	if len(exported) == 0 {
		t.Fatal("no exported names found: is the test running in the package folder?")
	}
	for _, want := range []string{"Select", "FD_SETSIZE", "Error", "Filenoer"} {
		if _, ok := exported[want]; !ok {
			t.Errorf("%s is not exported on windows", want)
		}
	}
	for name, kind := range exported {
		switch {
		case kind == "const" && strings.HasPrefix(name, "Has"):
			// HasSelect, HasPoll, ...: the Go form of hasattr(select, name),
			// built on every OS so that a port can test for a facility;
			// their values are checked against Python's below.
		case kind == "const" && name != "FD_SETSIZE" && name != "Error":
			t.Errorf("constant %s is exported on windows: Python's select module there has none but error", name)
		case strings.Contains(name, "Poll") || strings.Contains(name, "Epoll") ||
			strings.Contains(name, "Kqueue") || strings.Contains(name, "Kevent") || name == "Event":
			t.Errorf("%s %s is exported on windows: Python has no poll, epoll or kqueue there", kind, name)
		}
	}
}

// TestWindowsHasattr: on Windows, hasattr(select, name) is true for
// select alone among the objects.
func TestWindowsHasattr(t *testing.T) {
	if !HasSelect || HasPoll || HasEpoll || HasKqueue || HasDevpoll {
		t.Fatalf("Has*: select %v poll %v epoll %v kqueue %v devpoll %v; Python on Windows has select only",
			HasSelect, HasPoll, HasEpoll, HasKqueue, HasDevpoll)
	}
}

// collectExported records the exported top-level names of d with their
// kind; constants of type Exception (Python's exception classes) are kind
// "const Exception", other constants "const".
func collectExported(d ast.Decl, names map[string]string) {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil && d.Name.IsExported() {
			names[d.Name.Name] = "func"
		}
	case *ast.GenDecl:
		for _, spec := range d.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				if s.Name.IsExported() {
					names[s.Name.Name] = "type"
				}
			case *ast.ValueSpec:
				kind := strings.ToLower(d.Tok.String())
				if id, ok := s.Type.(*ast.Ident); ok && id.Name == "Exception" {
					kind += " Exception"
				}
				for _, n := range s.Names {
					if n.IsExported() {
						names[n.Name] = kind
					}
				}
			}
		}
	}
}
