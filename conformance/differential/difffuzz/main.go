// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !solaris

// Difffuzz generates random valid-and-invalid step sequences, records them
// with CPython (fixtures/record.py), replays them against pyselect, and
// shrinks every failing one to a minimal scenario that can be saved as a
// fixture. Run it from the repository root:
//
//	make difffuzz N=10000
//	go run ./conformance/differential/difffuzz -n 10000 -seed 1 -out out/difffuzz
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/pyselect/pyselect/conformance/differential"
)

func main() {
	n := flag.Int("n", 1000, "number of random scenarios")
	seed := flag.Uint64("seed", uint64(time.Now().UnixNano()), "random seed (printed, to reproduce a run)")
	out := flag.String("out", "out/difffuzz", "directory for the shrunk failing scenarios")
	python := flag.String("python", "python3", "the CPython to record with")
	maxShrink := flag.Int("shrink", 5, "shrink at most this many failures")
	keep := flag.Bool("keep", false, "keep the generated scenarios and their recordings (the path is printed)")
	flag.Parse()
	if err := run(*n, *seed, *out, *python, *maxShrink, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "difffuzz:", err)
		os.Exit(2)
	}
}

func apis() []string {
	if runtime.GOOS == "linux" {
		return []string{"select", "poll", "epoll", "selectors", "socket"}
	}
	return []string{"select", "poll", "selectors", "socket"}
}

type fuzzer struct {
	python string
	tmp    string
	rounds int
}

func run(n int, seed uint64, out, python string, maxShrink int, keep bool) error {
	start := time.Now()
	tmp, err := os.MkdirTemp("", "difffuzz-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Printf("keeping the generated scenarios and recordings in %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	f := &fuzzer{python: python, tmp: tmp}
	fmt.Printf("difffuzz: %d scenarios, seed %d, apis %v\n", n, seed, apis())

	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var batch []*differential.Scenario
	for i := range n {
		batch = append(batch, differential.Generate(rng, fmt.Sprintf("fuzz_%06d", i+1), apis()))
	}
	recs, err := f.record(batch)
	if err != nil {
		return err
	}
	recorded := time.Now()
	fmt.Printf("recorded %d of %d with CPython in %s\n", len(recs), n, recorded.Sub(start).Round(time.Millisecond))

	var failing []*differential.Scenario
	for _, sc := range batch {
		rec := recs[sc.Name]
		if rec == nil {
			fmt.Printf("%s: CPython did not record it (generator bug)\n", sc.Name)
			failing = append(failing, sc)
			continue
		}
		if rep := f.check(sc, rec); rep != "" {
			failing = append(failing, sc)
			fmt.Printf("mismatch: %s\n", firstStep(rep))
		}
	}
	fmt.Printf("replayed %d against pyselect in %s: %d mismatching\n", len(recs), time.Since(recorded).Round(time.Millisecond), len(failing))

	for i, sc := range failing {
		if i == maxShrink {
			fmt.Printf("(%d more failures not shrunk)\n", len(failing)-i)
			break
		}
		small := f.shrink(sc)
		small.Name = fmt.Sprintf("difffuzz_%d_%s", seed, sc.Name)
		small.Doc = "shrunk by make difffuzz (seed " + fmt.Sprint(seed) + "): say what it shows, then save it as a fixture"
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
		path := filepath.Join(out, small.Name+".json")
		if err := os.WriteFile(path, differential.Format(small), 0o644); err != nil {
			return err
		}
		rep := "(CPython did not record it)"
		if recs, err := f.record([]*differential.Scenario{small}); err == nil && recs[small.Name] != nil {
			rep = f.check(small, recs[small.Name])
		}
		fmt.Printf("\nminimal failing scenario (%d steps, from %d) saved as %s:\n%s\n%s", len(small.Steps), len(sc.Steps), path, differential.Format(small), rep)
	}
	fmt.Printf("\ndifffuzz: %d scenarios, %d mismatching, %d CPython recording runs, %s in all\n", n, len(failing), f.rounds, time.Since(start).Round(time.Millisecond))
	if len(failing) > 0 {
		return fmt.Errorf("%d scenario(s) differ from CPython", len(failing))
	}
	return nil
}

// record writes the scenarios to a fresh directory, records them all with
// one CPython process, and loads the recordings (a scenario CPython could
// not run has none). Each scenario is re-read from its file, so that its
// digest matches the recording's.
func (f *fuzzer) record(scs []*differential.Scenario) (map[string]*differential.Recording, error) {
	f.rounds++
	dir := filepath.Join(f.tmp, fmt.Sprintf("round%d", f.rounds))
	scDir, recDir := filepath.Join(dir, "scenarios"), filepath.Join(dir, "recordings")
	for _, d := range []string{scDir, recDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	for i, sc := range scs {
		path := filepath.Join(scDir, sc.Name+".json")
		if err := os.WriteFile(path, differential.Format(sc), 0o644); err != nil {
			return nil, err
		}
		loaded, err := differential.LoadScenario(path)
		if err != nil {
			return nil, err
		}
		scs[i].Digest = loaded.Digest
		scs[i].Steps = loaded.Steps
	}
	// No generated step waits long, so a recording that takes far longer
	// than usual is a hang (an endless wait CPython accepted).
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute+time.Duration(len(scs))*100*time.Millisecond)
	defer cancel()
	cmd := exec.CommandContext(ctx, f.python, filepath.Join("fixtures", "record.py"), "--keep-going", "--out", recDir, scDir)
	cmd.Stdout, cmd.Stderr = nil, nil
	if outb, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("record.py: %v\n%s", err, outb)
	}
	recs := map[string]*differential.Recording{}
	for _, sc := range scs {
		rec, err := differential.LoadRecording(filepath.Join(recDir, sc.Name+".json"))
		if err == nil {
			recs[sc.Name] = rec
		}
	}
	return recs, nil
}

// check replays sc and returns the mismatch report, or "" if pyselect did
// what CPython did.
func (f *fuzzer) check(sc *differential.Scenario, rec *differential.Recording) string {
	got, err := replay(sc)
	if err != nil {
		return fmt.Sprintf("%s: the replayer cannot run it: %v\n", sc.Name, err)
	}
	if ms := differential.Compare(sc, rec, got, nil); len(ms) > 0 {
		return differential.Report(sc, rec, ms)
	}
	return ""
}

// errHang is the cause of a replay that did not return: no generated
// step waits long, so pyselect waited where CPython did not.
var errHang = errors.New("it waited 30 s, where CPython returned at once")

// replay is differential.Replay, given up after 30 s.
func replay(sc *differential.Scenario) ([]differential.Outcome, error) {
	ctx, cancel := context.WithTimeoutCause(context.Background(), 30*time.Second, errHang)
	defer cancel()
	return differential.ReplayContext(ctx, sc)
}

// firstStep is the report's first differing step, one line.
func firstStep(rep string) string {
	lines := strings.Split(rep, "\n")
	out := strings.TrimSuffix(strings.SplitN(lines[0], " (", 2)[0], ":")
	for i, l := range lines {
		if strings.HasPrefix(l, "step ") && i+2 < len(lines) {
			return out + ": " + l + " | " + strings.TrimSpace(lines[i+1]) + " | " + strings.TrimSpace(lines[i+2])
		}
	}
	return out + ": " + strings.Join(lines[1:], " ")
}

// shrink removes steps one at a time while the scenario still fails (a
// candidate CPython or the replayer cannot run, because it lost a step
// that made a resource, does not count), until no single step can go.
func (f *fuzzer) shrink(sc *differential.Scenario) *differential.Scenario {
	cur := sc
	for {
		var cands []*differential.Scenario
		for i := range cur.Steps {
			c := *cur
			c.Name = fmt.Sprintf("%s_%d", sc.Name, i)
			c.Steps = append(append([]differential.Step{}, cur.Steps[:i]...), cur.Steps[i+1:]...)
			cands = append(cands, &c)
		}
		recs, err := f.record(cands)
		if err != nil {
			return cur
		}
		next := (*differential.Scenario)(nil)
		for _, c := range cands {
			rec := recs[c.Name]
			if rec == nil {
				continue
			}
			got, err := replay(c)
			if errors.Is(err, errHang) || err == nil && len(differential.Compare(c, rec, got, nil)) > 0 {
				next = c
				break
			}
		}
		if next == nil {
			return cur
		}
		cur = next
	}
}
