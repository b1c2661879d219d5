// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

package pyselect

import (
	"runtime"
	"sync/atomic"
	"syscall"
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
