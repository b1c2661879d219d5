// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package main

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/pyselect/pyselect/conformance/support"
	_ "github.com/pyselect/pyselect/conformance/support/memwatch" // a runaway test is named under .ci/memcap.sh
	"github.com/pyselect/pyselect/conformance/support/waitfor"
)

// TestMain runs the command itself when the test binary is re-run by
// TestReport, so that its output and exit status are the command's.
func TestMain(m *testing.M) {
	if os.Getenv("PYSELECT_REPORT_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func it(state types.SpecState, msg string, texts ...string) types.SpecReport {
	return types.SpecReport{
		ContainerHierarchyTexts: texts[:len(texts)-1],
		LeafNodeText:            texts[len(texts)-1],
		LeafNodeType:            types.NodeTypeIt,
		State:                   state,
		Failure:                 types.Failure{Message: msg, Location: types.CodeLocation{FileName: "/x/conformance/poll_test.go", LineNumber: 42}},
	}
}

// run writes specs as a Ginkgo JSON report and runs the command on it.
func run(t *testing.T, succeeded bool, specs ...types.SpecReport) (string, int) {
	t.Helper()
	data, err := json.Marshal([]types.Report{{SuiteDescription: "pyselect conformance (linux/amd64)", SuiteSucceeded: succeeded, SpecReports: specs}})
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(support.TempDir(t), "conformance.json") // not t.TempDir: it fails under Wine
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := waitfor.Command(t, time.Minute, os.Args[0], f)
	cmd.Env = append(os.Environ(), "PYSELECT_REPORT_MAIN=1")
	out, err := cmd.Output()
	var exit *exec.ExitError
	if errors.Is(err, syscall.ENOEXEC) {
		// Under qemu-user without binfmt_misc the kernel cannot exec a
		// foreign binary (as TestReplayFresh in conformance).
		t.Skip("this test binary cannot run itself as a child here (" + err.Error() + "; qemu-user without binfmt_misc): it runs where the binary is native")
	}
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return string(out), cmd.ProcessState.ExitCode()
}

// TestReport checks what the README and conformance/README.md say the
// report prints: per API the specs passed, failed and skipped; every
// failure with its place and message; every skip with its reason; a last
// line "N passed, N failed, N skipped"; exit status 1 if a spec failed.
func TestReport(t *testing.T) {
	out, code := run(t, true, // exits 1 on the failed spec even where the suite says it succeeded
		it(types.SpecStatePassed, "", "select.poll", "registers"),
		it(types.SpecStatePassed, "", "select.poll", "unregisters"),
		it(types.SpecStateFailed, "Expected 1 to equal 2", "select.poll", "when closed", "fails"),
		it(types.SpecStateSkipped, "kqueue exists on macOS and the BSDs only", "select.kqueue", "controls"),
	)
	for _, want := range []string{
		"select.kqueue                                      0       0       1",
		"select.poll                                        2       1       0",
		"total                                              2       1       1",
		"select.kqueue / controls\n      kqueue exists on macOS and the BSDs only",
		"select.poll / when closed / fails\n      Expected 1 to equal 2\n      /x/conformance/poll_test.go:42",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	if lines := strings.Split(strings.TrimSpace(out), "\n"); lines[len(lines)-1] != "2 passed, 1 failed, 1 skipped" {
		t.Errorf("last line %q; want %q", lines[len(lines)-1], "2 passed, 1 failed, 1 skipped")
	}
	if code != 1 {
		t.Errorf("exit status %d with a failed spec; want 1", code)
	}

	observed := it(types.SpecStatePassed, "", "select.poll", "reports")
	observed.ReportEntries = types.ReportEntries{{Name: support.ObservedEntry, Value: types.WrapEntryValue(support.Observation{Table: "pollHangup", GOOS: "netbsd", GOARCH: "amd64", Value: "pyselect.POLLIN", Text: "1"})}}
	out, code = run(t, true, it(types.SpecStatePassed, "", "select.poll", "registers"), it(types.SpecStateSkipped, "", "select.epoll", "polls"), observed)
	if code != 0 {
		t.Errorf("exit status %d with no failure; want 0:\n%s", code, out)
	}
	if !strings.Contains(out, "select.poll / reports\n      pollHangup on netbsd/amd64: pyselect.POLLIN (1)") {
		t.Errorf("an observation is not in the report:\n%s", out)
	}
	if !strings.Contains(out, "select.epoll / polls\n      filtered out (label or focus)") || !strings.HasSuffix(out, "2 passed, 0 failed, 1 skipped\n") {
		t.Errorf("a skip without a reason, or the last line:\n%s", out)
	}
}
