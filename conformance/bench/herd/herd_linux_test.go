// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package herd

import (
	"bytes"
	"fmt"
	_ "github.com/pyselect/pyselect/conformance/support/memwatch" // a runaway test is named under .ci/memcap.sh
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/pyselect"
)

// waitFunc is one blocking wait (timeout -1, room for one event) on a
// shared epoll: the number of events it returned.
type waitFunc func(evs []unix.EpollEvent) (int, error)

// impls are the ways to wait: raw is unix.EpollWait on the instance's
// descriptor (the kernel's own wake-one), Wait and Poll pyselect's.
func impls(ep *pyselect.Epoll) map[string]waitFunc {
	efd, _ := ep.Fileno()
	return map[string]waitFunc{
		"raw": func(evs []unix.EpollEvent) (int, error) {
			for { // as every x/sys caller must: the runtime's SIGURG interrupts the wait
				n, err := unix.EpollWait(efd, evs, -1)
				if err != unix.EINTR {
					return n, err
				}
			}
		},
		"Wait": func(evs []unix.EpollEvent) (int, error) {
			return ep.Wait(evs, -1)
		},
		"Poll": func([]unix.EpollEvent) (int, error) {
			got, err := ep.Poll(nil, 1)
			return len(got), err
		},
	}
}

// BenchmarkEpollHerd: waiters goroutines block on one Epoll, each in a
// loop of one wait for one event; the benchmark hands them one event at a
// time (a byte written to a pipe registered EPOLLIN|EPOLLET, so the byte
// is one edge, one event for one waiter) and waits until a waiter has
// read it. One iteration is one event.
//
// Reported per event:
//   - wakeups/event: the sleeps of the waiters' threads, their voluntary
//     context switches (/proc/self/task/<tid>/status, proc(5)) over the
//     timed loop; each ends in a wake-up. One waiter woken per event, as
//     epoll_wait(2) wakes them, is at least 1; a herd is about waiters.
//     The Go scheduler adds a sleep where a woken thread finds no P free.
//   - empty/event: waits that returned without an event (a timeout of -1
//     never should).
//
// conformance/bench/run also counts the waits' system calls per event
// under perf. impl=raw is the kernel's floor.
func BenchmarkEpollHerd(b *testing.B) {
	for _, waiters := range []int{4, 16} {
		for _, impl := range []string{"raw", "Wait", "Poll"} {
			b.Run(fmt.Sprintf("waiters=%d/impl=%s", waiters, impl), func(b *testing.B) {
				benchHerd(b, waiters, impl)
			})
		}
	}
}

func benchHerd(b *testing.B, waiters int, impl string) {
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC|unix.O_NONBLOCK); err != nil {
		b.Fatal(err)
	}
	defer unix.Close(p[1])
	defer unix.Close(p[0])
	ep, err := pyselect.NewEpoll(-1, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer ep.Close()
	if err := ep.Register(p[0], pyselect.EPOLLIN|pyselect.EPOLLET); err != nil {
		b.Fatal(err)
	}
	wait := impls(ep)[impl]

	var (
		empty    atomic.Int64
		stopping atomic.Bool
		wg       sync.WaitGroup
		tids     = make(chan int, waiters)
		got      = make(chan struct{}, 1) // a waiter read the event's byte
		errs     = make(chan error, waiters)
	)
	for range waiters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// The goroutine keeps its thread, so the thread's context
			// switches are its own.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			tids <- unix.Gettid()
			evs, buf := make([]unix.EpollEvent, 1), make([]byte, 1)
			for {
				n, err := wait(evs)
				if err != nil {
					errs <- err
					return
				}
				if n == 0 {
					empty.Add(1)
					continue
				}
				if r, _ := unix.Read(p[0], buf); r != 1 {
					empty.Add(1) // an event without its byte: another waiter's
					continue
				}
				// Loaded before the event is reported, so the event that
				// tells a waiter to stop is one sent after Store(true).
				stop := stopping.Load()
				got <- struct{}{}
				if stop {
					return
				}
			}
		}()
	}
	ids := make([]int, waiters)
	for i := range ids {
		ids[i] = <-tids
	}
	event := func() {
		if _, err := unix.Write(p[1], []byte{1}); err != nil {
			b.Fatal(err)
		}
		select {
		case <-got:
		case err := <-errs:
			b.Fatal(err)
		case <-time.After(10 * time.Second):
			b.Fatal("no waiter took the event in 10 s")
		}
	}
	for range 4 * waiters { // every waiter blocked at least once
		event()
	}
	before := sleeps(b, ids)
	empty.Store(0)
	n := 0
	for b.Loop() {
		event()
		n++
	}
	after := sleeps(b, ids)
	emptied := empty.Load()
	// Each waiter takes one last event and returns.
	stopping.Store(true)
	for range waiters {
		event()
	}
	wg.Wait()
	b.ReportMetric(float64(after-before)/float64(n), "wakeups/event")
	b.ReportMetric(float64(emptied)/float64(n), "empty/event")
}

// sleeps is the voluntary context switches of the threads tids so far
// (proc(5): voluntary_ctxt_switches of /proc/self/task/<tid>/status).
func sleeps(b *testing.B, tids []int) int64 {
	var sum int64
	for _, tid := range tids {
		s, err := os.ReadFile("/proc/self/task/" + strconv.Itoa(tid) + "/status")
		if err != nil {
			b.Skipf("no per-thread context switches: %v", err)
		}
		_, v, ok := bytes.Cut(s, []byte("\nvoluntary_ctxt_switches:"))
		if !ok {
			b.Skip("no voluntary_ctxt_switches in /proc/self/task/<tid>/status")
		}
		v, _, _ = bytes.Cut(v, []byte("\n"))
		n, err := strconv.ParseInt(string(bytes.TrimSpace(v)), 10, 64)
		if err != nil {
			b.Fatal(err)
		}
		sum += n
	}
	return sum
}
