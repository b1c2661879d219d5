// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

// Poll is devpoll.poll([timeout]): write the queued changes, wait until a
// registered fd has an event, and return an Event for each, in the
// kernel's order. timeout is optional (the package's rule for optional
// arguments): dp.Poll() is
// dp.poll(), and a second argument is TypeError "poll expected at most 1
// argument, got 2". Its units and rules are poll's (milliseconds, rounded
// up; nil or -1 blocks).
func (dp *Devpoll) Poll(timeout ...any) ([]Event, error) {
	t, err := optional(timeout, 0, atMost("poll", 1))
	if err != nil {
		return nil, err
	}
	return dp.poll(t)
}
