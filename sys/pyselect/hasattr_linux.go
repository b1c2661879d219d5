// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

// What hasattr(select, name) answers on Linux (CPython 3.11's dir(select),
// less the dunder names): select, poll and epoll, no kqueue or devpoll.
const (
	HasSelect  = true
	HasPoll    = true
	HasEpoll   = true
	HasKqueue  = false
	HasDevpoll = false

	attrs = "EPOLLERR EPOLLET EPOLLEXCLUSIVE EPOLLHUP EPOLLIN EPOLLMSG EPOLLONESHOT EPOLLOUT EPOLLPRI " +
		"EPOLLRDBAND EPOLLRDHUP EPOLLRDNORM EPOLLWRBAND EPOLLWRNORM EPOLL_CLOEXEC PIPE_BUF POLLERR POLLHUP " +
		"POLLIN POLLMSG POLLNVAL POLLOUT POLLPRI POLLRDBAND POLLRDHUP POLLRDNORM POLLWRBAND POLLWRNORM " +
		"epoll error poll select"
)
