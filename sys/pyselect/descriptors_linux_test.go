// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"testing"

	"golang.org/x/sys/unix"
)

// TestEpollIsOneDescriptor: an Epoll is the instance alone, as CPython's
// (Close wakes waiters with a signal, see waker); Close closes it.
func TestEpollIsOneDescriptor(t *testing.T) {
	checkDescriptors(t, 1, func() (interface{ Close() error }, error) { return NewEpoll(-1, 0) })
}

// With one descriptor free, NewEpoll succeeds, as CPython's select.epoll()
// does: an Epoll needs no descriptor beside the instance.
func TestEpollWithOneFreeDescriptor(t *testing.T) {
	warm, err := NewEpoll(-1, 0) // what the package opens once per process
	if err != nil {
		t.Fatal(err)
	}
	warm.Close()
	undo := atEMFILE(t) // every number below the soft limit taken
	defer undo()
	var lim unix.Rlimit // one more: exactly one number free
	unix.Getrlimit(unix.RLIMIT_NOFILE, &lim)
	lim.Cur++
	if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(err)
	}
	ep, err := NewEpoll(-1, 0)
	if err != nil {
		t.Fatalf("NewEpoll with one descriptor free = %v; want an Epoll", err)
	}
	ep.Close()
}
