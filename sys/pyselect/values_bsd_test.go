// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package pyselect

import (
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

var nilPoller = (*Kqueue)(nil)

// TestControlLongWaitIsSplit: a timeout above maxWait reaches kevent(2)
// as maxWait at most (macOS refuses longer ones), and a call with no
// eventlist, which the kernel does not make wait, is made once and not
// resumed until the deadline.
func TestControlLongWaitIsSplit(t *testing.T) {
	kq := newTestKqueue(t)
	var got []*unix.Timespec
	keventSys = func(fd int, ch, ev []unix.Kevent_t, ts *unix.Timespec) (int, error) {
		got = append(got, ts)
		if len(ev) > 0 {
			return 1, nil // an event: the wait ends
		}
		return unix.Kevent(fd, ch, ev, ts)
	}
	defer func() { keventSys = unix.Kevent }()

	if _, err := kq.Control(nil, 0, 1e7); err != nil || len(got) != 1 {
		t.Fatalf("Control(nil, 0, 1e7) = %v after %d kevent calls; want one call", err, len(got))
	}
	got = nil
	if _, err := kq.Control(nil, 1, time.Duration(1<<62)); err != nil || len(got) != 1 ||
		got[0] == nil || time.Duration(got[0].Nano()) > maxWait {
		t.Fatalf("Control(nil, 1, 2**62 ns) = %v; kevent timeouts %v, want one of at most %v", err, got, maxWait)
	}
}
