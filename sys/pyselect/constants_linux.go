// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import "golang.org/x/sys/unix"

// The Linux constants of Python's select module (3.11), by the names and
// values Python gives them (conformance/SEMANTICS.md#constants-linux).
// EPOLLWAKEUP is left out: Python exports it from 3.14 on.
//
//lint:file-ignore ST1003 the constants keep the names Python gives them.
const (
	EPOLLIN        Mask = unix.EPOLLIN
	EPOLLPRI       Mask = unix.EPOLLPRI
	EPOLLOUT       Mask = unix.EPOLLOUT
	EPOLLERR       Mask = unix.EPOLLERR
	EPOLLHUP       Mask = unix.EPOLLHUP
	EPOLLRDNORM    Mask = unix.EPOLLRDNORM
	EPOLLRDBAND    Mask = unix.EPOLLRDBAND
	EPOLLWRNORM    Mask = unix.EPOLLWRNORM
	EPOLLWRBAND    Mask = unix.EPOLLWRBAND
	EPOLLMSG       Mask = unix.EPOLLMSG
	EPOLLRDHUP     Mask = unix.EPOLLRDHUP
	EPOLLEXCLUSIVE Mask = unix.EPOLLEXCLUSIVE
	EPOLLONESHOT   Mask = unix.EPOLLONESHOT
	EPOLLET        Mask = unix.EPOLLET
	EPOLL_CLOEXEC       = unix.EPOLL_CLOEXEC

	POLLRDHUP Mask = unix.POLLRDHUP

	// PIPE_BUF is <limits.h>'s PIPE_BUF: a write of at most this many
	// bytes to a pipe is atomic (pipe(7)).
	PIPE_BUF = 4096
)
