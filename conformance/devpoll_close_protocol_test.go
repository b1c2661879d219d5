// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build solaris

package conformance_test

import (
	"io"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// The close protocol (SEMANTICS.md#close-protocol) for a Devpoll, as
// epoll_close_protocol_linux_test.go and kqueue_close_protocol_bsd_test.go check it for
// an Epoll and a Kqueue. A Devpoll's waker is a pipe whose read end is
// registered in the /dev/poll when it is made; Close writes a byte into
// the pipe, whose wake-up reaches every DP_POLL waiting on the set (illumos
// uts/common/syscall/poll.c: pollnotify broadcasts pc_cv). Close never
// writes to the /dev/poll, which on Solaris 11.4 would wait for every
// DP_POLL in progress (OpenSolaris devpoll.c: dpwrite waits while
// dpe_refcnt != 0): these specs failed there by design before.

var _ = describe("select.devpoll.close", "the close protocol", dpLabels, Label("reliability"), func() {
	// Source: SEMANTICS.md#close-protocol (a call blocked in Poll is woken
	// and returns ValueError 'I/O operation on closed devpoll object');
	// SEMANTICS.md#errors-closed for the message. CPython closes the fd
	// under the waiting thread (devpoll_internal_close); this is the port's
	// documented rule. Design: sys/pyselect/pollfd.go (pollFD).
	DescribeTable("wakes the blocked call, which returns ValueError promptly; Close does not wait",
		func(ctx SpecContext, timeout any) {
			dp := newDp()
			r, _ := support.Pipe()
			Expect(dp.Register(r, pyselect.POLLIN)).To(Succeed())
			ch := dpPollAsync(dp, timeout)
			Consistently(ch).WithTimeout(100*time.Millisecond).ShouldNot(Receive(), "blocked before Close")
			closed := make(chan error, 1)
			go func() { closed <- dp.Close() }()
			Eventually(closed).WithTimeout(2*time.Second).Should(Receive(BeNil()), "Close returns without waiting for the call")
			Expect(dp.Closed()).To(BeTrue(), "closed at once")
			_, err := dp.Fileno()
			Expect(err).To(support.Raise(builtins.ValueError, devpollClosedMsg), "fileno() fails at once")
			var res dpPollResult
			Eventually(ch).WithTimeout(2 * time.Second).Should(Receive(&res))
			Expect(res.err).To(support.Raise(builtins.ValueError, devpollClosedMsg))
		},
		Entry("poll(None)", nil, SpecTimeout(20*time.Second)),
		Entry("poll(30000)", 30000, SpecTimeout(20*time.Second)),
	)

	// Source: as above; poll(4D) DP_POLL waits on the set, and an fd of the
	// set turning ready wakes every waiter (illumos poll.c: pollnotify).
	It("wakes every goroutine blocked in the object", func(ctx SpecContext) {
		dp := newDp()
		var chans []<-chan error
		for range 6 {
			chans = append(chans, dpWaitsForClose(dp))
		}
		Expect(dp.Close()).To(Succeed())
		for i, ch := range chans {
			Eventually(ch).WithTimeout(5*time.Second).Should(Receive(support.Raise(builtins.ValueError, devpollClosedMsg)), "waiter %d", i)
		}
	}, SpecTimeout(30*time.Second))

	// Python: Modules/selectmodule.c: devpoll_internal_close (close(2)
	// only). The waker's pipe is made and registered with the object; Close
	// only writes a byte into it (sys/pyselect/wake_pipe_solaris.go).
	itWakesAtRlimit(devpollClosedMsg, func() (io.Closer, <-chan error) {
		dp, err := pyselect.NewDevpoll()
		Expect(err).NotTo(HaveOccurred())
		return dp, dpWaitsForClose(dp)
	})

	// Source: SEMANTICS.md#close-protocol (the fd is not closed, so its
	// number cannot be reused, until that call returns); fstat(2): each
	// open of /dev/poll is a clone with its own st_rdev (illumos devpoll.c:
	// dpopen "clone the driver"). Pipes are opened right after Close, while
	// the woken call may still be on its way out: they must not get the
	// /dev/poll's number unless the call has let it go, and once the call
	// has returned the number no longer names that /dev/poll.
	It("never lets the /dev/poll number be reused under the woken call, and frees it after", func(ctx SpecContext) {
		for i := range 20 {
			dp, err := pyselect.NewDevpoll()
			Expect(err).NotTo(HaveOccurred())
			fd := dpFileno(dp)
			var st unix.Stat_t
			Expect(unix.Fstat(fd, &st)).To(Succeed())
			ch := dpWaitsForClose(dp)
			Expect(dp.Close()).To(Succeed())
			r, w := support.OncePipe() // the lowest free numbers, maybe fd
			Eventually(ch).WithTimeout(5*time.Second).Should(Receive(support.Raise(builtins.ValueError, devpollClosedMsg)), "round %d", i)
			if r.Fd != fd && w.Fd != fd {
				Eventually(func() bool {
					var now unix.Stat_t
					return unix.Fstat(fd, &now) != nil || now.Rdev != st.Rdev
				}).WithTimeout(2*time.Second).Should(BeTrue(), "round %d: /dev/poll fd %d still open after the call returned", i, fd)
			}
			r.Close()
			w.Close()
		}
	}, SpecTimeout(60*time.Second))

	// Source: SEMANTICS.md#close-protocol (Close is idempotent and never
	// fails): closing from several goroutines at once is one close.
	It("is safe to call from several goroutines at once", func(ctx SpecContext) {
		dp, err := pyselect.NewDevpoll()
		Expect(err).NotTo(HaveOccurred())
		fd := dpFileno(dp)
		done := make(chan error, 8)
		for range 8 {
			go func() { done <- dp.Close() }()
		}
		for range 8 {
			Eventually(done).WithTimeout(2 * time.Second).Should(Receive(BeNil()))
		}
		Expect(dp.Closed()).To(BeTrue())
		_, err = unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
		Expect(err).To(Equal(unix.EBADF), "closed exactly once: nothing reopened the number in this spec")
	}, SpecTimeout(20*time.Second))

	// Python: Modules/selectmodule.c: devpoll_dealloc closes the fd.
	itClosesWhenCollected("Devpolls", func() (io.Closer, error) { return pyselect.NewDevpoll() })
})

var _ = describe("pyselect.Devpoll (zero value and nil pointer)", "", dpLabels, Label("reliability"), func() {
	// Source: https://go.dev/ref/spec#The_zero_value; Python has no such
	// object, so it behaves as a closed one: test_devpoll.py::test_close.
	// Never descriptor 0.
	// Design: sys/pyselect/pollfd.go (the zero pollFD is closed)
	DescribeTable("is closed: every call is ValueError, close() succeeds, fd 0 is never touched",
		func(dp *pyselect.Devpoll) {
			for name, call := range map[string]func() error{
				"poll(0)":           func() error { _, err := dp.Poll(0); return err },
				"register(0)":       func() error { return dp.Register(0) },
				"modify(0, POLLIN)": func() error { return dp.Modify(0, pyselect.POLLIN) },
				"unregister(0)":     func() error { return dp.Unregister(0) },
			} {
				By(name)
				expectClosedObject(dp, devpollClosedMsg, call)
			}
		},
		Entry("var dp pyselect.Devpoll", new(pyselect.Devpoll)),
		Entry("(*pyselect.Devpoll)(nil)", (*pyselect.Devpoll)(nil)),
	)
})
