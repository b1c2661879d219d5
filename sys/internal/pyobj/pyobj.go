// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Package pyobj reads Go values as the Python objects they stand for, for
// the packages under sys that port Python: the one reading of an int, a
// float, None, a type's name and a repr, with no errors of its own.
package pyobj

import (
	"math"
	"reflect"
)

// Python ints and floats.
//
// Where CPython parses an argument as a Python int, a Go caller passes any
// integer kind or a bool (Python's bool is an int), named types included
// (type FD int), as Python takes an int subclass; where it takes a float,
// any float kind (type Seconds float64), as a float subclass. Int and
// Float are the one reading of these; IsCInt is the one range check of a
// C int.

// Int reads v as a Python int. ok is false when v is no integer. big
// reports a value above math.MaxInt64 (of an unsigned kind); i then holds
// its bits, so that uint64(i) is the value.
func Int(v any) (i int64, big, ok bool) {
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

// Float reads v as a Python float: any float kind.
func Float(v any) (f float64, ok bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int, int64, int32, uint, uint64, uint32, bool:
		return 0, false // Int's common kinds, without reflection
	}
	if rv := reflect.ValueOf(v); rv.CanFloat() {
		return rv.Float(), true
	}
	return 0, false
}

// IsCInt reports whether i fits a C int.
func IsCInt(i int64) bool { return math.MinInt32 <= i && i <= math.MaxInt32 }

// IsNil reports whether v is nil or a nil pointer, map, slice, func,
// channel or interface. A Go nil stands for no object at all, Python's
// None, whatever its type: a (*net.TCPConn)(nil), (*os.File)(nil) or
// (*Epoll)(nil) fd argument is TypeError as None is, where calling its
// methods would panic (or, for *os.File and *net.TCPListener, pretend
// a closed object).
func IsNil(v any) bool {
	if v == nil {
		return true
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.Interface, reflect.UnsafePointer:
		return rv.IsNil()
	}
	return false
}
