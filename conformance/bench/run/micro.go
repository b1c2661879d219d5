// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux

package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Micro is the micro-benchmark part of the report.
type Micro struct {
	Command   string    // one run, as the harness ran it
	Rows      []Row     // one per benchmark and implementation, in run order
	Benchstat string    // `go tool benchstat -col /impl` over all runs
	Profiles  []Profile // of the pyselect calls that missed a target
}

// A Row is the medians of one benchmark for one implementation.
type Row struct {
	Group, Impl         string // "EpollPoll/ready=10", "Wait"
	NsOp, BOp, AllocsOp float64
	Runs                int
	RawNs               float64 // the raw twin's median, 0 for the raw row
	MinNs, RawMinNs     float64 // the fastest run of each
	// Paired is the median over runs of ns/op over the raw twin's ns/op
	// in the same run: the twins run next to each other, so the ratio
	// cancels the drift of a shared machine that medians taken apart keep.
	Paired float64
	// PollAllocs is, for EpollSelector.Select, the allocs/op of the
	// Epoll.Poll it calls (the Poll row of the same group).
	PollAllocs float64
}

// Ratio is the ratio the targets judge: the paired ratio.
func (r Row) Ratio() float64 { return r.Paired }

// MedianRatio is the ratio of the medians, as benchstat shows it.
func (r Row) MedianRatio() float64 {
	if r.RawNs == 0 {
		return 0
	}
	return r.NsOp / r.RawNs
}

// A Profile is the top of a CPU profile and the command that made it.
type Profile struct {
	Title, Command, Top string
}

// The targets of the micro-benchmarks (BENCHMARKS.md states them).
const (
	maxRatio        = 1.05
	maxResultAllocs = 1 // Python-shaped calls: the result and nothing else
)

// testBinary is the test binary a benchmark group is in: sys/selectors'
// for the selectors, sys/pyselect's for the rest.
func testBinary(group string) string {
	if isSelectorRow(group) {
		return bin("selectors.test")
	}
	return bin("pyselect.test")
}

// isSelectorRow reports a selectors benchmark: a layer above the select
// module, compared with Epoll.Poll and raw for information and judged by
// its allocations alone.
func isSelectorRow(group string) bool { return strings.HasPrefix(group, "EpollSelector") }

func micro() Micro {
	txt := filepath.Join(*outDir, "micro.txt")
	args := []string{"-c", strconv.Itoa(*loadCPU), bin("pyselect.test"), "-test.run", "^$", "-test.bench", ".",
		"-test.benchmem", "-test.benchtime", *benchtime, "-test.count", "1"}
	selArgs := slices.Clone(args)
	selArgs[2], selArgs[6] = bin("selectors.test"), "EpollSelector"
	m := Micro{Command: "taskset " + strings.Join(args, " ") + "\ntaskset " + strings.Join(selArgs, " ")}
	if !*skipMicro {
		// Separate processes, one after another, rather than -count: each
		// run then interleaves raw and pyselect in time, so drift on a
		// shared machine touches both alike.
		f, err := os.Create(txt)
		must(err)
		for i := range *count {
			logf("micro-benchmarks, run %d of %d", i+1, *count)
			for _, a := range [][]string{args, selArgs} {
				out, err := output("taskset", a...)
				if err != nil {
					fatalf("micro-benchmarks: %v\n%s", err, out)
				}
				fmt.Fprintln(f, out)
			}
		}
		must(f.Close())
	}
	m.Rows = parseBench(txt)
	bs, err := output("go", "tool", "benchstat", "-col", "/impl", txt)
	if err != nil {
		logf("benchstat: %v", err)
	}
	m.Benchstat = bs
	m.Profiles = microProfiles(m.Rows)
	return m
}

var benchLine = regexp.MustCompile(`^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

// parseBench reads `go test -bench` output into the median of each
// benchmark per implementation, with each row's raw twin.
func parseBench(path string) []Row {
	f, err := os.Open(path)
	must(err)
	defer f.Close()
	type key struct{ group, impl string }
	var order []key
	samples := map[key]map[string][]float64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		mm := benchLine.FindStringSubmatch(sc.Text())
		if mm == nil {
			continue
		}
		group, impl, _ := strings.Cut(mm[1], "/impl=")
		k := key{group, impl}
		if samples[k] == nil {
			samples[k] = map[string][]float64{}
			order = append(order, k)
		}
		f := strings.Fields(mm[2])
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err == nil {
				samples[k][f[i+1]] = append(samples[k][f[i+1]], v)
			}
		}
	}
	var rows []Row
	for _, k := range order {
		s := samples[k]
		r := Row{Group: k.group, Impl: k.impl, NsOp: median(s["ns/op"]), BOp: median(s["B/op"]),
			AllocsOp: median(s["allocs/op"]), Runs: len(s["ns/op"]), MinNs: slices.Min(s["ns/op"])}
		if raw := samples[key{k.group, "raw"}]["ns/op"]; k.impl != "raw" && len(raw) > 0 {
			r.RawNs, r.RawMinNs = median(raw), slices.Min(raw)
			if len(raw) == len(s["ns/op"]) {
				ratios := make([]float64, len(raw))
				for i := range raw {
					ratios[i] = s["ns/op"][i] / raw[i]
				}
				r.Paired = median(ratios)
			} else {
				r.Paired = r.MedianRatio()
			}
		}
		rows = append(rows, r)
	}
	for i, r := range rows {
		if isSelectorRow(r.Group) && r.Impl == "Select" {
			for _, q := range rows {
				if q.Group == r.Group && q.Impl == "Poll" {
					rows[i].PollAllocs = q.AllocsOp
				}
			}
		}
	}
	return rows
}

// microMisses are the rows of pyselect calls that miss a target.
func microMisses(rows []Row) []Row {
	var miss []Row
	for _, r := range rows {
		if r.Impl != "raw" && !r.Met() {
			miss = append(miss, r)
		}
	}
	return miss
}

// Met reports whether a pyselect row meets its targets: ns/op within
// maxRatio of raw; Wait allocates nothing; the Python-shaped calls
// allocate only the result.
func (r Row) Met() bool {
	if isSelectorRow(r.Group) {
		// Select allocates its result on top of Epoll.Poll's, whatever
		// the number of events; the Poll row there is for comparison.
		return r.Impl != "Select" || r.AllocsOp <= r.PollAllocs+1
	}
	allocs := float64(maxResultAllocs)
	if r.Impl == "Wait" || strings.HasPrefix(r.Group, "EpollCtl") {
		allocs = 0
	}
	return r.Ratio() <= maxRatio && r.AllocsOp <= allocs
}

// microProfiles profiles each missed call (at most 6, the worst first)
// with the test binary's -cpuprofile, and keeps the top of each.
func microProfiles(rows []Row) []Profile {
	miss := microMisses(rows)
	sort.SliceStable(miss, func(i, j int) bool { return miss[i].Ratio() > miss[j].Ratio() })
	var ps []Profile
	for i, r := range miss[:min(len(miss), 6)] {
		parts := strings.Split(r.Group, "/")
		pat := "^Benchmark" + parts[0] + "$"
		for _, p := range parts[1:] {
			pat += "/^" + regexp.QuoteMeta(p) + "$"
		}
		pat += "/^impl=" + r.Impl + "$"
		prof := filepath.Join(*outDir, "prof", fmt.Sprintf("micro%d.prof", i))
		args := []string{"-c", strconv.Itoa(*loadCPU), testBinary(r.Group), "-test.run", "^$", "-test.bench", pat,
			"-test.benchmem", "-test.benchtime", "4s", "-test.cpuprofile", prof}
		logf("profiling %s/impl=%s (%.2fx raw, %.0f allocs/op)", r.Group, r.Impl, r.Ratio(), r.AllocsOp)
		if out, err := output("taskset", args...); err != nil {
			logf("profile: %v\n%s", err, out)
			continue
		}
		top := pprofTop(testBinary(r.Group), prof)
		ps = append(ps, Profile{
			Title: fmt.Sprintf("%s/impl=%s: %.3f× raw, %.0f allocs/op; %s of the CPU samples in the system call",
				r.Group, r.Impl, r.Ratio(), r.AllocsOp, syscallShare(top)),
			Command: "taskset " + strings.Join(args, " "),
			Top:     top,
		})
	}
	return ps
}

// pprofTop is `go tool pprof -top` of a profile, its first lines.
func pprofTop(binary, prof string) string {
	out, err := output("go", "tool", "pprof", "-top", "-nodecount=18", binary, prof)
	if err != nil {
		return "pprof: " + err.Error()
	}
	return out
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// syscallShare reads from pprof -top output the flat share of the frame
// that is the system call itself (the kernel's time is charged to it).
func syscallShare(top string) string {
	for _, line := range strings.Split(top, "\n") {
		f := strings.Fields(line)
		if len(f) == 6 && f[5] == "internal/runtime/syscall/linux.Syscall6" {
			return f[1]
		}
	}
	return "none"
}
