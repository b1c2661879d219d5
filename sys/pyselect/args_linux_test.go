// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"testing"

	"github.com/pyselect/pyselect/sys/builtins"
)

// TestNewEpollArguments: select.epoll(sizehint=-1, flags=0) takes both
// as one variadic of ints.
//
// Python: select.epoll(), select.epoll(5), select.epoll(-1, 0),
// select.epoll(1, 0, 3) (CPython 3.11: "epoll() takes at most 2
// arguments (3 given)"), select.epoll(0) ("negative sizehint").
func TestNewEpollArguments(t *testing.T) {
	for _, args := range [][]int{{}, {5}, {-1, 0}, {-1, EPOLL_CLOEXEC}} {
		ep, err := NewEpoll(args...)
		if err != nil {
			t.Fatalf("NewEpoll(%v): %v", args, err)
		}
		ep.Close()
	}
	if _, err := NewEpoll(1, 0, 3); !sameErr(err, builtins.TypeError.New("epoll() takes at most 2 arguments (3 given)")) {
		t.Errorf("NewEpoll(1, 0, 3): %v", err)
	}
	if _, err := NewEpoll(0); !sameErr(err, builtins.ValueError.New("negative sizehint")) {
		t.Errorf("NewEpoll(0): %v", err)
	}
}
