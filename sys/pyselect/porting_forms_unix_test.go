// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect_test

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support/fdtest"
	"github.com/pyselect/pyselect/conformance/support/waitfor"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

var _ = addRows(
	portingRow{"READ_ONLY = select.POLLIN | select.POLLPRI", "READ_ONLY := pyselect.POLLIN | pyselect.POLLPRI", func(t *testing.T) {
		//lint:ignore ST1003 Python's name
		READ_ONLY := pyselect.POLLIN | pyselect.POLLPRI
		r, w := fdtest.Pipe(t)
		p := pyselect.NewPoll()
		check(t, p.Register(r, READ_ONLY))
		unix.Write(w, []byte("x"))
		evs, err := p.Poll(0)
		check(t, err)
		if len(evs) != 1 || evs[0].Events&READ_ONLY != pyselect.POLLIN {
			t.Fatal(evs)
		}
	}},
	portingRow{"poller.modify(fd, event | select.POLLOUT)", "poller.Modify(fd, event|pyselect.POLLOUT)", func(t *testing.T) {
		r, w := fdtest.Pipe(t)
		poller := pyselect.NewPoll()
		check(t, poller.Register(w, pyselect.POLLIN))
		unix.Write(w, []byte("x"))
		check(t, poller.Register(r, pyselect.POLLIN))
		evs, err := poller.Poll(0)
		check(t, err)
		fd, event := evs[0].Fd, evs[0].Events
		check(t, poller.Modify(fd, event|pyselect.POLLOUT))
		check(t, poller.Modify(w, event|pyselect.POLLOUT))
		evs, err = poller.Poll(0)
		check(t, err)
		if !slices.Contains(evs, pyselect.Event{Fd: w, Events: pyselect.POLLOUT}) {
			t.Fatal(evs)
		}
	}},
	portingRow{"impl = select.epoll() if hasattr(select, 'epoll') else select.poll()", "impl, err := pyselect.NewPoller()", func(t *testing.T) {
		impl, err := pyselect.NewPoller()
		check(t, err)
		if c, ok := impl.(interface{ Close() error }); ok {
			defer c.Close()
		}
		// An Epoll has a descriptor to close; a poll object has none.
		if _, isEpoll := impl.(interface{ Close() error }); isEpoll != pyselect.HasEpoll {
			t.Fatalf("NewPoller is a %T; hasattr(select, 'epoll') is %v", impl, pyselect.HasEpoll)
		}
		_, w := fdtest.Pipe(t)
		check(t, impl.Register(w, pyselect.POLLOUT))
		check(t, impl.Modify(w, pyselect.POLLOUT))
		evs, err := impl.Poll(0)
		check(t, err)
		if len(evs) != 1 || evs[0].Fd != w || evs[0].Events != pyselect.POLLOUT {
			t.Fatal(evs)
		}
		check(t, impl.Unregister(w))
	}},
	portingRow{"self._impl = select.poll()  # beside select.epoll()", "var impl pyselect.Poller = pyselect.NewPoll().Poller()", func(t *testing.T) {
		var impl pyselect.Poller = pyselect.NewPoll().Poller()
		_, w := fdtest.Pipe(t)
		check(t, impl.Register(w, pyselect.POLLOUT))
		if evs, err := impl.Poll(0); err != nil || len(evs) != 1 {
			t.Fatal(evs, err)
		}
		if _, err := impl.Poll(0, 1); !errors.Is(err, builtins.TypeError) { // poll.poll(0, 1)
			t.Fatal(err)
		}
	}},
	portingRow{"deadline = time.monotonic() + timeout", "if t, ok, err := builtins.Seconds(timeout); ok { deadline = monotonic() + t }", func(t *testing.T) {
		for _, timeout := range []any{1, 1.0, int64(1), time.Second} { // int and float alike
			s, ok, err := builtins.Seconds(timeout)
			if s != 1 || !ok || err != nil {
				t.Fatal(timeout, s, ok, err)
			}
		}
		if _, ok, err := builtins.Seconds(nil); ok || err != nil { // timeout is None
			t.Fatal(ok, err)
		}
	}},
	portingRow{"hasattr(select, 'epoll')", "pyselect.HasEpoll // or pyselect.Hasattr(\"epoll\")", func(t *testing.T) {
		if pyselect.HasEpoll != pyselect.Hasattr("epoll") || !pyselect.HasPoll || !pyselect.HasSelect {
			t.Fatal(pyselect.HasEpoll, pyselect.HasPoll, pyselect.HasSelect)
		}
	}},
	portingRow{"select.select([], [], [], 0.01)", "pyselect.Select[int](nil, nil, nil, 0.01)", func(t *testing.T) {
		start := time.Now()
		r, w, x, err := pyselect.Select[int](nil, nil, nil, 0.01)
		check(t, err)
		if len(r)+len(w)+len(x) != 0 || time.Since(start) < 10*time.Millisecond {
			t.Fatal(r, w, x, time.Since(start))
		}
	}},
	portingRow{"select.select(fdset, [], [], 0)", "pyselect.Select(slices.Sorted(maps.Keys(fdset)), nil, nil, 0)", func(t *testing.T) {
		_, w1 := fdtest.Pipe(t)
		_, w2 := fdtest.Pipe(t)
		fdset := map[int]bool{w2: true, w1: true}
		_, ww, _, err := pyselect.Select(nil, slices.Sorted(maps.Keys(fdset)), nil, 0)
		check(t, err)
		if !slices.Equal(ww, []int{min(w1, w2), max(w1, w2)}) {
			t.Fatal(ww)
		}
	}},
)

// TestSetOrder: for a set of fds each smaller than its hash table (8
// slots up to 4 elements, 32 up to 18, 128 up to 76, ...: TestSetTableSizes), CPython
// iterates in ascending order, so slices.Sorted(maps.Keys(set)) passes
// select the list Python passes. Beyond it the orders part: the README
// says so, and the counterexample shows this test can fail.
func TestSetOrder(t *testing.T) {
	sets := [][]int{{5, 7, 12, 18, 30}, {6, 5, 4, 3}, {0, 1, 2}, {31, 3, 17, 9, 10, 11, 12}, {100, 99, 3, 50, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22}}
	var prog strings.Builder
	for _, s := range sets {
		fmt.Fprintf(&prog, "s = set()\nfor fd in %s: s.add(fd)\nprint(' '.join(map(str, s)))\n", strings.Join(strings.Fields(fmt.Sprint(s)), ", "))
	}
	prog.WriteString("print(' '.join(map(str, {9, 1, 1025, 3})))\n")
	out, err := waitfor.Command(t, time.Minute, "python3", "-c", prog.String()).Output()
	if err != nil {
		t.Skipf("no python3 to ask (%v)", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	for i, s := range sets {
		m := map[int]bool{}
		for _, fd := range s {
			m[fd] = true
		}
		if got := fmt.Sprint(slices.Sorted(maps.Keys(m))); got != "["+lines[i]+"]" {
			t.Errorf("set %v: Go %s, CPython [%s]", s, got, lines[i])
		}
	}
	if lines[len(sets)] == "1 3 9 1025" {
		t.Errorf("{9, 1, 1025, 3} iterates sorted in CPython; the README says it does not")
	}
}

// TestSetTableSizes asks CPython for the table sizes the README states: a
// set of n small fds has a table of size slots, so fd size-1 with the
// others iterates in ascending order and fd size, added first, does not
// (it takes slot 0, before fd 0).
func TestSetTableSizes(t *testing.T) {
	tables := []struct{ n, size int }{{4, 8}, {5, 32}, {18, 32}, {19, 128}, {76, 128}, {77, 512}}
	var prog strings.Builder
	prog.WriteString("def ascending(l):\n s = set()\n for fd in l: s.add(fd)\n return list(s) == sorted(s)\n")
	for _, c := range tables {
		fmt.Fprintf(&prog, "print(ascending([%d] + list(range(%d))), ascending([%d] + list(range(%d))))\n", c.size-1, c.n-1, c.size, c.n-1)
	}
	out, err := waitfor.Command(t, time.Minute, "python3", "-c", prog.String()).Output()
	if err != nil {
		t.Skipf("no python3 to ask (%v)", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	for i, c := range tables {
		if lines[i] != "True False" {
			t.Errorf("a set of %d fds: CPython says %q (ascending with fd %d, with fd %d first); want \"True False\": its table is not %d slots", c.n, lines[i], c.size-1, c.size, c.size)
		}
	}
}
