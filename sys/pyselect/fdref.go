// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

package pyselect

import "sync/atomic"

// An fdRef guards the descriptor of an epoll or kqueue object so that Close
// never lets its number be reused under a call in flight, the guarantee
// Go's internal/poll.fdMutex gives os.File. CPython closes at once; a Go
// program calls Poll and Close from different goroutines as a matter of
// course, and closing the number under a blocked epoll_wait would let the
// next open(2) reuse it, so that the waiter's next retry polls (or a
// register changes) an unrelated file.
//
// Every call takes a reference with acquire and drops it with release.
// Close marks the object closed, so no new call starts; the descriptor is
// closed by whoever drops the last reference: Close itself when nothing is
// in flight, otherwise the last call to return. Close asks the object to
// wake calls in flight (see Epoll.Close), so Close never waits for them.
type fdRef struct {
	state atomic.Uint64 // refClosed | number of references held
	fd    int           // written once, before the object is shared
}

const refClosed = 1 << 63

// acquire takes a reference; it reports false once the object is closed.
func (r *fdRef) acquire() bool {
	for {
		s := r.state.Load()
		if s&refClosed != 0 {
			return false
		}
		if r.state.CompareAndSwap(s, s+1) {
			return true
		}
	}
}

// release drops a reference. It reports true when that was the last one
// of a closed object: the caller must then close the descriptor.
func (r *fdRef) release() bool {
	return r.state.Add(^uint64(0)) == refClosed
}

// close marks the object closed and takes a reference for the closer,
// which must release it. first is false when it was already closed (and
// then no reference is taken); busy reports calls in flight.
func (r *fdRef) close() (first, busy bool) {
	for {
		s := r.state.Load()
		if s&refClosed != 0 {
			return false, false
		}
		if r.state.CompareAndSwap(s, (s|refClosed)+1) {
			return true, s != 0
		}
	}
}

// closed reports whether close has been called.
func (r *fdRef) closed() bool { return r.state.Load()&refClosed != 0 }
