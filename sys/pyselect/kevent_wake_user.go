// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || dragonfly || freebsd

package pyselect

import "golang.org/x/sys/unix"

// wakeAll makes every kevent(2) waiting on kq return, for Close: it adds
// an EVFILT_USER filter already triggered (NOTE_TRIGGER with EV_ADD) and
// without EV_CLEAR, so it stays active and every waiter collects it, then
// sees the object closed. It needs no descriptor, so it works even at
// EMFILE. Python does not export EVFILT_USER; it is used only here.
func (kq *Kqueue) wakeAll() {
	ev := keventBuf(1)
	unix.SetKevent(&ev[0], 0, unix.EVFILT_USER, unix.EV_ADD)
	ev[0].Fflags = unix.NOTE_TRIGGER
	unix.Kevent(kq.ref.fd, ev, nil, nil)
}
