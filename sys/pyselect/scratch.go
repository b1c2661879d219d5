// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

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

// get returns an array of n elements: the kept one when it is free, made
// by alloc when it is smaller than n. An array of more than keep elements
// is never kept, so what stays between calls is bounded by keep, not by
// the largest n ever asked. mine reports whether it is the kept one, to
// be passed to put when the call is done with it. The array's contents
// are whatever the last call left there.
func (s *scratch[T]) get(n, keep int, alloc func(int) []T) (buf []T, mine bool) {
	if n > keep || !s.busy.CompareAndSwap(false, true) {
		return alloc(n), false
	}
	if cap(s.buf) < n || cap(s.buf) > keep {
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
