// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package selectors

import (
	"math"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
)

// The timeout rules of the selectors built on poll.poll and epoll.poll
// (_PollLikeSelector's subclasses), which Windows has neither of.

// ceilMs is _PollLikeSelector.select's timeout rule: nil for None; a
// timeout <= 0 is 0 ms; otherwise math.ceil(timeout * 1e3) ms, as a
// float64 holding an integer as Python's int holds it (the select
// module's call refuses one too large). A time.Duration stays one, 0 or
// rounded up to the millisecond, so that the call waits it out in full
// as sys/pyselect waits every Duration.
func ceilMs(timeout any) (any, error) {
	if timeout == nil {
		return nil, nil
	}
	if d, isDur := timeout.(time.Duration); isDur {
		if d <= 0 {
			return time.Duration(0), nil
		}
		ceil := d / time.Millisecond * time.Millisecond
		if ceil < d && ceil <= math.MaxInt64-time.Millisecond {
			ceil += time.Millisecond
		}
		return ceil, nil
	}
	f, i, isFloat, ok := number(timeout)
	switch {
	case !ok:
		return nil, typeError("'<=' not supported between instances of '" + builtins.TypeName(timeout) + "' and 'int'")
	case !isFloat:
		f = float64(i)
	}
	switch {
	case f <= 0:
		return 0.0, nil
	case math.IsNaN(f):
		return nil, valueError("cannot convert float NaN to integer")
	case math.IsInf(f, 1):
		return nil, &builtins.Error{Exception: builtins.OverflowError, Message: "cannot convert float infinity to integer"}
	}
	return math.Ceil(f * 1e3), nil
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
