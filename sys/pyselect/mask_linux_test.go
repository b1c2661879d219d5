// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"testing"

	"github.com/pyselect/pyselect/sys/builtins"
)

// TestEpollPollArity: epoll.poll(timeout=None, maxevents=-1) takes at most
// two arguments; Go's variadic maxevents keeps that rule.
func TestEpollPollArity(t *testing.T) {
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ep.Close()
	var p Poller = ep
	if _, err := p.Poll(0, 1, 2); !sameErr(err, builtins.TypeError.New("poll() takes at most 2 arguments (3 given)")) {
		t.Fatalf("Epoll.Poll(0, 1, 2): %v", err)
	}
	if _, err := p.Poll(0, 0); !sameErr(err, builtins.ValueError.New("maxevents must be greater than 0, got 0")) {
		t.Fatalf("Epoll.Poll(0, 0): %v", err)
	}
	if evs, err := p.Poll(0); err != nil || len(evs) != 0 {
		t.Fatalf("Epoll.Poll(0) = %v, %v", evs, err)
	}
}
