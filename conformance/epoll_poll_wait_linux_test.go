// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// The Go-shaped Epoll.Wait: epoll_wait(2) into the caller's array. It has no
// Python counterpart; its rules are SEMANTICS.md#epoll-wait and the man
// page's.
var _ = describe("select.epoll.poll", "Epoll.Wait", Label("api:epoll", "os:linux", "go-form"), func() {
	// Source: epoll_wait(2) "The buffer pointed to by events is used to return
	// information from the ready list ... returns the number of file descriptors
	// ready"; "The data field of each returned epoll_event structure contains the
	// same data as was specified in the most recent call to epoll_ctl(2)".
	It("fills the caller's slice with the ready events and returns their count", func() {
		r, w := support.OncePipe()
		a, _ := support.OnceSocketPair(unix.SOCK_STREAM)
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
		Expect(ep.Register(a.Fd, pyselect.EPOLLOUT)).To(Succeed())
		support.Write(w.Fd, []byte("x"))
		buf := make([]unix.EpollEvent, 8)
		n, err := ep.Wait(buf, 0)
		Expect(err).NotTo(HaveOccurred())
		Expect(n).To(Equal(2))
		got := map[int32]uint32{}
		for _, ev := range buf[:n] {
			got[ev.Fd] = ev.Events
		}
		Expect(got).To(Equal(map[int32]uint32{int32(r.Fd): uint32(pyselect.EPOLLIN), int32(a.Fd): uint32(pyselect.EPOLLOUT)}))
		Expect(buf[n:]).To(HaveEach(unix.EpollEvent{}), "entries past the count are untouched")
	})

	// Source: SEMANTICS.md#epoll-wait (Wait allocates nothing); the Epoll.Wait doc.
	It("allocates nothing per call, with and without events", func() {
		r, w := support.OncePipe()
		ep := support.NewEpoll()
		buf := make([]unix.EpollEvent, 4)
		var n int
		var err error
		Expect(testing.AllocsPerRun(100, func() { n, err = ep.Wait(buf, 0) })).To(BeZero())
		Expect(err).NotTo(HaveOccurred())
		Expect(n).To(BeZero())
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
		support.Write(w.Fd, []byte("x"))
		Expect(testing.AllocsPerRun(100, func() { n, err = ep.Wait(buf, time.Second) })).To(BeZero())
		Expect(err).NotTo(HaveOccurred())
		Expect(n).To(Equal(1))
	})

	// Source: epoll_wait(2) "Up to maxevents are returned" (maxevents is len(events)
	// here) and NOTES "successive epoll_wait() calls will round robin through the
	// set of ready file descriptors".
	It("returns at most len(events), going round the ready fds", func() {
		ep := support.NewEpoll()
		fds := support.Eventfds(3)
		for _, fd := range fds {
			Expect(ep.Register(fd, pyselect.EPOLLOUT)).To(Succeed())
		}
		buf := make([]unix.EpollEvent, 2)
		n, err := ep.Wait(buf, 0)
		Expect(err).NotTo(HaveOccurred())
		Expect(n).To(Equal(2))
		seen := map[int32]bool{buf[0].Fd: true, buf[1].Fd: true}
		n, err = ep.Wait(buf[:1], 0)
		Expect(err).NotTo(HaveOccurred())
		Expect(n).To(Equal(1))
		seen[buf[0].Fd] = true
		Expect(seen).To(HaveLen(3), "the third fd comes next")
	})

	// Source: epoll_wait(2) ERRORS "EINVAL ... maxevents is less than or equal to
	// zero"; SEMANTICS.md#epoll-wait (an empty events is OSError EINVAL, as from the kernel).
	It("raises OSError EINVAL for an empty slice", func() {
		ep := support.NewEpoll()
		for _, buf := range [][]unix.EpollEvent{nil, {}} {
			n, err := ep.Wait(buf, 0)
			Expect(n).To(BeZero())
			Expect(err).To(support.RaiseErrno(builtins.OSError, unix.EINVAL))
			Expect(err.Error()).To(Equal("OSError: [Errno 22] Invalid argument"))
		}
	})

	// Source: SEMANTICS.md#epoll-wait and SEMANTICS.md#errors-closed: operations on a
	// closed Epoll give ValueError "I/O operation on closed epoll object".
	It("raises ValueError on a closed object", func() {
		ep := support.NewEpoll()
		Expect(ep.Close()).To(Succeed())
		n, err := ep.Wait(make([]unix.EpollEvent, 1), 0)
		Expect(n).To(BeZero())
		Expect(err).To(support.Raise(builtins.ValueError, epollClosedMsg))
	})

	// Source: epoll_wait(2) "specifying a timeout equal to zero cause epoll_wait()
	// to return immediately, even if no events are available"; "the timeout
	// interval will be rounded up to the system clock granularity" (the Duration
	// is rounded up to whole milliseconds, never down to a non-blocking 0).
	DescribeTable("waits at most the timeout, then returns 0 (tolerance +1 s)",
		func(ctx SpecContext, timeout, atLeast time.Duration) {
			r, _ := support.OncePipe()
			ep := support.NewEpoll()
			Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
			start := time.Now()
			n, err := ep.Wait(make([]unix.EpollEvent, 4), timeout)
			elapsed := time.Since(start)
			Expect(err).NotTo(HaveOccurred())
			Expect(n).To(BeZero())
			Expect(elapsed).To(BeNumerically(">=", atLeast))
			Expect(elapsed).To(BeNumerically("<", atLeast+epollSlack))
		},
		Entry("0: at once", SpecTimeout(10*time.Second), time.Duration(0), time.Duration(0)),
		Entry("1ns: rounded up to 1 ms, not to 0", SpecTimeout(10*time.Second), time.Nanosecond, time.Nanosecond),
		Entry("150ms", SpecTimeout(10*time.Second), 150*time.Millisecond, 150*time.Millisecond),
	)

	// Source: SEMANTICS.md#epoll-wait (a negative timeout blocks); epoll_wait(2) "Specifying a timeout of
	// -1 causes epoll_wait() to block indefinitely".
	It("blocks for a negative timeout until an fd is ready", func(ctx SpecContext) {
		r, w := support.OncePipe()
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
		type result struct {
			n   int
			err error
		}
		ch := make(chan result, 1)
		buf := make([]unix.EpollEvent, 4)
		go func() { n, err := ep.Wait(buf, -time.Nanosecond); ch <- result{n, err} }()
		Consistently(ch).WithTimeout(200 * time.Millisecond).ShouldNot(Receive())
		support.Write(w.Fd, []byte("x"))
		var res result
		Eventually(ch).WithTimeout(5 * time.Second).Should(Receive(&res))
		Expect(res.err).NotTo(HaveOccurred())
		Expect(res.n).To(Equal(1))
		Expect(buf[0].Fd).To(Equal(int32(r.Fd)))
		Expect(buf[0].Events).To(Equal(uint32(pyselect.EPOLLIN)))
	}, SpecTimeout(15*time.Second))
})
