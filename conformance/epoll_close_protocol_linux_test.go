// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"io"
	"runtime"
	"time"
	"unsafe"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

var _ = describe("select.epoll.close", "the close protocol", Label("api:epoll", "os:linux", "reliability"), func() {
	// Python: Modules/selectmodule.c: pyepoll_internal_close (close(2) only).
	itWakesAtRlimit(epollClosedMsg, func() (io.Closer, <-chan error) {
		ep := support.NewEpoll()
		ch := epollWaitAsync(ep, -1)
		Consistently(ch).WithTimeout(50 * time.Millisecond).ShouldNot(Receive())
		return ep, ch
	})

	When("a second object holds a dup", func() {
		// Source: dup(2) "the two file descriptors refer to the same open file
		// description"; epoll(7): the interest list belongs to the instance.
		// Python: Modules/selectmodule.c: pyepoll_internal_close closes the fd and
		// adds nothing to the instance, so the other object's poll gives [].
		// Design: sys/pyselect/pollfd.go (pollFD: waking)
		It("sees no event when the first is closed while one of its calls waits", func(ctx SpecContext) {
			for round := range 5 { // which waiter the kernel wakes first varies
				ep := support.NewEpoll()
				dup, err := unix.Dup(support.EpollFileno(ep))
				Expect(err).NotTo(HaveOccurred())
				ep2, err := pyselect.EpollFromFd(dup)
				Expect(err).NotTo(HaveOccurred())
				DeferCleanup(ep2.Close)
				other := epollPollAsync(ep2, 0.2, -1)
				waiter := epollWaitAsync(ep, -1)
				Consistently(waiter).WithTimeout(20 * time.Millisecond).ShouldNot(Receive())
				Expect(ep.Close()).To(Succeed())
				Eventually(waiter).WithTimeout(5*time.Second).Should(Receive(support.Raise(builtins.ValueError, epollClosedMsg)), "round %d", round)
				Eventually(other).WithTimeout(5*time.Second).Should(Receive(Equal(epollPollResult{events: []pyselect.Event{}})), "round %d", round)
				Expect(ep2.Poll(0, -1)).To(BeEmpty(), "round %d", round)
			}
		}, SpecTimeout(30*time.Second))
	})

	When("another epoll watches the instance", func() {
		// Source: epoll(7) Q3 "If an epoll file descriptor has events waiting, then it
		// will indicate as being readable"; nothing Close does is an event.
		// Python: Modules/selectmodule.c: pyepoll_internal_close.
		// Design: sys/pyselect/pollfd.go (pollFD: waking)
		It("does not see it readable when it is closed while one of its calls waits", func(ctx SpecContext) {
			ep := support.NewEpoll()
			outer := support.NewEpoll()
			Expect(outer.Register(support.EpollFileno(ep), pyselect.EPOLLIN)).To(Succeed())
			waiter := epollWaitAsync(ep, -1)
			watching := epollPollAsync(outer, 0.5, -1)
			Consistently(waiter).WithTimeout(50 * time.Millisecond).ShouldNot(Receive())
			Expect(ep.Close()).To(Succeed())
			Eventually(waiter).WithTimeout(5 * time.Second).Should(Receive(support.Raise(builtins.ValueError, epollClosedMsg)))
			Eventually(watching).WithTimeout(5 * time.Second).Should(Receive(Equal(epollPollResult{events: []pyselect.Event{}})))
		}, SpecTimeout(30*time.Second))
	})

	// Python: Modules/selectmodule.c: pyepoll_dealloc closes the fd.
	itClosesWhenCollected("Epolls", func() (io.Closer, error) { return pyselect.NewEpoll(-1, 0) })
})

var _ = describe("select.epoll.poll", "memory", Label("api:epoll", "os:linux", "reliability", "memory"), func() {
	When("maxevents is huge", Serial, func() {
		// Source: epoll_wait(2) "Up to maxevents are returned"; an instance returns at
		// most one event per entry of its interest list. Python:
		// Modules/selectmodule.c: select_epoll_poll_impl allocates maxevents
		// events first (MemoryError when it cannot).
		// Design: sys/pyselect/epoll_linux.go (Epoll.slots)
		DescribeTable("allocates for the interest list, not maxevents, keeping none of it",
			func(maxevents int) {
				ep := support.NewEpoll()
				r, w := support.Pipe()
				support.Write(w, []byte("x"))
				Expect(ep.Register(r, pyselect.EPOLLIN)).To(Succeed())
				var m0, m1 runtime.MemStats
				runtime.ReadMemStats(&m0)
				evs, err := ep.Poll(0, maxevents)
				runtime.ReadMemStats(&m1)
				Expect(err).NotTo(HaveOccurred())
				Expect(evs).To(Equal([]pyselect.Event{{Fd: r, Events: pyselect.EPOLLIN}}))
				Expect(m1.TotalAlloc-m0.TotalAlloc).To(BeNumerically("<", 1<<20), "bytes allocated by poll(0, %d)", maxevents)
			},
			Entry("maxevents 2**20", 1<<20),
			Entry("maxevents 20000000", 20000000),
			Entry("maxevents EP_MAX_EVENTS", int(epMaxEventsConf())),
		)
	})

	When("more events are ready than FD_SETSIZE, registered through a dup", func() {
		// Source: epoll_wait(2) "Up to maxevents are returned"; proc(5)
		// /proc/pid/fdinfo "tfd" lines, one per entry of an epoll instance.
		// Python: Modules/selectmodule.c: select_epoll_poll_impl (one epoll_wait with
		// room for maxevents).
		It("returns every ready event up to maxevents", func() {
			epollNeedProc()
			const n = 1500
			var lim unix.Rlimit
			Expect(unix.Getrlimit(unix.RLIMIT_NOFILE, &lim)).To(Succeed())
			if lim.Cur < 2*n {
				Skip("RLIMIT_NOFILE is below 3000")
			}
			ep := support.NewEpoll()
			dup, err := unix.Dup(support.EpollFileno(ep))
			Expect(err).NotTo(HaveOccurred())
			other, err := pyselect.EpollFromFd(dup)
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(other.Close)
			for _, fd := range support.Eventfds(n) {
				Expect(other.Register(fd, pyselect.EPOLLOUT)).To(Succeed())
			}
			Expect(ep.Poll(0, 2*n)).To(HaveLen(n))
			Expect(ep.Poll(0, n-1)).To(HaveLen(n - 1))
		})
	})
})

// epMaxEventsConf is the kernel's EP_MAX_EVENTS: INT_MAX / sizeof(struct
// epoll_event) (fs/eventpoll.c), 12 bytes on amd64 and 16 on most others.
func epMaxEventsConf() int64 {
	return (1<<31 - 1) / int64(unsafe.Sizeof(unix.EpollEvent{}))
}
