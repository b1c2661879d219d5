// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || dragonfly || freebsd

package pyselect

import "golang.org/x/sys/unix"

// A wakeSource is an EVFILT_USER filter of the waker's private kqueue: it
// needs no descriptor, so waking allocates nothing. Python does not
// export EVFILT_USER; it is used only here. These are the GOOSes where
// x/sys exports EVFILT_USER (see kevent_wake_pipe.go for the others).
type wakeSource struct{}

// init registers the filter, untriggered: userWake's first change.
func (wakeSource) init(kq int) error {
	return waker{kq: kq}.change(Kevent(userWake(unix.EVFILT_USER, unix.NOTE_TRIGGER)[0]))
}

// wake triggers it with a change of its own: userWake's second change.
func (wakeSource) wake(w waker) { w.change(Kevent(userWake(unix.EVFILT_USER, unix.NOTE_TRIGGER)[1])) }

func (wakeSource) close() {}
