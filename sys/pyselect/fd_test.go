// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"errors"
	"math"
	"syscall"
	"testing"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/internal/fdconv"
)

type fileno int

func (f fileno) Fileno() int { return int(f) }

type namedFD int

type filenoErr struct {
	fd  int
	err error
}

func (f filenoErr) Fileno() (int, error) { return f.fd, f.err }

// Fileno methods of other signatures: Python calls any fileno() and
// takes any int it returns.
type (
	filenoInt32   struct{ fd int32 }
	filenoUintptr struct{ fd uintptr }
	filenoUint64  struct{ fd uint64 }
	filenoInt64E  struct {
		fd  int64
		err error
	}
	filenoNamed    struct{ fd namedFD }
	filenoVariadic struct{ fd int }
	filenoArgs     struct{}                 // fileno(self, x, *rest)
	filenoString   struct{}                 // test_select.py's Almost
	filenoArg      struct{}                 // fileno(self, x)
	filenoVoid     struct{}                 // returns nothing: None
	filenoAny      struct{ v any }          // any result: an int, or None
	filenoPtr      struct{ fd int }         // pointer receiver
	filenoFloat    struct{ f float64 }      // a non-integer
	filenoThree    struct{ a, b, c int }    // a tuple
	filenoNotErr   struct{ fd, second int } // (int, int): a tuple
)

func (f filenoInt32) Fileno() int32               { return f.fd }
func (f filenoUintptr) Fileno() uintptr           { return f.fd }
func (f filenoUint64) Fileno() uint64             { return f.fd }
func (f filenoInt64E) Fileno() (int64, error)     { return f.fd, f.err }
func (f filenoNamed) Fileno() namedFD             { return f.fd }
func (f filenoVariadic) Fileno(...int) int        { return f.fd }
func (filenoString) Fileno() string               { return "fileno" }
func (filenoArg) Fileno(int) int                  { return 3 }
func (filenoArgs) Fileno(int, string, ...int) int { return 3 }
func (filenoVoid) Fileno()                        {}
func (f filenoAny) Fileno() any                   { return f.v }
func (f *filenoPtr) Fileno() int16                { return int16(f.fd) }
func (f filenoFloat) Fileno() float64             { return f.f }
func (f filenoThree) Fileno() (int, int, int)     { return f.a, f.b, f.c }
func (f filenoNotErr) Fileno() (int, int)         { return f.fd, f.second }

// An fdCase is an fd argument and what a conversion makes of it: the fd,
// or the exception and its message.
type fdCase struct {
	in   any
	fd   int
	exc  builtins.Exception
	mess string
}

// TestFdOf checks PyObject_AsFileDescriptor's rules (conformance/SEMANTICS.md#fd-conversion).
func TestFdOf(t *testing.T) {
	for _, c := range []fdCase{
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
		{in: filenoErr{fd: -1, err: fdconv.ErrClosedFile()}, exc: builtins.ValueError, mess: "I/O operation on closed file"},
		{in: filenoErr{fd: -2}, exc: builtins.ValueError, mess: "file descriptor cannot be a negative integer (-2)"},
		{in: math.MaxInt32, fd: math.MaxInt32},
		{in: -1, exc: builtins.ValueError, mess: "file descriptor cannot be a negative integer (-1)"},
		{in: math.MinInt32, exc: builtins.ValueError, mess: "file descriptor cannot be a negative integer (-2147483648)"},
		{in: fileno(-1), exc: builtins.ValueError, mess: "file descriptor cannot be a negative integer (-1)"},
		{in: int64(math.MaxInt32) + 1, exc: builtins.OverflowError, mess: "Python int too large to convert to C int"},
		{in: int64(math.MinInt32) - 1, exc: builtins.OverflowError, mess: "Python int too large to convert to C int"},
		{in: uint64(math.MaxUint64), exc: builtins.OverflowError, mess: "Python int too large to convert to C int"},
		{in: ^uint(0), exc: builtins.OverflowError, mess: "Python int too large to convert to C int"},
		{in: filenoInt32{4}, fd: 4},
		{in: filenoUintptr{4}, fd: 4},
		{in: filenoUint64{4}, fd: 4},
		{in: filenoNamed{4}, fd: 4},
		{in: filenoVariadic{4}, fd: 4},
		{in: &filenoPtr{4}, fd: 4},
		{in: filenoInt64E{fd: 4}, fd: 4},
		{in: filenoInt64E{fd: -1, err: fdconv.ErrClosedFile()}, exc: builtins.ValueError, mess: "I/O operation on closed file"},
		{in: filenoInt32{-3}, exc: builtins.ValueError, mess: "file descriptor cannot be a negative integer (-3)"},
		{in: filenoUint64{math.MaxUint64}, exc: builtins.OverflowError, mess: "Python int too large to convert to C int"},
		{in: filenoInt64E{fd: math.MaxInt32 + 1}, exc: builtins.OverflowError, mess: "Python int too large to convert to C int"},
		{in: filenoString{}, exc: builtins.TypeError, mess: "fileno() returned a non-integer"},
		{in: filenoAny{uint8(4)}, fd: 4},
		{in: filenoAny{nil}, exc: builtins.TypeError, mess: "fileno() returned a non-integer"},
		{in: filenoFloat{3}, exc: builtins.TypeError, mess: "fileno() returned a non-integer"},
		{in: filenoVoid{}, exc: builtins.TypeError, mess: "fileno() returned a non-integer"},
		{in: filenoThree{}, exc: builtins.TypeError, mess: "fileno() returned a non-integer"},
		{in: filenoNotErr{}, exc: builtins.TypeError, mess: "fileno() returned a non-integer"},
		{in: filenoArg{}, exc: builtins.TypeError, mess: "pyselect.filenoArg.fileno() missing 1 required positional argument"},
		{in: filenoArgs{}, exc: builtins.TypeError, mess: "pyselect.filenoArgs.fileno() missing 2 required positional arguments"},
		{in: filenoPtr{4}, exc: builtins.TypeError, mess: "argument must be an int, or have a fileno() method."}, // the method is the pointer's
		{in: (*filenoPtr)(nil), exc: builtins.TypeError, mess: "argument must be an int, or have a fileno() method."},
		{in: nil, exc: builtins.TypeError, mess: "argument must be an int, or have a fileno() method."},
		{in: 1.0, exc: builtins.TypeError, mess: "argument must be an int, or have a fileno() method."},
		{in: "3", exc: builtins.TypeError, mess: "argument must be an int, or have a fileno() method."},
		{in: struct{}{}, exc: builtins.TypeError, mess: "argument must be an int, or have a fileno() method."},
		{in: noRawConn{}, exc: builtins.TypeError, mess: "argument must be an int, or have a fileno() method."},
	} {
		fd, err := fdOf(c.in)
		if c.exc == "" {
			if err != nil || fd != c.fd {
				t.Errorf("fdOf(%#v) = %d, %v; want %d", c.in, fd, err, c.fd)
			}
			continue
		}
		var e *builtins.Error
		if !errors.As(err, &e) || e.Exception != c.exc || e.Message != c.mess {
			t.Errorf("fdOf(%#v) = %d, %v; want %s: %s", c.in, fd, err, c.exc, c.mess)
		}
	}
}

// FilenoErr calls a Fileno method of any signature, as Python's
// obj.fileno() calls whatever fileno() obj has.
func TestFilenoErrAnySignature(t *testing.T) {
	for _, c := range []fdCase{
		{in: filenoInt32{4}, fd: 4},
		{in: filenoUintptr{5}, fd: 5},
		{in: &filenoPtr{6}, fd: 6},
		{in: filenoInt64E{fd: 7}, fd: 7},
		{in: filenoInt32{-1}, fd: -1},
		{in: filenoInt64E{fd: -1, err: fdconv.ErrClosedFile()}, fd: -1, exc: builtins.ValueError, mess: "I/O operation on closed file"},
		{in: filenoUint64{math.MaxUint64}, fd: -1, exc: builtins.OverflowError, mess: "Python int too large to convert to C int"},
		{in: filenoString{}, fd: -1, exc: builtins.TypeError, mess: "fileno() returned a non-integer"},
		{in: filenoPtr{6}, fd: -1, exc: builtins.AttributeError, mess: "'pyselect.filenoPtr' object has no attribute 'fileno'"},
	} {
		fd, err := FilenoErr(c.in)
		if fd != c.fd || builtins.ExceptionOf(err) != c.exc || builtins.Str(err) != c.mess {
			t.Errorf("FilenoErr(%#v) = %d, %v; want %d, %s: %s", c.in, fd, err, c.fd, c.exc, c.mess)
		}
	}
}

// noRawConn is a syscall.Conn that has no RawConn to give: it has no fd.
type noRawConn struct{}

func (noRawConn) SyscallConn() (syscall.RawConn, error) { return nil, nil }
