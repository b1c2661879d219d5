// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package selectors

import (
	"github.com/pyselect/pyselect/sys/pyselect"
)

// An EpollSelector is selectors.EpollSelector: a selector on select.epoll
// (pyselect.Epoll), Linux only.
//
// Close closes the epoll object: a Select in another goroutine is woken
// and returns ValueError "I/O operation on closed epoll object", as every
// later Select, Register or Modify does (pyselect.Epoll's close protocol:
// the descriptor is not reused under a call in flight).
type EpollSelector[D any] struct {
	pollLike[D]
	ep *pyselect.Epoll
}

var _ BaseSelector[any] = (*EpollSelector[any])(nil)

// NewEpollSelector is selectors.EpollSelector(): it makes an epoll
// object, which can fail as epoll_create1(2) does (OSError EMFILE).
func NewEpollSelector[D any]() (BaseSelector[D], error) {
	ep, err := pyselect.NewEpoll()
	if err != nil {
		return nil, err
	}
	return &EpollSelector[D]{pollLike[D]{poller: ep, evRead: pyselect.EPOLLIN, evWrite: pyselect.EPOLLOUT}, ep}, nil
}

// Fileno is fileno(): the epoll descriptor, or ValueError once closed.
func (s *EpollSelector[D]) Fileno() (int, error) { return s.ep.Fileno() }

// Select is select(timeout=None) (see SelectSelector.Select): timeout in
// seconds is rounded up to the millisecond (math.ceil(timeout * 1e3) *
// 1e-3), 0 or less polls, and at most max(number of keys, 1) events are
// asked of epoll_wait(2) (bpo-23009). The result is in the kernel's
// ready-list order.
func (s *EpollSelector[D]) Select(timeout ...any) ([]Ready[D], error) {
	t, err := timeoutArg("EpollSelector.select", timeout)
	if err != nil {
		return nil, err
	}
	if t, err = ceilMs(t); err != nil {
		return nil, err
	}
	switch ms := t.(type) {
	case nil:
		t = -1
	case float64:
		t = ms * 1e-3
	}
	s.mu.Lock()
	maxEv := max(s.lenLocked(), 1)
	s.mu.Unlock()
	return s.ready(s.ep.Poll(t, maxEv))
}

// Close is close(): close the epoll object, then forget every key.
func (s *EpollSelector[D]) Close() error {
	s.ep.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closeLocked()
	return nil
}
