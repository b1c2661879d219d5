// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"math"
	"reflect"
)

// Python ints and floats.
//
// Where CPython parses an argument as a Python int, a Go caller passes any
// integer kind or a bool (Python's bool is an int), named types included
// (type FD int), as Python takes an int subclass; where it takes a float,
// any float kind (type Seconds float64), as a float subclass. pyInt and
// pyFloat are the one reading of these; cInt is the one range check of a
// C int.

// pyInt reads v as a Python int. ok is false when v is no integer. big
// reports a value above math.MaxInt64 (of an unsigned kind); i then holds
// its bits, so that uint64(i) is the value.
func pyInt(v any) (i int64, big, ok bool) {
	switch x := v.(type) { // the common kinds, without reflection
	case int:
		return int64(x), false, true
	case int64:
		return x, false, true
	case int32:
		return int64(x), false, true
	case uint64:
		return int64(x), x > math.MaxInt64, true
	case uint:
		return int64(x), uint64(x) > math.MaxInt64, true
	case uint32:
		return int64(x), false, true
	case bool:
		if x {
			return 1, false, true
		}
		return 0, false, true
	}
	rv := reflect.ValueOf(v)
	switch {
	case rv.CanInt():
		return rv.Int(), false, true
	case rv.CanUint():
		u := rv.Uint()
		return int64(u), u > math.MaxInt64, true
	case rv.Kind() == reflect.Bool:
		if rv.Bool() {
			return 1, false, true
		}
		return 0, false, true
	}
	return 0, false, false
}

// pyFloat reads v as a Python float: any float kind.
func pyFloat(v any) (f float64, ok bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int, int64, int32, uint, uint64, uint32, bool:
		return 0, false // pyInt's common kinds, without reflection
	}
	if rv := reflect.ValueOf(v); rv.CanFloat() {
		return rv.Float(), true
	}
	return 0, false
}

// isCInt reports whether i fits a C int.
func isCInt(i int64) bool { return math.MinInt32 <= i && i <= math.MaxInt32 }
