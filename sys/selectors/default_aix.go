// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package selectors

// classes is what Lib/selectors.py defines on AIX beyond its classes of
// every OS (Hasattr): select has poll, but no epoll, kqueue or devpoll.
const classes = "PollSelector"

// NewDefaultSelector is selectors.DefaultSelector(): on AIX, which has
// neither kqueue, epoll nor /dev/poll, a PollSelector.
func NewDefaultSelector[D any]() (BaseSelector[D], error) {
	return NewPollSelector[D]()
}
