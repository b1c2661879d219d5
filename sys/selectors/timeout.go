// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package selectors

import (
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/internal/pyobj"
)

// Timeouts.
//
// A Select timeout is an any, as in sys/pyselect: nil is None (block),
// a float or any Go integer is Python's float or int in seconds, and a
// time.Duration is that duration. Each selector first applies
// Lib/selectors.py's own rule, then passes the result to the select
// module's call, whose rules (sys/pyselect's timeout.go) do the rest:
//
//	selector                       Lib/selectors.py                   then
//	SelectSelector, KqueueSelector max(timeout, 0)                    select.select / kqueue.control
//	PollSelector                   timeout <= 0: 0, else              poll.poll (ms)
//	                               math.ceil(timeout * 1e3)
//	EpollSelector                  None: -1; timeout <= 0: 0, else    epoll.poll (s)
//	                               math.ceil(timeout * 1e3) * 1e-3
//
// so a negative timeout polls, and a wait is at least as long as asked.
// A time.Duration goes through these rules and reaches the select
// module's call as a Duration (rounded up to the millisecond for poll and
// epoll), which waits it out in full whatever its length, as every
// Duration in sys/pyselect: it is never turned into a number of seconds
// that poll's or epoll's C int of milliseconds would refuse.
// A value Python cannot compare with 0 is its TypeError ("'<=' not
// supported between instances of 'str' and 'int'"); math.ceil of NaN is
// ValueError "cannot convert float NaN to integer", of infinity
// OverflowError "cannot convert float infinity to integer".

// number reads a Python number: a float (f, true) or an integer (i, false).
// ok is false for any other value. A time.Duration is its seconds, a float.
func number(v any) (f float64, i int64, isFloat, ok bool) {
	if d, isDur := v.(time.Duration); isDur {
		return d.Seconds(), 0, true, true
	}
	if f, ok := pyobj.Float(v); ok {
		return f, 0, true, true
	}
	i, big, ok := pyobj.Int(v)
	if big { // beyond int64: a float, as the arithmetic below needs
		return float64(uint64(i)), 0, true, true
	}
	return 0, i, false, ok
}

func typeError(msg string) error {
	return &builtins.Error{Exception: builtins.TypeError, Message: msg}
}

// maxZero is Python's max(timeout, 0), for SelectSelector and
// KqueueSelector: None stays None, a negative number becomes 0, anything
// else is passed on as it is (NaN too: 0 > nan is false).
func maxZero(timeout any) (any, error) {
	if timeout == nil {
		return nil, nil
	}
	f, i, isFloat, ok := number(timeout)
	switch {
	case !ok:
		return nil, typeError("'>' not supported between instances of 'int' and '" + builtins.TypeName(timeout) + "'")
	case isFloat && f < 0, !isFloat && i < 0:
		return 0, nil
	}
	return timeout, nil // a time.Duration too: the call waits it out in full
}
