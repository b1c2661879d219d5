// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect

import "golang.org/x/sys/unix"

// The poll(2) events every Unix defines, with the OS's values, as
// select.POLLIN and the rest (conformance/SEMANTICS.md#constants-linux). POLLERR,
// POLLHUP and POLLNVAL are only ever reported, never needed in a mask.
//
//lint:file-ignore ST1003 the constants keep the names Python gives them.
const (
	POLLIN   Mask = unix.POLLIN
	POLLPRI  Mask = unix.POLLPRI
	POLLOUT  Mask = unix.POLLOUT
	POLLERR  Mask = unix.POLLERR
	POLLHUP  Mask = unix.POLLHUP
	POLLNVAL Mask = unix.POLLNVAL
)
