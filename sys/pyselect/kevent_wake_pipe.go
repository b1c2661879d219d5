// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build netbsd || openbsd

package pyselect

import "golang.org/x/sys/unix"

// wakeAll makes every kevent(2) waiting on kq return, for Close. x/sys has
// no EVFILT_USER here (NetBSD added it in 10.0, OpenBSD has none), so it
// registers the read end of a pipe holding one byte: level-triggered, it
// wakes every waiter, and each sees the object closed. The pipe is closed
// with the kqueue, by the last call out. If no pipe can be had (EMFILE),
// waiters return at their next event or timeout, still before the
// descriptor is closed.
func (kq *Kqueue) wakeAll() {
	var p [2]int
	if unix.Pipe2(p[:], unix.O_CLOEXEC|unix.O_NONBLOCK) != nil {
		return
	}
	kq.wake = p
	unix.Write(p[1], []byte{0})
	ev := keventBuf(1)
	unix.SetKevent(&ev[0], p[0], unix.EVFILT_READ, unix.EV_ADD)
	unix.Kevent(kq.ref.fd, ev, nil, nil)
}
