// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/pyselect/pyselect/conformance/support"
)

// A State is what one platform's run did with one spec.
type State int

// The states of a cell, in the order in which two reports of the same
// spec on the same platform are merged: the higher wins, so a failure
// anywhere shows, and a pass beats a skip.
const (
	NotRun  State = iota // absent from the report, or filtered out by a label or focus
	Skipped              // skipped with a reason (Skip("...") in the spec)
	Pending              // marked pending in the source
	Passed
	Failed // failed, panicked, timed out or was interrupted
)

// A Cell is one spec on one platform.
type Cell struct {
	State  State
	Reason string // why it was skipped, or the failure message
	// Observed is what the kernel answered where the spec's row for this
	// OS is unknown (support.Rows): recorded, not asserted.
	Observed []support.Observation
}

// A Column is one platform's run: its name (GOOS/GOARCH and how it ran),
// the report files it came from, and its specs by name.
type Column struct {
	Name    string
	Sources []string
	Cells   map[string]Cell
	// SuiteFailures are failures outside any spec (BeforeSuite,
	// AfterSuite, a failed suite with no failed spec).
	SuiteFailures []string
}

// A Matrix is behaviour x platform: every spec that any report lists,
// grouped by API (the outermost Describe), against every column.
type Matrix struct {
	Columns []*Column
	apis    map[string]string // spec name -> its API
}

// NewMatrix returns an empty matrix.
func NewMatrix() *Matrix { return &Matrix{apis: map[string]string{}} }

// SpecName is the spec's full text, containers and leaf joined by " / ",
// as the report command prints it: the row of the matrix.
func SpecName(s types.SpecReport) string {
	return strings.Join(append(append([]string{}, s.ContainerHierarchyTexts...), s.LeafNodeText), " / ")
}

// Add merges the Ginkgo reports of one run into the column named name
// (made if new). A spec reported twice for the same column keeps the
// higher State (Failed over Passed over Skipped), with its reason.
func (m *Matrix) Add(name, source string, reports []types.Report) {
	col := m.column(name)
	col.Sources = append(col.Sources, source)
	for _, r := range reports {
		specFailed := false
		for _, s := range r.SpecReports {
			if s.LeafNodeType != types.NodeTypeIt {
				if s.State.Is(types.SpecStateFailureStates) {
					where := fmt.Sprintf("%s:%d", path.Base(filepath.ToSlash(s.LeafNodeLocation.FileName)), s.LeafNodeLocation.LineNumber)
					col.SuiteFailures = append(col.SuiteFailures, fmt.Sprintf("%s at %s: %s", s.LeafNodeType, where, firstLine(s.Failure.Message)))
				}
				continue
			}
			name := SpecName(s)
			api := "(top level)"
			if len(s.ContainerHierarchyTexts) > 0 {
				api = s.ContainerHierarchyTexts[0]
			}
			m.apis[name] = api
			c := cellOf(s)
			specFailed = specFailed || c.State == Failed
			old, ok := col.Cells[name]
			if !ok || c.State > old.State {
				c.Observed = append(old.Observed, c.Observed...)
				col.Cells[name] = c
			} else {
				old.Observed = append(old.Observed, c.Observed...)
				col.Cells[name] = old
			}
		}
		if !r.SuiteSucceeded && !specFailed && len(col.SuiteFailures) == 0 {
			col.SuiteFailures = append(col.SuiteFailures, "the suite failed: "+strings.Join(r.SpecialSuiteFailureReasons, "; "))
		}
	}
}

func (m *Matrix) column(name string) *Column {
	for _, c := range m.Columns {
		if c.Name == name {
			return c
		}
	}
	c := &Column{Name: name, Cells: map[string]Cell{}}
	m.Columns = append(m.Columns, c)
	return c
}

// cellOf classifies one spec report, with its observations. A skip
// without a message is a spec that a label filter or focus left out: not
// run, not skipped.
func cellOf(s types.SpecReport) Cell {
	c := classify(s)
	c.Observed = observations(s)
	return c
}

func classify(s types.SpecReport) Cell {
	switch {
	case s.State == types.SpecStatePassed:
		return Cell{State: Passed}
	case s.State == types.SpecStatePending:
		return Cell{State: Pending}
	case s.State == types.SpecStateSkipped && s.Failure.Message == "":
		return Cell{State: NotRun, Reason: "filtered out"}
	case s.State == types.SpecStateSkipped:
		return Cell{State: Skipped, Reason: firstLine(s.Failure.Message)}
	case s.State.Is(types.SpecStateFailureStates):
		return Cell{State: Failed, Reason: s.State.String() + ": " + firstLine(s.Failure.Message)}
	}
	return Cell{State: NotRun}
}

// observations are the spec's report entries named
// support.ObservedEntry, decoded.
func observations(s types.SpecReport) []support.Observation {
	var out []support.Observation
	for _, e := range s.ReportEntries {
		var o support.Observation
		if e.Name == support.ObservedEntry && json.Unmarshal([]byte(e.Value.AsJSON), &o) == nil {
			out = append(out, o)
		}
	}
	return out
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return checkoutPath.ReplaceAllString(s, "out/")
}

// checkoutPath is the absolute path of the checkout a report was made in,
// up to its out/ folder (a test binary's path in a skip reason): the
// matrix names it relative to the repository, as on any machine.
var checkoutPath = regexp.MustCompile(`(?:/[^\s/:()]+)+/out/`)

// Cell returns spec's cell in column c: NotRun if the column never
// reported it.
func (c *Column) Cell(spec string) Cell { return c.Cells[spec] }

// Tally counts column c's cells over every spec of the matrix.
func (m *Matrix) Tally(c *Column) map[State]int {
	t := map[State]int{}
	for spec := range m.apis {
		t[c.Cell(spec).State]++
	}
	return t
}

// Specs returns every spec, sorted by API and then by name.
func (m *Matrix) Specs() []string {
	specs := make([]string, 0, len(m.apis))
	for s := range m.apis {
		specs = append(specs, s)
	}
	sort.Slice(specs, func(i, j int) bool {
		if a, b := m.apis[specs[i]], m.apis[specs[j]]; a != b {
			return a < b
		}
		return specs[i] < specs[j]
	})
	return specs
}

// NeverPassed returns the specs that passed on no column.
func (m *Matrix) NeverPassed() []string {
	var out []string
	for _, s := range m.Specs() {
		passed := false
		for _, c := range m.Columns {
			passed = passed || c.Cell(s).State == Passed
		}
		if !passed {
			out = append(out, s)
		}
	}
	return out
}

// SortColumns orders the columns by name: GOOS/GOARCH, then how it ran.
func (m *Matrix) SortColumns() {
	sort.SliceStable(m.Columns, func(i, j int) bool { return m.Columns[i].Name < m.Columns[j].Name })
}

// Failed reports whether any column has a failed spec or a suite failure.
func (m *Matrix) Failed() bool {
	for _, c := range m.Columns {
		if len(c.SuiteFailures) > 0 || m.Tally(c)[Failed] > 0 {
			return true
		}
	}
	return false
}

// WriteMarkdown writes the matrix as Markdown: a legend, one summary line
// per column, the specs that passed nowhere, then one table per API with
// a row per spec. Skip reasons and failure messages are numbered notes
// under each table, so the cells stay narrow.
func (m *Matrix) WriteMarkdown(w io.Writer, header string) error {
	b := &strings.Builder{}
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	p("%s", header)
	p("Legend: **pass**; **FAIL** (n): failed, message in note n; skip (n): skipped, reason in note n; pass, observed (n): passed, and recorded what the kernel answered where this OS's expected value is not yet cited (observed, unverified: in note n and below); — : not run (the spec is not built for that OS, was filtered out, or the run stopped first).\n\n")
	p("| platform | passed | failed | skipped | not run | reports |\n| --- | ---: | ---: | ---: | ---: | --- |\n")
	for _, c := range m.Columns {
		t := m.Tally(c)
		p("| %s | %d | %d | %d | %d | %s |\n", c.Name, t[Passed], t[Failed], t[Skipped]+t[Pending], t[NotRun], "`"+strings.Join(c.Sources, "`, `")+"`")
	}
	for _, c := range m.Columns {
		for _, f := range c.SuiteFailures {
			p("\n**%s**: %s\n", c.Name, escape(f))
		}
	}
	if obs := m.Observed(); len(obs) > 0 {
		p("\n## Observed, unverified (%d)\n\nWhat the kernel answered where a spec's row for that OS is unknown: recorded, not asserted. `make observed` prints them as rows to cite ([PLATFORMS.md](PLATFORMS.md#observed-rows)).\n\n| platform | table | observed | spec |\n| --- | --- | --- | --- |\n", len(obs))
		for _, o := range obs {
			p("| %s | `%s` | `%s` | %s |\n", o.Column, escape(o.Table), escape(o.Value), escape(o.Spec))
		}
	}
	if never := m.NeverPassed(); len(never) > 0 {
		p("\n## Passed on no platform above (%d)\n\n", len(never))
		for _, s := range never {
			p("- %s\n", escape(s))
		}
	}
	specs := m.Specs()
	for i := 0; i < len(specs); {
		api := m.apis[specs[i]]
		j := i
		for j < len(specs) && m.apis[specs[j]] == api {
			j++
		}
		p("\n## %s\n\n| spec |", escape(api))
		for _, c := range m.Columns {
			p(" %s |", c.Name)
		}
		p("\n| --- |%s\n", strings.Repeat(" :-: |", len(m.Columns)))
		notes := []string{}
		noteOf := map[string]int{}
		note := func(text string) int {
			if n, ok := noteOf[text]; ok {
				return n
			}
			notes = append(notes, text)
			noteOf[text] = len(notes)
			return len(notes)
		}
		for _, s := range specs[i:j] {
			p("| %s |", escape(strings.TrimPrefix(s, api+" / ")))
			for _, c := range m.Columns {
				cell := c.Cell(s)
				switch cell.State {
				case Passed:
					if len(cell.Observed) > 0 {
						p(" pass, observed (%d) |", note(observedNote(cell.Observed)))
					} else {
						p(" pass |")
					}
				case Failed:
					p(" **FAIL** (%d) |", note(cell.Reason))
				case Skipped:
					p(" skip (%d) |", note(cell.Reason))
				case Pending:
					p(" pending |")
				default:
					p(" — |")
				}
			}
			p("\n")
		}
		if len(notes) > 0 {
			p("\n")
			for n, text := range notes {
				p("%d. %s\n", n+1, escape(text))
			}
		}
		i = j
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// observedNote is a cell's observations as one note.
func observedNote(obs []support.Observation) string {
	var parts []string
	for _, o := range obs {
		parts = append(parts, fmt.Sprintf("%s: %s = %s (%s)", support.ObservedEntry, o.Table, o.Value, o.Text))
	}
	return strings.Join(parts, "; ")
}

// escape keeps text on one table line: pipes escaped, newlines as spaces.
func escape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", "").Replace(s)
}
