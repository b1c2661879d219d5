// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux

package main

import (
	"os"
	"testing"
	"time"

	_ "github.com/pyselect/pyselect/conformance/support/memwatch" // a runaway test is named under .ci/memcap.sh
)

func TestParseStat(t *testing.T) {
	// proc(5): pid (comm) state ppid ... utime(14) stime(15); comm may hold ") (".
	stat := "4242 (my (odd) srv) S 1 4242 4242 0 -1 4194560 100 0 0 0 37 512 0 0 20 0 3 0\n"
	u, s, err := parseStat(stat)
	if err != nil || u != 37 || s != 512 {
		t.Errorf("parseStat = %d, %d, %v; want 37, 512", u, s, err)
	}
	if _, _, err := parseStat("4242 (x) S 1 2"); err == nil {
		t.Error("a short line is no error")
	}
	if _, _, err := parseStat("garbage"); err == nil {
		t.Error("a line without ')' is no error")
	}
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		t.Skip(err)
	}
	if _, _, err := parseStat(string(b)); err != nil {
		t.Errorf("this process's stat: %v", err)
	}
}

func TestPerReq(t *testing.T) {
	u, s, total := perReq(3, 47, 500_000) // 30 ms and 470 ms over half a million requests
	if u != 60*time.Nanosecond || s != 940*time.Nanosecond || total != 1000*time.Nanosecond {
		t.Errorf("perReq = %v, %v, %v; want 60ns, 940ns, 1µs", u, s, total)
	}
	if u, s, total := perReq(1, 1, 0); u != 0 || s != 0 || total != 0 {
		t.Error("no requests: want zeros")
	}
}

// run is one target-load run of server key with the given ticks.
func run(key string, user, sys int64, requests uint64, syscalls float64) Result {
	r := Result{Server: key, Conns: targetConns, Size: targetSize, Requests: requests, UserTicks: user, SysTicks: sys, SyscallsPerReq: syscalls}
	r.UserPerReq, r.SysPerReq, r.CPUPerReq = perReq(user, sys, requests)
	return r
}

func TestTargets(t *testing.T) {
	servers := []Server{{Key: "py-epoll"}, {Key: "go-epoll"}, {Key: "go-net"}, {Key: "c-epoll"}}
	base := []Result{
		// CPython: 1 µs user, 5 µs kernel a request.
		run("py-epoll", 10, 50, 100_000, 2.1), run("py-epoll", 10, 50, 100_000, 2.0),
		// Go net: 0.7 µs user.
		run("go-net", 7, 50, 100_000, 2.5), run("go-net", 7, 50, 100_000, 2.5),
		// C: 0.1 µs user, 5 µs kernel; its runs spread by 10 %.
		run("c-epoll", 1, 50, 100_000, 2.0), run("c-epoll", 1, 56, 100_000, 2.0),
	}
	for _, tc := range []struct {
		name                                     string
		port                                     []Result
		nearC, halfPy, belowNet, syscalls, haveC bool
	}{
		{"all met: 0.4 µs user, total within the spread",
			[]Result{run("go-epoll", 4, 50, 100_000, 2.0), run("go-epoll", 4, 52, 100_000, 2.0)}, true, true, true, true, true},
		{"user over half of CPython's and above Go net's; total beyond the spread; more syscalls",
			[]Result{run("go-epoll", 8, 70, 100_000, 2.3), run("go-epoll", 8, 70, 100_000, 2.3)}, false, false, false, false, true},
	} {
		e := E2E{Servers: servers, SyscallMethod: "perf", Results: append(append([]Result{}, base...), tc.port...)}
		got, ok := e.targets()
		if !ok {
			t.Fatalf("%s: targets not measured", tc.name)
		}
		if got.totalNearC != tc.nearC || got.userHalfPy != tc.halfPy || got.userBelowNet != tc.belowNet || got.syscalls != tc.syscalls || got.haveC != tc.haveC {
			t.Errorf("%s: near C %v, half CPython %v, below net %v, syscalls %v, have C %v; want %v %v %v %v %v", tc.name,
				got.totalNearC, got.userHalfPy, got.userBelowNet, got.syscalls, got.haveC, tc.nearC, tc.halfPy, tc.belowNet, tc.syscalls, tc.haveC)
		}
	}

	// Pooled: 4 + 6 user ticks over 200,000 requests is 0.5 µs, not a median.
	e := E2E{Servers: servers, Results: append(append([]Result{}, base...),
		run("go-epoll", 4, 50, 100_000, 2), run("go-epoll", 6, 50, 100_000, 2), run("go-epoll", 50, 50, 1_000_000, 2))}
	got, _ := e.targets()
	if want := 60 * tick / 1_200_000; got.gp.UserPerReq != want {
		t.Errorf("pooled user CPU %v, want %v", got.gp.UserPerReq, want)
	}
	if want := tick / 1_200_000; got.resolution != want {
		t.Errorf("resolution %v, want %v", got.resolution, want)
	}

	// Fewer than minTicks of user time cannot be judged.
	e = E2E{Servers: servers, Results: append(append([]Result{}, base...), run("go-epoll", 0, 50, 100_000, 2))}
	if got, _ := e.targets(); !got.userCoarse {
		t.Error("2 and 0 user ticks are not coarse")
	}
	e = E2E{Servers: servers, Results: append(append([]Result{}, base...), run("go-epoll", 10, 50, 100_000, 2))}
	if got, _ := e.targets(); got.userCoarse {
		t.Error("20 user ticks and more are coarse")
	}

	// Without the C floor the total target is not met, and says so.
	e = E2E{Servers: servers[:3], Results: append(append([]Result{}, base[:4]...), run("go-epoll", 4, 50, 100_000, 2))}
	got, ok := e.targets()
	if !ok || got.haveC || got.totalNearC {
		t.Errorf("without C: ok %v, have C %v, near C %v", ok, got.haveC, got.totalNearC)
	}
}

func TestSpread(t *testing.T) {
	if s := spread([]float64{90, 100, 110}); s < 0.1999 || s > 0.2001 {
		t.Errorf("spread = %v, want 0.2", s)
	}
	if s := spread([]float64{5}); s != 0 {
		t.Errorf("spread of one run = %v", s)
	}
}
