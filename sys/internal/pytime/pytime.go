// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Package pytime reads a Python timeout value as CPython's Python/pytime.c
// does (_PyTime_FromSecondsObject, _PyTime_FromMillisecondsObject): the one
// reading of a timeout for the packages under sys, each of which then
// applies its API's own rule for None, negative values and the kernel's
// unit.
package pytime

import (
	"math"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/internal/pyobj"
)

// A Timeout is a timeout argument as nanoseconds, rounded away from
// zero (_PyTime_FromObject), or None.
type Timeout struct {
	NS   int64
	None bool // None: block
	Dur  bool // a time.Duration: exact, and exempt from CPython's range checks
}

// timeoutOf reads v, in units of unit nanoseconds (1e9 for seconds, 1e6
// for milliseconds). For a type Python rejects, it returns typeErr(), made
// only then: the errors are per call.
func FromObject(v any, unit int64, typeErr func() *builtins.Error) (Timeout, error) {
	if v == nil {
		return Timeout{None: true}, nil
	}
	if d, ok := v.(time.Duration); ok {
		return Timeout{NS: int64(d), Dur: true}, nil
	}
	if f, ok := pyobj.Float(v); ok {
		ns, err := FromFloat(f, unit)
		return Timeout{NS: ns}, err
	}
	i, big, ok := pyobj.Int(v)
	switch {
	case !ok:
		return Timeout{}, typeErr()
	case big || i > math.MaxInt64/unit || i < math.MinInt64/unit: // _PyTime_Mul's overflow check
		return Timeout{}, ErrPyTime()
	}
	return Timeout{NS: i * unit}, nil
}

// floatNs is _PyTime_FromDouble with _PyTime_ROUND_UP.
func FromFloat(f float64, unit int64) (int64, error) {
	if math.IsNaN(f) {
		return 0, ErrNaN()
	}
	d := f * float64(unit)
	if d >= 0 {
		d = math.Ceil(d)
	} else {
		d = math.Floor(d)
	}
	if !(-(1<<63) <= d && d < 1<<63) {
		return 0, ErrTimeT()
	}
	return int64(d), nil
}

// CPython's errors of the conversion, made per call.
func ErrNaN() *builtins.Error {
	return builtins.ValueError.New("Invalid value NaN (not a number)")
}

func ErrTimeT() *builtins.Error {
	return builtins.OverflowError.New("timestamp out of range for platform time_t")
}

func ErrPyTime() *builtins.Error {
	return builtins.OverflowError.New("timestamp too large to convert to C _PyTime_t")
}
