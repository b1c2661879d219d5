// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux

package main

import (
	"bufio"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Wake is the wake-up part of the report: the system calls of a wait that
// blocks and is woken (BenchmarkEpollWake) and of a herd of waiters on one
// Epoll (BenchmarkEpollHerd), each pyselect call beside its raw x/sys
// twin, counted while the benchmark runs.
type Wake struct {
	Method  string // how syscalls were counted, as E2E.SyscallMethod
	Command string // one counted run
	Rows    []WakeRow
}

// A WakeRow is one benchmark for one implementation.
type WakeRow struct {
	Group, Impl string // "EpollHerd/waiters=16", "Wait"
	// PerOp is the system calls per operation by name, and "total"; nil
	// when they were not counted. An operation is Bench.Unit.
	PerOp map[string]float64
	// Metrics are the benchmark's own figures: ns/op, wakeups/event...
	Metrics map[string]float64
}

// A wakeBench is a benchmark of the Wake part.
type wakeBench struct {
	Binary, Name string
	Subs         []string
	// PerOp is how many of Unit one operation (b.N) is.
	PerOp float64
	Unit  string
	// Pinned runs it on the generator's CPU, as the micro-benchmarks;
	// else on every CPU, as a Go program runs its threads.
	Pinned bool
}

var wakeBenches = []wakeBench{
	// Two goroutines pass a byte back and forth, each blocked in its
	// own Epoll: an operation is two wake-ups.
	{"pyselect.test", "EpollWake", []string{"impl=raw", "impl=Wait", "impl=Poll"}, 2, "wake-up", true},
	{"herd.test", "EpollHerd", []string{
		"waiters=4/impl=raw", "waiters=4/impl=Wait", "waiters=4/impl=Poll",
		"waiters=16/impl=raw", "waiters=16/impl=Wait", "waiters=16/impl=Poll"}, 1, "event", false},
}

func (w wakeBench) row(g WakeRow) bool { return strings.HasPrefix(g.Group, w.Name) }

// wakeCalls runs each benchmark of wakeBenches twice, for wakeOps and for
// wakeOps/10 operations, under the syscall counter (method, as
// syscallCounter picks it). The difference of the
// two counts over the difference of the operations is the calls per
// operation: what the test binary, the benchmark's setup and its first
// run of b.N = 1 cost is the same in both and cancels.
func wakeCalls(method string) Wake {
	w := Wake{Method: method}
	hi := *wakeOps
	lo := max(hi/10, 1)
	for _, b := range wakeBenches {
		for _, sub := range b.Subs {
			pat := "^Benchmark" + b.Name + "$"
			for _, part := range strings.Split(sub, "/") {
				pat += "/^" + regexp.QuoteMeta(part) + "$"
			}
			var counts [2]map[string]uint64
			var out string
			for i, n := range []int{lo, hi} {
				file := filepath.Join(*outDir, "wake-syscalls.txt")
				argv := []string{bin(b.Binary), "-test.run", "^$", "-test.bench", pat, "-test.benchtime", fmt.Sprintf("%dx", n)}
				if b.Pinned {
					argv = append([]string{"taskset", "-c", strconv.Itoa(*loadCPU)}, argv...)
				}
				var c []string
				switch method {
				case "perf":
					c = append(append(perfArgs(file), "--"), argv...)
					c = append([]string{"perf"}, c...)
				case "strace":
					c = append([]string{"strace", "-c", "-f", "-o", file, "--"}, argv...)
				default:
					c = argv
				}
				if i == 1 {
					w.Command = strings.Join(c, " ")
				}
				logf("%s/%s: %d operations", b.Name, sub, n)
				o, err := output(c[0], c[1:]...)
				if err != nil {
					fatalf("%s/%s: %v\n%s", b.Name, sub, err, o)
				}
				out = o
				if method != "" {
					if counts[i], err = parseSyscalls(method, file); err != nil {
						fatalf("%v", err)
					}
				}
			}
			group, impl, _ := strings.Cut(b.Name+"/"+sub, "/impl=")
			row := WakeRow{Group: group, Impl: impl, Metrics: benchMetrics(out)}
			if row.Metrics == nil {
				logf("%s/%s: not in %s, left out", b.Name, sub, b.Binary)
				continue
			}
			if method != "" {
				row.PerOp = perOp(counts[0], counts[1], hi-lo)
			}
			w.Rows = append(w.Rows, row)
		}
	}
	return w
}

// perOp is (hi-lo)/ops for each call counted in hi; a difference below 0,
// the fixed part's own variation, is 0.
func perOp(lo, hi map[string]uint64, ops int) map[string]float64 {
	m := map[string]float64{}
	for c, n := range hi {
		m[c] = max(0, float64(n)-float64(lo[c])) / float64(ops)
	}
	return m
}

// benchMetrics reads the figures (value unit pairs) of the one benchmark
// line of a test binary's output; nil if there is none.
func benchMetrics(out string) map[string]float64 {
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		mm := benchLine.FindStringSubmatch(sc.Text())
		if mm == nil {
			continue
		}
		m := map[string]float64{}
		f := strings.Fields(mm[2])
		for i := 0; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				m[f[i+1]] = v
			}
		}
		return m
	}
	return nil
}

// waits is the wait calls per operation of a row.
func (r WakeRow) waits() float64 { return sumCalls(r.PerOp, waitCalls) }

// sumCalls adds the counts of calls in b.
func sumCalls(b map[string]float64, calls []string) float64 {
	t := 0.0
	for _, c := range calls {
		t += b[c]
	}
	return t
}

// wakeTargets judges each pyselect row against its raw twin: wait calls
// per unit at most raw's + syscallSlack (one system call for a wait), and
// for the herd wake-ups per event at most raw's + herdSlack (one waiter
// woken per event, as the kernel wakes them).
func (w Wake) targets() []check {
	var out []check
	for _, b := range wakeBenches {
		raws := map[string]WakeRow{}
		for _, r := range w.Rows {
			if b.row(r) && r.Impl == "raw" {
				raws[r.Group] = r
			}
		}
		for _, r := range w.Rows {
			raw, ok := raws[r.Group]
			if !b.row(r) || r.Impl == "raw" || !ok {
				continue
			}
			name := fmt.Sprintf("%s/impl=%s", r.Group, r.Impl)
			if r.PerOp != nil {
				wv, rv := r.waits()/b.PerOp, raw.waits()/b.PerOp
				out = append(out, check{Load: name,
					Target:   fmt.Sprintf("wait system calls per %s at most raw's + %.2f", b.Unit, syscallSlack),
					Measured: fmt.Sprintf("%.2f (%s) vs %.2f", wv, callList(r.PerOp, waitCalls, b.PerOp), rv),
					Verdict:  verdict(wv <= rv+syscallSlack)})
			}
			if v, ok := r.Metrics["wakeups/event"]; ok {
				rv := raw.Metrics["wakeups/event"]
				out = append(out, check{Load: name,
					Target:   fmt.Sprintf("one waiter woken per event: wake-ups per event at most raw's + %.1f", herdSlack),
					Measured: fmt.Sprintf("%.2f vs %.2f", v, rv),
					Verdict:  verdict(v <= rv+herdSlack)})
			}
		}
	}
	return out
}

// herdSlack is the margin of the herd's wake-ups per event: the Go
// scheduler adds a sleep now and then where a woken thread finds no P.
const herdSlack = 0.2

// callList names the calls of b among calls with a count, each divided by
// div: "epoll_pwait 1.50, ppoll 0.50".
func callList(b map[string]float64, calls []string, div float64) string {
	var s []string
	for _, c := range calls {
		if v := b[c] / div; v >= 0.005 {
			s = append(s, fmt.Sprintf("%s %.2f", c, v))
		}
	}
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

func (w Wake) write(p func(string, ...any)) {
	if len(w.Rows) == 0 {
		return
	}
	p("## Waking a blocked wait\n\n")
	p("Each benchmark runs twice, for %d and %d operations, its system calls counted by %s; the difference of the counts over the difference of the operations is the system calls per operation (the test binary's start and the benchmark's setup cancel). ",
		max(*wakeOps/10, 1), *wakeOps, counterName(w.Method))
	p("`EpollWake` runs on CPU %d, as the micro-benchmarks; the herd on every CPU, as a Go program runs its threads.\n\n", *loadCPU)
	p("- `EpollWake` (`sys/pyselect/bench_linux_test.go`): two goroutines pass a byte back and forth through two pipes, each blocked in its own Epoll with timeout -1; an operation is two wake-ups, and the figures below are per wake-up. ns/op is the round trip.\n")
	p("- `EpollHerd` (`conformance/bench/herd`): 4 or 16 goroutines block on one Epoll (maxevents 1, timeout -1); each operation is one edge-triggered event that one of them takes. wake-ups/event are the waiters' threads' voluntary context switches per event; `raw` is unix.EpollWait on the same descriptor, where the kernel wakes one waiter. ")
	p("A thread woken in poll(2) or ppoll(2) that finds nothing ready sleeps again inside the kernel (do_poll), so a herd shows in the wake-ups, and only partly in the system calls.\n\n")
	var counts []map[string]float64
	for _, r := range w.Rows {
		counts = append(counts, r.PerOp)
	}
	cols := callColumns(countedCalls, counts)
	tableHead(p, "| benchmark | impl | ns/op | wake-ups/event | empty/event | all calls | waits |", "|---|---|--:|--:|--:|--:|--:|", cols)
	for _, r := range w.Rows {
		div := 1.0
		for _, b := range wakeBenches {
			if b.row(r) {
				div = b.PerOp
			}
		}
		metric := func(k string) string {
			if v, ok := r.Metrics[k]; ok {
				return fmt.Sprintf("%.2f", v)
			}
			return "—"
		}
		p("| %s | %s | %.0f | %s | %s |", r.Group, r.Impl, r.Metrics["ns/op"], metric("wakeups/event"), metric("empty/event"))
		if r.PerOp == nil {
			p(" — | — |%s\n", strings.Repeat(" — |", len(cols)))
			continue
		}
		p(" %.2f | %.2f |", r.PerOp["total"]/div, r.waits()/div)
		for _, c := range cols {
			p(" %.2f |", r.PerOp[c]/div)
		}
		p("\n")
	}
	p("\n```\n$ %s\n```\n\n", w.Command)
}

// counterName is how a Wake's calls were counted, for the text.
func counterName(method string) string {
	switch method {
	case "perf":
		return "`perf stat -e raw_syscalls:sys_enter -e syscalls:sys_enter_<call>... -- <test binary>`"
	case "strace":
		return "`strace -c -f -- <test binary>`"
	}
	return "nothing (neither perf nor strace was available)"
}

// callNames is calls as the report names them: `a`, `b`.
func callNames(calls []string) string { return "`" + strings.Join(calls, "`, `") + "`" }
