// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package selectors

import (
	"github.com/pyselect/pyselect/sys/pyselect"
)

// classes is what Lib/selectors.py defines on macOS and the BSDs beyond
// its classes of every OS (Hasattr).
const classes = "PollSelector KqueueSelector"

// useKqueue is _can_use('kqueue'), asked once, as Lib/selectors.py asks
// it at import: a kqueue can be made.
var useKqueue = onceCanUse(func() error {
	kq, err := pyselect.NewKqueue()
	if err == nil {
		kq.Close()
	}
	return err
})

// NewDefaultSelector is selectors.DefaultSelector(): on macOS and the BSDs
// a KqueueSelector, or where kqueue cannot be used a PollSelector
// (Python's order is kqueue, epoll, devpoll, poll, select). The choice is
// made once per process, as Python makes it at import; making the
// selector can still fail (OSError EMFILE).
func NewDefaultSelector[D any]() (BaseSelector[D], error) {
	if useKqueue() {
		return NewKqueueSelector[D]()
	}
	return NewPollSelector[D]()
}
