// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux

package main

import (
	"os"
	"runtime"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Machine is what the report says about where it ran.
type Machine struct {
	CPU, Kernel, Go, Python, Load string
	CPUs                          int
	// NullSyscallNs is getppid(2) through syscall.Syscall, the path
	// (with the runtime's entersyscall/exitsyscall) that unix.EpollWait,
	// Poll and Select take; NullRawSyscallNs through RawSyscall, without
	// the runtime's bookkeeping.
	NullSyscallNs, NullRawSyscallNs float64
	NofileSoft, NofileHard          uint64
}

func machine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), Go: runtime.Version()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	var u unix.Utsname
	if unix.Uname(&u) == nil {
		m.Kernel = unix.ByteSliceToString(u.Release[:]) + " " + unix.ByteSliceToString(u.Machine[:])
	}
	m.Python, _ = output("python3", "-c", "import sys; print(sys.version.split()[0])")
	m.Load, _ = loadavg()
	raiseNofile(&m)
	m.NullSyscallNs, m.NullRawSyscallNs = nullSyscall()
	return m
}

func loadavg() (string, error) {
	b, err := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if err != nil || len(f) < 3 {
		return "", err
	}
	return strings.Join(f[:3], " "), nil
}

// raiseNofile raises this process's soft fd limit to the hard one; the
// servers and the generator, its children, inherit it (1,000 connections
// need more than the usual soft limit of 1,024 on the generator's side).
func raiseNofile(m *Machine) {
	var lim unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_NOFILE, &lim) != nil {
		return
	}
	lim.Cur = lim.Max
	unix.Setrlimit(unix.RLIMIT_NOFILE, &lim)
	unix.Getrlimit(unix.RLIMIT_NOFILE, &lim)
	m.NofileSoft, m.NofileHard = lim.Cur, lim.Max
}

// nullSyscall measures getppid(2), the cheapest system call, on the load
// CPU: the median of 9 rounds of 200,000 calls, both ways.
func nullSyscall() (viaSyscall, viaRaw float64) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var old, set unix.CPUSet
	unix.SchedGetaffinity(0, &old)
	set.Set(*loadCPU)
	unix.SchedSetaffinity(0, &set)
	defer unix.SchedSetaffinity(0, &old)
	const n = 200_000
	round := func(raw bool) float64 {
		t := time.Now()
		for range n {
			if raw {
				syscall.RawSyscall(unix.SYS_GETPPID, 0, 0, 0)
			} else {
				syscall.Syscall(unix.SYS_GETPPID, 0, 0, 0)
			}
		}
		return float64(time.Since(t).Nanoseconds()) / n
	}
	var a, b []float64
	for range 9 {
		a = append(a, round(false))
		b = append(b, round(true))
	}
	return median(a), median(b)
}

// pinCPUs checks the CPUs the servers and the generator are pinned to
// against those this process may run on (sched_getaffinity(2); a
// container's cpuset may leave out CPU 0): two CPUs it may not use are
// replaced by the first two it may, and with one CPU both run on it,
// which the log says.
func pinCPUs() {
	var set unix.CPUSet
	if unix.SchedGetaffinity(0, &set) != nil {
		return
	}
	if *serverCPU != *loadCPU && set.IsSet(*serverCPU) && set.IsSet(*loadCPU) {
		return
	}
	var cpus []int
	for i := 0; i < 1024 && len(cpus) < 2; i++ { // CPU_SETSIZE
		if set.IsSet(i) {
			cpus = append(cpus, i)
		}
	}
	switch len(cpus) {
	case 0:
		return
	case 1:
		*serverCPU, *loadCPU = cpus[0], cpus[0]
		logf("one CPU to run on (%d): the servers and the generator share it", cpus[0])
	default:
		*serverCPU, *loadCPU = cpus[0], cpus[1]
		logf("CPUs: the servers on %d, the generator on %d", cpus[0], cpus[1])
	}
}
