// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect

import (
	"math"
	"testing"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
	"golang.org/x/sys/unix"
)

// TestOptionalArguments: an optional last argument is a variadic, left
// out as Python leaves it out, and one more than Python takes is
// Python's TypeError for the extra argument.
//
// Python: select.select([], [], [], 0, 1), select.poll().poll(1, 2)
// (CPython 3.11: "select expected at most 4 arguments, got 5", "poll
// expected at most 1 argument, got 2").
func TestOptionalArguments(t *testing.T) {
	if _, _, _, err := Select[int](nil, nil, nil, 0, 1); !sameErr(err, builtins.TypeError.New("select expected at most 4 arguments, got 5")) {
		t.Errorf("Select(r, w, x, 0, 1): %v", err)
	}
	p := NewPoll()
	if _, err := p.Poll(0, 1); !sameErr(err, builtins.TypeError.New("poll expected at most 1 argument, got 2")) {
		t.Errorf("Poll(0, 1): %v", err)
	}
	var fds [2]int
	if err := unix.Pipe(fds[:]); err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fds[0])
	defer unix.Close(fds[1])
	r, w := fds[0], fds[1]
	if err := p.Register(w); err != nil {
		t.Fatal(err)
	}
	if evs, err := p.Poll(); err != nil || len(evs) != 1 { // p.poll(): blocks, and w is writable
		t.Errorf("Poll() = %v, %v", evs, err)
	}
	if rr, ww, _, err := Select([]int{r}, []int{w}, nil); err != nil || len(rr) != 0 || len(ww) != 1 {
		t.Errorf("Select(r, w, x) = %v, %v, %v", rr, ww, err)
	}
}

// TestSeconds: a Python timeout value as seconds, or None.
func TestSeconds(t *testing.T) {
	type secs float32
	for _, c := range []struct {
		v    any
		want float64
		ok   bool
	}{
		{nil, 0, false},
		{0.5, 0.5, true},
		{3, 3, true},
		{int8(-2), -2, true},
		{uint64(math.MaxUint64), math.MaxUint64, true},
		{true, 1, true},
		{secs(0.25), 0.25, true},
		{1500 * time.Millisecond, 1.5, true},
	} {
		got, ok, err := builtins.Seconds(c.v)
		if got != c.want || ok != c.ok || err != nil {
			t.Errorf("Seconds(%#v) = %v, %v, %v; want %v, %v", c.v, got, ok, err, c.want, c.ok)
		}
	}
	// Python: time.monotonic() + "1"
	if _, ok, err := builtins.Seconds("1"); ok || !sameErr(err, builtins.TypeError.New("unsupported operand type(s) for +: 'float' and 'str'")) {
		t.Errorf(`Seconds("1"): %v, %v`, ok, err)
	}
}
