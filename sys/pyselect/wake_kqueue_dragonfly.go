// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"time"

	"golang.org/x/sys/unix"
)

// A waker is how Close wakes the calls blocked in a Kqueue (see pollFD)
// on DragonFly: a private kqueue, made with the object, in which the
// instance's descriptor is registered for EVFILT_READ (a kqueue is
// readable while it has events pending, kqueue(2)) beside an EVFILT_USER
// wake source. A call that must block waits in the private kqueue, then
// collects from the instance with a zero timeout. Nothing is ever
// registered in the instance itself: a dup of its descriptor is the same
// queue (kqueue(2) shares it through the descriptor table), and a user's
// EVFILT_USER filter of ident 0 would be the library's.
//
// It costs a descriptor more than CPython's kqueue and three kevent calls
// for a wait that blocks, where the other BSDs and macOS signal the
// waiters (wake_signal.go). DragonFly's kevent would serve that design
// (sys/kern/kern_event.c: kern_kevent turns ERESTART into EINTR, "don't
// restart after signals"), but its thread kill names one thread:
// lwp_kill(2) refuses tid -1 with EINVAL (sys/kern/kern_sig.c:
// sys_lwp_kill), lwp_gettid(2) in every wait would be a system call per
// wait, and the process's thread ids are in the kinfo_lwp inside each
// struct kinfo_proc of the kern.proc sysctl (KERN_PROC_FLAG_LWP), a
// layout x/sys does not carry and this package has not been run against.
// The signal design goes here once that layout is checked on a DragonFly
// host.
type waker struct {
	kq  int
	src wakeSource
}

// newWaker makes the private kqueue and the wake source, and registers the
// instance fd. A failure to register fd (it is no kqueue: KqueueFromFd
// does not check) is not reported: such an fd fails the zero-timeout
// kevent(2) that always comes before a wait.
func newWaker(fd int) (waker, error) {
	kq, err := kqueueFd()
	if err != nil {
		return waker{kq: -1}, err
	}
	w := waker{kq: kq}
	if err := w.src.init(kq); err != nil {
		unix.Close(kq)
		return waker{kq: -1}, err
	}
	watch := Kevent{Ident: uint64(fd), Filter: KQ_FILTER_READ, Flags: KQ_EV_ADD}
	w.change(watch)
	return w, nil
}

// change applies one change to the private kqueue.
func (w waker) change(k Kevent) error {
	var ch [1]unix.Kevent_t
	k.toSys(&ch[0])
	_, err := unix.Kevent(w.kq, ch[:], nil, nil)
	return err
}

func (w waker) wake(*pollFD) { w.src.wake(w) }

func (w waker) close() {
	unix.Close(w.kq)
	w.src.close()
}

// block waits until the instance (registered at newWaker) is readable,
// the wake source is set off, or timeout (negative: no limit; at most
// maxWait) has passed: 1 if ready, 0 on timeout. EINTR is returned as is.
func (w waker) block(timeout time.Duration) (int, error) {
	var ts *unix.Timespec
	if timeout >= 0 {
		t := unix.NsecToTimespec(int64(timeout))
		ts = &t
	}
	var ev [1]unix.Kevent_t
	return unix.Kevent(w.kq, nil, ev[:], ts)
}

// wait collects events with sys, blocking up to timeout (negative: no
// limit, however long otherwise) until there are some, as one kevent(2)
// with that timeout would; interrupted and long waits are resumed as the
// package's wait says. The caller holds a reference. sys is the kernel
// call with a zero timeout (it is always given 0). It runs first, so that
// a call which need not wait costs one system call, and an error (EBADF,
// EINVAL) is reported at once, as from the kernel; if it finds nothing,
// wait blocks in the private kqueue and collects again.
func (p *pollFD) wait(timeout time.Duration, sys func(time.Duration) (int, error)) (int, error) {
	return wait(timeout, maxWait, func(d time.Duration) (int, error) {
		n, err := sys(0)
		if p.closed() {
			return 0, errClosing
		}
		if err != nil || n > 0 || d == 0 {
			return n, err
		}
		ready, err := p.block(d, p.fds.wake.block)
		switch {
		case p.closed():
			return 0, errClosing
		case err != nil || ready == 0:
			return 0, err // timed out: wait resumes a capped wait
		}
		if n, err = sys(0); p.closed() {
			return 0, errClosing
		}
		if n == 0 && err == nil {
			return 0, errResume
		}
		return n, err
	})
}

// A wakeSource is an EVFILT_USER filter of the waker's private kqueue: it
// needs no descriptor, so waking allocates nothing. Python does not
// export EVFILT_USER; it is used only here.
type wakeSource struct{}

// init registers the filter, untriggered: userWake's first change.
func (wakeSource) init(kq int) error {
	return waker{kq: kq}.change(Kevent(userWake(unix.EVFILT_USER, unix.NOTE_TRIGGER)[0]))
}

// wake triggers it with a change of its own: userWake's second change.
func (wakeSource) wake(w waker) { w.change(Kevent(userWake(unix.EVFILT_USER, unix.NOTE_TRIGGER)[1])) }

func (wakeSource) close() {}
