// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package selectors

import (
	"github.com/pyselect/pyselect/sys/pyselect"
)

// classes is what Lib/selectors.py defines on Linux beyond its classes
// of every OS (Hasattr).
const classes = "PollSelector EpollSelector"

// useEpoll is _can_use('epoll'), asked once, as Lib/selectors.py asks it
// at import: an epoll object can be made (a kernel without epoll fails
// with ENOSYS).
var useEpoll = onceCanUse(func() error {
	ep, err := pyselect.NewEpoll()
	if err == nil {
		ep.Close()
	}
	return err
})

// NewDefaultSelector is selectors.DefaultSelector(): on Linux an
// EpollSelector, or where epoll cannot be used a PollSelector (Python's
// order is kqueue, epoll, devpoll, poll, select; Linux has epoll and
// poll). The choice is made once per process, as Python makes it at
// import; making the selector can still fail (OSError EMFILE).
func NewDefaultSelector[D any]() (BaseSelector[D], error) {
	if useEpoll() {
		return NewEpollSelector[D]()
	}
	return NewPollSelector[D]()
}
