// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect

import (
	"testing"

	"github.com/pyselect/pyselect/sys/builtins"
)

// TestPollerArity: the optional arguments of Poller.Poll follow Python's
// arity rules for each object (poll.poll takes one, epoll.poll two).
func TestPollerArity(t *testing.T) {
	p := NewPoll().Poller()
	_, err := p.Poll(0, 1)
	if !sameErr(err, builtins.TypeError.New("poll expected at most 1 argument, got 2")) {
		t.Fatalf("Poll.Poll(0, 1): %v", err)
	}
	if evs, err := p.Poll(0); err != nil || len(evs) != 0 {
		t.Fatalf("Poll.Poll(0) = %v, %v", evs, err)
	}
}

// TestMaskFlows: a mask held in a variable, computed from the constants or
// from a result, goes into every call that takes one (it compiles), and the
// poll rules still apply to its value.
func TestMaskFlows(t *testing.T) {
	readOnly := POLLIN | POLLPRI | POLLHUP | POLLERR
	p := NewPoll()
	if err := p.Register(0, readOnly); err != nil {
		t.Fatal(err)
	}
	ev := Event{Fd: 0, Events: POLLIN}
	if err := p.Modify(0, ev.Events|POLLOUT); err != nil {
		t.Fatal(err)
	}
	if err := p.Modify(0, -1); !sameErr(err, builtins.ValueError.New("value must be positive")) {
		t.Fatalf("Modify(0, -1): %v", err)
	}
	if err := p.Modify(0, 1<<16); !sameErr(err, builtins.OverflowError.New("Python int too large for C unsigned short")) {
		t.Fatalf("Modify(0, 1<<16): %v", err)
	}
}
