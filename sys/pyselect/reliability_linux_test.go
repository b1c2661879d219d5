// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"errors"
	"math"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"
)

// An absurd maxevents is an error, never an allocation that could exhaust
// memory: Go cannot recover from running out of it. CPython allocates the
// array and gets EINVAL from epoll_wait(2) above EP_MAX_EVENTS (probed:
// poll(0, 178956971) on amd64), or MemoryError for 2**31-1.
func TestEpollAbsurdMaxevents(t *testing.T) {
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ep.Close()
	for _, m := range []int{epMaxEvents + 1, math.MaxInt32} {
		_, err := ep.Poll(0, m)
		if !errors.Is(err, OSError) || !errors.Is(err, unix.EINVAL) {
			t.Errorf("Poll(0, %d) = %v, want OSError EINVAL", m, err)
		}
	}
	if big := int64(math.MaxInt32) + 1; strconv.IntSize == 64 {
		if _, err := ep.Poll(0, int(big)); ExceptionOf(err) != OverflowError {
			t.Errorf("Poll(0, 2**31) = %v, want OverflowError", err)
		}
	}
}
