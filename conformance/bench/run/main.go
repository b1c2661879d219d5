// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux

// Command run is `make bench`: it measures pyselect against raw x/sys
// (micro-benchmarks, benchstat over repeated runs) and the Python echo servers
// ported to pyselect against CPython, Go's net and the same epoll server in
// C and in Go on x/sys alone, the floors (end to end, with
// conformance/bench/loadgen), the system calls of a blocked wait's wake-up
// and of a herd of waiters (wake.go), and writes
// conformance/bench/BENCHMARKS.md
// with a chart, conformance/bench/chart.svg, that it draws itself.
//
// Run it from the repository root:
//
//	go run ./conformance/bench/run [-count 10] [-duration 3s] ...
//
// The server runs on CPU 0 and the generator on CPU 1 (taskset); the
// micro-benchmarks run on CPU 1.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

var (
	outDir    = flag.String("out", "out/bench", "directory for binaries, raw results and profiles")
	report    = flag.String("report", "conformance/bench/BENCHMARKS.md", "the report to write")
	count     = flag.Int("count", 10, "runs of the micro-benchmarks (benchstat wants >= 10)")
	benchtime = flag.String("benchtime", "100ms", "-benchtime of each micro-benchmark run")
	duration  = flag.Duration("duration", 3*time.Second, "measured window of each end-to-end run")
	warmup    = flag.Duration("warmup", time.Second, "load before the measured window")
	sysWindow = flag.Duration("syscall-window", 1500*time.Millisecond, "window in which syscalls are counted")
	reps      = flag.Int("reps", 3, "repetitions of the target configurations (1 and 100 connections, 16 B)")
	conns     = flag.String("conns", "1,10,100,1000", "connection counts")
	sizes     = flag.String("sizes", "16,4096", "message sizes in bytes")
	skipMicro = flag.Bool("skip-micro", false, "reuse out/bench/micro.txt")
	wakeOps   = flag.Int("wake-ops", 5000, "operations of each counted wake-up benchmark run (the other run has a tenth)")
	serverCPU = flag.Int("server-cpu", 0, "CPU the servers run on")
	loadCPU   = flag.Int("load-cpu", 1, "CPU the load generator and micro-benchmarks run on")
)

func main() {
	flag.Parse()
	start := time.Now()
	if _, err := os.Stat("go.mod"); err != nil {
		fatalf("run from the repository root (no go.mod here)")
	}
	if err := os.MkdirAll(filepath.Join(*outDir, "prof"), 0o755); err != nil {
		fatalf("%v", err)
	}
	r := &Report{Args: os.Args[1:], Start: start.UTC()}
	r.Machine = machine()
	pinCPUs()
	logf("machine: %s, %d CPUs, kernel %s, null syscall %.0f ns", r.Machine.CPU, r.Machine.CPUs, r.Machine.Kernel, r.Machine.NullSyscallNs)

	haveC := build()
	r.Micro = micro()
	r.E2E = endToEnd(haveC)
	r.Wake = wakeCalls(r.E2E.SyscallMethod)
	r.Elapsed = time.Since(start)
	if err := r.write(*report, filepath.Join(filepath.Dir(*report), "chart.svg")); err != nil {
		fatalf("%v", err)
	}
	logf("wrote %s in %v", *report, r.Elapsed.Round(time.Second))
}

// build compiles the micro-benchmark test binaries, the Go servers and the
// load generator into outDir, and the C floor (cecho) with cc if there is
// one; it reports whether it built the C floor.
func build() (haveC bool) {
	must(cmd("go", "test", "-c", "-o", bin("pyselect.test"), "./sys/pyselect"))
	must(cmd("go", "test", "-c", "-o", bin("selectors.test"), "./sys/selectors"))
	must(cmd("go", "test", "-c", "-o", bin("herd.test"), "./conformance/bench/herd"))
	for _, p := range []string{"epollecho", "selectecho", "selectorsecho", "netecho", "rawecho", "loadgen"} {
		must(cmd("go", "build", "-o", bin(p), "./conformance/bench/"+p))
	}
	if _, err := exec.LookPath("cc"); err != nil {
		logf("no C compiler (cc): the C epoll server, the physical floor, is left out of this run")
		return false
	}
	must(cmd("cc", "-O2", "-Wall", "-o", bin("cecho"), "conformance/bench/cecho/epoll_echo.c"))
	return true
}

func bin(name string) string { return filepath.Join(*outDir, name) }

// cmd runs a command, its output going to ours, and says what it ran.
func cmd(name string, args ...string) error {
	logf("$ %s %s", name, strings.Join(args, " "))
	c := exec.Command(name, args...)
	c.Stdout, c.Stderr = os.Stderr, os.Stderr
	return c.Run()
}

// output runs a command and returns its standard output.
func output(name string, args ...string) (string, error) {
	out, err := exec.Command(name, args...).Output()
	return strings.TrimSpace(string(out)), err
}

func must(err error) {
	if err != nil {
		fatalf("%v", err)
	}
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench %s: %s\n", time.Now().UTC().Format("15:04:05"), fmt.Sprintf(format, args...))
}

func fatalf(format string, args ...any) {
	logf("FAIL: "+format, args...)
	os.Exit(1)
}
