// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect

// Poller is p as a Poller, for code that holds a poll or an epoll object
// in one variable ("self._impl = select.epoll() if ... else
// select.poll()"). A poll object's poll takes the timeout alone
// (poll.poll([timeout])) and Poller's Poll has an Epoll's signature, so
// the Poller's Poll refuses a maxevents with the TypeError Python raises
// for poll.poll(t, n), "poll expected at most 1 argument, got 2". The
// other methods are p's.
func (p *Poll) Poller() Poller { return pollPoller{p} }

// A pollPoller is a *Poll as a Poller.
type pollPoller struct{ p *Poll }

func (pp pollPoller) Register(fd any, eventmask ...Mask) error {
	return pp.p.Register(fd, eventmask...)
}
func (pp pollPoller) Modify(fd any, eventmask Mask) error { return pp.p.Modify(fd, eventmask) }
func (pp pollPoller) Unregister(fd any) error             { return pp.p.Unregister(fd) }

func (pp pollPoller) Poll(timeout any, maxevents ...int) ([]Event, error) {
	if err := pollArity(maxevents); err != nil {
		return nil, err
	}
	return pp.p.Poll(timeout)
}

// pollArity is the TypeError poll.poll raises for a second argument, "poll expected at most 1 argument, got 2": they take
// the timeout only.
func pollArity[T any](extra []T) error {
	if len(extra) > 0 {
		return atMost("poll", 1)(len(extra) + 1)
	}
	return nil
}
