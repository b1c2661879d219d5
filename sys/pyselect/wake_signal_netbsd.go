// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// newWaker: a Kqueue's waker (wake_signal.go) on NetBSD needs nothing of
// its own: a wait is one kevent(2) with the caller's timeout, kqueue_scan
// (sys/kern/kern_event.c) returns EINTR for a signal ("don't restart
// after signals"), and Close signals the process's threads, listed at
// Close by the kern.lwp sysctl, each with _lwp_kill(2). _lwp_kill names
// one thread (sys/kern/sys_lwp.c: sys__lwp_kill finds its target with
// lwp_find), and _lwp_self(2) in every wait would be a system call per
// wait, so the list is read at Close, where it costs one sysctl(3) and
// no descriptor.
//
// It replaces a private kqueue watching the instance with a pipe as its
// wake source (x/sys exports no EVFILT_USER for NetBSD): four
// descriptors, and three kevent calls for a wait that blocks.
func newWaker(int) (waker, error) { return waker{}, nil }

// kern.lwp.<pid>.<elemsize>.<count> (sys/sys/sysctl.h: KERN_LWP) fills an
// array of struct kinfo_lwp, each cut to elemsize bytes
// (sys/kern/init_sysctl.c: sysctl_kern_lwp copies min(sizeof, elemsize)).
// Its fields have fixed sizes on every arch: four uint64_t, then the
// int32_t l_lid, so 40 bytes hold the id.
const (
	ctlKern     = 1  // CTL_KERN
	kernLWP     = 64 // KERN_LWP
	lwpElemSize = 40
	lwpLidAt    = 32 // offsetof(struct kinfo_lwp, l_lid)
)

// lwps is signalAll's buffer, kept between Closes.
var lwps struct {
	mu  sync.Mutex
	buf []byte
}

// signalAll sends SIGURG to every thread of the process.
func signalAll() {
	lwps.mu.Lock()
	defer lwps.mu.Unlock()
	if lwps.buf == nil {
		lwps.buf = make([]byte, 64*lwpElemSize)
	}
	pid := unix.Getpid()
	for {
		mib := [5]int32{ctlKern, kernLWP, int32(pid), lwpElemSize, int32(len(lwps.buf) / lwpElemSize)}
		n := uintptr(len(lwps.buf))
		_, _, e := unix.Syscall6(unix.SYS___SYSCTL, uintptr(unsafe.Pointer(&mib[0])), uintptr(len(mib)),
			uintptr(unsafe.Pointer(&lwps.buf[0])), uintptr(unsafe.Pointer(&n)), 0, 0)
		if e == unix.ENOMEM && len(lwps.buf) < 1<<20 {
			lwps.buf = make([]byte, 2*len(lwps.buf)) // more threads than room
			continue
		}
		if e != 0 {
			return
		}
		for b := lwps.buf[:min(n, uintptr(len(lwps.buf)))]; len(b) >= lwpElemSize; b = b[lwpElemSize:] {
			signalThread(uintptr(*(*int32)(unsafe.Pointer(&b[lwpLidAt]))))
		}
		return
	}
}

// threadSelf is _lwp_self(2). NetBSD's wakers never record threads
// (signalAll finds them), so it is not called.
func threadSelf() uintptr {
	id, _, _ := unix.RawSyscall(unix.SYS__LWP_SELF, 0, 0, 0)
	return id
}

// signalThread is _lwp_kill(2) of SIGURG.
func signalThread(lid uintptr) { unix.Syscall(unix.SYS__LWP_KILL, lid, uintptr(unix.SIGURG), 0) }
