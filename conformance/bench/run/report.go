// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Report is everything BENCHMARKS.md says.
type Report struct {
	Args    []string
	Start   time.Time
	Elapsed time.Duration
	Machine Machine
	Micro   Micro
	E2E     E2E
	Wake    Wake
}

func (r *Report) write(mdPath, svgPath string) error {
	if err := os.MkdirAll(filepath.Dir(mdPath), 0o755); err != nil {
		return err
	}
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	m := r.Machine
	p("# pyselect performance\n\n")
	p("Written by `make bench` (`go run ./conformance/bench/run %s`) on %s in %v; do not edit by hand. ",
		strings.Join(r.Args, " "), r.Start.Format("2006-01-02 15:04 UTC"), r.Elapsed.Round(time.Second))
	p("What is measured and why is in the [README](README.md); the programs are in this directory.\n\n")

	p("## Machine\n\n")
	p("| | |\n|---|---|\n")
	p("| CPU | %s, %d CPUs |\n| Kernel | %s |\n| Go | %s |\n| Python | %s |\n", m.CPU, m.CPUs, m.Kernel, m.Go, m.Python)
	p("| Null syscall (getppid) | %.0f ns through `syscall.Syscall` (the path of `unix.EpollWait`, `Poll`, `Select`), %.0f ns through `RawSyscall` |\n", m.NullSyscallNs, m.NullRawSyscallNs)
	p("| fd limit | soft %d, hard %d (the soft one raised to the hard one) |\n", m.NofileSoft, m.NofileHard)
	p("| Load average at start | %s (the machine is shared: figures from one run are compared only with figures of the same run) |\n\n", m.Load)

	r.writeTargets(p)
	r.writeThin(p)
	r.writeMicro(p, filepath.Base(svgPath))
	r.writeE2E(p)
	r.Wake.write(p)

	p("## Commands\n\n```sh\nmake bench   # = go run ./conformance/bench/run %s\n", strings.Join(r.Args, " "))
	p("# micro-benchmarks, %d times, one process each:\n%s\ngo tool benchstat -col /impl %s\n",
		*count, r.Micro.Command, filepath.Join(*outDir, "micro.txt"))
	p("# end to end, per server, connection count and size:\n%s\n", r.E2E.ServerCmd)
	p("# then: warm-up %v, a %v window (requests, latency; server CPU from /proc/<pid>/stat utime+stime),\n", *warmup, *duration)
	p("# then a %v window counting syscalls with %s\n", *sysWindow, syscallCmd(r.E2E.SyscallMethod))
	if r.Wake.Command != "" {
		p("# wake-ups, per benchmark, for %d and %d operations:\n%s\n", max(*wakeOps/10, 1), *wakeOps, r.Wake.Command)
	}
	p("```\n\n")

	p("## benchstat\n\n<details><summary>go tool benchstat -col /impl (all %d runs)</summary>\n\n```\n%s\n```\n</details>\n", *count, r.Micro.Benchstat)

	if err := os.WriteFile(svgPath, chart(r.Micro.Rows), 0o644); err != nil {
		return err
	}
	return os.WriteFile(mdPath, b.Bytes(), 0o644)
}

func syscallCmd(method string) string {
	switch method {
	case "perf":
		return "`perf stat -e raw_syscalls:sys_enter -e syscalls:sys_enter_<call>... -p <pid>` (every system call the server enters, and the calls counted one by one)"
	case "strace":
		return "`strace -c -f -p <pid>` (its summary, call by call)"
	}
	return "nothing (neither perf nor strace was available)"
}

func yes(ok bool) string {
	if ok {
		return "**met**"
	}
	return "**missed** (profile below)"
}

func (r *Report) writeTargets(p func(string, ...any)) {
	p("## Targets\n\n| Target | Measured | |\n|---|---|---|\n")
	var wait, shaped, ratio, sel []Row
	for _, row := range r.Micro.Rows {
		switch {
		case row.Impl == "raw":
			continue
		case isSelectorRow(row.Group):
			if row.Impl == "Select" {
				sel = append(sel, row)
			}
			continue
		case row.Impl == "Wait":
			wait = append(wait, row)
		case !strings.HasPrefix(row.Group, "EpollCtl"):
			shaped = append(shaped, row)
		}
		ratio = append(ratio, row)
	}
	maxOf := func(rows []Row, f func(Row) float64) (Row, float64) {
		var best Row
		v := -1.0
		for _, row := range rows {
			if f(row) > v {
				best, v = row, f(row)
			}
		}
		return best, v
	}
	allocs := func(row Row) float64 { return row.AllocsOp }
	w, wv := maxOf(wait, allocs)
	p("| `Epoll.Wait` allocates nothing | at most %.0f allocs/op (%s) | %s |\n", wv, w.Group, yes(wv == 0))
	s, sv := maxOf(shaped, allocs)
	p("| Python-shaped calls allocate at most the result | at most %.0f allocs/op (%s/%s) | %s |\n", sv, s.Group, s.Impl, yes(sv <= maxResultAllocs))
	if len(sel) > 0 {
		extra := func(row Row) float64 { return row.AllocsOp - row.PollAllocs }
		s, sv := maxOf(sel, extra)
		p("| `EpollSelector.Select` allocates only its result beyond `Epoll.Poll`, whatever the number of events | at most %.0f allocs/op more (%s: %.0f against %.0f) | %s |\n",
			sv, s.Group, s.AllocsOp, s.PollAllocs, yes(sv <= 1))
	}
	miss := 0
	for _, row := range ratio {
		if row.Ratio() > maxRatio {
			miss++
		}
	}
	worst, wr := maxOf(ratio, Row.Ratio)
	p("| each pyselect call ≤ %.2f× its raw twin (ns/op, median of paired ratios) | %d of %d calls within; worst %.3f× (%s/%s) | %s |\n",
		maxRatio, len(ratio)-miss, len(ratio), wr, worst.Group, worst.Impl, yes(miss == 0))

	if t, ok := r.E2E.targets(); ok {
		gp, py, gn, c := t.gp, t.py, t.gn, t.c
		if t.haveC {
			p("| pyselect epoll server's total CPU per request within noise of the C floor's (%d conns, %d B) | %.2f µs vs %.2f µs: %+.0f %%; noise (run-to-run spread) %.0f %% | %s |\n",
				targetConns, targetSize, us(gp.CPUPerReq), us(c.CPUPerReq), 100*(times(gp.CPUPerReq, c.CPUPerReq)-1), 100*t.noise, yes(t.totalNearC))
		} else {
			p("| pyselect epoll server's total CPU per request within noise of the C floor's | no C compiler (cc): the floor was not measured | **not measured** |\n")
		}
		verdict := func(ok bool) string {
			if t.userCoarse {
				return fmt.Sprintf("**unresolved** (under %d ticks of user time: run longer, -duration)", minTicks)
			}
			return yes(ok)
		}
		p("| pyselect epoll server's user CPU per request ≤ 0.5× CPython's | %.3f µs vs %.3f µs: %.2f× | %s |\n",
			us(gp.UserPerReq), us(py.UserPerReq), times(gp.UserPerReq, py.UserPerReq), verdict(t.userHalfPy))
		p("| … and below Go net's | %.3f µs vs %.3f µs: %.2f× | %s |\n",
			us(gp.UserPerReq), us(gn.UserPerReq), times(gp.UserPerReq, gn.UserPerReq), verdict(t.userBelowNet))
		if r.E2E.SyscallMethod != "" {
			p("| syscalls per request no more than CPython's | %.2f vs %.2f | %s |\n", gp.SyscallsPerReq, py.SyscallsPerReq, yes(t.syscalls))
		}
		if t.haveC {
			p("| the pyselect port's distance from C (reported, no target) | user %+.3f µs (%.3f µs against C's %.3f µs), kernel %+.3f µs, total %+.3f µs per request | |\n",
				us(gp.UserPerReq-c.UserPerReq), us(gp.UserPerReq), us(c.UserPerReq), us(gp.SysPerReq-c.SysPerReq), us(gp.CPUPerReq-c.CPUPerReq))
		}
		med := r.E2E.medians(targetConns, targetSize)
		if ps, gs := med["py-selectors"], med["go-selectors"]; ps.Requests > 0 && gs.Requests > 0 {
			p("| the selectors server ported to Go beside CPython's selectors server and the epoll port (reported, no target) | total %.2f µs vs %.2f µs per request (%.2f×); epoll port %.2f µs | |\n",
				us(gs.CPUPerReq), us(ps.CPUPerReq), times(gs.CPUPerReq, ps.CPUPerReq), us(gp.CPUPerReq))
		}
		p("\nUser and kernel time are utime and stime of `/proc/<pid>/stat`, counted in 10 ms ticks: at this load one tick is %.3f µs per request of the pyselect port (its runs pooled), the finest step of its figures.\n", us(t.resolution))
	}
	p("\n")
}

func us(d time.Duration) float64 { return float64(d) / 1e3 }

func (r *Report) writeMicro(p func(string, ...any), svg string) {
	p("## Micro-benchmarks\n\n")
	p("Medians of %d runs (`-benchtime %s`, one process per run, on CPU %d), each pyselect call next to its raw x/sys twin in the same run: ", *count, *benchtime, *loadCPU)
	p("`raw` is the code a caller writes without pyselect (for select and poll it builds the set and scans the result as pyselect does). ")
	p("`Poll` is the Python-shaped call (`epoll.poll(0)`, `poll.poll(0)`), `Wait` the zero-allocation `Epoll.Wait` into the caller's array, `pyselect` the one pyselect call there is. ")
	p("Timeouts are 0 (no blocking); the ready fds stay ready. Source: `sys/pyselect/bench_*_test.go`.\n\n")
	p("`× raw` is the median over runs of the call's ns/op over its raw twin's in the same run (the twins run back to back, so this cancels the machine's drift); `× raw (medians)` is the ratio of the two medians, as benchstat reports it; `× raw (fastest)` compares the fastest run of each, which interference from other work on the machine can only slow down.\n\n")
	p("| Benchmark | impl | ns/op | × raw | × raw (medians) | × raw (fastest) | B/op | allocs/op | |\n|---|---|--:|--:|--:|--:|--:|--:|---|\n")
	for _, row := range r.Micro.Rows {
		ratio, mratio, fratio, mark := "", "", "", ""
		if row.Impl != "raw" {
			ratio, mratio = fmt.Sprintf("%.3f", row.Ratio()), fmt.Sprintf("%.3f", row.MedianRatio())
			fratio = fmt.Sprintf("%.3f", row.MinNs/row.RawMinNs)
			if !row.Met() {
				mark = "miss"
			}
		}
		p("| %s | %s | %.0f | %s | %s | %s | %.0f | %.0f | %s |\n", row.Group, row.Impl, row.NsOp, ratio, mratio, fratio, row.BOp, row.AllocsOp, mark)
	}
	p("\n![cost of one call against watched fds](%s)\n\n", svg)
	p("The chart: one call with 10 of n fds ready. select(2) and poll(2) cost grows with n (the kernel polls every fd); epoll follows the ready fds and stays flat.\n\n")
	if len(r.Micro.Profiles) > 0 {
		p("### Profiles of the misses\n\n")
		p("Each call that missed a target, run alone for 4 s under `-cpuprofile`. ")
		p("Where the time is in the system call itself (`syscall.Syscall6`, `runtime.entersyscall`/`exitsyscall`, `internal/runtime/syscall.Syscall6`) the miss is the machine's noise between two identical system calls, not pyselect; the pyselect frames' own (flat) time is the shim's cost.\n\n")
		for _, pr := range r.Micro.Profiles {
			p("#### %s\n\n```\n$ %s\n%s\n```\n\n", pr.Title, pr.Command, pr.Top)
		}
	}
}

// medians are the median figures of each server at one load.
func (e E2E) medians(conns, size int) map[string]Result {
	out := map[string]Result{}
	for _, s := range e.Servers {
		var rs []Result
		for _, r := range e.Results {
			if r.Server == s.Key && r.Conns == conns && r.Size == size {
				rs = append(rs, r)
			}
		}
		if len(rs) == 0 {
			continue
		}
		pick := func(f func(Result) float64) float64 {
			v := make([]float64, len(rs))
			for i, r := range rs {
				v[i] = f(r)
			}
			return median(v)
		}
		out[s.Key] = Result{
			Server: s.Key, Conns: conns, Size: size,
			ReqPerSec:      pick(func(r Result) float64 { return r.ReqPerSec }),
			P50:            time.Duration(pick(func(r Result) float64 { return float64(r.P50) })),
			P99:            time.Duration(pick(func(r Result) float64 { return float64(r.P99) })),
			SyscallsPerReq: pick(func(r Result) float64 { return r.SyscallsPerReq }),
			Requests:       uint64(pick(func(r Result) float64 { return float64(r.Requests) })),
		}
		// CPU per request is pooled, all runs' ticks over all their
		// requests: a median of figures counted in 10 ms ticks is coarser.
		res := out[s.Key]
		var pooled uint64
		cpus := make([]float64, len(rs))
		for i, r := range rs {
			res.UserTicks += r.UserTicks
			res.SysTicks += r.SysTicks
			pooled += r.Requests
			cpus[i] = float64(r.CPUPerReq)
		}
		res.UserPerReq, res.SysPerReq, res.CPUPerReq = perReq(res.UserTicks, res.SysTicks, pooled)
		res.SyscallRequests = pooled
		res.Noise = spread(cpus)
		out[s.Key] = res
		if rs[0].Breakdown != nil {
			res := out[s.Key]
			res.Breakdown = map[string]float64{}
			for c := range rs[0].Breakdown {
				res.Breakdown[c] = pick(func(r Result) float64 { return r.Breakdown[c] })
			}
			out[s.Key] = res
		}
	}
	return out
}

// spread is (max-min)/median of v, 0 for fewer than two values.
func spread(v []float64) float64 {
	if len(v) < 2 {
		return 0
	}
	m := median(v)
	if m == 0 {
		return 0
	}
	return (slices.Max(v) - slices.Min(v)) / m
}

// e2eTargets are the end-to-end targets, measured at the target load
// (medians of its runs, CPU pooled over them).
type e2eTargets struct {
	py, gp, gn, c Result
	haveC         bool
	// noise is the larger run-to-run spread of the pyselect port's and C's
	// total CPU per request: how far apart "the same" can be on this machine.
	noise float64
	// resolution is one 10 ms tick over the port's pooled requests: the
	// finest step of its CPU per request.
	resolution time.Duration

	totalNearC, userHalfPy, userBelowNet, syscalls bool
	// userCoarse: the port's, CPython's or Go net's user time is fewer
	// than minTicks ticks, too few to compare user CPU per request.
	userCoarse bool
}

// minTicks is the fewest utime ticks a user CPU comparison is judged on.
const minTicks = 10

// targets measures the end-to-end targets; ok is false if the CPython or
// pyselect epoll server or Go net did not run at the target load.
func (e E2E) targets() (t e2eTargets, ok bool) {
	med := e.medians(targetConns, targetSize)
	t.py, t.gp, t.gn, t.c = med["py-epoll"], med["go-epoll"], med["go-net"], med["c-epoll"]
	if t.py.Requests == 0 || t.gp.Requests == 0 || t.gn.Requests == 0 {
		return t, false
	}
	t.haveC = t.c.Requests > 0
	t.noise = max(t.gp.Noise, t.c.Noise)
	t.resolution = tick / time.Duration(t.gp.SyscallRequests)
	t.totalNearC = t.haveC && float64(t.gp.CPUPerReq) <= float64(t.c.CPUPerReq)*(1+t.noise)
	t.userHalfPy = float64(t.gp.UserPerReq) <= 0.5*float64(t.py.UserPerReq)
	t.userBelowNet = t.gp.UserPerReq < t.gn.UserPerReq
	t.userCoarse = min(t.gp.UserTicks, t.py.UserTicks, t.gn.UserTicks) < minTicks
	t.syscalls = e.SyscallMethod == "" || t.gp.SyscallsPerReq <= t.py.SyscallsPerReq
	return t, true
}

// times is a/b: how many times b a is.
func times(a, b time.Duration) float64 { return float64(a) / float64(b) }

func (r *Report) writeE2E(p func(string, ...any)) {
	e := r.E2E
	p("## End to end: echo servers\n\n")
	p("Closed loop: each of C connections sends a message and waits for the whole echo before sending the next (`conformance/bench/loadgen`). ")
	p("Server on CPU %d, generator on CPU %d (taskset). Requests/s cannot separate servers on this machine (the generator saturates its core); **server CPU per request** and **syscalls per request** can. ", *serverCPU, *loadCPU)
	p("Server CPU is utime (user) and stime (kernel) of `/proc/<pid>/stat` (all threads, 10 ms ticks) over the %v window divided by the requests served in it; where a load ran more than once the ticks of all its runs are divided by all their requests. ", *duration)
	p("`c-epoll` is the same epoll server written in C (`cecho/epoll_echo.c`): its kernel time is what loopback TCP costs every server, and its user time is the least an epoll loop can spend, so **user CPU per request** is what separates the servers and the C figures are the floor. ")
	p("`go-raw` is the C server written in Go on x/sys alone (`rawecho`), making the same calls: beyond C it spends only what the Go runtime adds (futex, nanosleep, its scheduler's user time), the floor for a Go program. ")
	p("With one connection every wait blocks and the figures are latency-bound; with 100 or more, waits rarely block. ")
	p("Syscalls per request: %s over a %v window opened and closed with the generator paused, divided by the requests served in it. ", syscallCmd(e.SyscallMethod), *sysWindow)
	p("At %s connections and %d B each figure is the median of %d runs; the others are one run. The servers:\n\n", intList(thinConns), targetSize, *reps)
	for _, s := range e.Servers {
		p("- `%s`: %s\n", s.Key, s.Name)
	}
	p("\n")
	keys := slices.Collect(func(yield func([2]int) bool) {
		seen := map[[2]int]bool{}
		for _, r := range e.Results {
			k := [2]int{r.Size, r.Conns}
			if !seen[k] {
				seen[k] = true
				if !yield(k) {
					return
				}
			}
		}
	})
	for _, k := range keys {
		med := e.medians(k[1], k[0])
		base, floor := med["py-epoll"], med["c-epoll"]
		p("### %d connections, %d B messages\n\n", k[1], k[0])
		p("| server | req/s | p50 µs | p99 µs | server CPU µs/req | user µs/req | kernel µs/req | × CPython epoll | × C (total) | syscalls/req |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
		for _, s := range e.Servers {
			res, ok := med[s.Key]
			if !ok {
				continue
			}
			vsC := "—"
			if floor.CPUPerReq > 0 {
				vsC = fmt.Sprintf("%.2f", times(res.CPUPerReq, floor.CPUPerReq))
			}
			p("| %s | %.0f | %.0f | %.0f | %.2f | %.3f | %.3f | %.2f | %s | %.2f |\n", s.Key, res.ReqPerSec, us(res.P50), us(res.P99),
				us(res.CPUPerReq), us(res.UserPerReq), us(res.SysPerReq), times(res.CPUPerReq, base.CPUPerReq), vsC, res.SyscallsPerReq)
		}
		p("\n")
	}
	for _, conns := range thinConns {
		writeBreakdown(p, e, conns, targetSize)
	}
	r.writeE2EMisses(p)
	if len(e.Profiles) > 0 {
		p("### Where the Go servers' CPU goes\n\n")
		p("CPU profiles of the Go servers at %d connections, %d B (`-cpuprofile`, see `conformance/bench/prof`).\n\n", targetConns, targetSize)
		for _, pr := range e.Profiles {
			p("#### %s\n\n```\n$ %s\n%s\n```\n\n", pr.Title, pr.Command, pr.Top)
		}
	}
}

// writeE2EMisses explains each missed end-to-end target from this run's
// syscall breakdown and profiles.
func (r *Report) writeE2EMisses(p func(string, ...any)) {
	e := r.E2E
	t, ok := e.targets()
	if !ok {
		return
	}
	py, gp, gn, c := t.py, t.gp, t.gn, t.c
	totalMiss := t.haveC && !t.totalNearC
	userMiss := !t.userCoarse && (!t.userHalfPy || !t.userBelowNet)
	sysMiss := !t.syscalls
	if !totalMiss && !userMiss && !sysMiss {
		return
	}
	p("### Reading the misses (%d connections, %d B)\n\n", targetConns, targetSize)
	sum := func(b map[string]float64, calls ...string) float64 { return sumCalls(b, calls) }
	if sysMiss && gp.Breakdown != nil {
		p("- **Syscalls per request** (%.2f against CPython's %.2f). Both servers make one receive and one send per request "+
			"(Go read+write %.2f, CPython recvfrom+sendto %.2f). The rest differs: waits (%s) %.3f against %.3f per request, "+
			"because the Go port empties the ready list faster than the generator refills it, so each wait returns fewer events; "+
			"and the Go runtime's own calls, futex+nanosleep+sched_yield %.3f against CPython's %.3f: a goroutine blocked in epoll_wait "+
			"lets the runtime's sysmon thread hand its P to a spare thread (futex wake and wait) and keeps sysmon polling (nanosleep). "+
			"CPython, one thread, has neither. These are calls pyselect does not make: they come from the Go scheduler around any blocking system call.\n",
			gp.SyscallsPerReq, py.SyscallsPerReq,
			sum(gp.Breakdown, "read", "write", "recvfrom", "sendto"), sum(py.Breakdown, "read", "write", "recvfrom", "sendto"),
			callNames(waitCalls), gp.waits(), py.waits(),
			sum(gp.Breakdown, "futex", "nanosleep", "sched_yield"), sum(py.Breakdown, "futex", "nanosleep", "sched_yield"))
	}
	share := "?"
	for _, pr := range e.Profiles {
		if strings.HasPrefix(pr.Title, serverName(e, "go-epoll")) {
			share = syscallShare(pr.Top)
		}
	}
	if totalMiss {
		where := "user"
		if gp.SysPerReq-c.SysPerReq > gp.UserPerReq-c.UserPerReq {
			where = "kernel"
		}
		p("- **Total CPU per request** (%.2f µs against the C floor's %.2f µs: %+.0f %%, beyond the %.0f %% the runs spread). "+
			"Most of the gap is %s time: kernel %.3f µs against C's %.3f µs, user %.3f µs against %.3f µs. "+
			"Kernel time above C's is system calls C does not make (the breakdown above: extra waits, and the Go runtime's futex and nanosleep); "+
			"user time above C's is pyselect, the port's Python-shaped bookkeeping and the Go runtime (the profile below: %s of its samples are in the system call itself).\n",
			us(gp.CPUPerReq), us(c.CPUPerReq), 100*(times(gp.CPUPerReq, c.CPUPerReq)-1), 100*t.noise, where,
			us(gp.SysPerReq), us(c.SysPerReq), us(gp.UserPerReq), us(c.UserPerReq), share)
	}
	if userMiss {
		p("- **User CPU per request** (%.3f µs against CPython's %.3f µs and Go net's %.3f µs; one tick is %.3f µs per request here). "+
			"The profile below shows where the port's user time goes: the pyselect frames' own (flat) time is the shim, the rest the port's "+
			"dicts and slices and the Go runtime's scheduling around each blocking wait.\n",
			us(gp.UserPerReq), us(py.UserPerReq), us(gn.UserPerReq), us(t.resolution))
	}
	p("\n")
}

func serverName(e E2E, key string) string {
	for _, s := range e.Servers {
		if s.Key == key {
			return s.Name
		}
	}
	return key
}

// writeBreakdown is the per-request table of one load: latency, user and
// kernel CPU, and the system calls by name (perf's syscalls:sys_enter_<call>
// tracepoints or strace's summary, in the same window as the total).
func writeBreakdown(p func(string, ...any), e E2E, conns, size int) {
	med := e.medians(conns, size)
	if med["go-epoll"].Breakdown == nil {
		return
	}
	p("### Per request, call by call (%d connections, %d B)\n\n", conns, size)
	p("Server CPU from `/proc/<pid>/stat`, system calls by name from %s in the syscall window; `waits` is %s; columns with only zeros are left out.\n\n", syscallCmd(e.SyscallMethod), callNames(waitCalls))
	var counts []map[string]float64
	for _, res := range med {
		counts = append(counts, res.Breakdown)
	}
	cols := callColumns(append(slices.Clone(countedCalls), "other"), counts)
	tableHead(p, "| server | p50 µs | user µs/req | kernel µs/req | all | waits |", "|---|--:|--:|--:|--:|--:|", cols)
	for _, sv := range e.Servers {
		res, ok := med[sv.Key]
		if !ok {
			continue
		}
		p("| %s | %.1f | %.3f | %.3f | %.2f | %.2f |", sv.Key, us(res.P50), us(res.UserPerReq), us(res.SysPerReq), res.SyscallsPerReq, res.waits())
		for _, c := range cols {
			p(" %.2f |", res.Breakdown[c])
		}
		p("\n")
	}
	p("\n")
}

// callColumns are the calls with a count of at least 0.005 in one of
// counts, in the order of calls: the columns of a table by call.
func callColumns(calls []string, counts []map[string]float64) []string {
	var cols []string
	for _, c := range calls {
		for _, b := range counts {
			if b[c] >= 0.005 {
				cols = append(cols, c)
				break
			}
		}
	}
	return cols
}

// tableHead writes a table's header: the fixed columns (head and its
// alignment row), then one right-aligned column per call.
func tableHead(p func(string, ...any), head, align string, cols []string) {
	p("%s", head)
	for _, c := range cols {
		p(" %s |", c)
	}
	p("\n%s%s\n", align, strings.Repeat("--:|", len(cols)))
}
