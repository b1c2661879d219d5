// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package pyselect

import (
	"errors"
	"syscall"
	"testing"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support/fdtest"
)

func newTestKqueue(t *testing.T) *Kqueue {
	t.Helper()
	kq, err := NewKqueue()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { kq.Close() })
	return kq
}

// TestKeventSysRoundTrip: every field survives toSys and keventOf in the
// kernel's types of this OS and arch, udata included, with values at the
// edges of the C types.
func TestKeventSysRoundTrip(t *testing.T) {
	maxPtr := uint64(^uintptr(0))
	for _, k := range []Kevent{
		{Ident: 3, Filter: KQ_FILTER_READ, Flags: KQ_EV_ADD},
		{Ident: maxPtr, Filter: KQ_FILTER_TIMER, Flags: 0xffff, Fflags: 0xffffffff, Data: -1, Udata: maxPtr},
		{Ident: 0x7fff, Filter: 1, Flags: 2, Fflags: 3, Data: 0x7ffe, Udata: 0x7fff},
	} {
		buf := keventBuf(1)
		k.toSys(&buf[0])
		if got := keventOf(&buf[0]); !got.Equal(k) || got != k {
			t.Errorf("keventOf(toSys(%v)) = %v", k, got)
		}
	}
}

// TestControlEINTRNoResubmit is the EINTR decision on a real kernel: a
// kevent call that applies its changelist and is then interrupted is
// retried without it. The changelist deletes a registered filter; a
// resubmission would delete it again and report ENOENT as an EV_ERROR
// event.
func TestControlEINTRNoResubmit(t *testing.T) {
	kq := newTestKqueue(t)
	r, _ := fdtest.Pipe(t)
	add, _ := NewKevent(r, KQ_FILTER_READ, KQ_EV_ADD)
	del, _ := NewKevent(r, KQ_FILTER_READ, KQ_EV_DELETE)
	if _, err := kq.Control([]Kevent{add}, 0, 0); err != nil {
		t.Fatal(err)
	}

	calls := 0
	var changes []int
	keventSys = func(fd int, ch, ev []unix.Kevent_t, ts *unix.Timespec) (int, error) {
		calls++
		changes = append(changes, len(ch))
		if calls == 1 {
			// Apply the changes and wait a little, as the kernel does
			// before a signal arrives, then report the interruption.
			zero := unix.NsecToTimespec(int64(time.Millisecond))
			if _, err := unix.Kevent(fd, ch, ev, &zero); err != nil {
				return -1, err
			}
			return -1, syscall.EINTR
		}
		return unix.Kevent(fd, ch, ev, ts)
	}
	defer func() { keventSys = unix.Kevent }()

	evs, err := kq.Control([]Kevent{del}, 4, 0.05)
	if err != nil || len(evs) != 0 {
		t.Fatalf("Control after EINTR = %v, %v; want [], nil", evs, err)
	}
	if calls < 2 || changes[0] != 1 || changes[1] != 0 {
		t.Errorf("changelist lengths per kevent call = %v; want 1, then 0", changes)
	}
	// The filter was deleted once: deleting it again now fails.
	if _, err := kq.Control([]Kevent{del}, 0, 0); !errors.Is(err, unix.ENOENT) {
		t.Errorf("second delete = %v; want ENOENT", err)
	}
}

// TestCloseWakesControl: Close while another goroutine blocks in Control
// wakes it with CPython's ValueError, and the descriptor is closed once
// it has returned.
func TestCloseWakesControl(t *testing.T) {
	kq, err := NewKqueue()
	if err != nil {
		t.Fatal(err)
	}
	fd, _ := kq.Fileno()
	done := make(chan error, 1)
	go func() {
		_, err := kq.Control(nil, 1, nil)
		done <- err
	}()
	// Let the goroutine reach kevent; a Close before it starts gives the
	// same ValueError, so the test holds either way.
	time.Sleep(50 * time.Millisecond)
	kq.Close()
	select {
	case err := <-done:
		if !errors.Is(err, builtins.ValueError) || err.Error() != "ValueError: I/O operation on closed kqueue object" {
			t.Errorf("Control woken by Close = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not wake Control")
	}
	if _, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err != unix.EBADF {
		t.Errorf("kqueue fd after the last call: fcntl = %v; want EBADF", err)
	}
}

// TestNewKqueueCloexec: the descriptor is close-on-exec (CPython makes it
// non-inheritable; test_kqueue.py test_fd_non_inheritable).
func TestNewKqueueCloexec(t *testing.T) {
	kq := newTestKqueue(t)
	fd, _ := kq.Fileno()
	flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
	if err != nil || flags&unix.FD_CLOEXEC == 0 {
		t.Errorf("F_GETFD = %#x, %v; want FD_CLOEXEC", flags, err)
	}
}
