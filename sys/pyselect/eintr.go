// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"errors"
	"syscall"
	"time"
)

// errResume is what a sys function of wait returns to be called again
// with the time left when it has nothing to report before the deadline
// and no interruption to blame: an instance that was readable, but whose
// events another call collected first.
var errResume = errors.New("pyselect: resume the wait")

// wait calls sys, one kernel wait, until the wait is over, as PEP 475
// makes CPython do for every blocking call of the select module
// (conformance/SEMANTICS.md#eintr). Go makes
// EINTR common, not theoretical: the runtime's preemption signal (SIGURG)
// interrupts epoll_wait, poll and select at any time.
//
// A negative timeout blocks: sys is simply called again after EINTR.
// Otherwise a monotonic deadline is taken before the first call and each
// retry gets only the time left, so retries never extend the wait; once
// the deadline has passed, wait returns 0 and no error, the empty result
// CPython returns (bpo-35310).
//
// limit is the longest timeout the kernel takes in one call (0: no
// limit): poll(2) and epoll_wait(2) take an int of milliseconds (24.8
// days), select(2)'s timeval a 32-bit tv_sec on some systems. A longer
// timeout is waited out in calls of at most limit: when such a call
// returns 0 (timed out), wait resumes with the time left, as after EINTR.
// So a wait never ends early, however long; CPython refuses such
// timeouts with OverflowError, a Go time.Duration is waited out.
//
// sys is given the timeout to use and converts it to its kernel unit
// itself: a timeout the kernel may have written back (Linux select(2)
// updates its timeval) is never passed again.
func wait(timeout, limit time.Duration, sys func(time.Duration) (int, error)) (int, error) {
	// Every timeout but a blocking one has a deadline, zero too: it is
	// whether there is one, not the time left, that decides a retry (a
	// time left of exactly 0 is one more non-blocking call, then the end),
	// as in CPython's select and poll.
	hasDeadline := timeout >= 0
	var deadline time.Time
	if hasDeadline {
		deadline = time.Now().Add(timeout)
	}
	for {
		d := timeout
		capped := limit > 0 && d > limit
		if capped {
			d = limit
		}
		n, err := sys(d)
		switch {
		case err == syscall.EINTR, err == errResume:
		case err == nil && n == 0 && capped:
			// The kernel's timeout ran out before ours.
		default:
			return n, err
		}
		if hasDeadline {
			if timeout = time.Until(deadline); timeout <= 0 {
				if err != syscall.EINTR {
					return 0, nil
				}
				// Interrupted after the deadline: one more look, with a
				// zero timeout. CPython returns [] here, but a Python program
				// is rarely interrupted, and a Go program is often (the
				// runtime's SIGURG): events ready before the deadline are
				// returned, as they would have been without the signal.
				if n, err = sys(0); err == syscall.EINTR || err == errResume {
					return 0, nil
				}
				return n, err
			}
		}
	}
}
