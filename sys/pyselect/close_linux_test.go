// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support/memwatch"
	"github.com/pyselect/pyselect/conformance/support/waitfor"
	"github.com/pyselect/pyselect/sys/builtins"
)

// Close wakes a blocked call even when no descriptor can be had: the wake
// source is made with the object, never at Close.
func TestEpollCloseWakesAtEMFILE(t *testing.T) {
	for _, call := range []string{"Poll", "Wait"} {
		ep, err := NewEpoll(-1, 0)
		if err != nil {
			t.Fatal(err)
		}
		c := waitResult(func() error {
			if call == "Poll" {
				_, err := ep.Poll(nil, -1)
				return err
			}
			_, err := ep.Wait(make([]unix.EpollEvent, 1), -1)
			return err
		})
		time.Sleep(50 * time.Millisecond) // let it block (the test passes either way)
		undo := atEMFILE(t)
		ep.Close()
		undo() // Close has done its part; the descriptors are freed before the wait
		wantClosed(t, c, call)
	}
}

// No reader of the epoll instance sees an event the library made for
// itself: a second Epoll over a dup of the instance, and an Epoll watching
// this one, both see nothing when Close wakes a waiter, as in CPython.
func TestEpollCloseInvisible(t *testing.T) {
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		t.Fatal(err)
	}
	fd, _ := ep.Fileno()
	dfd, err := unix.Dup(fd)
	if err != nil {
		t.Fatal(err)
	}
	dup, err := EpollFromFd(dfd)
	if err != nil {
		t.Fatal(err)
	}
	defer dup.Close()
	outer, err := NewEpoll(-1, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer outer.Close()
	if err := outer.Register(fd, EPOLLIN); err != nil {
		t.Fatal(err)
	}

	c := waitResult(func() error { _, err := ep.Poll(nil, -1); return err })
	type res struct {
		evs []Event
		err error
	}
	dc, oc := make(chan res, 1), make(chan res, 1)
	go func() { evs, err := dup.Poll(0.3, -1); dc <- res{evs, err} }()
	go func() { evs, err := outer.Poll(0.3, -1); oc <- res{evs, err} }()
	time.Sleep(50 * time.Millisecond)
	ep.Close()
	wantClosed(t, c, "Poll")
	for name, ch := range map[string]chan res{"dup": dc, "outer": oc} {
		if r := waitfor.Recv(t, ch, 10*time.Second, name+".Poll(0.3)"); r.err != nil || len(r.evs) != 0 {
			t.Errorf("%s.Poll(0.3) while the other Epoll closed = %v, %v; want [], nil", name, r.evs, r.err)
		}
	}
	if evs, err := dup.Poll(0, -1); err != nil || len(evs) != 0 {
		t.Errorf("dup.Poll(0) after Close = %v, %v; want [], nil", evs, err)
	}
}

// An Epoll dropped without Close is closed when collected; one closed
// explicitly is never closed again.
func TestEpollClosedOnCollection(t *testing.T) {
	checkCollected(t, 1, func() (io.Closer, error) { return NewEpoll(-1, 0) })
}

// The zero Epoll and a nil *Epoll are closed objects: never fd 0.
func TestEpollZeroValue(t *testing.T) {
	var zero Epoll
	for name, ep := range map[string]*Epoll{"zero": &zero, "nil": nil} {
		if !ep.Closed() {
			t.Errorf("%s: Closed() = false", name)
		}
		if fd, err := ep.Fileno(); !errors.Is(err, builtins.ValueError) {
			t.Errorf("%s: Fileno() = %d, %v; want ValueError", name, fd, err)
		}
		if evs, err := ep.Poll(0, -1); !errors.Is(err, builtins.ValueError) {
			t.Errorf("%s: Poll(0) = %v, %v; want ValueError", name, evs, err)
		}
		if n, err := ep.Wait(make([]unix.EpollEvent, 1), 0); !errors.Is(err, builtins.ValueError) {
			t.Errorf("%s: Wait = %d, %v; want ValueError", name, n, err)
		}
		for _, err := range []error{ep.Register(1), ep.Modify(1, EPOLLIN), ep.Unregister(1)} {
			if !errors.Is(err, builtins.ValueError) {
				t.Errorf("%s: register/modify/unregister = %v; want ValueError", name, err)
			}
		}
		if err := ep.Close(); err != nil {
			t.Errorf("%s: Close = %v", name, err)
		}
		if err := ep.Close(); err != nil {
			t.Errorf("%s: second Close = %v", name, err)
		}
		if !fdOpen(0) {
			t.Fatalf("%s: fd 0 was closed", name)
		}
	}
}

// maxevents decides no memory: a call keeps at most keptEvents slots
// between calls, whatever maxevents it was given.
func TestEpollKeptArrayBounded(t *testing.T) {
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ep.Close()
	if _, err := ep.Poll(0, 20000000); err != nil {
		t.Fatal(err)
	}
	if c := cap(ep.buf.buf); c > 1024 {
		t.Errorf("Poll(0, 20000000) left an array of %d events in the Epoll, want at most 1024", c)
	}
	if m := ep.big.Load(); m != nil {
		t.Errorf("Poll(0, 20000000) left a mapping of %d bytes in the Epoll, want none above %d", len(m.b), keptMapBytes)
	}
}

// A steady maxevents above keptEvents (a selector's, one per
// registration) maps its array once, as glibc's malloc serves CPython's
// from the heap after the first mmap: the second call reuses the
// mapping, a larger maxevents replaces it, and Close unmaps it.
func TestEpollLargeArrayKept(t *testing.T) {
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ep.Close()
	if _, err := ep.Poll(0, 2000); err != nil {
		t.Fatal(err)
	}
	first := ep.big.Load()
	if first == nil || len(first.b) < 2000*12 {
		t.Fatalf("Poll(0, 2000) kept %v; want a mapping of 2000 events", first)
	}
	if _, err := ep.Poll(0, 1500); err != nil {
		t.Fatal(err)
	}
	if ep.big.Load() != first {
		t.Errorf("Poll(0, 1500) after Poll(0, 2000) did not reuse the mapping")
	}
	if _, err := ep.Poll(0, 100000); err != nil {
		t.Fatal(err)
	}
	if m := ep.big.Load(); m == first || m == nil || len(m.b) < 100000*12 {
		t.Errorf("Poll(0, 100000) kept %v; want a new mapping of 100000 events", m)
	}
	ep.Close()
	if ep.big.Load() != nil {
		t.Errorf("Close left the mapping in the Epoll")
	}
}

// maxevents cannot kill the process: under an address-space limit a child
// asks for EP_MAX_EVENTS and for 20 million events, and must live. As
// CPython's (python3 -c: setrlimit(RLIMIT_AS, 1 GiB); ep.poll(0,
// 178956970) is MemoryError, ep.poll(0, 20000000) returns the event), an
// array that cannot be mapped (2 GiB, with 1 GiB of room) is MemoryError,
// and one that can is mapped and returns the ready pipe.
//
// The limit is the child's own address space (VmSize) plus asMargin: room
// for the runtime's ordinary growth and the 20-million-event array (240
// MB), never for EP_MAX_EVENTS' 2 GiB. An absolute limit would not do: a
// Go process reserves about 1.2 GiB at start (1.9 GiB under -race).
func TestEpollMaxeventsUnderRLIMIT_AS(t *testing.T) {
	const asMargin = 1 << 30
	if os.Getenv("PYSELECT_RLIMIT_AS_CHILD") == "1" {
		vm, err := memwatch.VmSize()
		if err != nil {
			t.Fatal(err)
		}
		lim := unix.Rlimit{Cur: vm + asMargin, Max: vm + asMargin}
		if err := unix.Setrlimit(unix.RLIMIT_AS, &lim); err != nil {
			t.Fatal(err)
		}
		ep, err := NewEpoll(-1, 0)
		if err != nil {
			t.Fatal(err)
		}
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte{1})
		if err := ep.Register(r, EPOLLIN); err != nil {
			t.Fatal(err)
		}
		if evs, err := ep.Poll(0, epMaxEvents); !errors.Is(err, builtins.MemoryError) {
			t.Fatalf("Poll(0, %d) = %v, %v; want MemoryError", epMaxEvents, evs, err)
		}
		for _, m := range []int{20000000, 1 << 25} {
			evs, err := ep.Poll(0, m)
			if err != nil || len(evs) != 1 {
				t.Fatalf("Poll(0, %d) = %v, %v; want the one ready pipe", m, evs, err)
			}
		}
		return
	}
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	cmd := waitfor.Command(t, time.Minute, os.Args[0], "-test.run=^TestEpollMaxeventsUnderRLIMIT_AS$", "-test.v")
	cmd.Env = append(os.Environ(), "PYSELECT_RLIMIT_AS_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child under RLIMIT_AS of its VmSize + %d MiB: %v\n%s", asMargin>>20, err, out)
	}
	if !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("child ran no test:\n%s", out)
	}
}

// Every ready event up to maxevents is returned in one call, as from
// CPython, even when the entries were added through another descriptor of
// the instance, and without /proc: the array has room for maxevents.
func TestEpollPollReturnsAllOfAForeignInterestList(t *testing.T) {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil || lim.Cur < 2*uint64(keptEvents) {
		t.Skip("RLIMIT_NOFILE too low for ", 1536, " eventfds")
	}
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ep.Close()
	fd, _ := ep.Fileno()
	const n = keptEvents + keptEvents/2
	for range n {
		efd, err := unix.Eventfd(0, unix.EFD_CLOEXEC)
		if err != nil {
			t.Fatal(err)
		}
		defer unix.Close(efd)
		ev := unix.EpollEvent{Events: unix.EPOLLOUT, Fd: int32(efd)}
		if err := unix.EpollCtl(fd, unix.EPOLL_CTL_ADD, efd, &ev); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range []int{n - 1, n, 2 * n, epMaxEvents} {
		evs, err := ep.Poll(0, m)
		if want := min(m, n); err != nil || len(evs) != want {
			t.Errorf("Poll(0, %d) = %d events, %v; want %d", m, len(evs), err, want)
		}
	}
	if c := cap(ep.buf.buf); c > keptEvents {
		t.Errorf("the Epoll kept an array of %d events, want at most %d", c, keptEvents)
	}
}

// A Poll allocates its result and nothing else, with up to keptEvents
// and with a kept mapping above it; Wait allocates nothing. (An array
// returned with a closure to give it back cost a second allocation.)
func TestEpollPollAllocatesItsResultOnly(t *testing.T) {
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ep.Close()
	efd, err := unix.Eventfd(1, unix.EFD_CLOEXEC)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(efd)
	if err := ep.Register(efd, EPOLLIN); err != nil {
		t.Fatal(err)
	}
	for _, m := range []int{-1, 4096} {
		if got := testing.AllocsPerRun(100, func() { ep.Poll(0, m) }); got != 1 {
			t.Errorf("Poll(0, %d) made %v allocations; want 1, the result", m, got)
		}
	}
	ev := make([]unix.EpollEvent, 8)
	if got := testing.AllocsPerRun(100, func() { ep.Wait(ev, 0) }); got != 0 {
		t.Errorf("Wait made %v allocations; want 0", got)
	}
}
