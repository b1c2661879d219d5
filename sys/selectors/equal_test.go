// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package selectors_test

import (
	"math"
	"testing"

	"github.com/pyselect/pyselect/conformance/support/fdtest"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/selectors"
)

// TestModifyNumericData: modify keeps the old key when the new data is
// equal by Python's ==, which compares numbers by value across types.
//
// Source: Lib/selectors.py, _BaseSelectorImpl.modify and
// _PollLikeSelector.modify ("elif data != key.data"); results of CPython
// 3.11 for the same calls (register(0, 1, 1), then modify with each data).
func TestModifyNumericData(t *testing.T) {
	type myInt int
	for _, c := range []struct {
		old, new any
		keep     bool
	}{
		{1, true, true},
		{1, 1.0, true},
		{1, complex(1, 0), true},
		{1, myInt(1), true}, // an int subclass
		{uint8(1), int64(1), true},
		{0, false, true},
		{0, math.Copysign(0, -1), true},
		{float32(0.5), 0.5, true},
		{1, 2, false},
		{1, 1.5, false},
		{1, complex(1, 1), false},
		{1, "1", false},
		{int64(1<<53 + 1), float64(1 << 53), false}, // exact, as Python's int == float
		{uint64(1 << 63), float64(1 << 63), true},
		{math.NaN(), math.NaN(), false}, // nan != nan
		{nil, 0, false},
		{nil, nil, true},
	} {
		for _, class := range []struct {
			name string
			new  func() (selectors.BaseSelector[any], error)
		}{{"SelectSelector", selectors.NewSelectSelector[any]}, {"DefaultSelector", selectors.NewDefaultSelector[any]}} {
			s := mustSel(t, class.new)
			r, _ := fdtest.Pipe(t)
			k, err := s.Register(r, selectors.EVENT_READ, c.old)
			check(t, err)
			k2, err := s.Modify(r, selectors.EVENT_READ, c.new)
			check(t, err)
			if kept := k2 == k; kept != c.keep {
				t.Errorf("%s: modify data %#v after %#v: kept the old key %v, want %v", class.name, c.new, c.old, kept, c.keep)
			}
			s.Close()
		}
	}
}

// TestSelectArguments: select(timeout=None)'s timeout is a variadic:
// left out it is None, and a second one is Python's TypeError, which
// names the class that defines select.
//
// Python: sel.select(1, 2) for each class (CPython 3.11:
// "SelectSelector.select() takes from 1 to 2 positional arguments but 3
// were given"; PollSelector's is "_PollLikeSelector.select()").
func TestSelectArguments(t *testing.T) {
	classes := map[string]func() (selectors.BaseSelector[any], error){
		"SelectSelector": selectors.NewSelectSelector[any], "_PollLikeSelector": selectors.NewPollSelector[any],
	}
	if pyselect.HasEpoll {
		classes["EpollSelector"] = selectors.NewDefaultSelector[any]
	}
	for method, class := range classes {
		s := mustSel(t, class)
		_, w := fdtest.Pipe(t)
		if _, err := s.Register(w, selectors.EVENT_WRITE); err != nil {
			t.Fatal(err)
		}
		if ready, err := s.Select(); err != nil || len(ready) != 1 {
			t.Errorf("%s: Select() = %v, %v; want w ready", method, ready, err)
		}
		_, err := s.Select(1, 2)
		wantErr(t, err, builtins.TypeError, method+".select() takes from 1 to 2 positional arguments but 3 were given")
		s.Close()
	}
}
