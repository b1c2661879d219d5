// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !solaris

package selectors_test

import (
	"math"
	"testing"
	"time"

	"github.com/pyselect/pyselect/conformance/support/fdtest"
	"github.com/pyselect/pyselect/sys/selectors"
)

// TestDurationIsWaited: a time.Duration timeout is that duration in every
// selector, as in sys/pyselect: exempt from the C int of milliseconds
// (poll, epoll) that a number of seconds this long overflows. With a
// writable fd registered, Select returns it at once.
func TestDurationIsWaited(t *testing.T) {
	_, w := fdtest.Pipe(t)
	for _, c := range fmClasses {
		s, err := c.new()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Register(w, selectors.EVENT_WRITE); err != nil {
			t.Fatal(err)
		}
		for _, d := range []time.Duration{25 * 24 * time.Hour, math.MaxInt64 - 1, math.MaxInt64} {
			if r, err := s.Select(d); err != nil || len(r) != 1 || r[0].Events != selectors.EVENT_WRITE {
				t.Errorf("%s.Select(%v): %v %v, want the writable fd", c.name, d, r, err)
			}
		}
		s.Close()
	}
}
