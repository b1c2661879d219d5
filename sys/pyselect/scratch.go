// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

package pyselect

import "sync/atomic"

// A scratch is the kernel event array an Epoll or Kqueue keeps between
// calls, so that a Python-shaped call allocates only its result. One call
// at a time uses it; a call made while it is in use (from another
// goroutine) gets an array of its own.
type scratch[T any] struct {
	busy atomic.Bool
	buf  []T
}

// get returns an array of n elements made by alloc, or the kept one when
// it is free and large enough. mine reports whether it is the kept one,
// to be passed to put when the call is done with it. The array's contents
// are whatever the last call left there.
func (s *scratch[T]) get(n int, alloc func(int) []T) (buf []T, mine bool) {
	if !s.busy.CompareAndSwap(false, true) {
		return alloc(n), false
	}
	if cap(s.buf) < n {
		s.buf = alloc(n)
	}
	return s.buf[:n], true
}

// put gives the kept array back.
func (s *scratch[T]) put(mine bool) {
	if mine {
		s.busy.Store(false)
	}
}
