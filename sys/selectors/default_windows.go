// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package selectors

// classes is what Lib/selectors.py defines on Windows beyond its classes
// of every OS (Hasattr): none, as select has select alone.
const classes = ""

// NewDefaultSelector is selectors.DefaultSelector(): on Windows, where
// Python's select module has neither kqueue, epoll, devpoll nor poll, a
// SelectSelector. It never fails there.
func NewDefaultSelector[D any]() (BaseSelector[D], error) {
	return NewSelectSelector[D]()
}
