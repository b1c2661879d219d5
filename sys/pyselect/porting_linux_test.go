// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect_test

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support/fdtest"
	"github.com/pyselect/pyselect/conformance/support/readme"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

func newEpoll(t *testing.T) *pyselect.Epoll {
	ep, err := pyselect.NewEpoll(-1, 0)
	check(t, err)
	t.Cleanup(func() { ep.Close() })
	return ep
}

// writable registers w for EPOLLOUT on a new epoll and returns both.
func writable(t *testing.T) (*pyselect.Epoll, int) {
	_, w := fdtest.Pipe(t)
	ep := newEpoll(t)
	check(t, ep.Register(w, pyselect.EPOLLOUT))
	return ep, w
}

func wantEvents(t *testing.T, got []pyselect.Event, err error, want ...pyselect.Event) {
	t.Helper()
	check(t, err)
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

var _ = addRows(
	portingRow{"select.epoll()", "pyselect.NewEpoll()", func(t *testing.T) {
		ep := newEpoll(t)
		if fd, err := ep.Fileno(); err != nil || fd < 0 || ep.Closed() {
			t.Fatal(fd, err)
		}
	}},
	portingRow{"select.epoll(sizehint=10)", "pyselect.NewEpoll(10)", func(t *testing.T) {
		ep, err := pyselect.NewEpoll(10)
		check(t, err)
		ep.Close()
		if _, err := pyselect.NewEpoll(0, 0); !errors.Is(err, builtins.ValueError) {
			t.Fatal(err)
		}
	}},
	portingRow{"select.epoll(flags=select.EPOLL_CLOEXEC)", "pyselect.NewEpoll(-1, pyselect.EPOLL_CLOEXEC)", func(t *testing.T) {
		ep, err := pyselect.NewEpoll(-1, pyselect.EPOLL_CLOEXEC)
		check(t, err)
		defer ep.Close()
		fd, _ := ep.Fileno()
		if flags, _ := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); flags&unix.FD_CLOEXEC == 0 {
			t.Fatal("not close-on-exec")
		}
	}},
	portingRow{"with select.epoll() as ep:", "ep, err := pyselect.NewEpoll(); defer ep.Close()", func(t *testing.T) {
		ep, err := pyselect.NewEpoll()
		check(t, err)
		func() { defer ep.Close() }()
		if _, err := ep.Fileno(); !ep.Closed() || !errors.Is(err, builtins.ValueError) {
			t.Fatal(err)
		}
	}},
	portingRow{"select.epoll.fromfd(fd)", "pyselect.EpollFromFd(fd)", func(t *testing.T) {
		ep, w := writable(t)
		fd, _ := ep.Fileno()
		dup, err := unix.Dup(fd) // ep2 owns what it is given, as in Python
		check(t, err)
		ep2, err := pyselect.EpollFromFd(dup)
		check(t, err)
		defer ep2.Close()
		evs, err := ep2.Poll(0, -1)
		wantEvents(t, evs, err, pyselect.Event{Fd: w, Events: pyselect.EPOLLOUT})
	}},
	portingRow{"ep.register(fd)", "ep.Register(fd)", func(t *testing.T) {
		_, w := fdtest.Pipe(t)
		ep := newEpoll(t)
		check(t, ep.Register(w))
		if err := ep.Register(w); !errors.Is(err, builtins.FileExistsError) {
			t.Fatal(err)
		}
	}},
	portingRow{"ep.register(fd, select.EPOLLIN | select.EPOLLET)", "ep.Register(fd, pyselect.EPOLLIN|pyselect.EPOLLET)", func(t *testing.T) {
		r, w := fdtest.Pipe(t)
		ep := newEpoll(t)
		check(t, ep.Register(r, pyselect.EPOLLIN|pyselect.EPOLLET))
		unix.Write(w, []byte("x"))
		evs, err := ep.Poll(0, -1)
		wantEvents(t, evs, err, pyselect.Event{Fd: r, Events: pyselect.EPOLLIN})
		evs, err = ep.Poll(0, -1)
		wantEvents(t, evs, err) // edge-triggered: no new edge, no event
	}},
	portingRow{"ep.register(fd=fd, eventmask=m)", "ep.Register(fd, m)", func(t *testing.T) {
		ep, w := writable(t)
		evs, err := ep.Poll(0, -1)
		wantEvents(t, evs, err, pyselect.Event{Fd: w, Events: pyselect.EPOLLOUT})
	}},
	portingRow{"ep.modify(fd, m)", "ep.Modify(fd, m)", func(t *testing.T) {
		ep, w := writable(t)
		check(t, ep.Modify(w, pyselect.EPOLLIN))
		evs, err := ep.Poll(0, -1)
		wantEvents(t, evs, err)
	}},
	portingRow{"ep.unregister(fd)", "ep.Unregister(fd)", func(t *testing.T) {
		ep, w := writable(t)
		check(t, ep.Unregister(w))
		if err := ep.Unregister(w); !errors.Is(err, builtins.FileNotFoundError) || !errors.Is(err, unix.ENOENT) {
			t.Fatal(err)
		}
	}},
	portingRow{"ep.poll()", "ep.Poll(nil)", func(t *testing.T) {
		ep, w := writable(t)
		evs, err := ep.Poll(nil)
		wantEvents(t, evs, err, pyselect.Event{Fd: w, Events: pyselect.EPOLLOUT})
	}},
	portingRow{"ep.poll(1)", "ep.Poll(1)", func(t *testing.T) {
		ep, w := writable(t)
		evs, err := ep.Poll(1)
		wantEvents(t, evs, err, pyselect.Event{Fd: w, Events: pyselect.EPOLLOUT})
	}},
	portingRow{"ep.poll(timeout=0.1, maxevents=4)", "ep.Poll(0.1, 4)", func(t *testing.T) {
		ep := newEpoll(t)
		evs, err := ep.Poll(0.02, 4)
		wantEvents(t, evs, err)
	}},
	portingRow{"ep.poll(maxevents=1)", "ep.Poll(nil, 1)", func(t *testing.T) {
		ep, w := writable(t)
		_, w2 := fdtest.Pipe(t)
		check(t, ep.Register(w2, pyselect.EPOLLOUT))
		evs, err := ep.Poll(nil, 1)
		check(t, err)
		if len(evs) != 1 || (evs[0].Fd != w && evs[0].Fd != w2) {
			t.Fatal(evs)
		}
	}},
	portingRow{"for fd, event in ep.poll():", "evs, err := ep.Poll(nil); for _, ev := range evs { fd, event := ev.Fd, ev.Events }", func(t *testing.T) {
		ep, w := writable(t)
		evs, err := ep.Poll(nil)
		check(t, err)
		for _, ev := range evs {
			if fd, event := ev.Fd, ev.Events; fd != w || event != pyselect.EPOLLOUT {
				t.Fatal(fd, event)
			}
		}
	}},
	portingRow{"ep.close()", "ep.Close()", func(t *testing.T) {
		ep := newEpoll(t)
		check(t, ep.Close())
		check(t, ep.Close())
		if _, err := ep.Poll(0, -1); err == nil || err.Error() != "ValueError: I/O operation on closed epoll object" {
			t.Fatal(err)
		}
	}},
	portingRow{"ep.closed", "ep.Closed()", func(t *testing.T) {
		ep := newEpoll(t)
		if ep.Closed() {
			t.Fatal("new epoll closed")
		}
		ep.Close()
		if !ep.Closed() {
			t.Fatal("closed epoll not closed")
		}
	}},
	portingRow{"ep.fileno()", "ep.Fileno()", func(t *testing.T) {
		ep := newEpoll(t)
		fd, err := ep.Fileno()
		check(t, err)
		if _, err := unix.EpollWait(fd, make([]unix.EpollEvent, 1), 0); err != nil {
			t.Fatalf("fd %d is no epoll: %v", fd, err)
		}
	}},
	portingRow{"(no Python form: epoll_wait into the caller's array)", "n, err := ep.Wait(events, timeout)", func(t *testing.T) {
		ep, w := writable(t)
		events := make([]unix.EpollEvent, 8)
		n, err := ep.Wait(events, 0)
		check(t, err)
		if n != 1 || int(events[0].Fd) != w {
			t.Fatal(n, events[0])
		}
	}},
	portingRow{"except FileExistsError:", "builtins.Except(err, builtins.FileExistsError) // or errors.Is(err, unix.EEXIST)", func(t *testing.T) {
		ep, w := writable(t)
		if err := ep.Register(w); !builtins.Except(err, builtins.FileExistsError) || !errors.Is(err, unix.EEXIST) || !errors.Is(err, builtins.FileExistsError) {
			t.Fatal(err)
		}
		if err := os.Mkdir(t.TempDir(), 0o700); !builtins.Except(err, builtins.FileExistsError) {
			t.Fatalf("an *os.PathError with EEXIST: %v", err)
		}
	}},
	portingRow{"except KeyError:", "builtins.Except(err, builtins.KeyError)", func(t *testing.T) {
		if err := pyselect.NewPoll().Unregister(3); !builtins.Except(err, builtins.KeyError, builtins.LookupError) || err.Error() != "KeyError: 3" {
			t.Fatal(err)
		}
	}},
	portingRow{"select.EPOLLIN", "pyselect.EPOLLIN", func(t *testing.T) {
		if pyselect.EPOLLIN != 1 || pyselect.EPOLLET != 1<<31 {
			t.Fatal("constants differ from Python's")
		}
	}},
)

// TestPortingTableIsTheREADMEs: every row of the README's porting table is
// a row of the test above, and every row of the test is in the README.
// kqueue rows run on macOS and the BSDs (kqueue_bsd's tests), not here.
func TestPortingTableIsTheREADMEs(t *testing.T) {
	tested := map[string]string{}
	for _, row := range portingRows {
		tested[row.python] = row.goForm
	}
	readme.Check(t, readme.Table(t, "../../README.md", "porting"), tested, func(py string) bool {
		return strings.Contains(py, "kqueue") || strings.Contains(py, "kevent")
	})
}
