// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"errors"
	"io"
	"net"
	"os"
	"syscall"
)

// AsError is the exception Python would raise for err, as an *Error, for
// any error a port meets, not only this package's: errors.Is and
// errors.As consult only an error's own chain, so a *net.OpError after a
// reset is not errors.Is(err, ConnectionResetError), but its AsError is a
// ConnectionResetError. It returns:
//
//   - the *Error in err's chain, if any (this package's errors);
//   - for an error that carries an errno (syscall.Errno, *os.SyscallError,
//     *os.PathError, *net.OpError, ...), the OSError CPython's
//     PyErr_SetFromErrno makes of that errno: its PEP 3151 class, the
//     message "[Errno 104] Connection reset by peer" and Errno (on
//     Windows "[WinError N] ...", as for Select's errors);
//   - for os.ErrDeadlineExceeded (a read or write deadline passed), the
//     TimeoutError "timed out" of a Python socket with a timeout, whose
//     errno is None (Errno 0);
//   - for net.ErrClosed (a socket used after Close), the OSError "[Errno
//     9] Bad file descriptor" of a Python socket used after close();
//   - for os.ErrClosed (a file used after Close), the ValueError "I/O
//     operation on closed file." of a Python file object;
//   - nil for nil, for io.EOF (Python's recv returns b"" at end of file
//     and read returns "": no exception) and for any other error, which
//     has no Python class.
//
// Python: https://docs.python.org/3/library/exceptions.html#os-exceptions
func AsError(err error) *Error {
	var e *Error
	var errno syscall.Errno
	switch {
	case err == nil, err == io.EOF:
		return nil
	case errors.As(err, &e):
		return e
	case errors.As(err, &errno):
		return errnoError(errno)
	case errors.Is(err, os.ErrDeadlineExceeded):
		return newError(TimeoutError, "timed out")
	case errors.Is(err, net.ErrClosed):
		return errnoError(syscall.EBADF)
	case errors.Is(err, os.ErrClosed):
		return newError(ValueError, "I/O operation on closed file.")
	}
	return nil
}

// Except is Python's "except (A, B):" for any error: whether err's
// exception (AsError) is an instance of one of classes. Every non-nil
// error is an instance of PyException and BaseException, as every
// exception is in Python ("except Exception:"), even one AsError has no
// class for. Except(nil, ...) is false: nothing was raised.
//
// For this package's own errors, errors.Is(err, cls) answers the same;
// for the errors of net and os only Except does.
func Except(err error, classes ...Exception) bool {
	if err == nil {
		return false
	}
	e := AsError(err)
	for _, cls := range classes {
		if e.Is(cls) || (e == nil && (cls == PyException || cls == BaseException)) {
			return true
		}
	}
	return false
}

// Str is Python's str(e) for the exception of err: its message alone,
// "[Errno 104] Connection reset by peer", as logging.error("...%s", e)
// prints it (err.Error() of an *Error is the traceback's last line,
// "ConnectionResetError: [Errno 104] ..."). An error with no Python class
// gives its Error() text; nil gives "".
func Str(err error) string {
	if e := AsError(err); e != nil {
		return e.Message
	}
	if err == nil {
		return ""
	}
	return err.Error()
}
