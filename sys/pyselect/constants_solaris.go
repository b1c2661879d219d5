// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import "golang.org/x/sys/unix"

// The poll(2) events of illumos and Solaris beyond the six every Unix has,
// as CPython exports them where <poll.h> defines them. (Go's solaris build
// tag also holds on illumos.)
//
//lint:file-ignore ST1003 the constants keep the names Python gives them.
const (
	POLLRDNORM Mask = unix.POLLRDNORM
	POLLRDBAND Mask = unix.POLLRDBAND
	POLLWRNORM Mask = unix.POLLWRNORM
	POLLWRBAND Mask = unix.POLLWRBAND

	// PIPE_BUF is <limits.h>'s PIPE_BUF, 5120 on illumos and Solaris.
	PIPE_BUF = 5120
)
