// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect

import "golang.org/x/sys/unix"

// The poll(2) events every Unix defines, with the OS's values, as
// select.POLLIN and the rest (cpython-select-semantics.md §1.2). POLLERR,
// POLLHUP and POLLNVAL are only ever reported, never needed in a mask.
//
//lint:file-ignore ST1003 the constants keep the names Python gives them.
const (
	POLLIN   = unix.POLLIN
	POLLPRI  = unix.POLLPRI
	POLLOUT  = unix.POLLOUT
	POLLERR  = unix.POLLERR
	POLLHUP  = unix.POLLHUP
	POLLNVAL = unix.POLLNVAL
)
