// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A Server is one echo server under load.
type Server struct {
	Key, Name string
	Cmd       []string
}

// The servers, the target's subject second, the C floor if it was built
// and the raw Go floor. Python runs as the interpreter itself, not a pyenv shim, so its
// pid is the server's.
func servers(haveC bool) []Server {
	py, err := output("python3", "-c", "import sys; print(sys.executable)")
	if err != nil {
		fatalf("python3: %v", err)
	}
	s := []Server{
		{"py-epoll", "CPython epoll (epoll_echo.py)", []string{py, "conformance/bench/python/epoll_echo.py"}},
		{"go-epoll", "pyselect epoll (Go port)", []string{bin("epollecho")}},
		{"go-net", "Go net, goroutine per connection", []string{bin("netecho")}},
	}
	if haveC {
		s = append(s, Server{"c-epoll", "C epoll (cecho/epoll_echo.c): the floor", []string{bin("cecho")}})
	}
	return append(s,
		Server{"go-raw", "raw Go epoll (rawecho: cecho in Go on x/sys alone): the floor for Go", []string{bin("rawecho")}},
		Server{"py-select", "CPython select (select_echo.py)", []string{py, "conformance/bench/python/select_echo.py"}},
		Server{"go-select", "pyselect select (Go port)", []string{bin("selectecho")}},
		Server{"py-selectors", "CPython selectors (selectors_echo.py)", []string{py, "conformance/bench/python/selectors_echo.py"}},
		Server{"go-selectors", "pyselect selectors (Go port)", []string{bin("selectorsecho")}})
}

// E2E is the end-to-end part of the report.
type E2E struct {
	Servers       []Server
	SyscallMethod string // how syscalls were counted
	Results       []Result
	Profiles      []Profile
	ServerCmd     string // how a server and the generator were started
}

// A Result is one run of one server under one load.
type Result struct {
	Server      string // Server.Key
	Conns, Size int
	ReqPerSec   float64
	P50, P99    time.Duration
	CPUPerReq   time.Duration // server user+sys time / requests
	UserPerReq  time.Duration // server user time / requests
	SysPerReq   time.Duration // server kernel (sys) time / requests
	UserTicks   int64         // utime ticks (1/100 s) in the window
	SysTicks    int64         // stime ticks (1/100 s) in the window
	// Noise is the run-to-run spread of CPUPerReq over repeated runs,
	// (max-min)/median; 0 for one run. Set by E2E.medians.
	Noise           float64
	SyscallsPerReq  float64
	Requests        uint64
	SyscallRequests uint64
	// Syscalls per request by name (perf only): the calls of
	// breakdownCalls, and "other".
	Breakdown map[string]float64
}

// breakdownCalls are the system calls counted one by one: the servers'
// I/O (CPython's recv and send, cecho's and rawecho's, are recvfrom(2) and
// sendto(2); the ports' are read(2) and write(2)), their waits (waitCalls),
// and the Go runtime's scheduling calls (futex(2) between threads,
// nanosleep(2) of its sysmon thread). Those the kernel has no tracepoint
// for (poll(2) on arm64) are left out (see countedCalls).
var breakdownCalls = []string{"read", "recvfrom", "write", "sendto",
	"epoll_wait", "epoll_pwait", "epoll_pwait2", "ppoll", "poll", "select", "pselect6",
	"epoll_ctl", "futex", "nanosleep", "sched_yield"}

// waitCalls are the calls of breakdownCalls that wait for events: on
// Linux, epoll's, poll's and select's (kevent(2) and DP_POLL are the
// other kernels').
var waitCalls = []string{"epoll_wait", "epoll_pwait", "epoll_pwait2", "ppoll", "poll", "select", "pselect6"}

// countedCalls are the calls of breakdownCalls this kernel and counter can
// count, set by syscallCounter.
var countedCalls []string

// The target configuration of the CPU targets; the thin-binding targets
// are judged at targetSize at each of thinConns (thin).
const targetConns, targetSize = 100, 16

// thinConns are the loads the thin binding is judged at: one connection,
// where every wait blocks (latency-bound), and targetConns, where waits
// rarely block (throughput-bound).
var thinConns = []int{1, targetConns}

// repeated reports a load the harness runs -reps times.
func repeated(conns, size int) bool { return size == targetSize && slices.Contains(thinConns, conns) }

func endToEnd(haveC bool) E2E {
	e := E2E{Servers: servers(haveC), SyscallMethod: syscallCounter()}
	e.ServerCmd = fmt.Sprintf("taskset -c %d SERVER 0   # prints its port\ntaskset -c %d %s -addr 127.0.0.1:PORT -c C -size SIZE",
		*serverCPU, *loadCPU, bin("loadgen"))
	for _, size := range ints(*sizes) {
		for _, c := range ints(*conns) {
			n := 1
			if repeated(c, size) {
				n = *reps
			}
			for rep := range n {
				for _, s := range e.Servers {
					logf("%s: %d connections, %d B, run %d of %d", s.Key, c, size, rep+1, n)
					res, err := runLoad(s, c, size, e.SyscallMethod, "")
					if err != nil {
						fatalf("%s: %v", s.Key, err)
					}
					logf("  %.0f req/s, p50 %v, p99 %v, %v CPU/req (user %v, kernel %v), %.2f syscalls/req",
						res.ReqPerSec, res.P50, res.P99, res.CPUPerReq, res.UserPerReq, res.SysPerReq, res.SyscallsPerReq)
					e.Results = append(e.Results, res)
				}
			}
		}
	}
	// Where the CPU time of the Go servers goes, at the target load.
	for _, s := range e.Servers {
		if s.Key != "go-epoll" && s.Key != "go-net" {
			continue
		}
		prof := filepath.Join(*outDir, "prof", s.Key+".prof")
		logf("%s: CPU profile at %d connections, %d B", s.Key, targetConns, targetSize)
		if _, err := runLoad(s, targetConns, targetSize, "", prof); err != nil {
			fatalf("%s: %v", s.Key, err)
		}
		e.Profiles = append(e.Profiles, Profile{
			Title:   s.Name + fmt.Sprintf(", %d connections, %d B", targetConns, targetSize),
			Command: strings.Join(s.Cmd, " ") + " 0 -cpuprofile " + prof + "   # under the same load; SIGTERM ends it",
			Top:     pprofTop(s.Cmd[0], prof),
		})
	}
	return e
}

// syscallCounter picks how syscalls are counted: perf's
// raw_syscalls:sys_enter tracepoint, installing linux-perf from Debian if
// needed, else strace -c -f; it sets countedCalls.
func syscallCounter() string {
	m := pickCounter()
	switch m {
	case "perf":
		for _, c := range breakdownCalls {
			if exec.Command("perf", "stat", "-e", "syscalls:sys_enter_"+c, "-x", ",", "true").Run() == nil {
				countedCalls = append(countedCalls, c)
			}
		}
	case "strace":
		countedCalls = breakdownCalls
	}
	return m
}

func pickCounter() string {
	perfWorks := func() bool {
		return exec.Command("perf", "stat", "-e", "raw_syscalls:sys_enter", "-x", ",", "true").Run() == nil
	}
	if !perfWorks() && os.Geteuid() == 0 {
		logf("perf is missing or cannot trace: installing linux-perf")
		cmd("apt-get", "install", "-y", "-q", "linux-perf")
	}
	if perfWorks() {
		return "perf"
	}
	if _, err := exec.LookPath("strace"); err != nil && os.Geteuid() == 0 {
		cmd("apt-get", "install", "-y", "-q", "strace")
	}
	if _, err := exec.LookPath("strace"); err == nil {
		return "strace"
	}
	logf("neither perf nor strace works: syscalls are not counted")
	return ""
}

// proc is a started process with its first output lines at hand.
type proc struct {
	cmd   *exec.Cmd
	lines chan string
	stdin io.WriteCloser
}

func start(name string, args []string, withStdin bool) (*proc, error) {
	p := &proc{cmd: exec.Command(name, args...), lines: make(chan string, 4)}
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if withStdin {
		if p.stdin, err = p.cmd.StdinPipe(); err != nil {
			return nil, err
		}
	}
	log, err := os.OpenFile(filepath.Join(*outDir, "e2e.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	p.cmd.Stderr = log
	if err := p.cmd.Start(); err != nil {
		return nil, err
	}
	log.Close()
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
		close(p.lines)
	}()
	return p, nil
}

// line waits for the next output line.
func (p *proc) line(timeout time.Duration) (string, error) {
	select {
	case l, ok := <-p.lines:
		if !ok {
			return "", fmt.Errorf("%s exited: see %s", p.cmd.Path, filepath.Join(*outDir, "e2e.log"))
		}
		return l, nil
	case <-time.After(timeout):
		return "", fmt.Errorf("%s: no answer in %v", p.cmd.Path, timeout)
	}
}

// ask sends the generator a command and returns its answer.
func (p *proc) ask(command string) (string, error) {
	if _, err := io.WriteString(p.stdin, command+"\n"); err != nil {
		return "", err
	}
	return p.line(30 * time.Second)
}

// stop ends a process: SIGTERM, then SIGKILL after 5 s.
func (p *proc) stop() {
	if p.stdin != nil {
		p.stdin.Close()
	}
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	if p.stdin == nil {
		p.cmd.Process.Signal(syscall.SIGTERM)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		p.cmd.Process.Kill()
		<-done
	}
}

type mark struct {
	n        uint64
	p50, p99 time.Duration
}

func (p *proc) mark() (mark, error) {
	l, err := p.ask("mark")
	if err != nil {
		return mark{}, err
	}
	var m mark
	var p50, p99 float64
	if _, err := fmt.Sscan(l, &m.n, &p50, &p99); err != nil {
		return mark{}, fmt.Errorf("loadgen said %q", l)
	}
	m.p50, m.p99 = time.Duration(p50), time.Duration(p99)
	return m, nil
}

// runLoad runs server s under the generator: warm-up, a measured window
// (requests, latency, server CPU), then, if method is set, a window in
// which the server's syscalls are counted (see countSyscalls). With
// cpuprofile set it only runs the load for the server's profile.
func runLoad(s Server, conns, size int, method, cpuprofile string) (Result, error) {
	res := Result{Server: s.Key, Conns: conns, Size: size}
	args := append([]string{"-c", strconv.Itoa(*serverCPU)}, s.Cmd...)
	args = append(args, "0")
	if cpuprofile != "" {
		args = append(args, "-cpuprofile", cpuprofile)
	}
	srv, err := start("taskset", args, false)
	if err != nil {
		return res, err
	}
	defer srv.stop()
	port, err := srv.line(30 * time.Second)
	if err != nil {
		return res, err
	}
	pid := srv.cmd.Process.Pid
	lg, err := start("taskset", []string{"-c", strconv.Itoa(*loadCPU), bin("loadgen"),
		"-addr", "127.0.0.1:" + port, "-c", strconv.Itoa(conns), "-size", strconv.Itoa(size)}, true)
	if err != nil {
		return res, err
	}
	defer lg.stop()
	if l, err := lg.line(60 * time.Second); err != nil || l != "ready" {
		return res, fmt.Errorf("loadgen: %q %v", l, err)
	}

	time.Sleep(*warmup)
	m0, err := lg.mark()
	if err != nil {
		return res, err
	}
	user0, sys0, err := procCPU(pid)
	if err != nil {
		return res, err
	}
	t0 := time.Now()
	time.Sleep(*duration)
	m1, err := lg.mark()
	if err != nil {
		return res, err
	}
	user1, sys1, err := procCPU(pid)
	if err != nil {
		return res, err
	}
	elapsed := time.Since(t0)
	res.Requests = m1.n - m0.n
	if res.Requests == 0 {
		return res, errors.New("no requests served")
	}
	res.ReqPerSec = float64(res.Requests) / elapsed.Seconds()
	res.P50, res.P99 = m1.p50, m1.p99
	res.UserTicks, res.SysTicks = user1-user0, sys1-sys0
	res.UserPerReq, res.SysPerReq, res.CPUPerReq = perReq(res.UserTicks, res.SysTicks, res.Requests)
	if method != "" {
		var counts map[string]uint64
		counts, res.SyscallRequests, err = countSyscalls(method, pid, lg)
		if err != nil {
			return res, err
		}
		per := func(n uint64) float64 { return float64(n) / float64(res.SyscallRequests) }
		res.SyscallsPerReq = per(counts["total"])
		if len(counts) > 1 {
			res.Breakdown = map[string]float64{}
			other := counts["total"]
			for _, c := range countedCalls {
				res.Breakdown[c] = per(counts[c])
				other -= min(other, counts[c])
			}
			res.Breakdown["other"] = per(other)
		}
	}
	return res, nil
}

// procCPU is a process's user and kernel time, utime and stime of
// /proc/<pid>/stat (proc(5); all its threads), in clock ticks of 1/100 s
// (USER_HZ, fixed at 100 on Linux).
func procCPU(pid int) (utime, stime int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, 0, err
	}
	return parseStat(string(b))
}

// parseStat reads utime and stime, fields 14 and 15, of a /proc/<pid>/stat
// line. The command name, field 2, is in parentheses and may hold spaces
// and parentheses itself, so the fields are counted from the last ')'.
func parseStat(stat string) (utime, stime int64, err error) {
	i := strings.LastIndexByte(stat, ')')
	f := strings.Fields(stat[i+1:])
	if i < 0 || len(f) < 13 {
		return 0, 0, fmt.Errorf("/proc/<pid>/stat: %q", stat)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64) // field 14
	stime, err2 := strconv.ParseInt(f[12], 10, 64) // field 15
	return utime, stime, errors.Join(err1, err2)
}

// tick is one USER_HZ clock tick, the unit of utime and stime.
const tick = 10 * time.Millisecond

// perReq divides user and kernel ticks by the requests served: user,
// kernel and total CPU per request.
func perReq(utime, stime int64, requests uint64) (user, sys, total time.Duration) {
	if requests == 0 {
		return 0, 0, 0
	}
	n := time.Duration(requests)
	return time.Duration(utime) * tick / n, time.Duration(stime) * tick / n, time.Duration(utime+stime) * tick / n
}

// countSyscalls counts the server's system calls per request. The
// generator is paused (every request in flight completed) while the
// counter attaches and detaches, so the count covers exactly the
// requests served between two marks, plus the idle server's few calls
// (a timeout of epoll.poll(1) a second).
func countSyscalls(method string, pid int, lg *proc) (map[string]uint64, uint64, error) {
	if _, err := lg.ask("pause"); err != nil {
		return nil, 0, err
	}
	file := filepath.Join(*outDir, "syscalls.txt")
	var args []string
	switch method {
	case "perf":
		args = append(perfArgs(file), "-p", strconv.Itoa(pid))
	case "strace":
		args = []string{"-c", "-f", "-o", file, "-p", strconv.Itoa(pid)}
	}
	counter := exec.Command(method, args...)
	if err := counter.Start(); err != nil {
		return nil, 0, err
	}
	time.Sleep(500 * time.Millisecond) // attached
	a, err := lg.mark()
	if err == nil {
		_, err = lg.ask("resume")
	}
	if err != nil {
		return nil, 0, err
	}
	time.Sleep(*sysWindow)
	if _, err := lg.ask("pause"); err != nil {
		return nil, 0, err
	}
	b, err := lg.mark()
	if err != nil {
		return nil, 0, err
	}
	counter.Process.Signal(syscall.SIGINT)
	counter.Wait()
	lg.ask("resume")
	counts, err := parseSyscalls(method, file)
	if err != nil {
		return nil, 0, err
	}
	reqs := b.n - a.n
	if reqs == 0 {
		return nil, 0, errors.New("no requests while counting syscalls")
	}
	return counts, reqs, nil
}

// perfArgs are perf stat's arguments counting every system call and each
// of countedCalls into file.
func perfArgs(file string) []string {
	args := []string{"stat", "-e", "raw_syscalls:sys_enter", "-x", ",", "-o", file}
	for _, c := range countedCalls {
		args = append(args, "-e", "syscalls:sys_enter_"+c)
	}
	return args
}

// parseSyscalls reads the counts of perf stat -x, ("N,,raw_syscalls:sys_enter,...",
// "N,,syscalls:sys_enter_read,...") or the table of strace -c (calls in
// the fourth column, the call's name last; errors, the fifth, may be
// blank). The count of every call is "total".
func parseSyscalls(method, file string) (map[string]uint64, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	counts := map[string]uint64{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(strings.ReplaceAll(line, ",", " "))
		switch {
		case method == "perf" && len(f) >= 2 && f[1] == "raw_syscalls:sys_enter":
			counts["total"], err = strconv.ParseUint(f[0], 10, 64)
		case method == "perf" && len(f) >= 2 && strings.HasPrefix(f[1], "syscalls:sys_enter_"):
			counts[strings.TrimPrefix(f[1], "syscalls:sys_enter_")], err = strconv.ParseUint(f[0], 10, 64)
		case method == "strace" && len(f) >= 5 && f[0] != "%":
			if n, perr := strconv.ParseUint(f[3], 10, 64); perr == nil {
				counts[f[len(f)-1]] = n
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %q: %v", file, line, err)
		}
	}
	if _, ok := counts["total"]; !ok {
		return nil, fmt.Errorf("no syscall count in %s: %q", file, b)
	}
	return counts, nil
}

func ints(list string) []int {
	var v []int
	for _, s := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			fatalf("%q: %v", list, err)
		}
		v = append(v, n)
	}
	return v
}
