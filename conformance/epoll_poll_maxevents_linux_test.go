// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"math"
	"runtime"
	"unsafe"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// epMaxEvents is the kernel's EP_MAX_EVENTS, INT_MAX / sizeof(struct
// epoll_event): 178956970 where the struct has 12 bytes (amd64), 134217727
// where it has 16.
const epMaxEvents = math.MaxInt32 / int(unsafe.Sizeof(unix.EpollEvent{}))

// allocatedBy is how many bytes f allocated on the Go heap.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

var _ = describe("select.epoll.poll", "", Label("api:epoll", "os:linux"), func() {
	When("maxevents is EP_MAX_EVENTS or one more", func() {
		// Source: Linux fs/eventpoll.c do_epoll_wait "if (maxevents <= 0 ||
		// maxevents > EP_MAX_EVENTS) return -EINVAL", EP_MAX_EVENTS
		// "(INT_MAX / sizeof(struct epoll_event))"; epoll_wait(2) ERRORS
		// "EINVAL ... maxevents is less than or equal to zero".
		// Python: Modules/selectmodule.c: select_epoll_poll_impl passes
		// maxevents to epoll_wait unchanged (probed: poll(0, 178956970) is [],
		// poll(0, 178956971) is OSError EINVAL on amd64).
		It("accepts it, is OSError EINVAL one above, and allocates nothing near the array's size", func() {
			ep := support.NewEpoll()
			r, w := support.Pipe()
			Expect(ep.Register(r, pyselect.EPOLLIN)).To(Succeed())
			support.Write(w, []byte("x"))
			var evs []pyselect.Event
			var err error
			n := allocatedBy(func() { evs, err = ep.Poll(0, epMaxEvents) })
			Expect(err).NotTo(HaveOccurred(), "maxevents == EP_MAX_EVENTS is accepted")
			Expect(evs).To(Equal([]pyselect.Event{{Fd: r, Events: pyselect.EPOLLIN}}))
			Expect(n).To(BeNumerically("<", 1<<20), "the call allocated %d bytes: the full array is %d", n, epMaxEvents*int(unsafe.Sizeof(unix.EpollEvent{})))

			n = allocatedBy(func() { _, err = ep.Poll(0, epMaxEvents+1) })
			Expect(err).To(support.RaiseErrno(builtins.OSError, unix.EINVAL))
			Expect(n).To(BeNumerically("<", 1<<20), "the call allocated %d bytes", n)
		})
	})
})
