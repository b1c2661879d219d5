// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Package fdconv reads the file descriptor of a Go value as CPython's
// PyObject_AsFileDescriptor reads one of a Python object, before any range
// rule: the one conversion behind every fd argument of the packages under
// sys.
package fdconv

import (
	"errors"
	"net"
	"reflect"
	"strconv"
	"syscall"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/internal/pyobj"
)

// filenoer and filenoErrer are the two Fileno method signatures a type
// switch can see without reflection (the select module's Filenoer and
// FilenoErrer).
type filenoer interface{ Fileno() int }
type filenoErrer interface{ Fileno() (int, error) }

// rawFd is fdOf before its range and sign checks: the integer v is (big
// when it is beyond int64) or its fileno() returns (-1 for a closed
// socket, as Python's), or the conversion's error.
func Raw(v any) (fd int64, big bool, err error) {
	if i, big, ok := pyobj.Int(v); ok {
		return i, big, nil
	}
	if pyobj.IsNil(v) {
		return -1, false, ErrNotFileno()
	}
	switch x := v.(type) {
	case filenoer:
		return int64(x.Fileno()), false, nil
	case filenoErrer:
		n, err := x.Fileno()
		if err != nil {
			return -1, false, err
		}
		return int64(n), false, nil
	case syscall.Conn:
		fd, err := connFd(x)
		return fd, false, err
	}
	if m, ok := Method(v); ok {
		return callFileno(v, m)
	}
	return -1, false, ErrNotFileno()
}

// filenoMethod is v's exported Fileno method of any signature: Python
// calls whatever fileno() an object has, and a Go type may declare one
// that returns an int32, a uintptr, (int64, error), ...
func Method(v any) (reflect.Value, bool) {
	m := reflect.ValueOf(v).MethodByName("Fileno")
	return m, m.IsValid()
}

// callFileno calls m, the Fileno method of v that is neither a Filenoer's
// nor a FilenoErrer's, as PyObject_AsFileDescriptor calls fileno(): a
// method that needs arguments is TypeError, as the call is in Python; its
// result must be one Go integer, or an integer and an error (the error,
// when not nil, is returned unchanged); anything else is TypeError
// "fileno() returned a non-integer".
func callFileno(v any, m reflect.Value) (fd int64, big bool, err error) {
	t := m.Type()
	need := t.NumIn()
	if t.IsVariadic() {
		need--
	}
	if need > 0 {
		s := ""
		if need > 1 {
			s = "s"
		}
		return -1, false, builtins.TypeError.New(pyobj.TypeName(v) + ".fileno() missing " + strconv.Itoa(need) + " required positional argument" + s)
	}
	errType := reflect.TypeFor[error]()
	if n := t.NumOut(); n == 0 || n > 2 || n == 2 && t.Out(1) != errType {
		return -1, false, errFilenoNotInt()
	}
	out := m.Call(nil)
	if len(out) == 2 && !out[1].IsNil() {
		return -1, false, out[1].Interface().(error)
	}
	i, big, ok := pyobj.Int(out[0].Interface())
	if !ok {
		return -1, false, errFilenoNotInt()
	}
	return i, big, nil
}

// errFilenoNotInt is PyObject_AsFileDescriptor's error for a fileno()
// whose result is no int.
func errFilenoNotInt() *builtins.Error {
	return builtins.TypeError.New("fileno() returned a non-integer")
}

// connFd reads the descriptor of a syscall.Conn without changing its mode.
// SyscallConn and Control fail only for a closed file or socket,
// which gets Python's error: a closed socket's fileno() is -1 (which
// checkFd refuses with ValueError "file descriptor cannot be a negative
// integer (-1)"), and fileno() of a closed file object raises ValueError
// "I/O operation on closed file". A socket is told by its error,
// net.ErrClosed, not by its type, so that a type embedding an *os.File
// (a program's own file type) is a file as the *os.File is.
func connFd(c syscall.Conn) (int64, error) {
	fd := int64(-1)
	rc, err := c.SyscallConn()
	if err == nil && pyobj.IsNil(rc) {
		// No RawConn and no error: nothing has an fd to give.
		return -1, ErrNotFileno()
	}
	if err == nil {
		err = rc.Control(func(s uintptr) { fd = int64(s) })
	}
	if err != nil {
		if !errors.Is(err, net.ErrClosed) {
			return -1, ErrClosedFile()
		}
		fd = -1
	}
	return fd, nil
}

func ErrNotFileno() *builtins.Error {
	return builtins.TypeError.New("argument must be an int, or have a fileno() method.")
}

func ErrClosedFile() *builtins.Error {
	return builtins.ValueError.New("I/O operation on closed file")
}

// Int64 is Raw with an fd beyond int64 refused: the integer
// Python's int(v.fileno()) gives (or v itself, for a Go integer), by the
// same conversion every fd argument follows, for callers
// with rules of their own about the result, as Lib/selectors.py's
// _fileobj_to_fd has. A closed socket gives -1 and no error, as its
// fileno() does in Python; a closed *os.File is ValueError "I/O operation
// on closed file"; a value with no fd is TypeError "argument must be an
// int, or have a fileno() method."; a FilenoErrer's error is returned
// unchanged; an unsigned integer above the largest int64 is OverflowError.
func Int64(v any) (int64, error) {
	fd, big, err := Raw(v)
	if err == nil && big {
		return -1, builtins.OverflowError.New("Python int too large to convert to C int")
	}
	return fd, err
}
