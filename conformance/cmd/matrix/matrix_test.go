// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/pyselect/pyselect/conformance/support"
	_ "github.com/pyselect/pyselect/conformance/support/memwatch" // a runaway test is named under .ci/memcap.sh
)

// spec is a spec report of the It "api / when / it" in the given state.
func spec(state types.SpecState, msg string, texts ...string) types.SpecReport {
	return types.SpecReport{
		ContainerHierarchyTexts: texts[:len(texts)-1],
		LeafNodeText:            texts[len(texts)-1],
		LeafNodeType:            types.NodeTypeIt,
		State:                   state,
		Failure:                 types.Failure{Message: msg},
	}
}

func report(platform string, specs ...types.SpecReport) []types.Report {
	return []types.Report{{SuiteDescription: "pyselect conformance (" + platform + ")", SuiteSucceeded: true, SpecReports: specs}}
}

func TestCellsOfEachState(t *testing.T) {
	m := NewMatrix()
	m.Add("linux/amd64", "a.json", report("linux/amd64",
		spec(types.SpecStatePassed, "", "select.epoll", "when x", "passes"),
		spec(types.SpecStateSkipped, "kqueue exists on macOS and the BSDs only\nmore", "select.kqueue", "is skipped"),
		spec(types.SpecStateFailed, "Expected 1 to equal 2", "select.poll", "fails"),
		spec(types.SpecStateTimedout, "timed out", "select.poll", "times out"),
		spec(types.SpecStateSkipped, "", "select.select", "is filtered out"),
		spec(types.SpecStatePending, "", "select.select", "is pending"),
	))
	m.Add("windows/amd64 (Wine)", "b.json", report("windows/amd64",
		spec(types.SpecStatePassed, "", "select.select", "is filtered out"),
	))
	lin, win := m.Columns[0], m.Columns[1]
	for _, tc := range []struct {
		col   *Column
		spec  string
		state State
		why   string
	}{
		{lin, "select.epoll / when x / passes", Passed, ""},
		{lin, "select.kqueue / is skipped", Skipped, "kqueue exists on macOS and the BSDs only"},
		{lin, "select.poll / fails", Failed, "failed: Expected 1 to equal 2"},
		{lin, "select.poll / times out", Failed, "timedout: timed out"},
		{lin, "select.select / is filtered out", NotRun, "filtered out"},
		{lin, "select.select / is pending", Pending, ""},
		{win, "select.select / is filtered out", Passed, ""},
		{win, "select.epoll / when x / passes", NotRun, ""}, // not in Wine's report
	} {
		if c := tc.col.Cell(tc.spec); c.State != tc.state || c.Reason != tc.why {
			t.Errorf("%s %q: got %v %q, want %v %q", tc.col.Name, tc.spec, c.State, c.Reason, tc.state, tc.why)
		}
	}
	if got := m.Tally(win); got[Passed] != 1 || got[NotRun] != 5 {
		t.Errorf("Wine's tally = %v, want 1 passed and 5 not run", got)
	}
	if got := m.Tally(lin); got[Passed] != 1 || got[Failed] != 2 || got[Skipped] != 1 || got[Pending] != 1 || got[NotRun] != 1 {
		t.Errorf("linux's tally = %v", got)
	}
	if !m.Failed() {
		t.Error("Failed() = false with two failed specs")
	}
	never := strings.Join(m.NeverPassed(), "\n")
	if strings.Contains(never, "passes") || !strings.Contains(never, "select.kqueue / is skipped") || strings.Contains(never, "is filtered out") {
		t.Errorf("NeverPassed() = %q", never)
	}
}

// Two reports of one column merge: failed over passed over skipped.
func TestMergeKeepsTheWorst(t *testing.T) {
	m := NewMatrix()
	m.Add("linux/arm64 (qemu)", "1.json", report("linux/arm64",
		spec(types.SpecStatePassed, "", "A", "flaky"),
		spec(types.SpecStateSkipped, "no EPOLLEXCLUSIVE", "A", "skipped then passed"),
		spec(types.SpecStatePassed, "", "A", "passed then skipped"),
	))
	m.Add("linux/arm64 (qemu)", "2.json", report("linux/arm64",
		spec(types.SpecStateFailed, "boom", "A", "flaky"),
		spec(types.SpecStatePassed, "", "A", "skipped then passed"),
		spec(types.SpecStateSkipped, "why", "A", "passed then skipped"),
	))
	if len(m.Columns) != 1 {
		t.Fatalf("%d columns, want 1", len(m.Columns))
	}
	c := m.Columns[0]
	if got := strings.Join(c.Sources, ","); got != "1.json,2.json" {
		t.Errorf("sources %q", got)
	}
	for s, want := range map[string]State{"A / flaky": Failed, "A / skipped then passed": Passed, "A / passed then skipped": Passed} {
		if got := c.Cell(s).State; got != want {
			t.Errorf("%s: %v, want %v", s, got, want)
		}
	}
}

func TestSuiteFailures(t *testing.T) {
	m := NewMatrix()
	r := report("linux/amd64", spec(types.SpecStatePassed, "", "A", "b"))
	r[0].SpecReports = append(r[0].SpecReports, types.SpecReport{LeafNodeType: types.NodeTypeAfterSuite, LeafNodeLocation: types.CodeLocation{FileName: "/home/me/pyselect/conformance/leak_unix_test.go", LineNumber: 38}, State: types.SpecStateFailed, Failure: types.Failure{Message: "2 goroutines leaked"}})
	r[0].SuiteSucceeded = false
	m.Add("linux/amd64", "x.json", r)
	if f := m.Columns[0].SuiteFailures; len(f) != 1 || f[0] != "AfterSuite at leak_unix_test.go:38: 2 goroutines leaked" {
		t.Errorf("SuiteFailures = %q", f)
	}
	if !m.Failed() {
		t.Error("Failed() = false with an AfterSuite failure")
	}

	m = NewMatrix()
	r = report("linux/amd64", spec(types.SpecStatePassed, "", "A", "b"))
	r[0].SuiteSucceeded = false
	r[0].SpecialSuiteFailureReasons = []string{"Interrupted by Timeout"}
	m.Add("linux/amd64", "y.json", r)
	if f := m.Columns[0].SuiteFailures; len(f) != 1 || !strings.Contains(f[0], "Interrupted by Timeout") {
		t.Errorf("SuiteFailures = %q", f)
	}
}

func TestMarkdown(t *testing.T) {
	m := NewMatrix()
	m.Add("linux/amd64", "out/conformance.json", report("linux/amd64",
		spec(types.SpecStatePassed, "", "select.poll", "a | b"),
		spec(types.SpecStateSkipped, "not on Linux", "select.kqueue", "k1"),
		spec(types.SpecStateSkipped, "not on Linux", "select.kqueue", "k2"),
	))
	m.Add("freebsd/amd64 (vm-freebsd-14.4)", "ci/vm-freebsd-14.4/conformance.json", report("freebsd/amd64",
		spec(types.SpecStateFailed, "got EBADF", "select.kqueue", "k1"),
		spec(types.SpecStatePassed, "", "select.kqueue", "k2"),
	))
	m.SortColumns()
	var b strings.Builder
	if err := m.WriteMarkdown(&b, "# T\n\n"); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"| freebsd/amd64 (vm-freebsd-14.4) | 1 | 1 | 0 | 1 | `ci/vm-freebsd-14.4/conformance.json` |",
		"| linux/amd64 | 1 | 0 | 2 | 0 | `out/conformance.json` |",
		"## select.kqueue\n\n| spec | freebsd/amd64 (vm-freebsd-14.4) | linux/amd64 |\n| --- | :-: | :-: |\n",
		"| k1 | **FAIL** (1) | skip (2) |\n| k2 | pass | skip (2) |\n\n1. failed: got EBADF\n2. not on Linux\n",
		"| a \\| b | — | pass |",
		"## Passed on no platform above (1)\n\n- select.kqueue / k1\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestColumnName(t *testing.T) {
	for _, tc := range []struct{ platform, path, rel, want string }{
		{"linux/amd64", "out/conformance.json", "", "linux/amd64"},
		{"linux/s390x", "out/qemu/s390x/conformance.json", "s390x/conformance.json", "linux/s390x (qemu)"},
		{"windows/amd64", "out/wine/report/conformance.json", "report/conformance.json", "windows/amd64 (Wine)"},
		{"linux/arm64", "ci/qemu-linux-arm64/conformance.json", "qemu-linux-arm64/conformance.json", "linux/arm64 (qemu)"},
		{"darwin/arm64", "ci/conformance-macos-15/conformance.json", "conformance-macos-15/conformance.json", "darwin/arm64 (macos-15)"},
		{"linux/amd64", "ci/conformance-linux-amd64/conformance.json", "conformance-linux-amd64/conformance.json", "linux/amd64"},
		{"windows/amd64", "ci/conformance-windows-amd64/conformance.json", "conformance-windows-amd64/conformance.json", "windows/amd64"},
		{"freebsd/amd64", "ci/vm-freebsd-14.4/conformance.json", "vm-freebsd-14.4/conformance.json", "freebsd/amd64 (vm-freebsd-14.4)"},
	} {
		if got := ColumnName(tc.platform, tc.path, tc.rel); got != tc.want {
			t.Errorf("ColumnName(%q, %q, %q) = %q, want %q", tc.platform, tc.path, tc.rel, got, tc.want)
		}
	}
	if p := Platform("pyselect conformance (netbsd/amd64)"); p != "netbsd/amd64" {
		t.Errorf("Platform = %q", p)
	}
	if p := Platform("Some other suite"); p != "" {
		t.Errorf("Platform of another suite = %q", p)
	}
}

// A folder argument finds the suite's reports and passes over other JSON.
func TestAddArgFolder(t *testing.T) {
	dir := support.TempDir(t) // not t.TempDir: it fails under Wine
	write := func(rel string, v any) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("qemu-linux-riscv64/conformance.json", report("linux/riscv64", spec(types.SpecStatePassed, "", "A", "b")))
	write("conformance-macos-14/conformance.json", report("darwin/arm64", spec(types.SpecStateSkipped, "no epoll", "A", "b")))
	write("vm-netbsd-10.1/other.json", []types.Report{{SuiteDescription: "another suite"}})
	write("vm-netbsd-10.1/status.json", map[string]int{"rc": 0})
	m := NewMatrix()
	if err := addArg(m, dir); err != nil {
		t.Fatal(err)
	}
	if err := addArg(m, "mine="+filepath.Join(dir, "qemu-linux-riscv64/conformance.json")); err != nil {
		t.Fatal(err)
	}
	m.SortColumns()
	var names []string
	for _, c := range m.Columns {
		names = append(names, c.Name)
	}
	if got := strings.Join(names, ", "); got != "darwin/arm64 (macos-14), linux/riscv64 (qemu), mine" {
		t.Errorf("columns %q", got)
	}
	if err := addArg(m, filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing path is no error")
	}
}

// TestFirstLineDropsTheCheckout: a reason naming a file under the
// checkout's out/ folder is written relative to the repository.
func TestFirstLineDropsTheCheckout(t *testing.T) {
	got := firstLine("cannot run (fork/exec /home/ci/src/out/qemu/arm/conformance.test: exec format error)\nmore")
	if want := "cannot run (fork/exec out/qemu/arm/conformance.test: exec format error)"; got != want {
		t.Fatalf("firstLine = %q, want %q", got, want)
	}
}

// observedSpec is a passed spec that recorded o, as the suite's
// support.Rows does where its row for the OS is unknown.
func observedSpec(o support.Observation, texts ...string) types.SpecReport {
	s := spec(types.SpecStatePassed, "", texts...)
	s.ReportEntries = types.ReportEntries{{Name: support.ObservedEntry, Value: types.WrapEntryValue(o)}}
	return s
}

func TestObservedRows(t *testing.T) {
	obs := func(goarch, value string) support.Observation {
		return support.Observation{Table: `pollHangup["socketpair, peer closed, POLLIN only"]`, GOOS: "netbsd", GOARCH: goarch,
			Type: "pyselect.Mask", Value: value, Text: "1", Note: "no row for netbsd"}
	}
	// Through JSON, as cmd/matrix reads a report file.
	viaJSON := func(r []types.Report) []types.Report {
		data, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back []types.Report
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		return back
	}
	m := NewMatrix()
	m.Add("netbsd/amd64", "a.json", viaJSON(report("netbsd/amd64", observedSpec(obs("amd64", "pyselect.POLLIN"), "select.poll.poll", "reports", "When a peer closed"))))
	m.Add("netbsd/386", "b.json", viaJSON(report("netbsd/386", observedSpec(obs("386", "pyselect.POLLIN"), "select.poll.poll", "reports", "When a peer closed"))))
	if m.Failed() {
		t.Error("an observation failed the matrix")
	}
	var md strings.Builder
	m.WriteMarkdown(&md, "")
	for _, want := range []string{" pass, observed (1) |", "## Observed, unverified (2)", "| netbsd/386 | `pollHangup[\"socketpair, peer closed, POLLIN only\"]` | `pyselect.POLLIN` |"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("the matrix lacks %q:\n%s", want, md.String())
		}
	}
	var rows strings.Builder
	m.WriteObserved(&rows)
	if want := `"netbsd": support.Cited[pyselect.Mask](pyselect.POLLIN, ""), // observed on netbsd/386, netbsd/amd64`; !strings.Contains(rows.String(), want) {
		t.Errorf("WriteObserved lacks\n%s\nin\n%s", want, rows.String())
	}

	// Two platforms of one OS that disagree are left for the maintainer.
	m.Add("netbsd/386", "c.json", viaJSON(report("netbsd/386", observedSpec(obs("386", "pyselect.POLLIN | pyselect.POLLHUP"), "select.poll.poll", "reports", "When a peer closed"))))
	rows.Reset()
	m.WriteObserved(&rows)
	if !strings.Contains(rows.String(), "disagree") || strings.Contains(rows.String(), "\n\"netbsd\"") {
		t.Errorf("WriteObserved of a disagreement:\n%s", rows.String())
	}
}
