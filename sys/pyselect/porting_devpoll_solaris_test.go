// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pyselect/pyselect/sys/pyselect"
	"golang.org/x/sys/unix"
)

// devpollRows are the rows of the README's devpoll table, each run on
// illumos and Solaris (sunos.yml) against a fresh Devpoll and pipe.
var devpollRows = []struct {
	python, goForm string
	test           func(t *testing.T, dp *pyselect.Devpoll, r, w int)
}{
	{"select.devpoll()", "pyselect.NewDevpoll()", func(t *testing.T, dp *pyselect.Devpoll, r, w int) {
		if fd, err := dp.Fileno(); err != nil || fd < 0 || dp.Closed() {
			t.Fatalf("a new devpoll: Fileno() = %d, %v; Closed() = %v", fd, err, dp.Closed())
		}
	}},
	{"dp.register(fd)`, `dp.register(fd, select.POLLIN)", "dp.Register(fd)`, `dp.Register(fd, pyselect.POLLIN)", func(t *testing.T, dp *pyselect.Devpoll, r, w int) {
		// Without a mask: POLLIN|POLLPRI|POLLOUT, so the empty pipe's
		// write end is reported writable.
		check(t, dp.Register(w))
		check(t, dp.Register(r, pyselect.POLLIN))
		wantDevpoll(t, dp, 0, pyselect.Event{Fd: w, Events: pyselect.POLLOUT})
		write(t, w)
		wantDevpoll(t, dp, 0, pyselect.Event{Fd: r, Events: pyselect.POLLIN}, pyselect.Event{Fd: w, Events: pyselect.POLLOUT})
	}},
	{"dp.modify(fd, m)", "dp.Modify(fd, m)", func(t *testing.T, dp *pyselect.Devpoll, r, w int) {
		check(t, dp.Register(w, pyselect.POLLIN))
		wantDevpoll(t, dp, 0)
		check(t, dp.Modify(w, pyselect.POLLOUT))
		wantDevpoll(t, dp, 0, pyselect.Event{Fd: w, Events: pyselect.POLLOUT})
		// Python's dp.modify(fd): the default mask.
		check(t, dp.Modify(w, pyselect.POLLIN|pyselect.POLLPRI|pyselect.POLLOUT))
		wantDevpoll(t, dp, 0, pyselect.Event{Fd: w, Events: pyselect.POLLOUT})
	}},
	{"dp.unregister(fd)", "dp.Unregister(fd)", func(t *testing.T, dp *pyselect.Devpoll, r, w int) {
		check(t, dp.Register(r, pyselect.POLLIN))
		write(t, w)
		wantDevpoll(t, dp, 0, pyselect.Event{Fd: r, Events: pyselect.POLLIN})
		check(t, dp.Unregister(r))
		wantDevpoll(t, dp, 0)
		// An fd never registered is no error (devpoll_unregister).
		check(t, dp.Unregister(w))
	}},
	{"dp.poll()`, `dp.poll(100)", "dp.Poll(nil)`, `dp.Poll(100) // milliseconds", func(t *testing.T, dp *pyselect.Devpoll, r, w int) {
		check(t, dp.Register(r, pyselect.POLLIN))
		start := time.Now()
		evs, err := dp.Poll(100)
		// 100 is milliseconds: not seconds, not microseconds (10 ms of
		// slack for the clock the kernel counts ticks with).
		if d := time.Since(start); err != nil || len(evs) != 0 || d < 90*time.Millisecond || d > 10*time.Second {
			t.Fatalf("Poll(100) on nothing ready = %v, %v after %v; want [] after 100 ms", evs, err, d)
		}
		write(t, w)
		evs, err = dp.Poll(nil)
		if err != nil || !slices.Equal(evs, []pyselect.Event{{Fd: r, Events: pyselect.POLLIN}}) {
			t.Fatalf("Poll(nil) with r readable = %v, %v", evs, err)
		}
	}},
	{"dp.close()`, `dp.closed`, `dp.fileno()", "dp.Close()`, `dp.Closed()`, `dp.Fileno()", func(t *testing.T, dp *pyselect.Devpoll, r, w int) {
		check(t, dp.Close())
		if !dp.Closed() {
			t.Fatal("Closed() = false after Close")
		}
		if fd, err := dp.Fileno(); fd != -1 || pyselect.ExceptionOf(err) != pyselect.ValueError || pyselect.Str(err) != "I/O operation on closed devpoll object" {
			t.Fatalf("Fileno() of a closed devpoll = %d, %v; want ValueError", fd, err)
		}
		check(t, dp.Close()) // idempotent
	}},
}

func write(t *testing.T, fd int) {
	t.Helper()
	if _, err := unix.Write(fd, []byte("x")); err != nil {
		t.Fatal(err)
	}
}

// wantDevpoll polls dp with timeout and checks the events, in fd order.
func wantDevpoll(t *testing.T, dp *pyselect.Devpoll, timeout any, want ...pyselect.Event) {
	t.Helper()
	evs, err := dp.Poll(timeout)
	check(t, err)
	slices.SortFunc(evs, func(a, b pyselect.Event) int { return a.Fd - b.Fd })
	slices.SortFunc(want, func(a, b pyselect.Event) int { return a.Fd - b.Fd })
	if !slices.Equal(evs, want) {
		t.Fatalf("Poll(%v) = %v; want %v", timeout, evs, want)
	}
}

// TestDevpollPortingTable runs every row of the README's devpoll table and
// checks that the README's rows are these.
func TestDevpollPortingTable(t *testing.T) {
	readme := readmeTable(t, "### devpoll", "#")
	for _, row := range devpollRows {
		if goForm, ok := readme[row.python]; !ok {
			t.Errorf("tested row %q is not in the README's devpoll table", row.python)
		} else if !strings.HasPrefix(goForm, row.goForm) {
			t.Errorf("row %q: the README says %q, the test runs %q", row.python, goForm, row.goForm)
		}
		delete(readme, row.python)
		t.Run(row.python, func(t *testing.T) {
			dp, err := pyselect.NewDevpoll()
			check(t, err)
			defer dp.Close()
			r, w := pipe(t)
			row.test(t, dp, r, w)
		})
	}
	for py := range readme {
		t.Errorf("README devpoll row %q has no test", py)
	}
}
