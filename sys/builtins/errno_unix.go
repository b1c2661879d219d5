// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package builtins

import (
	"strconv"
	"syscall"
)

// errnoClass is the PEP 3151 mapping that CPython's PyErr_SetFromErrno
// applies (Objects/exceptions.c, _PyExc_InitState's errnomap).
func errnoClass(errno syscall.Errno) Exception {
	switch errno {
	case syscall.EAGAIN, syscall.EALREADY, syscall.EINPROGRESS:
		return BlockingIOError
	case syscall.ECHILD:
		return ChildProcessError
	case syscall.EPIPE, syscall.ESHUTDOWN:
		return BrokenPipeError
	case syscall.ECONNABORTED:
		return ConnectionAbortedError
	case syscall.ECONNREFUSED:
		return ConnectionRefusedError
	case syscall.ECONNRESET:
		return ConnectionResetError
	case syscall.EEXIST:
		return FileExistsError
	case syscall.ENOENT:
		return FileNotFoundError
	case syscall.EINTR:
		return InterruptedError
	case syscall.EISDIR:
		return IsADirectoryError
	case syscall.ENOTDIR:
		return NotADirectoryError
	case syscall.EACCES, syscall.EPERM:
		return PermissionError
	case syscall.ESRCH:
		return ProcessLookupError
	case syscall.ETIMEDOUT:
		return TimeoutError
	}
	return OSError
}

// strerror is the C library's strerror(3) text, which CPython's message
// shows. Go's tables were made from that same strerror (mkerrors.sh), and
// hold its strings with the first letter lowered ("bad file descriptor"),
// so it is raised again. An errno Go's table lacks is the C library's own
// (libcOnly: one the C library names that Go's table predates) or its text
// for an unknown errno (unknownErrno: "Unknown error 41" in glibc), never
// Go's "errno 41". Errno 0 is CPython's "Error".
func strerror(errno syscall.Errno) string {
	if errno == 0 {
		return "Error"
	}
	s := errno.Error()
	if n := strconv.Itoa(int(errno)); s == "errno "+n || s == "unknown error "+n { // not in Go's table (linux/arm has 133 as "unknown error 133")
		if t, ok := libcOnly[errno]; ok {
			return t
		}
		return unknownErrno(int(errno))
	}
	if s != "" && 'a' <= s[0] && s[0] <= 'z' {
		s = string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// errnoError is PyErr_SetFromErrno: the PEP 3151 class chosen by errno, and
// the message "[Errno N] strerror".
func errnoError(errno syscall.Errno) *Error {
	return &Error{
		Exception: errnoClass(errno),
		Message:   "[Errno " + strconv.Itoa(int(errno)) + "] " + strerror(errno),
		Errno:     errno,
	}
}
