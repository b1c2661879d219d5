// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package conformance_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/pyselect/pyselect/conformance/differential"
)

// The differential specs: every scenario in fixtures/scenarios, recorded
// with CPython's select module by fixtures/record.py, is replayed against
// pyselect and compared step by step (fixtures/README.md).
// One spec per scenario, named by the scenario, under the API the scenario
// is about; its doc, which says what CPython does, is in the spec's report.
// A scenario with no recording for this OS (kqueue on Linux, epoll on the
// BSDs, or an OS nobody has recorded on yet) is skipped as "not recorded on
// this OS", never passed.
var (
	fixtures                 = filepath.Join("..", "fixtures")
	scenarios, scenariosErr  = differential.LoadScenarios(filepath.Join(fixtures, "scenarios"))
	divergences, divergesErr = differential.LoadDivergences(filepath.Join(fixtures, "divergences.json"))
	recordingDirs            = differential.RecordingDirs(filepath.Join(fixtures, "cpython"), runtime.GOOS)
)

var _ = describe("fixtures/divergences.json", "", Label("differential"), func() {
	// Source: fixtures/divergences.json is the one place a difference from
	// CPython may be declared; an entry must point at a real step.
	It("declares divergences only for steps that exist", func() {
		Expect(scenariosErr).NotTo(HaveOccurred())
		Expect(divergesErr).NotTo(HaveOccurred())
		steps := map[string]int{}
		for _, sc := range scenarios {
			steps[sc.Name] = len(sc.Steps)
		}
		for _, d := range divergences {
			Expect(steps).To(HaveKey(d.Scenario), "divergence for an unknown scenario")
			Expect(d.Step).To(BeNumerically("<=", steps[d.Scenario]), "divergence for step %d of %s", d.Step, d.Scenario)
		}
	})
})

func init() {
	for _, api := range []string{"select", "poll", "epoll", "kqueue", "selectors", "socket"} {
		name := "select." + api
		if api == "selectors" || api == "socket" {
			name = api // a module of its own
		}
		describe(name, "replaying CPython's recordings", Label("differential", "api:"+api), func() {
			for _, sc := range scenarios {
				if len(sc.API) == 0 || sc.API[0] != api {
					continue
				}
				labels := []any{Label("os:" + runtime.GOOS)}
				for _, a := range sc.API[1:] {
					labels = append(labels, Label("api:"+a))
				}
				// Source: each scenario's "source" field (a CPython test, a
				// man page, a Python doc page or a SEMANTICS.md anchor), a
				// report entry beside the spec, as its doc, the claim.
				It(sc.Name, append(labels, func(ctx SpecContext) {
					AddReportEntry("CPython", sc.Doc)
					AddReportEntry("Source", sc.Source)
					replayed := 0
					for _, dir := range recordingDirs {
						path := filepath.Join(dir, sc.Name+".json")
						if _, err := os.Stat(path); err != nil {
							continue
						}
						if why, ok := emulatorDecides[sc.Name]; ok && emulated() {
							Skip("under qemu-user the emulator's system call layer answers, not the kernel that recorded this: " + why)
						}
						rec, err := differential.LoadRecording(path)
						Expect(err).NotTo(HaveOccurred())
						got, err := replay(ctx, sc)
						if ne := (*differential.NarrowIntError)(nil); errors.As(err, &ne) {
							Skip(fmt.Sprintf("not replayable on %s/%s: %v (Python's int has no width; 64-bit platforms replay it)", runtime.GOOS, runtime.GOARCH, ne))
						}
						Expect(err).NotTo(HaveOccurred(), "replaying %s", sc.Name)
						if ms := differential.Compare(sc, rec, got, divergences); len(ms) > 0 {
							Fail(sc.Doc + "\n\n" + differential.Report(sc, rec, ms))
						}
						replayed++
					}
					if replayed == 0 && slices.Contains(sc.API, "kqueue") && !kqueueOS[runtime.GOOS] {
						Skip("not recorded on this OS: kqueue exists on macOS and the BSDs only (record with make fixtures there, e.g. make vagrant-freebsd-fixtures)")
					}
					if replayed == 0 && slices.Contains(sc.API, "devpoll") && runtime.GOOS != "illumos" && runtime.GOOS != "solaris" {
						Skip("not recorded on this OS: /dev/poll exists on Solaris and illumos only")
					}
					if replayed == 0 {
						Skip(fmt.Sprintf("not recorded on this OS: no fixtures/cpython/%s-*/%s.json (run make fixtures on %s with python3)",
							runtime.GOOS, sc.Name, runtime.GOOS))
					}
				}, SpecTimeout(30*time.Second))...)
			}
		})
	}
}

// kqueueOS lists the systems where Python has select.kqueue.
var kqueueOS = map[string]bool{"darwin": true, "dragonfly": true, "freebsd": true, "netbsd": true, "openbsd": true}

// emulatorDecides lists the scenarios whose recorded outcome is the host
// kernel's own order of checks, which an emulator's system call layer
// does not keep, with the reason.
var emulatorDecides = map[string]string{
	"epoll_maxevents_above_ep_max_events_bad_fd": "qemu's epoll_pwait refuses maxevents above its EP_MAX_EVENTS (EINVAL) before the kernel sees the fd, where Linux 6.18 checks the fd first (EBADF)",
}

// emulated reports whether this test binary runs under an emulator such
// as qemu-user: .ci/runtests.sh says so in PYSELECT_EMULATOR (make qemu);
// run by hand, a binary the kernel cannot exec (ENOEXEC, as replayFresh
// finds too) is emulated. linux/386 on an amd64 host needs the variable:
// its kernel runs the binary natively too.
var emulated = sync.OnceValue(func() bool {
	if os.Getenv("PYSELECT_EMULATOR") != "" {
		return true
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := exec.CommandContext(ctx, os.Args[0], "-test.run=^$").Run()
	return errors.Is(err, syscall.ENOEXEC)
})

// replay runs a scenario, giving up when the spec's context ends (a wait
// that never returns is a failure, not a hung suite).
func replay(ctx SpecContext, sc *differential.Scenario) ([]differential.Outcome, error) {
	if sc.Process == "fresh" {
		return replayFresh(ctx, sc)
	}
	return differential.ReplayContext(ctx, sc)
}

// freshEnv names the scenario TestReplayFresh replays in a child process.
const freshEnv = "PYSELECT_REPLAY_FRESH"

// replayFresh replays sc in a new process of this test binary
// (TestReplayFresh), as the recorder records it in a new Python process:
// the fd table then holds only what the scenario opens.
func replayFresh(ctx SpecContext, sc *differential.Scenario) ([]differential.Outcome, error) {
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestReplayFresh$", "-test.count=1")
	cmd.Env = append(os.Environ(), freshEnv+"="+filepath.Join("..", "fixtures", "scenarios", sc.Name+".json"))
	out, err := cmd.Output()
	if errors.Is(err, syscall.ENOEXEC) {
		Skip("this test binary cannot run itself as a child here (" + err.Error() + "; qemu-user without binfmt_misc): a fresh-process scenario runs where the binary is native")
	}
	if err != nil {
		return nil, fmt.Errorf("replay of %s in a child process: %w\n%s", sc.Name, err, out)
	}
	_, line, ok := bytes.Cut(out, []byte(freshMarker))
	if !ok {
		return nil, fmt.Errorf("replay of %s in a child process printed no outcomes:\n%s", sc.Name, out)
	}
	line, _, _ = bytes.Cut(line, []byte("\n"))
	var outs []differential.Outcome // decoded as the recordings are
	return outs, json.Unmarshal(line, &outs)
}

const freshMarker = "pyselect-fresh-outcomes: "

// TestReplayFresh is replayFresh's child: it replays the scenario named by
// $PYSELECT_REPLAY_FRESH and prints its outcomes as JSON.
func TestReplayFresh(t *testing.T) {
	path := os.Getenv(freshEnv)
	if path == "" {
		t.Skip("the child of a fresh-process scenario's replay; run by the differential specs")
	}
	sc, err := differential.LoadScenario(path)
	if err != nil {
		t.Fatal(err)
	}
	outs, err := differential.Replay(sc)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(outs)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("%s%s\n", freshMarker, data)
}
