// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package pyselect

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// kqueueDescriptors is how many descriptors a Kqueue is: the queue alone,
// as CPython's, where Close signals the waiters (wake_signal.go); the
// queue and a private kqueue on DragonFly (wake_kqueue_dragonfly.go).
var kqueueDescriptors = map[string]int{"dragonfly": 2}

// TestKqueueDescriptors checks the count conformance/DIFFERENCES.md gives.
// Before the signal design every Kqueue was 2 descriptors, and 4 on
// NetBSD and OpenBSD.
func TestKqueueDescriptors(t *testing.T) {
	want, ok := kqueueDescriptors[runtime.GOOS]
	if !ok {
		want = 1
	}
	checkDescriptors(t, want, func() (interface{ Close() error }, error) { return NewKqueue() })
}

// A Control that times out is one kevent(2) on the queue, given the
// caller's timeout, as CPython's (Modules/selectmodule.c:
// select_kqueue_control_impl); the Go runtime's preemption signal may add
// a retry (EINTR), hence the slack. The design with a private kqueue, kept
// on DragonFly, gives the queue a zero timeout and waits in the private
// kqueue (two more kevent calls when an event comes).
func TestKqueueWaitIsOneSystemCall(t *testing.T) {
	kq := newTestKqueue(t)
	var calls atomic.Int32
	var longest atomic.Int64
	keventSys = func(fd int, ch, ev []unix.Kevent_t, ts *unix.Timespec) (int, error) {
		calls.Add(1)
		if ts != nil && ts.Nano() > longest.Load() {
			longest.Store(ts.Nano())
		}
		return unix.Kevent(fd, ch, ev, ts)
	}
	defer func() { keventSys = unix.Kevent }()
	const n = 20
	for range n {
		if evs, err := kq.Control(nil, 1, 0.02); err != nil || len(evs) != 0 {
			t.Fatalf("Control(None, 1, 0.02) = %v, %v; want [], nil", evs, err)
		}
	}
	if got := int(calls.Load()); got < n || got > n+n/4 {
		t.Errorf("%d timed-out Controls made %d kevent calls on the queue; want %d (+25%% for EINTR)", n, got, n)
	}
	if runtime.GOOS == "dragonfly" {
		return // the wait is in the private kqueue
	}
	if time.Duration(longest.Load()) < 10*time.Millisecond {
		t.Errorf("longest timeout given to kevent: %v; want the caller's 20ms", time.Duration(longest.Load()))
	}
}
