// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package socket

import (
	"time"

	"golang.org/x/sys/unix"
)

// waitFd is CPython's internal_select: poll(2) on fd for POLLIN, or
// POLLOUT (and POLLERR for connect), for timeout rounded up to the
// millisecond (negative: no limit; at most a C int of milliseconds, after
// which call waits again). A closed socket is ready at once, so
// that the call itself fails. ready is false when the time ran out.
func waitFd(fd int, writing, connect bool, timeout time.Duration) (ready bool, err error) {
	if fd < 0 {
		return true, nil
	}
	pfd := [1]unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	if writing {
		pfd[0].Events = unix.POLLOUT
	}
	if connect {
		pfd[0].Events |= unix.POLLERR
	}
	ms := -1
	if timeout >= 0 {
		// _PyTime_AsMilliseconds(interval, _PyTime_ROUND_CEILING).
		ms = int(min((timeout+time.Millisecond-1)/time.Millisecond, 1<<31-1))
	}
	n, err := poll(pfd[:], ms)
	return n > 0, err
}
