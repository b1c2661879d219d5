// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || openbsd

package pyselect

import (
	"syscall"
	_ "unsafe" // go:linkname
)

// newWaker: where a thread can be signalled only through the C library
// (macOS, OpenBSD), a Kqueue's waker (wake_signal.go) records its waiting
// threads: a waiter records pthread_self(3), which reads the thread's own
// memory and enters no kernel, and Close calls pthread_kill(3) with
// SIGURG for each. A wait is one kevent(2) with the caller's timeout.
// Neither has a system call a Go program may make to signal one thread:
// macOS's __pthread_kill takes the thread's Mach port, and OpenBSD admits
// system calls from libc only (its x/sys and runtime call libc for every
// one; runtime/sys_openbsd.go: thrkill). The functions are called as x/sys
// calls libc: through syscall.rawSyscall, with a trampoline per function
// that jumps to the dynamically imported symbol (wake_signal_libc*.s), and
// Go's threads on both are pthreads, made by pthread_create.
func newWaker(int) (waker, error) { return waker{ids: new(threadSet)}, nil }

// signalAll is never called here: every waker records its threads
// (newWaker), since no call signals all of a process's threads at once.
func signalAll() {}

// threadSelf is pthread_self(3).
func threadSelf() uintptr {
	t, _, _ := syscall_rawSyscall(libc_pthread_self_trampoline_addr, 0, 0, 0)
	return t
}

// signalThread is pthread_kill(3) of SIGURG. pthread_kill returns its
// error (ESRCH for a thread gone); none can be acted on.
func signalThread(t uintptr) {
	syscall_rawSyscall(libc_pthread_kill_trampoline_addr, t, uintptr(syscall.SIGURG), 0)
}

//go:linkname syscall_rawSyscall syscall.rawSyscall
func syscall_rawSyscall(fn, a1, a2, a3 uintptr) (r1, r2 uintptr, err syscall.Errno)

// The trampolines' addresses (wake_signal_libc*.s); each OS's file imports
// the symbols they jump to.
var (
	libc_pthread_self_trampoline_addr uintptr
	libc_pthread_kill_trampoline_addr uintptr
)
