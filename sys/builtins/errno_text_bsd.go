// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package builtins

import (
	"strconv"
	"syscall"
)

// libcOnly is empty here: Go's syscall table holds every errno of the
// libc it was generated from.
var libcOnly map[syscall.Errno]string

// unknownErrno is the BSD libc's strerror(3) of an errno it does not know
// (lib/libc/string/strerror.c, as in macOS): "Unknown error: 41".
func unknownErrno(n int) string { return "Unknown error: " + strconv.Itoa(n) }
