// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux || freebsd || netbsd || dragonfly

package support

import (
	"runtime"

	"golang.org/x/sys/unix"
)

// OnLockedThread runs f in a new goroutine locked to its OS thread and
// returns that thread's id, known before f starts, and a channel closed
// when f has returned. Tgkill on the id interrupts whatever system call f
// is blocked in.
func OnLockedThread(f func()) (tid int, done <-chan struct{}) {
	tids := make(chan int)
	ch := make(chan struct{})
	go func() {
		defer close(ch)
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		tids <- gettid()
		f()
	}()
	return <-tids, ch
}

// Tgkill sends sig to the thread tid of this process: Linux's tgkill(2),
// FreeBSD's thr_kill(2), NetBSD's _lwp_kill(2), DragonFly's lwp_kill(2).
func Tgkill(tid int, sig unix.Signal) func() error {
	return func() error { return tkill(tid, sig) }
}
