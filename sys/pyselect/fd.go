// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"math"
	"os"
	"reflect"
	"strconv"
	"syscall"
)

// A Filenoer is the Go form of Python's "an object with a fileno() method":
// anything that can say which file descriptor it stands for.
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
//   - a Filenoer or FilenoErrer gives its Fileno() (or its error);
//   - a syscall.Conn (*os.File, *net.TCPConn, ...) gives the fd its
//     SyscallConn().Control sees. Fd() is never called: on *os.File and
//     net.Conn it switches the descriptor to blocking mode. A closed file
//     or socket fails as fileno() makes it fail in Python (see connFd);
//   - anything else is TypeError "argument must be an int, or have a
//     fileno() method.".
//
// The fd must fit a C int (else OverflowError) and not be negative (else
// ValueError "file descriptor cannot be a negative integer (-1)").
func fdOf(v any) (int, error) {
	var fd int64
	switch x := v.(type) {
	case int:
		fd = int64(x)
	case int32:
		fd = int64(x)
	case int64:
		fd = x
	case uint:
		if uint64(x) > math.MaxInt64 {
			return -1, errIntOverflow()
		}
		fd = int64(x)
	case uint32:
		fd = int64(x)
	case uint64:
		if x > math.MaxInt64 {
			return -1, errIntOverflow()
		}
		fd = int64(x)
	case uintptr:
		if uint64(x) > math.MaxInt64 {
			return -1, errIntOverflow()
		}
		fd = int64(x)
	case Filenoer:
		fd = int64(x.Fileno())
	case FilenoErrer:
		n, err := x.Fileno()
		if err != nil {
			return -1, err
		}
		fd = int64(n)
	case syscall.Conn:
		return connFd(x)
	default:
		var ok bool
		if fd, ok = otherInt(v); !ok {
			return -1, errNotFileno()
		}
	}
	return checkFd(fd)
}

// checkFd applies _PyLong_AsInt's range and the non-negative rule.
func checkFd(fd int64) (int, error) {
	if fd < math.MinInt32 || fd > math.MaxInt32 {
		return -1, errIntOverflow()
	}
	if fd < 0 {
		return -1, newError(ValueError, "file descriptor cannot be a negative integer ("+strconv.FormatInt(fd, 10)+")")
	}
	return int(fd), nil
}

// otherInt accepts the integer kinds the fast switch in fdOf leaves out:
// the small ones, bool, and named integer types (type FD int).
func otherInt(v any) (int64, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u := rv.Uint()
		if u > math.MaxInt64 {
			return math.MaxInt64, true // out of C int range either way
		}
		return int64(u), true
	case reflect.Bool:
		if rv.Bool() {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// connFd reads the descriptor of a syscall.Conn without changing its mode.
// SyscallConn and Control fail only for a nil or closed file or socket,
// which gets Python's error: fileno() of a closed file object raises
// ValueError "I/O operation on closed file", and a closed socket's
// fileno() is -1, which is ValueError "file descriptor cannot be a negative
// integer (-1)".
func connFd(c syscall.Conn) (int, error) {
	fd := int64(-1)
	rc, err := c.SyscallConn()
	if err == nil {
		err = rc.Control(func(s uintptr) { fd = int64(s) })
	}
	if err != nil {
		if _, ok := c.(*os.File); ok {
			return -1, errClosedFile()
		}
		fd = -1
	}
	return checkFd(fd)
}
