// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect

import (
	"strconv"

	"github.com/pyselect/pyselect/sys/builtins"
)

// A Mask is an event mask: a set of POLL* or EPOLL* bits, as Python holds
// it in an int. Every POLL* and EPOLL* constant is a Mask, so a mask
// computed from them (READ_ONLY := pyselect.POLLIN | pyselect.POLLPRI)
// flows into every call that takes one and compares with every result
// that returns one (Event.Events), as in Python.
//
// A Mask is 64 bits wide so that every value Python code passes can be
// expressed, including the ones CPython rejects: Poll keeps CPython's C
// unsigned short rules (negative is ValueError "value must be positive",
// above 65535 OverflowError), and Epoll truncates to the C unsigned int of
// epoll_event.events, as CPython's unsigned_int(bitwise=True) converter.
type Mask int64

// A Poller is what select.poll and select.epoll objects have in common:
// the interface Python code relies on when it picks one at run time
// (selectors' _PollLikeSelector, an event loop's "impl = select.epoll()
// if hasattr(select, 'epoll') else select.poll()"), as NewPoller returns
// it. An *Epoll is one; a *Poll's Poll takes its timeout alone
// (poll.poll([timeout])), so a Poll is one through its Poller method, an
// adapter whose Poll refuses maxevents with the TypeError Python raises
// for a second argument to poll.poll. Each takes Poll's timeout in its
// own unit, as in Python: milliseconds for a poll object, seconds for an
// Epoll.
type Poller interface {
	Register(fd any, eventmask ...Mask) error
	Modify(fd any, eventmask Mask) error
	Unregister(fd any) error
	Poll(timeout any, maxevents ...int) ([]Event, error)
}

// pollRegisterMask is the optional eventmask of poll.register and
// devpoll.register: POLLIN|POLLPRI|POLLOUT when left out, and their
// TypeError for a third argument.
func pollRegisterMask(eventmask []Mask) (Mask, error) {
	switch len(eventmask) {
	case 0:
		return POLLIN | POLLPRI | POLLOUT, nil
	case 1:
		return eventmask[0], nil
	}
	return 0, builtins.TypeError.New("register expected at most 2 arguments, got " + strconv.Itoa(len(eventmask)+1))
}
