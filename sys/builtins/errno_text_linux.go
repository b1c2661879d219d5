// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package builtins

import (
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

// libcOnly is glibc's strerror(3) text for the errnos glibc names and Go's
// syscall table does not (TestStrerrorIsPythons compares every errno below
// 4096 with the python3 on the machine).
var libcOnly = map[syscall.Errno]string{
	unix.EHWPOISON: "Memory page has hardware error",
}

// unknownErrno is glibc's strerror(3) of an errno it does not know
// (string/_strerror.c): "Unknown error 41".
func unknownErrno(n int) string { return "Unknown error " + strconv.Itoa(n) }
