// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"math"
	"reflect"
	"syscall"
	"time"
)

// Timeouts.
//
// The Python-shaped calls take a timeout as an `any`, the values CPython
// accepts: nil is None (block until ready), a float32 or float64 is a
// Python float, and every Go integer kind (and bool) is a Python int. CPython
// converts it with _PyTime_FromSecondsObject or _PyTime_FromMillisecondsObject
// (Python/pytime.c) into nanoseconds, rounding away from zero
// (_PyTime_ROUND_TIMEOUT), and then into the kernel's unit with a rule of
// its own per API (conformance/SEMANTICS.md#timeouts):
//
//	API            unit  None     negative                      kernel unit
//	select         s     block    ValueError                    µs, up
//	poll.poll      ms    block    block                         ms, up
//	epoll.poll     s     block    > -1 ms: 0; else block        ms, ceiling
//	kqueue.control s     block    ValueError                    ns
//	devpoll.poll   ms    block    -1 ms blocks; below, Overflow ms, up
//
// Internally a timeout is a time.Duration: negative blocks, 0 polls,
// positive waits at most that long.

// timeoutNs is _PyTime_FromObject: v in units of unit nanoseconds (1e9 for
// seconds, 1e6 for milliseconds) as nanoseconds, rounded away from zero.
// none reports None. For a type Python rejects, it returns typeErr.
func timeoutNs(v any, unit int64, typeErr error) (ns int64, none bool, err error) {
	var i int64
	switch x := v.(type) {
	case nil:
		return 0, true, nil
	case float64:
		return floatNs(x, unit)
	case float32:
		return floatNs(float64(x), unit)
	case int:
		i = int64(x)
	case int64:
		i = x
	case int32:
		i = int64(x)
	case uint64:
		if x > math.MaxInt64 {
			return 0, false, errPyTimeOverflow
		}
		i = int64(x)
	default:
		var ok bool
		if i, ok = otherInt(v); !ok {
			return 0, false, typeErr
		}
		if rv := reflect.ValueOf(v); rv.CanUint() && rv.Uint() > math.MaxInt64 {
			return 0, false, errPyTimeOverflow
		}
	}
	// _PyTime_Mul's overflow check.
	if i > math.MaxInt64/unit || i < math.MinInt64/unit {
		return 0, false, errPyTimeOverflow
	}
	return i * unit, false, nil
}

// floatNs is _PyTime_FromDouble with _PyTime_ROUND_UP.
func floatNs(f float64, unit int64) (int64, bool, error) {
	if math.IsNaN(f) {
		return 0, false, errTimeoutNaN
	}
	d := f * float64(unit)
	if d >= 0 {
		d = math.Ceil(d)
	} else {
		d = math.Floor(d)
	}
	if !(-(1<<63) <= d && d < 1<<63) {
		return 0, false, errTimeTOverflow
	}
	return int64(d), false, nil
}

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

// selectTimeout is select.select's rule: seconds, None blocks, anything
// that rounds below zero is ValueError "timeout must be non-negative".
func selectTimeout(v any) (time.Duration, error) {
	ns, none, err := timeoutNs(v, 1e9, errSelectTimeoutTyp)
	switch {
	case err != nil:
		return 0, err
	case none:
		return -1, nil
	case ns < 0:
		return 0, errTimeoutNegative
	}
	return time.Duration(ns), nil
}

// pollTimeout is poll.poll's rule: milliseconds; None and every negative
// value block; a value outside C int milliseconds is OverflowError.
func pollTimeout(v any) (time.Duration, error) {
	ns, none, err := timeoutNs(v, 1e6, errIntTimeoutType)
	if err != nil || none {
		return -1, err
	}
	ms := divUp(ns, 1e6)
	if ms < math.MinInt32 || ms > math.MaxInt32 {
		return 0, errTimeoutTooLarge
	}
	if ms < 0 {
		return -1, nil
	}
	return time.Duration(ns), nil
}

// devpollTimeout is devpoll.poll's rule: milliseconds rounded up; None and
// -1 block; below -1 or outside a C int it is OverflowError
// (select_devpoll_poll_impl).
func devpollTimeout(v any) (time.Duration, error) {
	ns, none, err := timeoutNs(v, 1e6, errIntTimeoutType)
	if err != nil || none {
		return -1, err
	}
	ms := divUp(ns, 1e6)
	if ms < -1 || ms > math.MaxInt32 {
		return 0, errTimeoutTooLarge
	}
	if ms < 0 {
		return -1, nil
	}
	return time.Duration(ns), nil
}

// epollTimeout is epoll.poll's rule: seconds, rounded to milliseconds
// toward +inf, so a timeout in (-1 ms, 0) polls while -1 ms and below block.
func epollTimeout(v any) (time.Duration, error) {
	ns, none, err := timeoutNs(v, 1e9, errIntTimeoutType)
	if err != nil || none {
		return -1, err
	}
	ms := divCeil(ns, 1e6)
	if ms < math.MinInt32 || ms > math.MaxInt32 {
		return 0, errTimeoutTooLarge
	}
	if ms < 0 {
		return -1, nil
	}
	return time.Duration(max(ns, 0)), nil
}

// msCeil converts a Duration to the int milliseconds of poll(2) and
// epoll_wait(2), rounding up so that a positive timeout never becomes a
// non-blocking 0; negative is -1, "block" (both man pages).
func msCeil(d time.Duration) int {
	if d < 0 {
		return -1
	}
	return int(min(divCeil(int64(d), 1e6), math.MaxInt32))
}

// eintr calls sys until it ends with something other than EINTR, as PEP 475
// makes CPython do for every blocking call of the select module (conformance/SEMANTICS.md#eintr).
// Go makes this common, not theoretical: the runtime's preemption signal
// (SIGURG) interrupts epoll_wait, poll and select at any time.
//
// A negative timeout blocks: sys is simply called again. Otherwise a
// monotonic deadline is taken before the first call and each retry gets
// only the time left, so retries never extend the wait; once the deadline
// has passed, eintr returns 0 and no error, the empty result CPython
// returns (bpo-35310). sys is given the timeout to use and converts it to
// its kernel unit itself: a timeout the kernel may have written back
// (Linux select(2) updates its timeval) is never passed again.
func eintr(timeout time.Duration, sys func(time.Duration) (int, error)) (int, error) {
	var deadline time.Time
	hasDeadline := timeout > 0
	if hasDeadline {
		deadline = time.Now().Add(timeout)
	}
	for {
		n, err := sys(timeout)
		if err != syscall.EINTR {
			return n, err
		}
		if hasDeadline {
			if timeout = time.Until(deadline); timeout < 0 {
				return 0, nil
			}
		}
	}
}

// pyTypeName is Python's type(v).__name__ for the values a Go caller can
// pass where Python takes an object: the name of the Python type the value
// stands for, else the Go type.
func pyTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "NoneType"
	case float32, float64:
		return "float"
	case bool:
		return "bool"
	case string:
		return "str"
	case []byte:
		return "bytes"
	}
	if _, ok := otherInt(v); ok {
		return "int"
	}
	return reflect.TypeOf(v).String()
}
