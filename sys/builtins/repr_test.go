// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package builtins_test

import (
	"math"
	"os"
	"testing"

	"github.com/pyselect/pyselect/sys/builtins"
)

type valueStringer struct{}

func (valueStringer) String() string { return "valueStringer" }

// TestRepr: Python's repr of the values that stand for Python's own types,
// as python3 -c 'print(repr(v))' prints them (CPython 3.11).
func TestRepr(t *testing.T) {
	type namedInt int
	for _, c := range []struct {
		v    any
		want string
	}{
		{nil, "None"},
		{true, "True"},
		{-7, "-7"},
		{namedInt(5), "5"},
		{uint64(math.MaxUint64), "18446744073709551615"},
		{1.0, "1.0"},
		{1e16, "1e+16"},
		{1e-5, "1e-05"},
		{123456789.0, "123456789.0"},
		{1e15, "1000000000000000.0"},
		{math.Copysign(0, -1), "-0.0"},
		{math.Inf(1), "inf"},
		{math.NaN(), "nan"},
		{0.1, "0.1"},
		{"x", "'x'"},
		{"a'b", `"a'b"`},
		{`a"b'c`, `'a"b\'c'`},
		{"\x00\u00e9\u2028\n", `'\x00é\u2028\n'`},
		{[]byte("a\x00'\""), `b'a\x00\'"'`},
		{struct{ A int }{3}, "struct { A int }({3})"},
		// A Go nil of any type is None, as every fd argument takes it;
		// a String method with a value receiver is never called on it.
		{(*os.File)(nil), "None"},
		{(*valueStringer)(nil), "None"},
		{valueStringer{}, "valueStringer"},
	} {
		if got := builtins.Repr(c.v); got != c.want {
			t.Errorf("Repr(%#v) = %s, want %s", c.v, got, c.want)
		}
	}
}
