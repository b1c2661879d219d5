// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package selectors_test

import (
	"fmt"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/selectors"
)

// benchFds is n descriptors, ready of them readable: dups of the read end
// of a pipe holding a byte, the others dups of an empty pipe's (dups cost
// one fd each, where socket pairs would cost two). Closed when b ends.
func benchFds(b *testing.B, n, ready int) []int {
	b.Helper()
	var lim unix.Rlimit // the soft fd limit to the hard one, as Go's os does
	if unix.Getrlimit(unix.RLIMIT_NOFILE, &lim) == nil && lim.Cur < lim.Max {
		lim.Cur = lim.Max
		unix.Setrlimit(unix.RLIMIT_NOFILE, &lim)
	}
	var pipes [2][2]int // [0] holds a byte, [1] is empty
	for i := range pipes {
		if err := unix.Pipe2(pipes[i][:], unix.O_CLOEXEC); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { unix.Close(pipes[i][0]); unix.Close(pipes[i][1]) })
	}
	unix.Write(pipes[0][1], []byte{1})
	fds := make([]int, n)
	b.Cleanup(func() {
		for _, fd := range fds {
			unix.Close(fd)
		}
	})
	for i := range fds {
		src := pipes[1][0]
		if i < ready {
			src = pipes[0][0]
		}
		fd, err := unix.FcntlInt(uintptr(src), unix.F_DUPFD_CLOEXEC, 0)
		if err != nil {
			b.Skipf("%d fds: %v (raise the fd limit)", n, err)
		}
		fds[i] = fd
	}
	return fds
}

// benchSelect runs the three ways to ask which of fds are readable, with
// timeout 0, each over its own epoll instance holding the same fds:
// raw unix.EpollWait, pyselect's Epoll.Poll (Python's epoll.poll(0,
// maxevents) as EpollSelector calls it) and EpollSelector.Select(0). The
// arrays are sized as the selector's are: maxevents = the registered fds.
func benchSelect(b *testing.B, fds []int, ready int) {
	check := func(b *testing.B, got int, err error) {
		if err != nil || got != ready {
			b.Fatalf("ready: got %d, %v; want %d", got, err, ready)
		}
	}
	ep, err := pyselect.NewEpoll(-1, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ep.Close() })
	sel, err := selectors.NewEpollSelector[int]()
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { sel.Close() })
	for i, fd := range fds {
		if err := ep.Register(fd, pyselect.EPOLLIN); err != nil {
			b.Fatal(err)
		}
		if _, err := sel.Register(fd, selectors.EVENT_READ, i); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("impl=raw", func(b *testing.B) {
		efd, _ := ep.Fileno()
		events := make([]unix.EpollEvent, len(fds))
		b.ReportAllocs()
		for b.Loop() {
			n, err := unix.EpollWait(efd, events, 0)
			check(b, n, err)
		}
	})
	b.Run("impl=Poll", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			evs, err := ep.Poll(0, len(fds))
			check(b, len(evs), err)
		}
	})
	b.Run("impl=Select", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rs, err := sel.Select(0)
			check(b, len(rs), err)
		}
	})
}

// BenchmarkEpollSelectorSelect: 1, 10 and 100 ready of 100 registered,
// and 10 ready of 10,000. Select's cost over Poll is the key lookup and
// the result; its allocations must not grow with the ready events.
func BenchmarkEpollSelectorSelect(b *testing.B) {
	for _, ready := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("ready=%d", ready), func(b *testing.B) {
			benchSelect(b, benchFds(b, 100, ready), ready)
		})
	}
	b.Run("fds=10000", func(b *testing.B) {
		benchSelect(b, benchFds(b, 10000, 10), 10)
	})
}
