// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

// NewPoller is "select.epoll() if hasattr(select, 'epoll') else
// select.poll()": on Linux a new Epoll. Its Poll takes seconds, a Poll's
// milliseconds, as in Python; a time.Duration means the same to both.
func NewPoller() (Poller, error) {
	ep, err := NewEpoll()
	if err != nil {
		return nil, err
	}
	return ep, nil
}
