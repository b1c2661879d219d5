// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"strconv"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/internal/fdconv"
	"github.com/pyselect/pyselect/sys/internal/pyobj"
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
	fd, big, err := fdconv.Raw(v)
	if err != nil {
		return -1, err
	}
	return checkFd(fd, big)
}

// checkFd applies _PyLong_AsInt's range (cInt) and the non-negative rule
// to an fd read with pyInt.
func checkFd(fd int64, big bool) (int, error) {
	if big || !pyobj.IsCInt(fd) {
		return -1, errIntOverflow()
	}
	if fd < 0 {
		return -1, newError(builtins.ValueError, "file descriptor cannot be a negative integer ("+strconv.FormatInt(fd, 10)+")")
	}
	return int(fd), nil
}
