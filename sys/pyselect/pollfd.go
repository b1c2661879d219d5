// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package pyselect

import (
	"errors"
	"runtime"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
)

// A pollFD owns the descriptor of an Epoll, Kqueue or Devpoll and its
// lifetime, as Go's internal/poll.FD owns an os.File's: the close
// protocol lives here once, and each object embeds it.
//
// The protocol. Every call takes a reference with acquire and drops it
// with release. Close marks the object closed, so no new call starts, and
// wakes the calls in flight; the descriptor is closed by whoever drops
// the last reference: Close itself when nothing is in flight, otherwise
// the last call to return. So Close never waits, and the number is never
// reused under a call: CPython closes at once, but a Go program calls
// Poll and Close from different goroutines as a matter of course, and
// closing the number under a blocked epoll_wait would let the next
// open(2) reuse it, so that the waiter's next retry polls (or a register
// changes) an unrelated file.
//
// Waking. Close must wake a call blocked in the kernel without needing
// anything at Close time (at RLIMIT_NOFILE no descriptor can be had), and
// without anything a reader of the kernel object could see: a dup of an
// epoll or kqueue descriptor (EpollFromFd(unix.Dup(fd))) is the same
// instance, and another epoll or kqueue watching it sees it readable when
// anything in it fires. How is the OS's waker's business. Each waker file
// defines:
//
//	type waker                 what Close uses, made with the object
//	func newWaker(fd int) (waker, error)
//	func (w waker) wake(p *pollFD)   Close, with calls in flight: wake
//	                                 the blocked ones; allocates no descriptor
//	func (w waker) close()           release what newWaker made
//	func (p *pollFD) wait(timeout time.Duration,
//	        sys func(time.Duration) (int, error)) (int, error)
//	                                 one kernel wait per sys call, with the
//	                                 PEP 475 loop (wait), errClosing once closed
//
// The wakers, by mechanism:
//
//   - wake_signal.go (Linux, FreeBSD, NetBSD, OpenBSD, macOS): a wait is
//     one epoll_pwait or kevent with the caller's timeout, and Close
//     signals the waiting threads, which the kernel's wait leaves with
//     EINTR; each OS's wake_signal_<os>.go says how its threads are found
//     and signalled.
//   - wake_kqueue_dragonfly.go (DragonFly): a private kqueue watching the
//     instance and an EVFILT_USER wake source.
//   - wake_pipe_solaris.go (illumos, Solaris): a pipe registered in the
//     /dev/poll, written at Close.
//
// A call that may block counts itself in waiters around its kernel call
// (block), so that a waker knows whether anyone is to be woken, and
// until when.
//
// Collection. An object dropped without Close is closed when the
// collector finds it unreachable (runtime.AddCleanup), as CPython closes
// on dealloc and os.File on collection; Close cancels that first, so no
// number is ever closed twice or after its release.
//
// The zero pollFD is closed: a zero Epoll or Kqueue is a closed object,
// never descriptor 0.
type pollFD struct {
	state   atomic.Uint64 // refOpen | number of references held
	waiters atomic.Int32  // calls in, or about to enter, a blocking kernel wait
	fds     ownedFds      // written once, before the object is shared
	cleanup runtime.Cleanup
}

// ownedFds are what a pollFD closes together.
type ownedFds struct {
	fd   int // the epoll, kqueue or /dev/poll instance
	wake waker
}

const refOpen = 1 << 63

// errClosing is what wait returns when the object was closed during the
// call; the object turns it into its own ValueError.
var errClosing = errors.New("closed while waiting")

// initPollFD makes p own fd and w, and closes them both when owner is
// collected unless Close is called first. p must be inside owner.
func initPollFD[T any](owner *T, p *pollFD, fd int, w waker) {
	p.fds = ownedFds{fd, w}
	p.state.Store(refOpen)
	p.cleanup = runtime.AddCleanup(owner, ownedFds.close, p.fds)
}

// newPollFD is the tail every constructor shares: a new T whose pollFD
// (pfd) owns fd with a new waker. On an error nothing is made and fd is
// left to the caller.
func newPollFD[T any](fd int, pfd func(*T) *pollFD) (*T, error) {
	w, err := newWaker(fd)
	if err != nil {
		return nil, err
	}
	obj := new(T)
	initPollFD(obj, pfd(obj), fd, w)
	return obj, nil
}

func (o ownedFds) close() {
	syscall.Close(o.fd)
	o.wake.close()
}

// acquire takes a reference; it reports false once the object is closed,
// and for a nil or zero pollFD.
func (p *pollFD) acquire() bool {
	if p == nil {
		return false
	}
	for {
		s := p.state.Load()
		if s&refOpen == 0 {
			return false
		}
		if p.state.CompareAndSwap(s, s+1) {
			return true
		}
	}
}

// release drops a reference, and closes the descriptors after the last
// call of a closed object.
func (p *pollFD) release() {
	if p.state.Add(^uint64(0)) == 0 {
		p.fds.close()
	}
}

// Close marks the object closed, wakes the calls in flight and drops the
// closer's reference. A second Close, and a Close of a nil or zero
// pollFD, does nothing.
func (p *pollFD) Close() {
	if p == nil {
		return
	}
	for {
		s := p.state.Load()
		if s&refOpen == 0 {
			return
		}
		// Closed, with a reference for the closer, released below.
		if p.state.CompareAndSwap(s, s&^refOpen+1) {
			p.cleanup.Stop()
			if s != refOpen {
				p.fds.wake.wake(p)
			}
			p.release()
			return
		}
	}
}

// closed reports whether the object is closed (a nil or zero one is).
func (p *pollFD) closed() bool { return p == nil || p.state.Load()&refOpen == 0 }

// fd returns the instance's descriptor; the caller holds a reference.
func (p *pollFD) fd() int { return p.fds.fd }

// fileno is the objects' fileno(): the descriptor, or errClosed() once
// closed.
func (p *pollFD) fileno(errClosed func() *builtins.Error) (int, error) {
	if p.closed() {
		return -1, errClosed()
	}
	return p.fd(), nil
}

// block runs sys, a kernel wait, counted in waiters; it returns
// errClosing without calling sys when the object is already closed.
// Counting first and looking at the state after is what lets a waker
// trust the count: a Close that marks the object closed after this check
// sees the call counted (both are sequentially consistent atomics).
func (p *pollFD) block(d time.Duration, sys func(time.Duration) (int, error)) (int, error) {
	p.waiters.Add(1)
	defer p.waiters.Add(-1)
	if p.closed() {
		return 0, errClosing
	}
	return sys(d)
}
