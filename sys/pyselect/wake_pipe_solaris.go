// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import "golang.org/x/sys/unix"

// A waker is how Close wakes a Poll blocked in a Devpoll's DP_POLL (see
// pollFD): a pipe made with the object. Close writes a byte into it and
// registers its read end in the /dev/poll; adding an fd makes the kernel
// re-poll and wake its pollers (illumos devpoll.c: dpwrite). Both writes
// need no descriptor, so Close wakes at RLIMIT_NOFILE too.
//
// Unlike an Epoll's or a Kqueue's, this wake-up is registered in the
// /dev/poll itself, so another descriptor of the same /dev/poll (a dup)
// can see the pipe's fd in its results after a Close: DP_POLL can be
// woken no other way without a signal.
type waker struct{ dp, r, w int }

// newWaker makes the pipe, close-on-exec and non-blocking.
func newWaker(dp int) (waker, error) {
	var p [2]int
	err := unix.Pipe2(p[:], unix.O_CLOEXEC|unix.O_NONBLOCK)
	return waker{dp, p[0], p[1]}, err
}

func (w waker) wake(*pollFD) {
	unix.Write(w.w, []byte{0})
	unix.Write(w.dp, pollFdBytes([]unix.PollFd{{Fd: int32(w.r), Events: unix.POLLIN}}))
}

func (w waker) close() {
	unix.Close(w.r)
	unix.Close(w.w)
}
