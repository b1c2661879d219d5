// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import "golang.org/x/sys/unix"

// The poll(2) events of AIX beyond the six every Unix has, as CPython
// exports them where <sys/poll.h> defines them, with x/sys's values (which
// it reads from that header). AIX's differ from everyone else's: POLLOUT
// is 0x2, POLLERR 0x4000, POLLHUP 0x2000 and POLLNVAL 0x8000, so a mask
// must be spelled with these names, never with numbers from another OS.
//
//lint:file-ignore ST1003 the constants keep the names Python gives them.
const (
	POLLRDNORM Mask = unix.POLLRDNORM
	POLLRDBAND Mask = unix.POLLRDBAND
	POLLWRNORM Mask = unix.POLLWRNORM
	POLLWRBAND Mask = unix.POLLWRBAND

	// PIPE_BUF is AIX's <sys/limits.h> PIPE_BUF, 32768.
	PIPE_BUF = 32768
)
