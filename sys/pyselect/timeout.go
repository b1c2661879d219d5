// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"math"
	"time"

	"github.com/pyselect/pyselect/sys/internal/pyobj"
	"github.com/pyselect/pyselect/sys/internal/pytime"
)

// Timeouts.
//
// The Python-shaped calls take a timeout as an `any`, the values CPython
// accepts: nil is None (block until ready), a float kind is a Python
// float, and every Go integer kind (and bool) is a Python int (pyInt,
// pyFloat). CPython converts it with _PyTime_FromSecondsObject or
// _PyTime_FromMillisecondsObject (Python/pytime.c) into nanoseconds,
// rounding away from zero (_PyTime_ROUND_TIMEOUT), and then into the
// kernel's unit with a rule of its own per API (conformance/SEMANTICS.md#timeouts):
//
//	API            unit  None     negative                      kernel unit
//	select         s     block    ValueError                    µs, up
//	poll.poll      ms    block    block                         ms, up
//	epoll.poll     s     block    > -1 ms: 0; else block        ms, ceiling
//	kqueue.control s     block    ValueError                    ns
//	devpoll.poll   ms    block    -1 ms blocks; below, Overflow ms, up
//
// A time.Duration, the one Go-only form, is that duration whatever the
// API's unit: time.Second is one second in Select and 1000 ms in
// Poll.Poll. It is rounded up to the kernel's unit as the API rounds, a
// negative one follows the API's negative rule, and the range checks
// CPython applies to a Python number (poll's and epoll's C int of
// milliseconds, a 32-bit time_t) do not apply: every Duration is waited
// out in full (see wait).
//
// Internally a timeout is a time.Duration: negative blocks, 0 polls,
// positive waits at most that long.

// divUp is _PyTime_Divide with _PyTime_ROUND_UP (away from zero).
func divUp(ns, unit int64) int64 {
	q, r := ns/unit, ns%unit
	if r > 0 {
		q++
	} else if r < 0 {
		q--
	}
	return q
}

// divCeil is _PyTime_Divide with _PyTime_ROUND_CEILING.
func divCeil(ns, unit int64) int64 {
	q, r := ns/unit, ns%unit
	if r > 0 {
		q++
	}
	return q
}

// floorDiv is _PyTime_Divide with _PyTime_ROUND_FLOOR (toward -inf), as _PyTime_AsTimespec's
// pytime_divmod splits a time into seconds and nanoseconds.
func floorDiv(ns, unit int64) int64 {
	q := ns / unit
	if ns%unit < 0 {
		q--
	}
	return q
}

// selectTimeout is select.select's rule: seconds, None blocks, anything
// that rounds below zero is ValueError "timeout must be non-negative".
func selectTimeout(v any) (time.Duration, error) {
	t, err := pytime.FromObject(v, 1e9, errSelectTimeoutTyp)
	switch {
	case err != nil:
		return 0, err
	case t.None:
		return -1, nil
	case t.NS < 0:
		return 0, errTimeoutNegative()
	}
	return time.Duration(t.NS), nil
}

// pollTimeout is poll.poll's rule: milliseconds; None and every negative
// value block; a number outside C int milliseconds is OverflowError.
func pollTimeout(v any) (time.Duration, error) {
	t, err := pytime.FromObject(v, 1e6, errIntTimeoutType)
	if err != nil || t.None {
		return -1, err
	}
	ms := divUp(t.NS, 1e6)
	if !t.Dur && !pyobj.IsCInt(ms) {
		return 0, errTimeoutTooLarge()
	}
	if ms < 0 {
		return -1, nil
	}
	return time.Duration(t.NS), nil
}

// devpollTimeout is devpoll.poll's rule: milliseconds rounded up; None and
// -1 block; below -1 or outside a C int it is OverflowError
// (select_devpoll_poll_impl).
func devpollTimeout(v any) (time.Duration, error) {
	t, err := pytime.FromObject(v, 1e6, errIntTimeoutType)
	if err != nil || t.None {
		return -1, err
	}
	ms := divUp(t.NS, 1e6)
	if ms < -1 || !t.Dur && !pyobj.IsCInt(ms) {
		return 0, errTimeoutTooLarge()
	}
	if ms < 0 {
		return -1, nil
	}
	return time.Duration(t.NS), nil
}

// epollTimeout is epoll.poll's rule: seconds, rounded to milliseconds
// toward +inf, so a timeout in (-1 ms, 0) polls while -1 ms and below block;
// a number outside C int milliseconds is OverflowError.
func epollTimeout(v any) (time.Duration, error) {
	t, err := pytime.FromObject(v, 1e9, errIntTimeoutType)
	if err != nil || t.None {
		return -1, err
	}
	ms := divCeil(t.NS, 1e6)
	if !t.Dur && !pyobj.IsCInt(ms) {
		return 0, errTimeoutTooLarge()
	}
	if ms < 0 {
		return -1, nil
	}
	return time.Duration(max(t.NS, 0)), nil
}

// msCeil converts a Duration of at most msMaxWait to the int milliseconds
// of poll(2) and epoll_wait(2), rounding up so that a positive timeout
// never becomes a non-blocking 0; negative is -1, "block" (both man pages).
func msCeil(d time.Duration) int {
	if d < 0 {
		return -1
	}
	return int(min(divCeil(int64(d), 1e6), math.MaxInt32))
}
