// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package pyselect

import "golang.org/x/sys/unix"

// The poll(2) events of macOS and the BSDs beyond the six every Unix has,
// as CPython exports them where <poll.h> defines them.
//
//lint:file-ignore ST1003 the constants keep the names Python gives them.
const (
	POLLRDNORM Mask = unix.POLLRDNORM
	POLLRDBAND Mask = unix.POLLRDBAND
	POLLWRNORM Mask = unix.POLLWRNORM
	POLLWRBAND Mask = unix.POLLWRBAND

	// PIPE_BUF is <limits.h>'s PIPE_BUF, 512 on macOS and every BSD.
	PIPE_BUF = 512
)
