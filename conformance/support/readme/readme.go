// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Package readme reads the README's porting tables, for the tests that run
// each row: one reader for every package's table.
package readme

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// Table is the porting table between "<!-- section: NAME -->" and
// "<!-- /section: NAME -->" in the README at path: Python form -> Go
// form, each cell with its backquotes trimmed and "\|" read as "|". A row
// is a line that starts "| `" or "| (no Python form". The test is skipped
// when the README cannot be read (a test binary run away from the
// repository).
func Table(t testing.TB, path, section string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("README.md not found from the package directory (%v): run with go test", err)
	}
	defer f.Close()
	rows := map[string]string{}
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "<!-- section: "+section+" "), line == "<!-- section: "+section+" -->":
			in = true
		case strings.HasPrefix(line, "<!-- /section: "+section):
			in = false
		case in && (strings.HasPrefix(line, "| `") || strings.HasPrefix(line, "| (no Python form")):
			cells := strings.Split(strings.ReplaceAll(line, `\|`, "\x00"), "|")
			cell := func(i int) string {
				return strings.ReplaceAll(strings.Trim(strings.TrimSpace(cells[i]), "`"), "\x00", "|")
			}
			rows[cell(1)] = cell(2)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// Check reports every difference between the README's rows and the rows a
// test runs (Python form -> Go form): a tested row the README lacks or
// writes otherwise, and a README row no test runs, unless elsewhere says
// it is run on another OS.
func Check(t testing.TB, readme, tested map[string]string, elsewhere func(python string) bool) {
	t.Helper()
	for py, goForm := range tested {
		if got, ok := readme[py]; !ok {
			t.Errorf("tested row %q is not in the README's porting table", py)
		} else if got != goForm {
			t.Errorf("row %q: the README says %q, the test runs %q", py, got, goForm)
		}
	}
	for py := range readme {
		if _, ok := tested[py]; !ok && (elsewhere == nil || !elsewhere(py)) {
			t.Errorf("README row %q has no test", py)
		}
	}
}
