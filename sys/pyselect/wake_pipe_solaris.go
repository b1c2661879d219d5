// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import "golang.org/x/sys/unix"

// A waker is how Close wakes a Poll blocked in a Devpoll's DP_POLL (see
// pollFD): a pipe made with the object, whose read end is registered in
// the /dev/poll for POLLIN when the object is made. Close writes one byte
// into it, which is never read: the read end turns readable, the pipe's
// pollwakeup wakes every DP_POLL waiting on the set, and it stays
// readable for every waiter, now and later. A one-byte write to an empty
// pipe needs no descriptor, so Close wakes at RLIMIT_NOFILE too, and it
// never writes to the /dev/poll.
//
// Why not at Close. The design before registered the pipe at Close, by a
// write(2) to the /dev/poll, trusting that a write wakes DP_POLL. It does
// on illumos: devpoll.c: dpwrite waits only while another write is in
// progress (DP_WRITER_PRESENT), then wakes the pollcache's waiters. In
// the OpenSolaris lineage of devpoll.c, which Solaris 11.4 continues,
// dpwrite waits while dpe_refcnt != 0, and every DP_POLL holds a
// reference for its whole wait without looking for writers (dpioctl): a
// Close during a Poll would block until the Poll's timeout (for ever with
// None), and the Poll would not be woken. Registered at birth, no write
// to the /dev/poll ever meets a waiter on Close's behalf.
//
// Why a pipe, three descriptors where CPython's devpoll is one. A signal
// cannot end DP_POLL for a Go program: Go installs its handlers with
// SA_RESTART (runtime/os3_solaris.go: setsig), and libc restarts an ioctl
// a signal with such a handler interrupted (illumos libc ioctl.s is
// SYSCALL_RESTART_RVAL1), with the same timeout (see ioctlDpPoll, which
// keeps signals off the waiting thread for that reason). A change to the
// set made at Close meets the Solaris 11.4 write rule above. What is left
// is a descriptor of the object's own in the set that Close can make
// ready without a new resource: a pipe's read end, with its write end to
// make it so (closing the write end would also do, by POLLHUP, but needs
// the same two descriptors).
//
// The pipe's read end is in the /dev/poll itself, so another descriptor
// of the same /dev/poll (a dup) sees its fd in DP_POLL's results after a
// Close, and only then: nothing writes to the pipe before.
type waker struct{ r, w int }

// newWaker makes the pipe, close-on-exec and non-blocking, and registers
// its read end in dp.
func newWaker(dp int) (waker, error) {
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC|unix.O_NONBLOCK); err != nil {
		return waker{}, err
	}
	w := waker{p[0], p[1]}
	var err error
	for {
		_, err = unix.Write(dp, pollFdBytes([]unix.PollFd{{Fd: int32(w.r), Events: unix.POLLIN}}))
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		w.close()
		return waker{}, err
	}
	return w, nil
}

func (w waker) wake(*pollFD) { unix.Write(w.w, []byte{0}) }

func (w waker) close() {
	unix.Close(w.r)
	unix.Close(w.w)
}
