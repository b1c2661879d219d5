// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package pyselect

import (
	"errors"
	"runtime"
	"sync/atomic"
	"syscall"
	"time"
)

// A pollFD owns the descriptor of an Epoll or Kqueue and its lifetime, as
// Go's internal/poll.FD owns an os.File's: the close protocol lives here
// once, and Epoll and Kqueue embed it.
//
// The protocol. Every call takes a reference with acquire and drops it
// with release. Close marks the object closed, so no new call starts, and
// wakes the calls in flight; the descriptors are closed by whoever drops
// the last reference: Close itself when nothing is in flight, otherwise
// the last call to return. So Close never waits, and the number is never
// reused under a call: CPython closes at once, but a Go program calls
// Poll and Close from different goroutines as a matter of course, and
// closing the number under a blocked epoll_wait would let the next
// open(2) reuse it, so that the waiter's next retry polls (or a register
// changes) an unrelated file.
//
// Waking. Close must wake a blocked call without needing anything at
// Close time (at RLIMIT_NOFILE no descriptor can be had), and without
// anything a reader of the kernel object could see: a dup of an epoll or
// kqueue descriptor (EpollFromFd(unix.Dup(fd))) is the same instance,
// and another epoll or kqueue watching it sees it readable when anything
// in it fires. So the wake source, a waker, is made with the object, as
// Go's netpoll makes its break descriptor once, and is never put into
// the instance: a call that must block waits for the instance's
// descriptor and the waker together (waker.wait), then collects the
// events with a zero timeout. Close only sets the waker off, which
// allocates nothing: a write to an eventfd or pipe, or an EVFILT_USER
// trigger.
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
	fds     ownedFds      // written once, before the object is shared
	cleanup runtime.Cleanup
}

// ownedFds are the descriptors a pollFD closes together.
type ownedFds struct {
	fd   int // the epoll or kqueue instance
	wake waker
}

const refOpen = 1 << 63

// init makes p own fd and w, and closes them both when owner is collected
// unless Close is called first. p must be inside owner.
func initPollFD[T any](owner *T, p *pollFD, fd int, w waker) {
	p.fds = ownedFds{fd, w}
	p.state.Store(refOpen)
	p.cleanup = runtime.AddCleanup(owner, ownedFds.close, p.fds)
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
				p.fds.wake.wake()
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

// errClosing is what wait returns when Close woke it; the object turns it
// into its own ValueError.
var errClosing = errors.New("closed while waiting")

// maxWait is the longest timeout given to one waker.wait. A longer wait
// is resumed with the time left, so that no timeout is ever shortened by a
// kernel's limit: macOS refuses kevent(2) timeouts past 1e8 s with EINVAL
// (Go's runtime/netpoll_kqueue.go caps its own at 1e6 s for it), and a
// 32-bit time_t ends in 2038.
const maxWait = 1e6 * time.Second

// errResume asks eintr for another try with the time left: the instance
// was readable, but another call collected its events first.
var errResume = syscall.EINTR

// wait collects events with collect, blocking up to timeout (negative:
// no limit, however long otherwise) until there are some, as one epoll_wait(2) or kevent(2) with
// that timeout would; interrupted waits are resumed as eintr says. The
// caller holds a reference. collect must not block: it is the kernel call
// with a zero timeout. It runs first, so that a call which need not wait
// costs one system call, and an error (EBADF, EINVAL) is reported at
// once, as from the kernel; if it finds nothing, wait blocks in
// waker.wait and collects again.
func (p *pollFD) wait(timeout time.Duration, collect func() (int, error)) (int, error) {
	return eintr(timeout, func(d time.Duration) (int, error) {
		n, err := collect()
		if p.closed() {
			return 0, errClosing
		}
		if err != nil || n > 0 || d == 0 {
			return n, err
		}
		ready, err := p.fds.wake.wait(p.fds.fd, min(d, maxWait))
		switch {
		case p.closed():
			return 0, errClosing
		case err != nil:
			return 0, err
		case !ready && d > maxWait:
			// A long wait is made of several: resume it with the time left.
			return 0, errResume
		case !ready:
			return 0, nil
		}
		if n, err = collect(); p.closed() {
			return 0, errClosing
		}
		if n == 0 && err == nil {
			return 0, errResume
		}
		return n, err
	})
}
