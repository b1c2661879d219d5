// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package selectors

import (
	"math"
	"time"

	"github.com/pyselect/pyselect/sys/pyselect"
)

// The timeout rules of the selectors built on poll.poll and epoll.poll
// (_PollLikeSelector's subclasses), which Windows has neither of.

// ceilMs is _PollLikeSelector.select's timeout rule: none reports None;
// a timeout <= 0 is 0; otherwise math.ceil(timeout * 1e3) milliseconds
// (a time.Duration is rounded up to the millisecond exactly), an integer
// held in a float64 as Python's int holds it (the select module's call
// refuses one too large).
func ceilMs(timeout any) (ms float64, none bool, err error) {
	if timeout == nil {
		return 0, true, nil
	}
	if d, isDur := timeout.(time.Duration); isDur {
		if d <= 0 {
			return 0, false, nil
		}
		return float64((d + time.Millisecond - 1) / time.Millisecond), false, nil
	}
	f, i, isFloat, ok := number(timeout)
	switch {
	case !ok:
		return 0, false, typeError("'<=' not supported between instances of '" + pyselect.TypeName(timeout) + "' and 'int'")
	case !isFloat:
		f = float64(i)
	}
	switch {
	case f <= 0:
		return 0, false, nil
	case math.IsNaN(f):
		return 0, false, valueError("cannot convert float NaN to integer")
	case math.IsInf(f, 1):
		return 0, false, &pyselect.Error{Exception: pyselect.OverflowError, Message: "cannot convert float infinity to integer"}
	}
	return math.Ceil(f * 1e3), false, nil
}

// pollInt is poll.poll's argument for ms: the int, or past int64 (which
// Python's int holds, and poll.poll refuses with OverflowError) MaxInt64,
// which poll.poll refuses the same way.
func pollInt(ms float64) int64 {
	if ms >= math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(ms)
}
