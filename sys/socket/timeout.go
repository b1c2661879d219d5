// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package socket

import (
	"sync/atomic"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/internal/pytime"
)

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
	t, err := pytime.FromObject(v, 1e9, func() *builtins.Error {
		return &builtins.Error{Exception: builtins.TypeError, Message: "'" + builtins.TypeName(v) + "' object cannot be interpreted as an integer"}
	})
	switch {
	case err != nil:
		return 0, err
	case t.None:
		return noTimeout, nil
	case t.NS < 0:
		return 0, builtins.ValueError.New("Timeout value out of range")
	}
	return time.Duration(t.NS), nil
}
