// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package selectors_test

import (
	"go/build"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/selectors"
)

// selectorsNames is every name Hasattr knows on some OS.
var selectorsNames = []string{"BaseSelector", "DefaultSelector", "EVENT_READ", "EVENT_WRITE", "SelectorKey",
	"SelectSelector", "PollSelector", "EpollSelector", "KqueueSelector", "DevpollSelector"}

// TestHasattr: hasattr(selectors, name) is true for exactly the names
// this build of the package exports (a class X as NewX), it agrees with
// select's hasattr for the poll-like classes, and it is not select's
// answer (select has no PollSelector).
func TestHasattr(t *testing.T) {
	pkg, err := build.Default.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	exported := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range pkg.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(pkg.Dir, name), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for name, obj := range f.Scope.Objects {
			exported[name] = obj != nil
		}
	}
	for _, name := range selectorsNames {
		goName := name
		if strings.HasSuffix(name, "Selector") && name != "BaseSelector" {
			goName = "New" + name
		}
		if selectors.Hasattr(name) != exported[goName] {
			t.Errorf("hasattr(selectors, %q) = %v, but %s exported: %v", name, selectors.Hasattr(name), goName, exported[goName])
		}
	}
	for class, module := range map[string]string{"PollSelector": "poll", "EpollSelector": "epoll", "KqueueSelector": "kqueue", "DevpollSelector": "devpoll"} {
		if selectors.Hasattr(class) != pyselect.Hasattr(module) {
			t.Errorf("hasattr(selectors, %q) = %v, hasattr(select, %q) = %v", class, selectors.Hasattr(class), module, pyselect.Hasattr(module))
		}
	}
	if pyselect.Hasattr("PollSelector") || selectors.Hasattr("poll") || selectors.Hasattr("") {
		t.Error("a module answers for the other")
	}
}

// TestHasattrIsPythons: on the OS this runs on, Hasattr answers as the
// python3 here does, for every name it knows on any OS.
//
// Python: hasattr(selectors, name), CPython 3.11.
func TestHasattrIsPythons(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	out, err := exec.Command(py, "-c", "import selectors, sys; print(' '.join(n for n in sys.argv[1].split() if hasattr(selectors, n)))", strings.Join(selectorsNames, " ")).Output()
	if err != nil {
		t.Fatal(err)
	}
	has := strings.Fields(string(out))
	for _, name := range selectorsNames {
		if selectors.Hasattr(name) != slices.Contains(has, name) {
			t.Errorf("%s: Hasattr(%q) = %v, python3 says %v", runtime.GOOS, name, selectors.Hasattr(name), slices.Contains(has, name))
		}
	}
}
