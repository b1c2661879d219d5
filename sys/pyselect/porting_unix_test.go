// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect_test

import (
	"errors"
	"net"
	"os"
	"slices"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support/fdtest"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// A portingRow is one row of the README's porting table: a Python call
// form, its Go equivalent, and a test that runs the Go form and checks
// that it does what the Python form does.
type portingRow struct {
	python, goForm string
	run            func(t *testing.T)
}

// portingRows collects the rows of every file (select and poll here,
// epoll in porting_linux_test.go).
var portingRows []portingRow

func addRows(rows ...portingRow) bool { portingRows = append(portingRows, rows...); return true }

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// durationRow is the one Go-only timeout form: a time.Duration is that
// duration in every API, whatever the API's unit.
var durationRow = portingRow{"(no Python form: a Go time.Duration as the timeout, in any API)",
	"pyselect.Select(r, w, x, 50*time.Millisecond); p.Poll(50 * time.Millisecond)", func(t *testing.T) {
		r, _ := fdtest.Pipe(t)
		for name, call := range map[string]func() error{
			"Select": func() error { _, _, _, err := pyselect.Select([]int{r}, nil, nil, 50*time.Millisecond); return err },
			"Poll.Poll": func() error {
				p := pyselect.NewPoll()
				check(t, p.Register(r))
				_, err := p.Poll(50 * time.Millisecond)
				return err
			},
		} {
			start := time.Now()
			check(t, call())
			// 50 s or 50,000 s if read in the API's unit; 0 if truncated.
			if d := time.Since(start); d < 50*time.Millisecond || d > 10*time.Second {
				t.Errorf("%s(50ms) waited %v", name, d)
			}
		}
	}}

var _ = addRows(durationRow)

var _ = addRows(
	portingRow{"select.select(r, w, x)", "pyselect.Select(r, w, x)", func(t *testing.T) {
		r, w := fdtest.Pipe(t)
		rr, ww, xx, err := pyselect.Select([]int{r}, []int{w}, []int{})
		check(t, err)
		if len(rr) != 0 || !slices.Equal(ww, []int{w}) || len(xx) != 0 {
			t.Fatalf("got %v %v %v", rr, ww, xx)
		}
	}},
	portingRow{"select.select(r, w, x, 0.5)", "pyselect.Select(r, w, x, 0.5)", func(t *testing.T) {
		r, _ := fdtest.Pipe(t)
		rr, _, _, err := pyselect.Select([]int{r}, nil, nil, 0.05)
		check(t, err)
		if len(rr) != 0 {
			t.Fatalf("an empty pipe was readable: %v", rr)
		}
	}},
	portingRow{"select.select([sock, 7], [], [], 0)", "pyselect.Select([]any{sock, 7}, nil, nil, 0)", func(t *testing.T) {
		a, b := net.Pipe() // no fd: TypeError, as for an object without fileno()
		defer a.Close()
		defer b.Close()
		_, _, _, err := pyselect.Select([]any{a}, nil, nil, 0)
		if !errors.Is(err, builtins.TypeError) {
			t.Fatalf("net.Pipe has no fd, got %v", err)
		}
		f, w, err := os.Pipe()
		check(t, err)
		defer f.Close()
		defer w.Close()
		_, ww, _, err := pyselect.Select(nil, []any{w, 7}, nil, 0)
		check(t, err)
		if len(ww) == 0 || ww[0] != any(w) {
			t.Fatalf("the caller's own *os.File comes back: %v", ww)
		}
	}},
	portingRow{"select.poll()", "pyselect.NewPoll()", func(t *testing.T) {
		evs, err := pyselect.NewPoll().Poll(0)
		check(t, err)
		if len(evs) != 0 {
			t.Fatal(evs)
		}
	}},
	portingRow{"p.register(fd)", "p.Register(fd)", func(t *testing.T) {
		_, w := fdtest.Pipe(t)
		p := pyselect.NewPoll()
		check(t, p.Register(w))
		evs, err := p.Poll(0)
		check(t, err)
		if len(evs) != 1 || evs[0] != (pyselect.Event{Fd: w, Events: pyselect.POLLOUT}) {
			t.Fatal(evs)
		}
	}},
	portingRow{"p.register(fd, select.POLLIN)", "p.Register(fd, pyselect.POLLIN)", func(t *testing.T) {
		r, w := fdtest.Pipe(t)
		p := pyselect.NewPoll()
		check(t, p.Register(r, pyselect.POLLIN))
		unix.Write(w, []byte("x"))
		evs, err := p.Poll(0)
		check(t, err)
		if len(evs) != 1 || evs[0] != (pyselect.Event{Fd: r, Events: pyselect.POLLIN}) {
			t.Fatal(evs)
		}
	}},
	portingRow{"p.modify(fd, select.POLLOUT)", "p.Modify(fd, pyselect.POLLOUT)", func(t *testing.T) {
		_, w := fdtest.Pipe(t)
		p := pyselect.NewPoll()
		check(t, p.Register(w, pyselect.POLLIN))
		check(t, p.Modify(w, pyselect.POLLOUT))
		evs, err := p.Poll(0)
		check(t, err)
		if len(evs) != 1 || evs[0].Events != pyselect.POLLOUT {
			t.Fatal(evs)
		}
	}},
	portingRow{"p.unregister(fd)", "p.Unregister(fd)", func(t *testing.T) {
		_, w := fdtest.Pipe(t)
		p := pyselect.NewPoll()
		check(t, p.Register(w))
		check(t, p.Unregister(w))
		if err := p.Unregister(w); !errors.Is(err, builtins.KeyError) {
			t.Fatalf("second unregister: %v, want KeyError", err)
		}
	}},
	portingRow{"p.poll()", "p.Poll()", func(t *testing.T) {
		_, w := fdtest.Pipe(t)
		p := pyselect.NewPoll()
		check(t, p.Register(w, pyselect.POLLOUT))
		evs, err := p.Poll()
		check(t, err)
		if len(evs) != 1 {
			t.Fatal(evs)
		}
	}},
	portingRow{"p.poll(100)", "p.Poll(100) // milliseconds", func(t *testing.T) {
		r, _ := fdtest.Pipe(t)
		p := pyselect.NewPoll()
		check(t, p.Register(r, pyselect.POLLIN))
		evs, err := p.Poll(20)
		check(t, err)
		if len(evs) != 0 {
			t.Fatal(evs)
		}
	}},
	portingRow{"except ValueError:", "builtins.Except(err, builtins.ValueError)", func(t *testing.T) {
		_, _, _, err := pyselect.Select([]int{-1}, nil, nil, 0)
		if !builtins.Except(err, builtins.ValueError) || !errors.Is(err, builtins.ValueError) {
			t.Fatal(err)
		}
	}},
	portingRow{"except select.error:", "builtins.Except(err, pyselect.Error)", func(t *testing.T) {
		_, _, _, err := pyselect.Select([]int{closedFd(t)}, nil, nil, 0)
		if pyselect.Error != builtins.OSError || !builtins.Except(err, pyselect.Error) {
			t.Fatal(err)
		}
	}},
	portingRow{"select.PIPE_BUF", "pyselect.PIPE_BUF", func(t *testing.T) {
		if pyselect.PIPE_BUF < 512 {
			t.Fatalf("PIPE_BUF = %d, POSIX says at least 512", pyselect.PIPE_BUF)
		}
	}},
)

// closedFd is a number that was just closed.
func closedFd(t *testing.T) int {
	r, w := fdtest.Pipe(t)
	unix.Close(w)
	unix.Close(r)
	return r
}

func TestPortingTable(t *testing.T) {
	for _, row := range portingRows {
		t.Run(row.python, row.run)
	}
}
