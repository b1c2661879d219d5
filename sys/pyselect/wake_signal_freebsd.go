// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// newWaker: a Kqueue's waker (wake_signal.go) on FreeBSD needs nothing of
// its own: a wait is one kevent(2) with the caller's timeout, and Close
// signals every thread of the process with one thr_kill(2).
//
// The designs compared (kernel reading, sys/kern/kern_event.c):
//
//	design                                   fds  kevent calls per wait
//	                                              ready  blocking
//	private kqueue watching the instance      2    1      3 (kevent(0), the
//	  and an EVFILT_USER wake-up                            private one, kevent(0))
//	signal to the waiters (this)              1    1      1
//
// An EVFILT_USER filter added to the instance itself would be one
// descriptor too, but a dup of the instance would see it and a kqueue
// watching the instance would find it readable (kqueue(2): a kqueue is
// readable while events are pending).
func newWaker(int) (waker, error) { return waker{}, nil }

// signalAll is thr_kill(-1, SIGURG): "If id is -1, the signal is sent to
// all threads in the current process except the calling one" (thr_kill(2);
// sys/kern/kern_thr.c: sys_thr_kill). The caller is Close's goroutine,
// which waits in no kevent.
func signalAll() {
	minusOne := -1
	unix.Syscall(unix.SYS_THR_KILL, uintptr(minusOne), uintptr(unix.SIGURG), 0)
}

// threadSelf is thr_self(2). FreeBSD's wakers never record threads
// (signalAll finds them), so it is not called.
func threadSelf() uintptr {
	var id int // long
	unix.Syscall(unix.SYS_THR_SELF, uintptr(unsafe.Pointer(&id)), 0, 0)
	return uintptr(id)
}

// signalThread is thr_kill(2) of SIGURG to one thread.
func signalThread(id uintptr) { unix.Syscall(unix.SYS_THR_KILL, id, uintptr(unix.SIGURG), 0) }
