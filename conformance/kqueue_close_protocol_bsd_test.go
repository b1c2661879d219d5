// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package conformance_test

import (
	"io"
	"runtime"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

const kqueueClosedMsg = "I/O operation on closed kqueue object"

// A kqControlResult is what a Control call returned.
type kqControlResult struct {
	events []pyselect.Kevent
	err    error
}

// kqControlAsync runs kq.Control(nil, maxevents, timeout) in a goroutine.
func kqControlAsync(kq *pyselect.Kqueue, maxevents int, timeout any) <-chan kqControlResult {
	ch := make(chan kqControlResult, 1)
	go func() {
		evs, err := kq.Control(nil, maxevents, timeout)
		ch <- kqControlResult{evs, err}
	}()
	return ch
}

// kqWaitsForClose is a goroutine blocked in kq.Control(None, 1, None): its
// channel receives the error Close wakes it with.
func kqWaitsForClose(kq *pyselect.Kqueue) <-chan error {
	ch := make(chan error, 1)
	go func() { _, err := kq.Control(nil, 1, nil); ch <- err }()
	Consistently(ch).WithTimeout(50 * time.Millisecond).ShouldNot(Receive())
	return ch
}

var _ = describe("select.kqueue.close", "the close protocol", kqLabels, Label("reliability"), func() {
	// Python: Modules/selectmodule.c: kqueue_queue_internal_close (close(2) only).
	// Go's runtime/netpoll_kqueue_event.go registers its EVFILT_USER wake-up once.
	itWakesAtRlimit(kqueueClosedMsg, func() (io.Closer, <-chan error) {
		kq, err := pyselect.NewKqueue()
		Expect(err).NotTo(HaveOccurred())
		return kq, kqWaitsForClose(kq)
	})

	When("a second object holds a dup", func() {
		// Source: kqueue(2) (the queue is reached through the descriptor table, so a
		// dup(2) of its descriptor is the same queue); FreeBSD kern_event.c:
		// kqueue_register (an EVFILT_USER filter of ident 0 is one per queue).
		// Python: Modules/selectmodule.c: kqueue_queue_internal_close.
		// Design: sys/pyselect/pollfd.go (pollFD: waking)
		It("sees no event when the first is closed while one of its calls waits", func(ctx SpecContext) {
			for round := range 5 {
				kq, err := pyselect.NewKqueue()
				Expect(err).NotTo(HaveOccurred())
				fd, _ := kq.Fileno()
				dup, err := unix.Dup(fd)
				Expect(err).NotTo(HaveOccurred())
				kq2, err := pyselect.KqueueFromFd(dup)
				Expect(err).NotTo(HaveOccurred())
				DeferCleanup(kq2.Close)
				other := kqControlAsync(kq2, 4, 0.2)
				waiter := kqWaitsForClose(kq)
				Expect(kq.Close()).To(Succeed())
				Eventually(waiter).WithTimeout(5*time.Second).Should(Receive(support.Raise(builtins.ValueError, kqueueClosedMsg)), "round %d", round)
				Eventually(other).WithTimeout(5*time.Second).Should(Receive(Equal(kqControlResult{events: []pyselect.Kevent{}})), "round %d", round)
			}
		}, SpecTimeout(30*time.Second))
	})

	When("another kqueue watches the queue", func() {
		// Source: kqueue(2) EVFILT_READ on a kqueue descriptor: it is readable while
		// events are pending; nothing Close does is an event.
		// Python: Modules/selectmodule.c: kqueue_queue_internal_close.
		// Design: sys/pyselect/pollfd.go (pollFD: waking)
		It("does not see it readable when it is closed while one of its calls waits", func(ctx SpecContext) {
			kq, err := pyselect.NewKqueue()
			Expect(err).NotTo(HaveOccurred())
			fd, _ := kq.Fileno()
			outer := newKq()
			Expect(outer.Control([]pyselect.Kevent{kev(fd)}, 0, 0)).To(BeEmpty())
			watching := kqControlAsync(outer, 4, 0.3)
			waiter := kqWaitsForClose(kq)
			Expect(kq.Close()).To(Succeed())
			Eventually(waiter).WithTimeout(5 * time.Second).Should(Receive(support.Raise(builtins.ValueError, kqueueClosedMsg)))
			Eventually(watching).WithTimeout(5 * time.Second).Should(Receive(Equal(kqControlResult{events: []pyselect.Kevent{}})))
		}, SpecTimeout(30*time.Second))
	})

	When("the user nests kqueues three deep, innermost first", func() {
		// Source: xnu bsd/kern/kern_event.c: kqueue_kqfilter (a kqueue whose nesting
		// level is set and below the child's refuses it with EINVAL); FreeBSD, NetBSD,
		// OpenBSD and DragonFly sys/kern/kern_event.c keep no levels.
		// Python: Modules/selectmodule.c: kqueue_queue_control (one kevent(2); the
		// object adds nothing to the kernel's nesting).
		// Design: sys/pyselect/wake_signal_darwin.go
		It("adds the middle one to the outer one, as CPython's kqueues do", func() {
			z, x, y := newKq(), newKq(), newKq()
			zfd, _ := z.Fileno()
			xfd, _ := x.Fileno()
			Expect(x.Control([]pyselect.Kevent{kev(zfd)}, 0, 0)).To(BeEmpty(), "Z added to X")
			Expect(y.Control([]pyselect.Kevent{kev(xfd)}, 0, 0)).To(BeEmpty(), "X added to Y")
		})
	})

	// Python: Modules/selectmodule.c: kqueue_queue_dealloc closes the fd.
	itClosesWhenCollected("Kqueues", func() (io.Closer, error) { return pyselect.NewKqueue() })
})

var _ = describe("select.kqueue.control", "memory", kqLabels, Label("reliability", "memory"), func() {
	When("maxevents is far larger than the queue", Serial, func() {
		// Source: kqueue(2) "nevents ... the size of eventlist"; Python:
		// Modules/selectmodule.c: select_kqueue_control_impl allocates nevents
		// kevents first (MemoryError when it cannot).
		// Differences: sys/pyselect/kqueue_bsd.go (Kqueue.Control: at most 65536 event slots)
		It("allocates a bounded array, whatever maxevents is", func() {
			kq := newKq()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			Expect(kq.Control(nil, 1<<31-1, 0)).To(BeEmpty())
			runtime.ReadMemStats(&m1)
			Expect(m1.TotalAlloc-m0.TotalAlloc).To(BeNumerically("<", 8<<20), "bytes allocated by control(None, 2**31-1, 0)")
		})
	})
})
