// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

// What hasattr(select, name) answers on Solaris and illumos: select, poll
// and devpoll, no kqueue; and no epoll, which a CPython built on illumos
// may have (conformance/DIFFERENCES.md). illumos adds POLLRDHUP.
const (
	HasSelect  = true
	HasPoll    = true
	HasEpoll   = false
	HasKqueue  = false
	HasDevpoll = true

	attrs = "PIPE_BUF POLLERR POLLHUP POLLIN POLLNVAL POLLOUT POLLPRI POLLRDBAND POLLRDNORM POLLWRBAND POLLWRNORM " +
		pollAttrsOS + "devpoll error poll select"
)
