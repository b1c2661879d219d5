// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package builtins

import (
	"time"

	"github.com/pyselect/pyselect/sys/internal/pyobj"
)

// Seconds reads a Python timeout value, as the calls here take one, for
// the arithmetic Python code does with it ("deadline = time.monotonic() +
// timeout"): ok is false for nil (None); a float kind is its value and
// every Go integer kind (and bool) its value as a float, as Python's
// float + int; a time.Duration is its seconds. Any other value is the
// TypeError of that arithmetic, "unsupported operand type(s) for +:
// 'float' and 'str'". A uint64 beyond 2**53 loses precision, as float(n)
// does.
//
//	Python                                   Go
//	if timeout is not None:                  if t, ok, err := builtins.Seconds(timeout); ok {
//	    deadline = time.monotonic() + timeout    deadline = monotonic() + t
func Seconds(timeout any) (seconds float64, ok bool, err error) {
	switch t := timeout.(type) {
	case nil:
		return 0, false, nil
	case time.Duration:
		return t.Seconds(), true, nil
	}
	if f, isFloat := pyobj.Float(timeout); isFloat {
		return f, true, nil
	}
	if i, big, isInt := pyobj.Int(timeout); isInt {
		if big { // a uint64 beyond int64: pyobj.Int's i holds its bits
			return float64(uint64(i)), true, nil
		}
		return float64(i), true, nil
	}
	return 0, false, TypeError.New("unsupported operand type(s) for +: 'float' and '" + pyobj.TypeName(timeout) + "'")
}
