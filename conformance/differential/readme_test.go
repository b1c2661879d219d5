// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package differential

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pyselect/pyselect/conformance/support/waitfor"
)

// repoFile reads a file of the repository, from this package's directory.
func repoFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// section is the text of a Markdown document from the line that starts
// with heading up to the next heading of any level.
func section(t *testing.T, doc, heading string) string {
	t.Helper()
	i := strings.Index(doc, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("no heading %q", heading)
	}
	s := doc[i+len(heading)+2:]
	if j := strings.Index(s, "\n#"); j >= 0 {
		s = s[:j]
	}
	return s
}

// TestREADMEDivergences: the declared divergences listed in
// fixtures/README.md and conformance/DIFFERENCES.md are exactly those of
// fixtures/divergences.json, each named by its scenario.
func TestREADMEDivergences(t *testing.T) {
	var file struct {
		Divergences []struct{ Scenario string } `json:"divergences"`
	}
	if err := json.Unmarshal(repoFile(t, "fixtures/divergences.json"), &file); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, d := range file.Divergences {
		want = append(want, d.Scenario)
	}
	slices.Sort(want)
	want = slices.Compact(want)
	words := []string{"no", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"}
	scenario := regexp.MustCompile("`([a-z0-9]+(?:_[a-z0-9]+){2,})`")
	for _, c := range []struct{ path, heading string }{
		{"fixtures/README.md", "## Known divergences"},
		{"conformance/DIFFERENCES.md", "## Declared divergences of the differential suite"},
	} {
		text := section(t, string(repoFile(t, c.path)), c.heading)
		// The list is the section's first one.
		list := text
		if i := strings.Index(list, "\n- "); i >= 0 {
			list = list[i:]
			if j := strings.Index(list, "\n\n"); j >= 0 {
				list = list[:j]
			}
		}
		text = strings.Join(strings.Fields(text), " ")
		// Each bullet names its scenario: the first `a_b_c` name in it.
		var got []string
		for _, bullet := range strings.Split(strings.Join(strings.Fields(list), " "), "- ")[1:] {
			if m := scenario.FindStringSubmatch(bullet); m != nil {
				got = append(got, m[1])
			} else {
				t.Errorf("%s: %q names no scenario", c.path, bullet)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s %s names the scenarios %q; fixtures/divergences.json declares %q", c.path, c.heading, got, want)
		}
		if c.path == "fixtures/README.md" && len(want) < len(words) && !strings.Contains(text, words[len(want)]+" are declared today") && !strings.Contains(text, words[len(want)]+" is declared today") {
			t.Errorf("%s: want %q (the number of declared divergences)", c.path, words[len(want)]+" are declared today")
		}
	}
}

// TestREADMECounts: the scenario counts fixtures/README.md gives are the
// repository's: all scenarios, those recorded on Linux, those waiting for
// kqueue (a BSD or macOS) and for devpoll (illumos or Solaris).
func TestREADMECounts(t *testing.T) {
	re := regexp.MustCompile(`\((\d+) of them; (\d+) can be recorded on Linux; the (\d+) kqueue and KqueueSelector scenarios wait for a BSD or macOS, the (\d+) DevpollSelector ones`)
	m := re.FindStringSubmatch(string(repoFile(t, "fixtures/README.md")))
	if m == nil {
		t.Fatalf("fixtures/README.md does not give the scenario counts as %s", re)
	}
	files, err := filepath.Glob(filepath.Join("..", "..", "fixtures", "scenarios", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var total, linux, kqueue, devpoll int
	for _, f := range files {
		var sc struct{ API []string }
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &sc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		total++
		switch {
		case slices.Contains(sc.API, "kqueue"):
			kqueue++
		case slices.Contains(sc.API, "devpoll"):
			devpoll++
		}
		if _, err := os.Stat(filepath.Join("..", "..", "fixtures", "cpython", "linux-3.11", filepath.Base(f))); err == nil {
			linux++
		}
	}
	for i, c := range []struct {
		what string
		n    int
	}{{"scenarios", total}, {"recorded on Linux (linux-3.11)", linux}, {"kqueue scenarios", kqueue}, {"devpoll scenarios", devpoll}} {
		if n, _ := strconv.Atoi(m[i+1]); n != c.n {
			t.Errorf("fixtures/README.md says %d %s; the repository has %d", n, c.what, c.n)
		}
	}
}

// TestRecorderIsStdlibPython38: fixtures/README.md says the recorder
// needs the standard library only and Python 3.8 or later. Python's own
// parser checks the syntax against 3.8's grammar, and every module it
// imports must be one of sys.stdlib_module_names, but for CPython's own
// _testcapi, which the timeouts table needs and the README names (a
// Python built without it records the scenarios and says it left the
// table out).
func TestRecorderIsStdlibPython38(t *testing.T) {
	out, err := waitfor.Command(t, time.Minute, "python3", "-c", `
import ast, sys
t = ast.parse(open(sys.argv[1]).read(), feature_version=(3, 8))
mods = set()
for n in ast.walk(t):
    if isinstance(n, ast.Import):
        mods |= {a.name.split(".")[0] for a in n.names}
    elif isinstance(n, ast.ImportFrom) and n.level == 0:
        mods.add(n.module.split(".")[0])
print(" ".join(sorted(mods - set(sys.stdlib_module_names) - {"_testcapi"})))
`, filepath.Join("..", "..", "fixtures", "record.py")).CombinedOutput()
	if errors.Is(err, exec.ErrNotFound) {
		t.Skip("no python3")
	}
	if err != nil {
		t.Fatalf("fixtures/record.py does not parse as Python 3.8 (or python3 is older than 3.10): %v\n%s", err, out)
	}
	if s := strings.TrimSpace(string(out)); s != "" {
		t.Errorf("fixtures/record.py imports modules outside the standard library: %s", s)
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "`_testcapi`") {
		t.Error("fixtures/README.md does not say that the timeouts table needs CPython's `_testcapi`")
	}
}
