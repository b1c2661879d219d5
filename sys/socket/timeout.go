// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package socket

import (
	"math"
	"reflect"
	"sync/atomic"
	"time"

	"github.com/pyselect/pyselect/sys/pyselect"
)

const nsPerSec = int64(time.Second)

// noTimeout is a socket's timeout in blocking mode, Python's None.
const noTimeout time.Duration = -1

// defaultTimeout is socket.getdefaulttimeout(), as a timeout (noTimeout
// for None): the timeout of every socket made after it is set.
var defaultTimeout atomic.Int64

func init() { defaultTimeout.Store(int64(noTimeout)) }

// GetDefaultTimeout is socket.getdefaulttimeout(): nil (None) or the
// timeout in seconds, as a float64.
func GetDefaultTimeout() any { return timeoutValue(time.Duration(defaultTimeout.Load())) }

// SetDefaultTimeout is socket.setdefaulttimeout(timeout): the timeout
// that sockets made from now on start with (timeout has SetTimeout's
// forms and rules).
func SetDefaultTimeout(timeout any) error {
	d, err := parseTimeout(timeout)
	if err != nil {
		return err
	}
	defaultTimeout.Store(int64(d))
	return nil
}

// timeoutValue is gettimeout()'s result for d: None, or seconds.
func timeoutValue(d time.Duration) any {
	if d < 0 {
		return nil
	}
	return d.Seconds()
}

// parseTimeout is CPython's socket_parse_timeout: None is noTimeout
// (blocking); a number of seconds is read by _PyTime_FromSecondsObject,
// rounded away from zero to the nanosecond (_PyTime_ROUND_TIMEOUT), and must not be
// negative. A time.Duration is that duration. The errors are CPython's:
//
//	a value that is no number  TypeError "'str' object cannot be interpreted as an integer"
//	NaN                        ValueError "Invalid value NaN (not a number)"
//	a float beyond int64 ns    OverflowError "timestamp out of range for platform time_t"
//	an int beyond int64 ns     OverflowError "timestamp too large to convert to C _PyTime_t"
//	below zero                 ValueError "Timeout value out of range"
func parseTimeout(v any) (time.Duration, error) {
	var ns int64
	switch x := v.(type) {
	case nil:
		return noTimeout, nil
	case time.Duration:
		ns = int64(x)
	case bool:
		if x {
			ns = 1e9
		}
	default:
		r := reflect.ValueOf(v)
		switch r.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			s := r.Int()
			if s > math.MaxInt64/nsPerSec || s < math.MinInt64/nsPerSec {
				return 0, newError(pyselect.OverflowError, "timestamp too large to convert to C _PyTime_t")
			}
			ns = s * nsPerSec
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			s := r.Uint()
			if s > uint64(math.MaxInt64/nsPerSec) {
				return 0, newError(pyselect.OverflowError, "timestamp too large to convert to C _PyTime_t")
			}
			ns = int64(s) * nsPerSec
		case reflect.Float32, reflect.Float64:
			f := r.Float()
			if math.IsNaN(f) {
				return 0, newError(pyselect.ValueError, "Invalid value NaN (not a number)")
			}
			// _PyTime_ROUND_TIMEOUT is _PyTime_ROUND_UP: away from zero, so
			// that -1e-10 is below zero.
			if f *= 1e9; f >= 0 {
				f = math.Ceil(f)
			} else {
				f = math.Floor(f)
			}
			if !(f >= math.MinInt64 && f < -math.MinInt64) {
				return 0, newError(pyselect.OverflowError, "timestamp out of range for platform time_t")
			}
			ns = int64(f)
		default:
			return 0, newError(pyselect.TypeError, "'"+pyselect.TypeName(v)+"' object cannot be interpreted as an integer")
		}
	}
	if ns < 0 {
		return 0, newError(pyselect.ValueError, "Timeout value out of range")
	}
	return time.Duration(ns), nil
}
