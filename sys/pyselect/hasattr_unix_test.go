// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect_test

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pyselect/pyselect/conformance/support/waitfor"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// pyObjects is the Go name of each object of Python's select module.
var pyObjects = map[string]string{
	"select": "Select", "poll": "NewPoll", "epoll": "NewEpoll", "kqueue": "NewKqueue",
	"kevent": "NewKevent", "devpoll": "NewDevpoll", "error": "Error",
}

var pyConstant = regexp.MustCompile(`^(POLL|EPOLL|KQ_|PIPE_BUF)`)

// TestHasattr: hasattr(select, name) is true for exactly the names this
// build of the package exports in Go case (parsed from the files built
// for this GOOS/GOARCH), and HasX agrees with Hasattr("x").
func TestHasattr(t *testing.T) {
	pkg, err := build.Default.ImportDir(".", 0)
	check(t, err)
	exported := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range pkg.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(pkg.Dir, name), nil, 0)
		check(t, err)
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					exported[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if v, ok := s.(*ast.ValueSpec); ok {
						for _, n := range v.Names {
							exported[n.Name] = true
						}
					}
				}
			}
		}
	}
	for py, g := range pyObjects {
		if pyselect.Hasattr(py) != exported[g] {
			t.Errorf("hasattr(select, %q) = %v, but %s exported: %v", py, pyselect.Hasattr(py), g, exported[g])
		}
	}
	for name := range exported {
		if pyConstant.MatchString(name) && !pyselect.Hasattr(name) {
			t.Errorf("%s is exported but hasattr(select, %q) is false", name, name)
		}
	}
	for _, c := range []struct {
		has  bool
		name string
	}{{pyselect.HasSelect, "select"}, {pyselect.HasPoll, "poll"}, {pyselect.HasEpoll, "epoll"}, {pyselect.HasKqueue, "kqueue"}, {pyselect.HasDevpoll, "devpoll"}} {
		if c.has != pyselect.Hasattr(c.name) {
			t.Errorf("Has constant for %q is %v, Hasattr %v", c.name, c.has, pyselect.Hasattr(c.name))
		}
	}
	if pyselect.Hasattr("nosuchname") || pyselect.Hasattr("") {
		t.Error("Hasattr of a name the module lacks")
	}
}

// TestHasattrIsPythons: on the OS this runs on, Hasattr answers as the
// python3 installed here does for every name of its dir(select) and for
// every name Hasattr knows on any OS.
func TestHasattrIsPythons(t *testing.T) {
	out, err := waitfor.Command(t, time.Minute, "python3", "-c", "import select; print(' '.join(n for n in dir(select) if not n.startswith('__')))").Output()
	if err != nil {
		t.Skipf("no python3 to ask (%v)", err)
	}
	py := strings.Fields(string(out))
	var mine []string
	for _, name := range append(py, "epoll", "kqueue", "kevent", "devpoll", "POLLRDHUP", "EPOLLEXCLUSIVE", "KQ_FILTER_READ", "POLLMSG") {
		if pyselect.Hasattr(name) != slices.Contains(py, name) {
			t.Errorf("%s/%s: Hasattr(%q) = %v, python3 says %v", runtime.GOOS, runtime.GOARCH, name, pyselect.Hasattr(name), slices.Contains(py, name))
		}
		if pyselect.Hasattr(name) {
			mine = append(mine, name)
		}
	}
	if len(mine) < len(py) {
		t.Errorf("python3 has %d names, Hasattr knows %d", len(py), len(mine))
	}
}
