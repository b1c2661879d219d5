// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || freebsd || linux || netbsd || openbsd

package pyselect

import (
	"os/signal"
	"runtime"
	"sync"
	"syscall"
	"time"
)

// A waker is how Close wakes the calls blocked in an Epoll or a Kqueue
// (see pollFD), where the kernel's wait ends at a signal: with a signal.
// A wait is one epoll_pwait(2) or kevent(2) with the caller's timeout, as
// CPython's; nothing is added to the instance and no descriptor is made
// per object. Close, when calls are waiting (pollFD.waiters), sends
// SIGURG to the threads they wait on, and the wait fails with EINTR
// whatever SA_RESTART says, because the kernel never restarts it:
//
//   - Linux: epoll_wait is never restarted after a signal handler
//     (signal(7); fs/eventpoll.c: ep_poll returns -EINTR).
//   - FreeBSD: sys/kern/kern_event.c: kqueue_scan turns msleep_sbt's
//     ERESTART into EINTR ("don't restart after signals").
//   - macOS: bsd/kern/kern_event.c (xnu): kevent_cleanup turns ERESTART
//     into EINTR the same way.
//
// The PEP 475 loop (wait) then finds the object closed and returns
// ValueError. A signal can land between a waiter's count and its entry
// into the kernel, where it interrupts nothing, so Close repeats it from
// a goroutine, backing off from 50 µs to 4 ms, until the count is 0;
// Close itself returns at once.
//
// SIGURG is the Go runtime's own preemption signal (runtime/preempt.go):
// the runtime handles it on every thread (runtime/signal_unix.go:
// sigInstallGoHandler; doSigPreempt only acknowledges it when the thread
// runs no Go code), also under GODEBUG=asyncpreemptoff=1, and os/signal
// documents that a program may receive it at any time, so signal.Notify
// for SIGURG sees the extra ones as it sees the runtime's. Every other
// blocking system call of a thread so signalled gets EINTR as it does
// from a preemption, and Go's own code and this package's PEP 475 loops
// retry it. One case cannot be served: after signal.Ignore(SIGURG) the
// runtime sets SIG_IGN (runtime.sigignore), the kernel drops the signal,
// and a blocked wait runs to its timeout before it returns ValueError;
// Close then does not repeat a signal that cannot arrive.
//
// Finding the threads needs no system call per wait where the process's
// threads can all be signalled at Close (signalAll): Linux lists them
// from /proc/self/task (wake_signal_linux.go), and FreeBSD's thr_kill(2)
// with id -1 signals every thread but the caller (sys/kern/kern_thr.c:
// sys_thr_kill). Elsewhere a waiter locks its goroutine to its thread and
// records the thread in the object's threadSet before it blocks: on macOS
// pthread_self(3), which reads the thread's own memory and enters no
// kernel (wake_signal_darwin.go); on Linux without a task directory,
// gettid(2), one more system call per blocking wait, only there.
//
// Each OS's file defines:
//
//	func newWaker(fd int) (waker, error)   a waker{}, or one with ids
//	func signalAll()                       SIGURG to the process's threads
//	func threadSelf() uintptr              the calling thread, for ids
//	func signalThread(id uintptr)          SIGURG to a thread of threadSelf
type waker struct {
	ids *threadSet // the waiting threads, where signalAll cannot find them
}

func (waker) close() {}

// wake signals the waiting threads until none is waiting.
func (w waker) wake(p *pollFD) {
	if p.waiters.Load() == 0 {
		return
	}
	go func() {
		backoff := 50 * time.Microsecond
		for p.waiters.Load() > 0 {
			if signal.Ignored(syscall.SIGURG) {
				return // see waker: the wait runs to its timeout
			}
			if w.ids != nil {
				w.ids.signal()
			} else {
				signalAll()
			}
			time.Sleep(backoff)
			backoff = min(2*backoff, 4*time.Millisecond)
		}
	}()
}

// wait is the PEP 475 loop over sys, one kernel wait with the time given;
// a call that may block is counted in waiters (and its thread recorded,
// where the waker needs it).
func (p *pollFD) wait(timeout time.Duration, sys func(time.Duration) (int, error)) (int, error) {
	ids := p.fds.wake.ids
	return wait(timeout, maxWait, func(d time.Duration) (n int, err error) {
		switch {
		case d == 0:
			n, err = sys(0)
		case ids != nil:
			runtime.LockOSThread()
			id := threadSelf()
			ids.add(id)
			n, err = p.block(d, sys)
			ids.remove(id)
			runtime.UnlockOSThread()
		default:
			n, err = p.block(d, sys)
		}
		if p.closed() {
			return 0, errClosing
		}
		return n, err
	})
}

// A threadSet is the threads blocked in one object, where the waker
// cannot signal the process's threads all at once. A thread in the set is
// locked to its waiting goroutine until it leaves the set, so signal,
// under the same lock, never names a thread that has exited.
type threadSet struct {
	mu  sync.Mutex
	ids []uintptr
}

func (s *threadSet) add(id uintptr) {
	s.mu.Lock()
	s.ids = append(s.ids, id)
	s.mu.Unlock()
}

func (s *threadSet) remove(id uintptr) {
	s.mu.Lock()
	for i, t := range s.ids {
		if t == id {
			s.ids[i] = s.ids[len(s.ids)-1]
			s.ids = s.ids[:len(s.ids)-1]
			break
		}
	}
	s.mu.Unlock()
}

func (s *threadSet) signal() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range s.ids {
		signalThread(id)
	}
}
