// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"math"
	"syscall"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/internal/fdconv"
	"github.com/pyselect/pyselect/sys/internal/pyobj"
)

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
