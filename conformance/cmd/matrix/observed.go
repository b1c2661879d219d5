// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/pyselect/pyselect/conformance/support"
)

// A ColumnObservation is one observation, with the column and the spec
// that made it.
type ColumnObservation struct {
	support.Observation
	Column, Spec string
}

// Observed returns every observation of every column, by table, then
// GOOS, then column.
func (m *Matrix) Observed() []ColumnObservation {
	var out []ColumnObservation
	for _, c := range m.Columns {
		for spec, cell := range c.Cells {
			for _, o := range cell.Observed {
				out = append(out, ColumnObservation{o, c.Name, spec})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Table != b.Table {
			return a.Table < b.Table
		}
		if a.GOOS != b.GOOS {
			return a.GOOS < b.GOOS
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Spec < b.Spec
	})
	return out
}

// WriteObserved writes the observations as rows to cite, in Go: for each
// table and OS, the support.Cited row that holds what the kernel
// answered, with an empty source the maintainer fills in with the kernel
// function that decides it (a row cited without a source fails its
// spec). Where the platforms of one OS answered differently, each answer
// is written, commented out, for the maintainer to settle.
func (m *Matrix) WriteObserved(w io.Writer) error {
	b := &strings.Builder{}
	obs := m.Observed()
	if len(obs) == 0 {
		fmt.Fprintln(b, "// No observed, unverified rows in these reports: every row that ran is cited.")
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintln(b, "// Observed, unverified rows: what each kernel answered where its row is unknown.")
	fmt.Fprintln(b, "// Read the kernel function that decides each one, put it in the empty source")
	fmt.Fprintln(b, "// (\"repository path: function\"), and replace the OS's row in the table named above it.")
	for i := 0; i < len(obs); {
		j := i
		values := map[string]bool{}
		var where []string
		for j < len(obs) && obs[j].Table == obs[i].Table && obs[j].GOOS == obs[i].GOOS {
			values[obs[j].Value] = true
			where = append(where, obs[j].Column)
			j++
		}
		o := obs[i]
		fmt.Fprintf(b, "\n// %s, spec %q\n", o.Table, o.Spec)
		if o.Note != "" {
			fmt.Fprintf(b, "// was unknown: %s\n", o.Note)
		}
		if len(values) == 1 {
			fmt.Fprintf(b, "%q: support.Cited[%s](%s, \"\"), // observed on %s\n", o.GOOS, o.Type, o.Value, strings.Join(dedup(where), ", "))
		} else {
			fmt.Fprintf(b, "// the platforms of %s disagree; settle it from the source:\n", o.GOOS)
			for _, x := range obs[i:j] {
				fmt.Fprintf(b, "// %q: support.Cited[%s](%s, \"\"), // observed on %s\n", x.GOOS, x.Type, x.Value, x.Column)
			}
		}
		i = j
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func dedup(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
