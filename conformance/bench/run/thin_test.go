// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// at is one run of server key at conns connections: user and kernel ticks
// over requests, p50 in µs, and the calls per request by name.
func at(key string, conns int, user, sys int64, requests uint64, p50 float64, calls map[string]float64) Result {
	r := Result{Server: key, Conns: conns, Size: targetSize, Requests: requests, UserTicks: user, SysTicks: sys,
		P50: time.Duration(p50 * 1e3), Breakdown: calls}
	for _, v := range calls {
		r.SyscallsPerReq += v
	}
	r.UserPerReq, r.SysPerReq, r.CPUPerReq = perReq(user, sys, requests)
	return r
}

func TestThin(t *testing.T) {
	io := func(recv, send string) map[string]float64 { return map[string]float64{recv: 1, send: 1} }
	with := func(m map[string]float64, kv ...any) map[string]float64 {
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1].(float64)
		}
		return m
	}
	e := E2E{SyscallMethod: "perf", Servers: []Server{{Key: "py-epoll"}, {Key: "go-epoll"}, {Key: "c-epoll"}, {Key: "go-raw"}}}
	e.Results = []Result{
		// One connection: the port waits twice as often as C (the figures
		// of the close protocol's ppoll), spends more CPU than raw Go and
		// answers later than CPython.
		at("c-epoll", 1, 5, 50, 20_000, 63, with(io("recvfrom", "sendto"), "epoll_wait", 1.0)),
		at("go-raw", 1, 10, 60, 20_000, 70, with(io("recvfrom", "sendto"), "epoll_pwait", 1.0, "futex", 0.16, "nanosleep", 0.13)),
		at("py-epoll", 1, 20, 50, 20_000, 62, with(io("recvfrom", "sendto"), "epoll_wait", 1.0)),
		at("go-epoll", 1, 12, 70, 20_000, 69, with(io("read", "write"), "epoll_pwait", 1.5, "ppoll", 0.5, "futex", 0.2, "nanosleep", 0.13)),
		// 100 connections: all met; p50 2 % over CPython's is within a bucket.
		at("c-epoll", 100, 2, 100, 200_000, 1200, with(io("recvfrom", "sendto"), "epoll_wait", 0.3)),
		at("go-raw", 100, 8, 100, 200_000, 1200, with(io("recvfrom", "sendto"), "epoll_pwait", 0.05, "futex", 0.03)),
		at("py-epoll", 100, 30, 100, 200_000, 1200, with(io("recvfrom", "sendto"), "epoll_wait", 0.04)),
		at("go-epoll", 100, 8, 100, 200_000, 1224, with(io("read", "write"), "epoll_pwait", 0.03, "futex", 0.03)),
	}
	got := map[string]string{}
	for _, c := range e.thin() {
		got[c.Load+": "+strings.Fields(c.Target)[0]] = c.Verdict
	}
	want := map[string]string{
		"go-epoll, 1 conn: wait": "**missed**", "go-epoll, 1 conn: all": "**missed**",
		"go-epoll, 1 conn: server": "**missed**", "go-epoll, 1 conn: p50": "**missed**",
		"go-epoll, 100 conn: wait": "**met**", "go-epoll, 100 conn: all": "**met**",
		"go-epoll, 100 conn: server": "**met**", "go-epoll, 100 conn: p50": "**met**",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("checks %v, want %d", got, len(want))
	}

	// Without C, and without the calls by name, the wait target is not
	// measured rather than met.
	e.Results = e.Results[1:4]
	for i := range e.Results {
		e.Results[i].Breakdown = nil
	}
	for _, c := range e.thin() {
		if strings.HasPrefix(c.Target, "wait") && c.Verdict != notMeasured {
			t.Errorf("wait target without C or breakdown: %q", c.Verdict)
		}
	}
}

func TestParseSyscallsStrace(t *testing.T) {
	file := filepath.Join(t.TempDir(), "strace.txt")
	summary := `% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ----------------
 60.00    0.000600           3       200           epoll_pwait
 30.00    0.000300           1       300        12 read
 10.00    0.000100           1       100           ppoll
------ ----------- ----------- --------- --------- ----------------
100.00    0.001000           1       600        12 total
`
	if err := os.WriteFile(file, []byte(summary), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := parseSyscalls("strace", file)
	if err != nil {
		t.Fatal(err)
	}
	if c["total"] != 600 || c["epoll_pwait"] != 200 || c["read"] != 300 || c["ppoll"] != 100 || len(c) != 4 {
		t.Errorf("counts %v", c)
	}
}

func TestWakeTargets(t *testing.T) {
	lo := map[string]uint64{"total": 1000, "epoll_pwait": 100, "ppoll": 10}
	hi := map[string]uint64{"total": 9000, "epoll_pwait": 4100, "ppoll": 2010}
	if m := perOp(lo, hi, 1000); m["total"] != 8 || m["epoll_pwait"] != 4 || m["ppoll"] != 2 {
		t.Errorf("perOp %v", m)
	}
	w := Wake{Rows: []WakeRow{
		{Group: "EpollWake", Impl: "raw", PerOp: map[string]float64{"epoll_pwait": 2}},
		// Two wake-ups an operation: 1.04 waits a wake-up against 1.
		{Group: "EpollWake", Impl: "Wait", PerOp: map[string]float64{"epoll_pwait": 2.08}},
		{Group: "EpollHerd/waiters=4", Impl: "raw", PerOp: map[string]float64{"epoll_pwait": 1}, Metrics: map[string]float64{"wakeups/event": 1}},
		{Group: "EpollHerd/waiters=4", Impl: "Wait", PerOp: map[string]float64{"epoll_pwait": 2, "ppoll": 1}, Metrics: map[string]float64{"wakeups/event": 1.1}},
		{Group: "EpollHerd/waiters=16", Impl: "raw", PerOp: map[string]float64{"epoll_pwait": 1}, Metrics: map[string]float64{"wakeups/event": 1}},
		{Group: "EpollHerd/waiters=16", Impl: "Wait", PerOp: map[string]float64{"epoll_pwait": 1.05}, Metrics: map[string]float64{"wakeups/event": 10.8}},
	}}
	var got []string
	for _, c := range w.targets() {
		got = append(got, c.Load+" "+strings.Fields(c.Target)[0]+" "+c.Verdict)
	}
	want := []string{
		"EpollWake/impl=Wait wait **met**",
		"EpollHerd/waiters=4/impl=Wait wait **missed**",
		"EpollHerd/waiters=4/impl=Wait one **met**",
		"EpollHerd/waiters=16/impl=Wait wait **met**",
		"EpollHerd/waiters=16/impl=Wait one **missed**",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("targets:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPinCPUs(t *testing.T) {
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		t.Skip(err)
	}
	defer func(s, l int) { *serverCPU, *loadCPU = s, l }(*serverCPU, *loadCPU)
	*serverCPU, *loadCPU = 1000, 1000 // no machine here lets us run there
	pinCPUs()
	if !set.IsSet(*serverCPU) || !set.IsSet(*loadCPU) {
		t.Errorf("pinned to %d and %d, outside this process's CPUs", *serverCPU, *loadCPU)
	}
	if set.Count() > 1 && *serverCPU == *loadCPU {
		t.Errorf("%d CPUs, but both pinned to %d", set.Count(), *serverCPU)
	}
}
