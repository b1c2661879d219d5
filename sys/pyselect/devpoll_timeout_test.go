// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
)

// TestDevpollTimeout checks devpoll.poll's timeout rule, which runs on
// illumos and Solaris only but is pure arithmetic: the values of
// test_devpoll.py::test_timeout_overflow, and CPython's rounding
// (select_devpoll_poll_impl: _PyTime_ROUND_TIMEOUT, then ms < -1 or
// ms > INT_MAX is OverflowError).
func TestDevpollTimeout(t *testing.T) {
	block := time.Duration(-1)
	for _, c := range []struct {
		in   any
		want time.Duration
		exc  builtins.Exception // "" when accepted
	}{
		{nil, block, ""},
		{-1, block, ""},
		{-1.0, block, ""},
		{-0.5, block, ""}, // rounds away from zero to -1 ms
		{0, 0, ""},
		{0.0, 0, ""},
		{1, time.Millisecond, ""},
		{0.25, 250 * time.Microsecond, ""},
		{1 << 30, (1 << 30) * time.Millisecond, ""},
		{math.MaxInt32, math.MaxInt32 * time.Millisecond, ""},
		{-2, 0, builtins.OverflowError},
		{-1.5, 0, builtins.OverflowError}, // -2 ms once rounded
		{-1 << 31, 0, builtins.OverflowError},
		{int64(math.MinInt64), 0, builtins.OverflowError},
		{int64(1) << 31, 0, builtins.OverflowError},
		{int64(1) << 62, 0, builtins.OverflowError},
		{uint64(1) << 63, 0, builtins.OverflowError},
		{"1", 0, builtins.TypeError},
	} {
		d, err := devpollTimeout(c.in)
		if c.exc == "" {
			if err != nil || d != c.want {
				t.Errorf("devpollTimeout(%#v) = %v, %v; want %v", c.in, d, err, c.want)
			}
			continue
		}
		var e *builtins.Error
		if !errors.As(err, &e) || e.Exception != c.exc {
			t.Errorf("devpollTimeout(%#v) = %v, %v; want %s", c.in, d, err, c.exc)
		}
		if c.exc == builtins.TypeError && e != nil && e.Message != "timeout must be an integer or None" {
			t.Errorf("devpollTimeout(%#v): message %q", c.in, e.Message)
		}
	}
}
