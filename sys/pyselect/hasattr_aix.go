// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

// What hasattr(select, name) answers on AIX: select and poll.
const (
	HasSelect  = true
	HasPoll    = true
	HasEpoll   = false
	HasKqueue  = false
	HasDevpoll = false

	attrs = "PIPE_BUF POLLERR POLLHUP POLLIN POLLNVAL POLLOUT POLLPRI POLLRDBAND POLLRDNORM POLLWRBAND POLLWRNORM " +
		"error poll select"
)
