// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package pyselect

import (
	"errors"
	"time"
)

// errClosing is what wait returns when Close woke it; the object turns it
// into its own ValueError.
var errClosing = errors.New("closed while waiting")

// maxWait is the longest timeout given to one waker.wait; the package's
// wait resumes a longer one with the time left, so that no timeout is
// shortened by a kernel's limit: macOS refuses kevent(2) timeouts past
// 1e8 s with EINVAL (Go's runtime/netpoll_kqueue.go caps its own at 1e6 s
// for it), and a 32-bit time_t ends in 2038.
const maxWait = 1e6 * time.Second

// wait collects events with collect, blocking up to timeout (negative:
// no limit, however long otherwise) until there are some, as one
// epoll_wait(2) or kevent(2) with that timeout would; interrupted and
// long waits are resumed as the package's wait says. The caller holds a
// reference. collect must not block: it is the kernel call with a zero
// timeout. It runs first, so that a call which need not wait costs one
// system call, and an error (EBADF, EINVAL) is reported at once, as from
// the kernel; if it finds nothing, wait blocks in waker.wait and
// collects again.
func (p *pollFD) wait(timeout time.Duration, collect func() (int, error)) (int, error) {
	return wait(timeout, maxWait, func(d time.Duration) (int, error) {
		n, err := collect()
		if p.closed() {
			return 0, errClosing
		}
		if err != nil || n > 0 || d == 0 {
			return n, err
		}
		ready, err := p.fds.wake.wait(p.fds.fd, d)
		switch {
		case p.closed():
			return 0, errClosing
		case err != nil || !ready:
			return 0, err // timed out: wait resumes a capped wait
		}
		if n, err = collect(); p.closed() {
			return 0, errClosing
		}
		if n == 0 && err == nil {
			return 0, errResume
		}
		return n, err
	})
}

// keptEvents is the most events an Epoll or Kqueue keeps an array for
// between calls, whatever maxevents a call asked for (an Epoll keeps more
// when it has more registrations, see Epoll.slots).
const keptEvents = FD_SETSIZE
