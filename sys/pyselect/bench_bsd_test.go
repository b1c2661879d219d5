// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package pyselect

import (
	"fmt"
	"testing"

	"golang.org/x/sys/unix"
)

// BenchmarkKqueueControl is Kqueue.Control(None, FD_SETSIZE-1, 0) against
// unix.Kevent with no changes into an array as large, with 1, 10 and 100
// ready of 100 fds registered for reading. It runs on the BSDs and macOS
// (conformance/bench reports Linux; this file is compiled by make cross).
func BenchmarkKqueueControl(b *testing.B) {
	for _, ready := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("ready=%d", ready), func(b *testing.B) {
			fds := watchedFds(b, 100, ready)
			kq, err := NewKqueue()
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { kq.Close() })
			changes := make([]Kevent, len(fds))
			for i, fd := range fds {
				// select.kevent(fd): KQ_FILTER_READ, KQ_EV_ADD.
				if changes[i], err = NewKevent(fd); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := kq.Control(changes, 0, 0); err != nil {
				b.Fatal(err)
			}
			kfd, _ := kq.Fileno()
			events := make([]unix.Kevent_t, FD_SETSIZE-1)
			b.Run("impl=raw", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					ts := unix.Timespec{}
					n, err := unix.Kevent(kfd, nil, events, &ts)
					checkReady(b, n, ready, err)
				}
			})
			b.Run("impl=pyselect", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					evs, err := kq.Control(nil, FD_SETSIZE-1, 0)
					checkReady(b, len(evs), ready, err)
				}
			})
		})
	}
}
