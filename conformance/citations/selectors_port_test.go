// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package citations

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pyselect/pyselect/conformance/support/waitfor"
)

// TestSelectorsPortIsComplete: conformance/DIFFERENCES.md says the
// conformance suite ports every test of CPython's test_selectors.py. Ask
// the installed CPython for its test names and find a spec for each (a
// py(c.name, "test_...") label in conformance/selectors*_test.go).
func TestSelectorsPortIsComplete(t *testing.T) {
	out, err := waitfor.Command(t, time.Minute, "python3", "-c", `
import inspect, test.test_selectors as t
print("\n".join(sorted({m for _, c in inspect.getmembers(t, inspect.isclass) for m in dir(c) if m.startswith("test")})))
`).Output()
	if err != nil {
		t.Skipf("no python3 with its test package to ask (%v)", err)
	}
	root := moduleRoot(t)
	files, _ := filepath.Glob(filepath.Join(root, "conformance", "selectors*_test.go"))
	ported := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`py\([a-z.]+, "(test_[a-z_]+)"\)`).FindAllStringSubmatch(string(data), -1) {
			ported[m[1]] = true
		}
	}
	tests := strings.Fields(string(out))
	if len(tests) < 10 {
		t.Fatalf("CPython lists only %q", tests)
	}
	for _, name := range tests {
		if !ported[name] {
			t.Errorf("test_selectors.py's %s has no spec in conformance/selectors*_test.go", name)
		}
	}
}
