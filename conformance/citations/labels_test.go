// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package citations

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestLabelsAreDocumented: every Ginkgo label the conformance suite gives
// (the string literals of its Label calls, and api:NAME of each
// differential scenario's api) is in the Labels table of
// conformance/README.md. A literal that ends in ':' is the prefix of a
// label made at run time ("os:"+GOOS) and needs a documented label with
// that prefix.
func TestLabelsAreDocumented(t *testing.T) {
	root := moduleRoot(t)
	readme, err := os.ReadFile(filepath.Join(root, "conformance", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, table, _ := strings.Cut(string(readme), "| label | what it marks |")
	table, _, _ = strings.Cut(table, "\n\n")
	var documented []string
	for _, line := range strings.Split(table, "\n") {
		first, _, _ := strings.Cut(strings.TrimPrefix(line, "| "), " | ")
		for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(first, -1) {
			documented = append(documented, m[1])
		}
	}
	if len(documented) < 5 {
		t.Fatalf("conformance/README.md has no Labels table (found %q)", documented)
	}
	used := map[string]string{} // label -> where
	call := regexp.MustCompile(`\bLabel\(([^)]*)\)`)
	literal := regexp.MustCompile(`"([a-z][a-z0-9_.]*:[^"]*|[a-z][a-z0-9-]*)"`)
	files, _ := filepath.Glob(filepath.Join(root, "conformance", "*.go"))
	more, _ := filepath.Glob(filepath.Join(root, "conformance", "support", "*.go"))
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range call.FindAllStringSubmatch(string(data), -1) {
			for _, l := range literal.FindAllStringSubmatch(c[1], -1) {
				used[l[1]] = filepath.Base(f)
			}
		}
	}
	scenarios, _ := filepath.Glob(filepath.Join(root, "fixtures", "scenarios", "*.json"))
	for _, f := range scenarios {
		var sc struct{ API []string }
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if json.Unmarshal(data, &sc) == nil {
			for _, a := range sc.API {
				used["api:"+a] = filepath.Base(f)
			}
		}
	}
	if len(used) < 10 {
		t.Fatalf("found only %d labels in the suite: %v", len(used), used)
	}
	for label, where := range used {
		ok := false
		for _, d := range documented {
			if d == label || strings.HasSuffix(label, ":") && strings.HasPrefix(d, label) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("label %q (%s) is not in conformance/README.md's Labels table", label, where)
		}
	}
}
