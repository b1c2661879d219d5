// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"errors"
	"math"
	"testing"
)

type fileno int

func (f fileno) Fileno() int { return int(f) }

type namedFD int

type filenoErr struct {
	fd  int
	err error
}

func (f filenoErr) Fileno() (int, error) { return f.fd, f.err }

// TestFdOf checks PyObject_AsFileDescriptor's rules (conformance/SEMANTICS.md#fd-conversion).
func TestFdOf(t *testing.T) {
	for _, c := range []struct {
		in   any
		fd   int
		exc  Exception
		mess string
	}{
		{in: 0, fd: 0},
		{in: 7, fd: 7},
		{in: int8(3), fd: 3},
		{in: int16(3), fd: 3},
		{in: int32(3), fd: 3},
		{in: int64(3), fd: 3},
		{in: uint(3), fd: 3},
		{in: uint8(3), fd: 3},
		{in: uint16(3), fd: 3},
		{in: uint32(3), fd: 3},
		{in: uint64(3), fd: 3},
		{in: uintptr(3), fd: 3},
		{in: true, fd: 1},
		{in: false, fd: 0},
		{in: namedFD(9), fd: 9},
		{in: fileno(5), fd: 5},
		{in: filenoErr{fd: 6}, fd: 6},
		{in: filenoErr{fd: -1, err: errClosedFile()}, exc: ValueError, mess: "I/O operation on closed file"},
		{in: filenoErr{fd: -2}, exc: ValueError, mess: "file descriptor cannot be a negative integer (-2)"},
		{in: math.MaxInt32, fd: math.MaxInt32},
		{in: -1, exc: ValueError, mess: "file descriptor cannot be a negative integer (-1)"},
		{in: math.MinInt32, exc: ValueError, mess: "file descriptor cannot be a negative integer (-2147483648)"},
		{in: fileno(-1), exc: ValueError, mess: "file descriptor cannot be a negative integer (-1)"},
		{in: int64(math.MaxInt32) + 1, exc: OverflowError, mess: "Python int too large to convert to C int"},
		{in: int64(math.MinInt32) - 1, exc: OverflowError, mess: "Python int too large to convert to C int"},
		{in: uint64(math.MaxUint64), exc: OverflowError, mess: "Python int too large to convert to C int"},
		{in: ^uint(0), exc: OverflowError, mess: "Python int too large to convert to C int"},
		{in: nil, exc: TypeError, mess: "argument must be an int, or have a fileno() method."},
		{in: 1.0, exc: TypeError, mess: "argument must be an int, or have a fileno() method."},
		{in: "3", exc: TypeError, mess: "argument must be an int, or have a fileno() method."},
		{in: struct{}{}, exc: TypeError, mess: "argument must be an int, or have a fileno() method."},
	} {
		fd, err := fdOf(c.in)
		if c.exc == "" {
			if err != nil || fd != c.fd {
				t.Errorf("fdOf(%#v) = %d, %v; want %d", c.in, fd, err, c.fd)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Exception != c.exc || e.Message != c.mess {
			t.Errorf("fdOf(%#v) = %d, %v; want %s: %s", c.in, fd, err, c.exc, c.mess)
		}
	}
}
