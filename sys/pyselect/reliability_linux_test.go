// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"errors"
	"math"
	"strconv"
	"testing"

	"github.com/pyselect/pyselect/sys/builtins"
	"golang.org/x/sys/unix"
)

// An absurd maxevents is an error, never an allocation that could exhaust
// memory: Go cannot recover from running out of it. CPython allocates the
// array and gets EINVAL from epoll_wait(2) above EP_MAX_EVENTS (probed:
// poll(0, 178956971) on amd64), or MemoryError for 2**31-1.
func TestEpollAbsurdMaxevents(t *testing.T) {
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ep.Close()
	for _, m := range []int{epMaxEvents + 1, math.MaxInt32} {
		_, err := ep.Poll(0, m)
		if !errors.Is(err, builtins.OSError) || !errors.Is(err, unix.EINVAL) {
			t.Errorf("Poll(0, %d) = %v, want OSError EINVAL", m, err)
		}
	}
	if big := int64(math.MaxInt32) + 1; strconv.IntSize == 64 {
		if _, err := ep.Poll(0, int(big)); builtins.ExceptionOf(err) != builtins.OverflowError {
			t.Errorf("Poll(0, 2**31) = %v, want OverflowError", err)
		}
	}
}

// Above EP_MAX_EVENTS the kernel, not pyselect, says which error comes
// first, as for CPython, which calls epoll_wait(2) with any maxevents it
// could allocate: an fd that is not open is EBADF where the kernel checks
// the fd first (Linux 6.18, probed with epoll.fromfd(closed).poll(0,
// 178956971)), EINVAL where it checks maxevents first; an fd that is no
// epoll instance is EINVAL either way.
func TestEpollAbsurdMaxeventsKernelOrder(t *testing.T) {
	var p [2]int
	if err := unix.Pipe(p[:]); err != nil {
		t.Fatal(err)
	}
	defer unix.Close(p[1])
	// A closed number above the lowest free ones, which the Epoll's own
	// eventfd takes.
	closedFd, err := unix.FcntlInt(uintptr(p[0]), unix.F_DUPFD_CLOEXEC, 900)
	if err != nil {
		t.Fatal(err)
	}
	unix.Close(closedFd)
	// What the kernel says for a closed fd and a maxevents it refuses,
	// with no events array at all (nothing is written).
	_, _, kernel := unix.Syscall6(unix.SYS_EPOLL_PWAIT, uintptr(closedFd), 0, uintptr(epMaxEvents+1), 0, 0, 0)
	for fd, want := range map[int]unix.Errno{closedFd: kernel, p[0]: unix.EINVAL} {
		ep, err := EpollFromFd(fd)
		if err != nil {
			t.Fatal(err)
		}
		_, err = ep.Poll(0, epMaxEvents+1)
		if !errors.Is(err, builtins.OSError) || !errors.Is(err, want) {
			t.Errorf("EpollFromFd(%d).Poll(0, EP_MAX_EVENTS+1) = %v, want OSError %v", fd, err, want)
		}
		ep.Close() // closes p[0], or closedFd's number again (EBADF, ignored)
	}
}
