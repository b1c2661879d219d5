// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package builtins

import (
	"syscall"
)

// An Exception is the name of a Python exception class. It is itself an
// error, so that errors.Is(err, builtins.ValueError) asks whether err is a
// ValueError (or a subclass of one), as Python's isinstance would.
type Exception string

// The Python exception classes that the packages under sys raise. The OSError
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
	AttributeError         Exception = "AttributeError"
	MemoryError            Exception = "MemoryError"

	// PyException is Python's Exception, the class every error here
	// derives from ("except Exception:"); the Go type has the name.
	PyException Exception = "Exception"
	// BaseException is the root of Python's hierarchy, above PyException.
	BaseException Exception = "BaseException"

	// ExceptionGroup is Python's ExceptionGroup (PEP 654), which holds
	// several exceptions at once; an *ExceptionGroupError is one.
	ExceptionGroup Exception = "ExceptionGroup"
)

// Error returns the class name.
func (e Exception) Error() string { return string(e) }

// base returns the class e derives from in Python's hierarchy, or "" for
// BaseException.
func (e Exception) base() Exception {
	switch e {
	case BaseException:
		return ""
	case PyException:
		return BaseException
	case KeyError:
		return LookupError
	case OverflowError:
		return ArithmeticError
	case BrokenPipeError, ConnectionAbortedError, ConnectionRefusedError, ConnectionResetError:
		return ConnectionError
	case BlockingIOError, ChildProcessError, ConnectionError, FileExistsError,
		FileNotFoundError, InterruptedError, IsADirectoryError, NotADirectoryError,
		PermissionError, ProcessLookupError, TimeoutError, gaierror:
		return OSError
	}
	return PyException
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
// for example "FileExistsError: [Errno 17] File exists", or
// "socket.gaierror: [Errno -2] Name or service not known" for a class of
// a module other than  A nil *Error is "<nil>", as fmt prints a
// nil: it is no exception (AsError, Except and Str treat it as nil).
func (e *Error) Error() string {
	if e == nil {
		return "<nil>"
	}
	if e.Exception == gaierror {
		return "socket." + string(e.Exception) + ": " + e.Message
	}
	return string(e.Exception) + ": " + e.Message
}

// Is reports whether e is an instance of the Exception target. A nil *Error
// is an instance of nothing, so that the result of AsError can be asked
// directly: if e := builtins.AsError(err); e.Is(builtins.OSError) { ... }.
func (e *Error) Is(target error) bool {
	cls, ok := target.(Exception)
	return ok && e != nil && e.Exception.IsSubclass(cls)
}

// Unwrap returns the errno, if any.
func (e *Error) Unwrap() error {
	if e == nil || e.Errno == 0 {
		return nil
	}
	return e.Errno
}

// ExceptionOf answers "which Python exception is this?": the class of
// AsError(err), or "" when err has none (or is nil).
func ExceptionOf(err error) Exception {
	if e := AsError(err); e != nil {
		return e.Exception
	}
	return ""
}

// New is Python's call of the class, cls(msg), for "raise
// ValueError('bad fd')": return builtins.ValueError.New("bad fd"). The
// exception has no errno (Python's e.errno is None).
func (e Exception) New(msg string) *Error { return &Error{Exception: e, Message: msg} }
