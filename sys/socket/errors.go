// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package socket

import (
	"syscall"

	"github.com/pyselect/pyselect/sys/builtins"
)

// oserror is CPython's set_error: the OSError of a failed call's errno
// (its PEP 3151 class, "[Errno N] text"). Any other error is returned
// as it is; nil stays nil.
func oserror(err error) error {
	if errno, ok := err.(syscall.Errno); ok {
		return builtins.AsError(errno)
	}
	return err
}

// errTimedOut is socket.timeout (TimeoutError) "timed out", whose errno
// is None.
func errTimedOut() error { return builtins.TimeoutError.New("timed out") }

// errNone is what a method of a nil *Socket returns: Python's None has no
// such attribute.
func errNone(method string) error {
	return builtins.AttributeError.New("'NoneType' object has no attribute '" + method + "'")
}
