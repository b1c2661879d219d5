// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build netbsd || openbsd

package pyselect

import "golang.org/x/sys/unix"

// A wakeSource is a pipe whose read end the waker's private kqueue
// watches; waking writes one byte, which is never read, so the read end
// stays readable for every waiter (EVFILT_READ is level-triggered), and a
// one-byte write to an empty pipe needs nothing the kernel may lack.
//
// NetBSD (10.0) and OpenBSD (7.7, 2025) have EVFILT_USER, but x/sys
// (v0.50.0) exports neither EVFILT_USER nor NOTE_TRIGGER for them, so the
// pipe stays right here until it does; then this GOOS moves to
// kevent_wake_user.go's build line (TestWakeSourceFollowsXSys says when).
// It costs two descriptors more per Kqueue than EVFILT_USER.
type wakeSource struct{ r, w int }

func (s *wakeSource) init(kq int) error {
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC|unix.O_NONBLOCK); err != nil {
		return err
	}
	s.r, s.w = p[0], p[1]
	if err := (waker{kq: kq}).change(Kevent{Ident: uint64(s.r), Filter: KQ_FILTER_READ, Flags: KQ_EV_ADD}); err != nil {
		s.close()
		return err
	}
	return nil
}

func (s wakeSource) wake(waker) { unix.Write(s.w, []byte{0}) }

func (s wakeSource) close() {
	unix.Close(s.r)
	unix.Close(s.w)
}
