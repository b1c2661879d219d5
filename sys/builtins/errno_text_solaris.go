// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package builtins

import "syscall"

// libcOnly is empty here: Go's syscall table holds every errno of the
// libc it was generated from.
var libcOnly map[syscall.Errno]string

// unknownErrno is the illumos and Solaris libc's strerror(3) of an errno
// it does not know (lib/libc/port/gen/strerror.c): "Unknown error",
// without the number.
func unknownErrno(int) string { return "Unknown error" }
