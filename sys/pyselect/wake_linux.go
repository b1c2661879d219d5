// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// A waker is how Close wakes the calls blocked in an Epoll (see pollFD):
// an eventfd made with the object and never added to the epoll instance.
// A call that must block waits in ppoll(2) for the instance's descriptor
// (an epoll descriptor is readable while it has events, epoll(7)) and the
// eventfd together, then collects with epoll_wait(2) and a zero timeout.
//
// Why not the others. Adding the eventfd to the instance at Close (as
// before) needs a descriptor at Close and shows an fd nobody registered
// to every dup of the instance and makes it readable to an epoll watching
// it. A private epoll holding the instance and the eventfd would save
// ppoll's per-call setup but nest the instance in another epoll, and
// fs/eventpoll.c then runs its loop and path checks under the global
// epnested_mutex on every EPOLL_CTL_ADD into it, and counts the extra
// level against the nesting limit a user's own epoll-in-epoll meets
// (ELOOP). Signalling the blocked threads needs their thread ids and a
// retry against the signal arriving before the wait begins.
type waker struct{ fd int }

// newWaker makes the eventfd, close-on-exec and non-blocking.
func newWaker(int) (waker, error) {
	fd, err := unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
	return waker{fd}, err
}

// wake makes the eventfd readable for good (it is never read): every wait
// in progress or to come returns. Adding 1 to a counter far from its
// limit cannot fail.
func (w waker) wake() {
	one := uint64(1)
	unix.Write(w.fd, (*[8]byte)(unsafe.Pointer(&one))[:])
}

func (w waker) close() { unix.Close(w.fd) }

// wait blocks until fd is readable, the waker is set off, or timeout
// (negative: no limit; at most maxWait) has passed, rounded up to the
// millisecond as epoll_wait's is; ready is false on timeout. EINTR is
// returned as is.
func (w waker) wait(fd int, timeout time.Duration) (ready bool, err error) {
	fds := [2]unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}, {Fd: int32(w.fd), Events: unix.POLLIN}}
	var ts *unix.Timespec
	if timeout >= 0 {
		// At most maxWait (pollFD.wait), so the product cannot overflow.
		t := unix.NsecToTimespec(divCeil(int64(timeout), 1e6) * 1e6)
		ts = &t
	}
	n, err := unix.Ppoll(fds[:], ts, nil)
	return n > 0, err
}
