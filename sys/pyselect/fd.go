// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"errors"
	"net"
	"reflect"
	"strconv"
	"syscall"
)

// A Filenoer is the Go form of Python's "an object with a fileno() method":
// anything that can say which file descriptor it stands for. A Fileno
// method of another integer type (int32, uintptr, (int64, error), ...) is
// taken too, as Python takes any fileno() that returns an int.
type Filenoer interface {
	Fileno() int
}

// A FilenoErrer is a Filenoer whose fileno() can fail, as Python's may
// raise: *Epoll and *Kqueue are FilenoErrers (a closed one is ValueError),
// so they can be registered in other objects or passed to Select, as in
// Python. The error is returned unchanged.
type FilenoErrer interface {
	Fileno() (int, error)
}

// fdOf converts an fd argument as CPython's PyObject_AsFileDescriptor does
// (Objects/fileobject.c), the rule behind every fd argument of the select
// module:
//
//   - a Go integer (any integer kind, and bool, as Python's int) is the fd;
//   - a Filenoer or FilenoErrer gives its Fileno() (or its error), and so
//     does a Fileno method of any other signature that takes no argument
//     and returns one integer of any kind, or an integer and an error
//     (callFileno); one that returns anything else is TypeError "fileno()
//     returned a non-integer", as in Python;
//   - a syscall.Conn (*os.File, *net.TCPConn, ...) gives the fd its
//     SyscallConn().Control sees. Fd() is never called: on *os.File and
//     net.Conn it switches the descriptor to blocking mode. A closed file
//     or socket fails as fileno() makes it fail in Python (see connFd);
//   - a Go nil of any type ((*net.TCPConn)(nil), (*os.File)(nil), a nil
//     interface) is Python's None: TypeError, as anything else that is
//     not an fd: "argument must be an int, or have a fileno() method.".
//
// The fd must fit a C int (else OverflowError) and not be negative (else
// ValueError "file descriptor cannot be a negative integer (-1)").
func fdOf(v any) (int, error) {
	fd, big, err := rawFd(v)
	if err != nil {
		return -1, err
	}
	return checkFd(fd, big)
}

// rawFd is fdOf before its range and sign checks: the integer v is (big
// when it is beyond int64) or its fileno() returns (-1 for a closed
// socket, as Python's), or the conversion's error.
func rawFd(v any) (fd int64, big bool, err error) {
	if i, big, ok := pyInt(v); ok {
		return i, big, nil
	}
	if isNil(v) {
		return -1, false, errNotFileno()
	}
	switch x := v.(type) {
	case Filenoer:
		return int64(x.Fileno()), false, nil
	case FilenoErrer:
		n, err := x.Fileno()
		if err != nil {
			return -1, false, err
		}
		return int64(n), false, nil
	case syscall.Conn:
		fd, err := connFd(x)
		return fd, false, err
	}
	if m, ok := filenoMethod(v); ok {
		return callFileno(v, m)
	}
	return -1, false, errNotFileno()
}

// filenoMethod is v's exported Fileno method of any signature: Python
// calls whatever fileno() an object has, and a Go type may declare one
// that returns an int32, a uintptr, (int64, error), ...
func filenoMethod(v any) (reflect.Value, bool) {
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
		return -1, false, newError(TypeError, pyTypeName(v)+".fileno() missing "+strconv.Itoa(need)+" required positional argument"+s)
	}
	errType := reflect.TypeFor[error]()
	if n := t.NumOut(); n == 0 || n > 2 || n == 2 && t.Out(1) != errType {
		return -1, false, errFilenoNotInt()
	}
	out := m.Call(nil)
	if len(out) == 2 && !out[1].IsNil() {
		return -1, false, out[1].Interface().(error)
	}
	i, big, ok := pyInt(out[0].Interface())
	if !ok {
		return -1, false, errFilenoNotInt()
	}
	return i, big, nil
}

// errFilenoNotInt is PyObject_AsFileDescriptor's error for a fileno()
// whose result is no int.
func errFilenoNotInt() *Error { return newError(TypeError, "fileno() returned a non-integer") }

// isNil reports whether v is nil or a nil pointer, map, slice, func,
// channel or interface. A Go nil stands for no object at all, Python's
// None, whatever its type: a (*net.TCPConn)(nil), (*os.File)(nil) or
// (*Epoll)(nil) fd argument is TypeError as None is, where calling its
// methods would panic (or, for *os.File and *net.TCPListener, pretend
// a closed object).
func isNil(v any) bool {
	if v == nil {
		return true
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.Interface, reflect.UnsafePointer:
		return rv.IsNil()
	}
	return false
}

// checkFd applies _PyLong_AsInt's range (cInt) and the non-negative rule
// to an fd read with pyInt.
func checkFd(fd int64, big bool) (int, error) {
	if big || !isCInt(fd) {
		return -1, errIntOverflow()
	}
	if fd < 0 {
		return -1, newError(ValueError, "file descriptor cannot be a negative integer ("+strconv.FormatInt(fd, 10)+")")
	}
	return int(fd), nil
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
	if err == nil && isNil(rc) {
		// No RawConn and no error: nothing has an fd to give.
		return -1, errNotFileno()
	}
	if err == nil {
		err = rc.Control(func(s uintptr) { fd = int64(s) })
	}
	if err != nil {
		if !errors.Is(err, net.ErrClosed) {
			return -1, errClosedFile()
		}
		fd = -1
	}
	return fd, nil
}
