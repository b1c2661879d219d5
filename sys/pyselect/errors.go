// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"errors"
	"syscall"
)

// An Exception is the name of a Python exception class. It is itself an
// error, so that errors.Is(err, pyselect.ValueError) asks whether err is a
// ValueError (or a subclass of one), as Python's isinstance would.
type Exception string

// The Python exception classes that the select module raises. The OSError
// subclasses are those of PEP 3151, chosen by errno as CPython does in
// PyErr_SetFromErrno.
const (
	ValueError             Exception = "ValueError"
	TypeError              Exception = "TypeError"
	OverflowError          Exception = "OverflowError"
	KeyError               Exception = "KeyError"
	RuntimeError           Exception = "RuntimeError"
	OSError                Exception = "OSError"
	BlockingIOError        Exception = "BlockingIOError"
	ChildProcessError      Exception = "ChildProcessError"
	ConnectionError        Exception = "ConnectionError"
	BrokenPipeError        Exception = "BrokenPipeError"
	ConnectionAbortedError Exception = "ConnectionAbortedError"
	ConnectionRefusedError Exception = "ConnectionRefusedError"
	ConnectionResetError   Exception = "ConnectionResetError"
	FileExistsError        Exception = "FileExistsError"
	FileNotFoundError      Exception = "FileNotFoundError"
	InterruptedError       Exception = "InterruptedError"
	IsADirectoryError      Exception = "IsADirectoryError"
	NotADirectoryError     Exception = "NotADirectoryError"
	PermissionError        Exception = "PermissionError"
	ProcessLookupError     Exception = "ProcessLookupError"
	TimeoutError           Exception = "TimeoutError"
	LookupError            Exception = "LookupError"
	ArithmeticError        Exception = "ArithmeticError"
	MemoryError            Exception = "MemoryError"
	BaseException          Exception = "Exception"
)

// Error returns the class name.
func (e Exception) Error() string { return string(e) }

// base returns the class e derives from in Python's hierarchy, or "" for
// Exception itself.
func (e Exception) base() Exception {
	switch e {
	case BaseException:
		return ""
	case KeyError:
		return LookupError
	case OverflowError:
		return ArithmeticError
	case BrokenPipeError, ConnectionAbortedError, ConnectionRefusedError, ConnectionResetError:
		return ConnectionError
	case BlockingIOError, ChildProcessError, ConnectionError, FileExistsError,
		FileNotFoundError, InterruptedError, IsADirectoryError, NotADirectoryError,
		PermissionError, ProcessLookupError, TimeoutError:
		return OSError
	}
	return BaseException
}

// IsSubclass reports whether e is cls or derives from it, as Python's
// issubclass(e, cls).
func (e Exception) IsSubclass(cls Exception) bool {
	for c := e; c != ""; c = c.base() {
		if c == cls {
			return true
		}
	}
	return false
}

// An Error is a failure as CPython reports it: the exception class, the
// message that str(exc) gives, and for an OSError raised by a system call
// the errno (0 where Python's exc.errno is None).
//
// errors.Is(err, ValueError) holds for a ValueError; errors.Is(err, OSError)
// for every OSError subclass; and when Errno is set, errors.Is(err,
// unix.EEXIST) and errors.Is(err, fs.ErrExist) hold as they do for the
// bare syscall.Errno.
type Error struct {
	Exception Exception
	Message   string
	Errno     syscall.Errno
}

// Error returns the last line of the traceback Python would print,
// for example "FileExistsError: [Errno 17] File exists".
func (e *Error) Error() string { return string(e.Exception) + ": " + e.Message }

// Is reports whether e is an instance of the Exception target.
func (e *Error) Is(target error) bool {
	cls, ok := target.(Exception)
	return ok && e.Exception.IsSubclass(cls)
}

// Unwrap returns the errno, if any.
func (e *Error) Unwrap() error {
	if e.Errno == 0 {
		return nil
	}
	return e.Errno
}

// ExceptionOf answers "which Python exception is this?": the class of an
// *Error, the PEP 3151 class of a bare syscall.Errno, and "" for any other
// error (or nil).
func ExceptionOf(err error) Exception {
	var e *Error
	if errors.As(err, &e) {
		return e.Exception
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errnoClass(errno)
	}
	return ""
}

func newError(exc Exception, msg string) *Error { return &Error{Exception: exc, Message: msg} }

// Errors with a fixed message, made once.
var (
	errNotFileno        = newError(TypeError, "argument must be an int, or have a fileno() method.")
	errClosedFile       = newError(ValueError, "I/O operation on closed file")
	errIntOverflow      = newError(OverflowError, "Python int too large to convert to C int")
	errTooManyFds       = newError(ValueError, "too many file descriptors in select()")
	errTimeoutTooLarge  = newError(OverflowError, "timeout is too large")
	errTimeoutNegative  = newError(ValueError, "timeout must be non-negative")
	errTimeoutNaN       = newError(ValueError, "Invalid value NaN (not a number)")
	errTimeTOverflow    = newError(OverflowError, "timestamp out of range for platform time_t")
	errPyTimeOverflow   = newError(OverflowError, "timestamp too large to convert to C _PyTime_t")
	errSelectTimeoutTyp = newError(TypeError, "timeout must be a float or None")
	errIntTimeoutType   = newError(TypeError, "timeout must be an integer or None")
)
