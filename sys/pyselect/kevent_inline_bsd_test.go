// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package pyselect

import (
	"math"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support/fdtest"
)

// TestKeventOf: KeventOf gives the kevent NewKevent gives for every value
// select.kevent accepts, with Python's defaults, and truncates what it
// would refuse, as attribute assignment does.
func TestKeventOf(t *testing.T) {
	flags := KQ_EV_ADD | KQ_EV_ONESHOT // an int, as Python's flags variable
	for _, c := range []struct {
		got  Kevent
		args []int64
	}{
		{KeventOf[int, int](5), nil},
		{KeventOf(5, KQ_FILTER_WRITE), []int64{KQ_FILTER_WRITE}},
		{KeventOf(uintptr(5), KQ_FILTER_READ, flags), []int64{KQ_FILTER_READ, int64(flags)}},
		{KeventOf(7, KQ_FILTER_TIMER, KQ_EV_ADD, 0, 1000, 42), []int64{KQ_FILTER_TIMER, KQ_EV_ADD, 0, 1000, 42}},
		{KeventOf(int32(1), 1, -1), []int64{1, -1}}, // flags=-1 is masked to the C type, as NewKevent masks it
	} {
		want, err := NewKevent(int(c.got.Ident), c.args...)
		if err != nil || !c.got.Equal(want) || c.got != want {
			t.Errorf("KeventOf(..., %v) = %v, NewKevent = %v, %v", c.args, c.got, want, err)
		}
	}
	if k := KeventOf(-1, KQ_FILTER_READ); k.Ident != uint64(^uintptr(0)) {
		t.Errorf("a negative ident is truncated as a C cast: %v", k)
	}
	if k := KeventOf(3, math.MaxInt16+1); k.Filter == math.MaxInt16+1 && !sysABI.filter32 {
		t.Errorf("a filter past a C short is truncated: %v", k)
	}
}

// TestControlTimeoutOptional: kq.control([ev], 0) needs no timeout, and
// a fourth argument is Python's TypeError.
func TestControlTimeoutOptional(t *testing.T) {
	kq := newTestKqueue(t)
	r, w := fdtest.Pipe(t)
	if _, err := kq.Control([]Kevent{KeventOf(r, KQ_FILTER_READ, KQ_EV_ADD)}, 0); err != nil {
		t.Fatal(err)
	}
	unix.Write(w, []byte("x"))
	evs, err := kq.Control(nil, 1)
	if err != nil || len(evs) != 1 || evs[0].Ident != uint64(r) {
		t.Fatal(evs, err)
	}
	if _, err := kq.Control(nil, 1, 0, 0); err == nil || err.Error() != "TypeError: control expected at most 3 arguments, got 4" {
		t.Fatal(err)
	}
}
