// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package pyselect

// What hasattr(select, name) answers on macOS and the BSDs: select, poll
// and kqueue (with kevent), no epoll or devpoll. The names are CPython's
// _select_exec for <poll.h> and <sys/event.h> there; FreeBSD adds
// POLLRDHUP.
const (
	HasSelect  = true
	HasPoll    = true
	HasEpoll   = false
	HasKqueue  = true
	HasDevpoll = false

	attrs = "PIPE_BUF POLLERR POLLHUP POLLIN POLLNVAL POLLOUT POLLPRI POLLRDBAND POLLRDNORM POLLWRBAND POLLWRNORM " +
		pollAttrsOS + "error kevent kqueue poll select " +
		"KQ_EV_ADD KQ_EV_CLEAR KQ_EV_DELETE KQ_EV_DISABLE KQ_EV_ENABLE KQ_EV_EOF KQ_EV_ERROR KQ_EV_FLAG1 KQ_EV_ONESHOT KQ_EV_SYSFLAGS KQ_FILTER_AIO KQ_FILTER_PROC KQ_FILTER_READ KQ_FILTER_SIGNAL KQ_FILTER_TIMER KQ_FILTER_VNODE KQ_FILTER_WRITE KQ_NOTE_ATTRIB KQ_NOTE_CHILD KQ_NOTE_DELETE KQ_NOTE_EXEC KQ_NOTE_EXIT KQ_NOTE_EXTEND KQ_NOTE_FORK KQ_NOTE_LINK KQ_NOTE_LOWAT KQ_NOTE_PCTRLMASK KQ_NOTE_PDATAMASK KQ_NOTE_RENAME KQ_NOTE_REVOKE KQ_NOTE_TRACK KQ_NOTE_TRACKERR KQ_NOTE_WRITE"
)
