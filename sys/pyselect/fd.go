// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"math"
	"strconv"
	"syscall"

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
		return -1, builtins.ValueError.New("file descriptor cannot be a negative integer (" + strconv.FormatInt(fd, 10) + ")")
	}
	return int(fd), nil
}

// Fileno is Python's obj.fileno() as a value, for use inside expressions
// as Python code uses it: fdToSocket := map[int]net.Conn{pyselect.Fileno(server):
// server}. It returns what fileno() returns, and -1 where fileno() raises
// (FilenoErr has the exception):
//
//   - a socket (a syscall.Conn other than *os.File: *net.TCPConn,
//     *net.TCPListener, *net.UnixConn, ...): its descriptor, or -1 once
//     closed, as Python's socket.fileno() returns -1 and raises nothing;
//   - an *os.File, or a type that embeds one: its descriptor; once
//     closed, Python's file.fileno() raises ValueError "I/O operation on
//     closed file";
//   - a FilenoErrer (*Epoll, *Kqueue): its Fileno(); once closed, ValueError
//     "I/O operation on closed epoll object";
//   - a Filenoer: its Fileno(), whatever it is; a Fileno method of
//     another signature is called as fd arguments call it (see Filenoer);
//   - a Go integer: itself, negative or not, as a porter holding an fd in
//     an int expects (Python's int has no fileno(): there the int is used
//     as it is);
//   - nil, a nil pointer, or anything else: -1; Python raises
//     AttributeError "'NoneType' object has no attribute 'fileno'".
//
// Reading the descriptor never changes the object: a socket or file is
// read through SyscallConn().Control, never Fd(), which would switch it
// to blocking mode.
//
// So porting Python's "fd = sock.fileno(); del fdmap[fd]" gives Python's
// KeyError: -1 for a closed socket, since no map holds -1. Where a value
// is an fd argument of a select call, the call converts it as Python's
// does (AsFileDescriptor); passing Fileno(x) instead would turn Python's
// TypeError for an object without fileno() into ValueError for -1.
//
// Python: https://docs.python.org/3/library/socket.html#socket.socket.fileno
// and https://docs.python.org/3/library/io.html#io.IOBase.fileno
func Fileno(v any) int {
	fd, _ := FilenoErr(v)
	return fd
}

// FilenoErr is obj.fileno() with the exception Python raises: the
// descriptor Fileno returns, and for the cases where Python's fileno()
// raises, -1 and that exception (ValueError for a closed file, epoll or
// kqueue; AttributeError for nil and for values with no descriptor). A
// closed socket is -1 with no error, as in Python. An unsigned integer
// beyond Go's int is OverflowError.
func FilenoErr(v any) (int, error) {
	if _, _, ok := pyobj.Int(v); !ok {
		if pyobj.IsNil(v) {
			return -1, noFileno("NoneType")
		}
		if !hasFileno(v) {
			return -1, noFileno(pyobj.TypeName(v))
		}
	}
	fd, big, err := fdconv.Raw(v)
	switch {
	case err != nil:
		return -1, err
	case big || fd > math.MaxInt || fd < math.MinInt:
		return -1, errIntOverflow()
	}
	return int(fd), nil
}

// hasFileno reports whether v has a fileno() in Python's sense: a
// Filenoer, a FilenoErrer, a syscall.Conn, or a Fileno method of another
// signature.
func hasFileno(v any) bool {
	switch v.(type) {
	case Filenoer, FilenoErrer, syscall.Conn:
		return true
	}
	_, ok := fdconv.Method(v)
	return ok
}

// AsFileDescriptor is CPython's PyObject_AsFileDescriptor: the conversion
// every fd argument of this package goes through, which Select, Register,
// Modify, Unregister and NewKevent apply to their arguments. Unlike
// Fileno, it refuses what cannot be an fd: a negative fd (a closed
// socket's -1 included) is ValueError "file descriptor cannot be a
// negative integer (-1)", a value beyond a C int OverflowError, a value
// with no fileno() TypeError "argument must be an int, or have a fileno()
// method.".
//
// Python: Objects/fileobject.c: PyObject_AsFileDescriptor.
func AsFileDescriptor(v any) (int, error) { return fdOf(v) }

// noFileno is the AttributeError of calling fileno() on a value of the
// Python type typeName that has no such method.
func noFileno(typeName string) *builtins.Error { return noAttribute(typeName, "fileno") }
