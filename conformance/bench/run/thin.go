// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux

package main

import (
	"fmt"
	"strconv"
	"strings"
)

// The thin binding: a Python server ported to Go on pyselect should cost
// what the same calls cost a Go program on x/sys alone (rawecho), wait as
// often as C (cecho), and answer no later than the Python server it
// ports. Each port is judged at each of thinConns, targetSize.

// A check is one target judged at one load.
type check struct {
	Load, Target, Measured, Verdict string
}

// ports are the ported servers judged, with the CPython server each ports.
var ports = []struct{ Port, Python string }{
	{"go-epoll", "py-epoll"},
	{"go-selectors", "py-selectors"},
}

const (
	// syscallSlack is the margin, per request, of the system call
	// targets.
	syscallSlack = 0.05
	// p50Slack is the resolution of loadgen's latency histogram (16
	// buckets per power of two: a percentile is within 1/32 of the true
	// value): two p50s closer than it are equal.
	p50Slack = 1.0 / 32
)

func verdict(ok bool) string {
	if ok {
		return "**met**"
	}
	return "**missed**"
}

const notMeasured = "**not measured**"

// thin judges every port at every load of thinConns that ran:
//   - wait system calls per request (waitCalls) at most C's + syscallSlack;
//   - all system calls per request at most the raw Go server's + syscallSlack;
//   - server CPU per request within noise of the raw Go server's (at most
//     its CPU times 1 + the larger run-to-run spread of the two; with one
//     run the spread is 0);
//   - p50 latency at most the CPython server's, within p50Slack.
func (e E2E) thin() []check {
	var out []check
	for _, conns := range thinConns {
		med := e.medians(conns, targetSize)
		c, raw := med["c-epoll"], med["go-raw"]
		for _, pp := range ports {
			port, py := med[pp.Port], med[pp.Python]
			if port.Requests == 0 {
				continue
			}
			load := fmt.Sprintf("%s, %d conn", pp.Port, conns)
			add := func(target, measured, v string) {
				out = append(out, check{Load: load, Target: target, Measured: measured, Verdict: v})
			}

			target := fmt.Sprintf("wait system calls per request equal to C's (at most + %.2f)", syscallSlack)
			switch {
			case port.Breakdown == nil || c.Breakdown == nil:
				why := "no C compiler: C was not measured"
				if port.Breakdown == nil {
					why = "the calls were not counted one by one (perf or strace)"
				}
				add(target, why, notMeasured)
			default:
				w, wc := port.waits(), c.waits()
				add(target, fmt.Sprintf("%.2f (%s) vs %.2f (%s)", w, callList(port.Breakdown, waitCalls, 1), wc, callList(c.Breakdown, waitCalls, 1)),
					verdict(w <= wc+syscallSlack))
			}

			target = fmt.Sprintf("all system calls per request at most raw Go's + %.2f", syscallSlack)
			switch {
			case e.SyscallMethod == "":
				add(target, "system calls were not counted", notMeasured)
			case raw.Requests == 0:
				add(target, "the raw Go server did not run", notMeasured)
			default:
				add(target, fmt.Sprintf("%.2f vs %.2f", port.SyscallsPerReq, raw.SyscallsPerReq),
					verdict(port.SyscallsPerReq <= raw.SyscallsPerReq+syscallSlack))
			}

			target = "server CPU per request within noise of raw Go's"
			if raw.Requests == 0 {
				add(target, "the raw Go server did not run", notMeasured)
			} else {
				noise := max(port.Noise, raw.Noise)
				add(target, fmt.Sprintf("%.2f µs (user %.2f, kernel %.2f) vs %.2f µs (user %.2f, kernel %.2f): %+.0f %%; noise %.0f %%",
					us(port.CPUPerReq), us(port.UserPerReq), us(port.SysPerReq), us(raw.CPUPerReq), us(raw.UserPerReq), us(raw.SysPerReq),
					100*(times(port.CPUPerReq, raw.CPUPerReq)-1), 100*noise),
					verdict(float64(port.CPUPerReq) <= float64(raw.CPUPerReq)*(1+noise)))
			}

			target = "p50 latency no worse than the CPython server it ports (" + pp.Python + ")"
			if py.Requests == 0 {
				add(target, pp.Python+" did not run", notMeasured)
			} else {
				add(target, fmt.Sprintf("%.1f µs vs %.1f µs: %+.1f %%", us(port.P50), us(py.P50), 100*(times(port.P50, py.P50)-1)),
					verdict(float64(port.P50) <= float64(py.P50)*(1+p50Slack)))
			}
		}
	}
	return out
}

// waits is the wait calls per request of a result.
func (r Result) waits() float64 { return sumCalls(r.Breakdown, waitCalls) }

// writeThin writes the thin-binding targets, then the wake-up ones.
func (r *Report) writeThin(p func(string, ...any)) {
	checks := append(r.E2E.thin(), r.Wake.targets()...)
	if len(checks) == 0 {
		return
	}
	p("### The thin binding\n\n")
	p("Each port against the floors at %s connections, %d B: the C server (`c-epoll`) for the waits, the same server in Go on x/sys alone (`go-raw`) for the system calls and the CPU, the CPython server it ports for the latency; ", intList(thinConns), targetSize)
	p("then a wait woken through pyselect against the same wait through x/sys (section [Waking a blocked wait](#waking-a-blocked-wait)). ")
	p("Wait system calls are %s. p50s closer than %.0f %% are one bucket of the generator's histogram. Figures are medians of the runs at that load, CPU pooled over them. ", callNames(waitCalls), 100*p50Slack)
	p("With one connection each request is one wait that blocks, and the calls per request are the design's; with %d a wait returns the events of many connections, how many depends on timing, and every server's waits per request (C's too) move from run to run.\n\n", targetConns)
	p("| Port, load | Target | Measured | |\n|---|---|---|---|\n")
	for _, c := range checks {
		p("| %s | %s | %s | %s |\n", c.Load, c.Target, c.Measured, c.Verdict)
	}
	p("\n")
}

// intList is "1 and 100", "1, 10 and 100".
func intList(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
