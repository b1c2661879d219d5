// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package builtins

import (
	"strconv"
	"syscall"
)

// libcOnly is empty here: Go's syscall table holds every errno of the
// libc it was generated from.
var libcOnly map[syscall.Errno]string

// unknownErrno is AIX's strerror(3) of an errno it does not know:
// "Error 41 occurred." (not checked on a machine here).
func unknownErrno(n int) string { return "Error " + strconv.Itoa(n) + " occurred." }
