// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package selectors

import (
	"math"
	"math/big"
	"reflect"
)

// equalData is modify's "data == key.data" (Lib/selectors.py keeps the
// old key unless data != key.data): Python's == for numbers, so that 1,
// True, 1.0 and 1+0j are equal, as are 0, False, 0.0 and -0.0, and
// same's rule for every other value. A number is a value of Go's bool,
// integer, float or complex kinds, named types too; two numbers are equal
// when their values are, exactly (2**53+1 is not float(2**53)), and NaN
// equals nothing, itself included, as in Python.
func equalData(a, b any) bool {
	x, okA := numberOf(a)
	y, okB := numberOf(b)
	if !okA || !okB {
		return same(a, b)
	}
	return x.equal(y)
}

// A pyNumber is a Python number: a real part, exact, and an imaginary
// part (0 but for a complex).
type pyNumber struct {
	re *big.Float // nil for NaN
	im float64
}

// numberOf reads v as a Python number, if it is one.
func numberOf(v any) (pyNumber, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Bool:
		n := int64(0)
		if rv.Bool() {
			n = 1
		}
		return pyNumber{re: new(big.Float).SetInt64(n)}, true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return pyNumber{re: new(big.Float).SetInt64(rv.Int())}, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return pyNumber{re: new(big.Float).SetUint64(rv.Uint())}, true
	case reflect.Float32, reflect.Float64:
		return pyNumber{re: exact(rv.Float())}, true
	case reflect.Complex64, reflect.Complex128:
		c := rv.Complex()
		return pyNumber{re: exact(real(c)), im: imag(c)}, true
	}
	return pyNumber{}, false
}

// exact is f as a big.Float, or nil for NaN (which big.Float cannot hold).
func exact(f float64) *big.Float {
	if math.IsNaN(f) {
		return nil
	}
	return new(big.Float).SetFloat64(f)
}

func (x pyNumber) equal(y pyNumber) bool {
	if x.re == nil || y.re == nil || math.IsNaN(x.im) || math.IsNaN(y.im) {
		return false
	}
	return x.re.Cmp(y.re) == 0 && x.im == y.im
}
