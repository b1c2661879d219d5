// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package builtins

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"syscall"

	"github.com/pyselect/pyselect/sys/internal/pyobj"
)

// AsError is the exception Python would raise for err, as an *Error, for
// any error a port meets, not only those of the packages under sys: errors.Is and
// errors.As consult only an error's own chain, so a *net.OpError after a
// reset is not errors.Is(err, ConnectionResetError), but its AsError is a
// ConnectionResetError. It returns:
//
//   - the *Error in err's chain, if any (the errors of the packages under sys);
//   - for an error that carries an errno (syscall.Errno, *os.SyscallError,
//     *os.PathError, *net.OpError, ...), the OSError CPython's
//     PyErr_SetFromErrno makes of that errno: its PEP 3151 class, the
//     message "[Errno 104] Connection reset by peer" and Errno (on
//     Windows "[WinError N] ..."); a failed call
//     on a path (an *os.PathError of open, stat, mkdir, remove, ..., an
//     *os.LinkError of rename, link, symlink) adds the file names as
//     CPython's PyErr_SetFromErrnoWithFilenameObjects does: "[Errno 2] No
//     such file or directory: '/x'", "... : 'a' -> 'b'";
//   - for a timeout, the TimeoutError "timed out" of a Python socket with
//     a timeout, whose errno is None (Errno 0): os.ErrDeadlineExceeded (a
//     read, write or connect deadline passed) and context.DeadlineExceeded
//     (a context's deadline, which net reports as its own "i/o timeout"
//     error; a timed-out connect gives either, by a race inside net);
//   - for a *net.DNSError (a failed name lookup) or a port out of range,
//     socket.gaierror, an OSError, with the message glibc's
//     getaddrinfo gives for the same failure;
//   - for net.ErrClosed (a socket used after Close), the OSError "[Errno
//     9] Bad file descriptor" of a Python socket used after close();
//   - for os.ErrClosed (a file used after Close), the ValueError "I/O
//     operation on closed file." of a Python file object;
//   - nil for nil, for a nil *Error (no exception), for io.EOF (Python's
//     recv returns b"" at end of file and read returns "": no exception)
//     and for any other error, which has no Python class.
//
// Python: https://docs.python.org/3/library/exceptions.html#os-exceptions
func AsError(err error) *Error {
	var e *Error
	var errno syscall.Errno
	var dns *net.DNSError
	var addr *net.AddrError
	switch {
	case pyobj.IsNil(err), err == io.EOF:
		return nil
	case errors.As(err, &e):
		return e
	case errors.As(err, &dns):
		return dnsError(dns)
	case errors.As(err, &addr) && addr.Err == "invalid port":
		return gai(eaiService)
	case errors.As(err, &errno):
		return withFilename(errnoError(errno), err)
	case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return TimeoutError.New("timed out")
	case errors.Is(err, net.ErrClosed):
		return errnoError(syscall.EBADF)
	case errors.Is(err, os.ErrClosed):
		return ValueError.New("I/O operation on closed file.")
	}
	return nil
}

// Except is Python's "except (A, B):" for any error: whether err's
// exception (AsError) is an instance of one of classes. Every non-nil
// error is an instance of PyException and BaseException, as every
// exception is in Python ("except Exception:"), even one AsError has no
// class for. Except(nil, ...) is false: nothing was raised.
//
// For the errors of the packages under sys, errors.Is(err, cls) answers the same;
// for the errors of net and os only Except does.
func Except(err error, classes ...Exception) bool {
	if pyobj.IsNil(err) {
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
	if pyobj.IsNil(err) {
		return ""
	}
	return err.Error()
}

// withFilename is e with the file names of err's *os.LinkError, or of its
// *os.PathError where the call took a path (pathOps), as CPython's
// message of a failed call on a path shows them. A PathError of a call
// on an open file (read, write, seek, ...) names the file, but Python's
// read and write raise without a filename.
func withFilename(e *Error, err error) *Error {
	var link *os.LinkError
	var path *fs.PathError
	switch {
	case errors.As(err, &link):
		e.Message += ": " + Repr(link.Old) + " -> " + Repr(link.New)
	case errors.As(err, &path) && pathOps[path.Op]:
		e.Message += ": " + Repr(path.Path)
	}
	return e
}

// pathOps are the Op of an *os.PathError of a call that takes a path.
var pathOps = map[string]bool{
	"open": true, "stat": true, "lstat": true, "mkdir": true, "remove": true, "unlinkat": true,
	"readlink": true, "chmod": true, "chown": true, "lchown": true, "chtimes": true, "truncate": true,
	"chdir": true, "chroot": true, "mkfifo": true, "mknod": true,
}
