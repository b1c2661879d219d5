// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package selectors

import (
	"github.com/pyselect/pyselect/sys/pyselect"
)

// classes is what Lib/selectors.py defines on Solaris and illumos beyond
// its classes of every OS (Hasattr).
const classes = "PollSelector DevpollSelector"

// A DevpollSelector is selectors.DevpollSelector: a selector on
// select.devpoll (pyselect.Devpoll), on Solaris and illumos.
//
// Close closes the /dev/poll object, as pyselect.Devpoll's Close does
// (calls in flight are woken).
type DevpollSelector[D any] struct {
	pollLike[D]
	dp *pyselect.Devpoll
}

var _ BaseSelector[any] = (*DevpollSelector[any])(nil)

// NewDevpollSelector is selectors.DevpollSelector(): it opens /dev/poll,
// which can fail (OSError EMFILE).
func NewDevpollSelector[D any]() (BaseSelector[D], error) {
	dp, err := pyselect.NewDevpoll()
	if err != nil {
		return nil, err
	}
	return &DevpollSelector[D]{pollLike[D]{poller: dp, evRead: pyselect.POLLIN, evWrite: pyselect.POLLOUT}, dp}, nil
}

// Fileno is fileno(): the /dev/poll descriptor, or ValueError once closed.
func (s *DevpollSelector[D]) Fileno() (int, error) { return s.dp.Fileno() }

// Select is select(timeout=None), _PollLikeSelector's (see
// PollSelector.Select).
func (s *DevpollSelector[D]) Select(timeout ...any) ([]Ready[D], error) {
	return s.selectMs(s.dp.Poll, timeout)
}

// Close is close(): close the /dev/poll object, then forget every key.
func (s *DevpollSelector[D]) Close() error {
	s.dp.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closeLocked()
	return nil
}

// useDevpoll is _can_use('devpoll'), asked once, as Lib/selectors.py
// asks it at import.
var useDevpoll = onceCanUse(func() error {
	dp, err := pyselect.NewDevpoll()
	if err == nil {
		dp.Close()
	}
	return err
})

// NewDefaultSelector is selectors.DefaultSelector(): on Solaris and
// illumos a DevpollSelector, or where /dev/poll cannot be used a
// PollSelector (Python's order is kqueue, epoll, devpoll, poll, select).
// The choice is made once per process; making the selector can still
// fail (OSError EMFILE).
func NewDefaultSelector[D any]() (BaseSelector[D], error) {
	if useDevpoll() {
		return NewDevpollSelector[D]()
	}
	return NewPollSelector[D]()
}
