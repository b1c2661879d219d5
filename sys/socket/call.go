// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package socket

import "time"

// call is CPython's sock_call_ex, the rule every socket call follows:
//
//   - In timeout mode (timeout > 0) it first waits with poll(2) for the
//     descriptor to be readable (writing: writable) for the time left
//     until a deadline taken at the first wait, and fails with
//     TimeoutError "timed out" when none is left; then it makes the call.
//     A call that then fails with EAGAIN (readiness that did not last)
//     waits again.
//   - For connect it waits in every mode but non-blocking (timeout < 0:
//     without limit), for POLLOUT and POLLERR.
//   - In blocking and non-blocking mode the call is made at once: it
//     blocks, or fails with EAGAIN, in the kernel.
//
// EINTR from poll or from the call is retried (PEP 475). fn is the
// system call; its error is returned as it is (the caller makes the
// OSError). A closed socket (fd -1) is not waited for: the call fails
// with EBADF.
func call(fd int, writing, connect bool, timeout time.Duration, fn func() error) error {
	var deadline time.Time
	for {
		if timeout > 0 || connect {
			interval := timeout
			if timeout > 0 {
				if deadline.IsZero() {
					deadline = time.Now().Add(timeout)
				} else {
					interval = time.Until(deadline)
				}
			}
			if timeout > 0 && interval < 0 {
				return errTimedOut()
			}
			ready, err := waitFd(fd, writing, connect, interval)
			if err == eINTR {
				continue
			}
			if err != nil {
				return err
			}
			if !ready {
				if timeout > 0 && time.Until(deadline) > 0 {
					continue // a wait beyond poll's C int of milliseconds
				}
				return errTimedOut()
			}
		}
		err := fn()
		for err == eINTR {
			err = fn()
		}
		if err == eWOULDBLOCK && timeout > 0 {
			continue
		}
		return err
	}
}
