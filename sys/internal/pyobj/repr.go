// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyobj

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// TypeName is Python's type(v).__name__ for the values a Go caller can
// pass where Python takes an object: the name of the Python type the value
// stands for, else the Go type.
func TypeName(v any) string {
	switch v.(type) {
	case nil:
		return "NoneType"
	case bool:
		return "bool"
	case string:
		return "str"
	case []byte:
		return "bytes"
	}
	if _, _, ok := Int(v); ok {
		return "int"
	}
	if _, ok := Float(v); ok {
		return "float"
	}
	return reflect.TypeOf(v).String()
}

// Repr is Python's repr(v), for messages that show a value as CPython's
// "{!r}".format(v) does. Values that stand for Python's own types are
// rendered exactly as Python renders them: nil, and a Go nil of any type
// (as every fd argument takes it), is None; a bool True or False; every
// Go integer kind (named ones too) decimal; a float Python's shortest
// round-trip form (1.0, 1e+16, inf, nan); a string Python's quoted str
// repr; a []byte a bytes literal. Any other value, which Python would
// show as its own object's repr, is its String() where it has one,
// "<T object at 0xADDR>" for a pointer, func, map, chan or slice
// (Python's default object repr), and "T(v)" for other values (a value
// of `type FD struct{...}` reads as a constructor call). A nil pointer's
// String is never called: with a value receiver it would panic.
func Repr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case float64:
		return floatRepr(x)
	case float32:
		return floatRepr(float64(x))
	case string:
		return strRepr(x)
	case []byte:
		return "b" + bytesRepr(x)
	}
	if IsNil(v) {
		return "None"
	}
	if x, ok := v.(fmt.Stringer); ok {
		return x.String()
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(rv.Uint(), 10)
	case reflect.Bool:
		return Repr(rv.Bool())
	case reflect.Float32, reflect.Float64:
		return floatRepr(rv.Float())
	case reflect.String:
		return strRepr(rv.String())
	case reflect.Pointer, reflect.Func, reflect.Map, reflect.Chan, reflect.Slice, reflect.UnsafePointer:
		return fmt.Sprintf("<%T object at %#x>", v, rv.Pointer())
	}
	return fmt.Sprintf("%T(%v)", v, v)
}

// floatRepr is Python's float.__repr__: the shortest digits that round-trip,
// in fixed notation for exponents from -4 to 15 (always with a fraction),
// else in scientific notation with an exponent of at least two digits.
func floatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX
	mant, exps, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(exps)
	if exp < -4 || exp >= 16 {
		sign := "+"
		if exp < 0 {
			sign, exp = "-", -exp
		}
		return fmt.Sprintf("%se%s%02d", mant, sign, exp)
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsAny(s, ".") {
		s += ".0"
	}
	return s
}

// strRepr is Python's str.__repr__: single quotes unless the string holds
// a single quote and no double quote; backslash escapes for the quote,
// backslash, \t, \n, \r, and \xNN, \uNNNN or \UNNNNNNNN for what is not
// printable.
func strRepr(s string) string {
	q := byte('\'')
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for i, r := range s {
		switch {
		case r == utf8.RuneError && isBadByte(s[i:]):
			fmt.Fprintf(&b, `\udc%02x`, s[i]) // Python's surrogateescape
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x7f || unicode.IsPrint(r):
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

func isBadByte(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return r == utf8.RuneError && n == 1
}

// bytesRepr is Python's bytes.__repr__ without its b prefix.
func bytesRepr(p []byte) string {
	q := byte('\'')
	if strings.ContainsRune(string(p), '\'') && !strings.ContainsRune(string(p), '"') {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, c := range p {
		switch {
		case c == q || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(q)
	return b.String()
}
