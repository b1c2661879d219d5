// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"syscall"

	"github.com/pyselect/pyselect/sys/builtins"
)

// Errors with a fixed message. Each call makes its own, so that a caller
// who edits the *builtins.Error it got changes no other caller's.
func errIntOverflow() *builtins.Error {
	return builtins.OverflowError.New("Python int too large to convert to C int")
}
func errTooManyFds() *builtins.Error {
	return builtins.ValueError.New("too many file descriptors in select()")
}
func errTimeoutTooLarge() *builtins.Error {
	return builtins.OverflowError.New("timeout is too large")
}
func errTimeoutNegative() *builtins.Error {
	return builtins.ValueError.New("timeout must be non-negative")
}
func errSelectTimeoutTyp() *builtins.Error {
	return builtins.TypeError.New("timeout must be a float or None")
}
func errIntTimeoutType() *builtins.Error {
	return builtins.TypeError.New("timeout must be an integer or None")
}

// noAttribute is Python's builtins.AttributeError for obj.name where obj, of the
// Python type typeName, has no such attribute.
func noAttribute(typeName, name string) *builtins.Error {
	return builtins.AttributeError.New("'" + typeName + "' object has no attribute '" + name + "'")
}

// sysErr turns the error of a system call into CPython's OSError
// (PyErr_SetFromErrno). EINTR is left as it is, for the PEP 475 loop to
// retry.
func sysErr(err error) error {
	if errno, ok := err.(syscall.Errno); ok && errno != syscall.EINTR {
		return builtins.AsError(errno)
	}
	return err
}
