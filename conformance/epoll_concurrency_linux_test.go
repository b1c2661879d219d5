// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"os"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

const epollClosedMsg = "I/O operation on closed epoll object"

// epollWaitAsync runs ep.Wait into a fresh buffer in a goroutine.
func epollWaitAsync(ep *pyselect.Epoll, timeout time.Duration) <-chan error {
	ch := make(chan error, 1)
	go func() {
		_, err := ep.Wait(make([]unix.EpollEvent, 8), timeout)
		ch <- err
	}()
	return ch
}

var _ = describe("select.epoll", "goroutines", Label("api:epoll", "os:linux"), func() {
	// Source: epoll_wait(2) NOTES "While one thread is blocked in a call to
	// epoll_wait(), it is possible for another thread to add a file descriptor to
	// the waited-upon epoll instance. If the new file descriptor becomes ready, it
	// will cause the epoll_wait() call to unblock"; sys/pyselect/doc.go "Objects may be shared between
	// goroutines".
	It("wakes a blocked poll when another goroutine registers a ready fd", func(ctx SpecContext) {
		r, w := support.OncePipe()
		support.Write(w.Fd, []byte("x"))
		ep := support.NewEpoll()
		ch := epollPollAsync(ep, 10.0, -1)
		Consistently(ch).WithTimeout(100*time.Millisecond).ShouldNot(Receive(), "nothing registered: still blocked")
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
		var res epollPollResult
		Eventually(ch).WithTimeout(5 * time.Second).Should(Receive(&res))
		Expect(res.err).NotTo(HaveOccurred())
		Expect(res.events).To(Equal([]pyselect.Event{{Fd: r.Fd, Events: pyselect.EPOLLIN}}))
	}, SpecTimeout(20*time.Second))

	// Source: epoll_ctl(2) EPOLL_CTL_MOD "Change the settings associated with fd in
	// the interest list"; epoll(7) Q&A "Modify will reread available I/O": the
	// change reaches a wait already in progress.
	It("wakes a blocked poll when another goroutine modifies a mask to one that is ready", func(ctx SpecContext) {
		r, w := support.OncePipe()
		support.Write(w.Fd, []byte("x"))
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, 0)).To(Succeed())
		ch := epollPollAsync(ep, 10.0, -1)
		Consistently(ch).WithTimeout(100*time.Millisecond).ShouldNot(Receive(), "mask 0: still blocked")
		Expect(ep.Modify(r.Fd, pyselect.EPOLLIN)).To(Succeed())
		var res epollPollResult
		Eventually(ch).WithTimeout(5 * time.Second).Should(Receive(&res))
		Expect(res.err).NotTo(HaveOccurred())
		Expect(res.events).To(Equal([]pyselect.Event{{Fd: r.Fd, Events: pyselect.EPOLLIN}}))
	}, SpecTimeout(20*time.Second))

	// Source: epoll_wait(2) NOTES "(or whose interest list becomes empty because
	// file descriptors are closed or removed from the interest list in another
	// thread). The call will block"; epoll_ctl(2) EPOLL_CTL_DEL.
	It("does not report an fd that another goroutine unregistered during the wait", func(ctx SpecContext) {
		r, w := support.OncePipe()
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
		ch := epollPollAsync(ep, 0.3, -1)
		Consistently(ch).WithTimeout(50 * time.Millisecond).ShouldNot(Receive())
		Expect(ep.Unregister(r.Fd)).To(Succeed())
		support.Write(w.Fd, []byte("x"))
		var res epollPollResult
		Eventually(ch).WithTimeout(0.3e9 + epollSlack).Should(Receive(&res))
		Expect(res.err).NotTo(HaveOccurred())
		Expect(res.events).To(BeEmpty(), "the wait ran to its timeout without the unregistered fd")
	}, SpecTimeout(20*time.Second))

	// Source: epoll(7) "If multiple threads ... are blocked in epoll_wait(2)
	// waiting on the same epoll file descriptor and a file descriptor in the
	// interest list that is marked for edge-triggered (EPOLLET) notification
	// becomes ready, just one of the threads (or processes) is awoken". CPython's
	// epoll has no "concurrent poll()" check (SEMANTICS.md#epoll; only poll objects
	// raise RuntimeError), so two goroutines may wait at once.
	It("lets two goroutines wait at once; one edge wakes just one of them", func(ctx SpecContext) {
		r, w := support.OncePipe()
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN|pyselect.EPOLLET)).To(Succeed())
		ch1, ch2 := epollPollAsync(ep, nil, -1), epollPollAsync(ep, nil, -1)
		Consistently(ch1).WithTimeout(100 * time.Millisecond).ShouldNot(Receive())
		Consistently(ch2).WithTimeout(10 * time.Millisecond).ShouldNot(Receive())
		support.Write(w.Fd, []byte("x"))
		var first epollPollResult
		var other <-chan epollPollResult
		Eventually(func() bool {
			select {
			case first = <-ch1:
				other = ch2
			case first = <-ch2:
				other = ch1
			default:
				return false
			}
			return true
		}).WithTimeout(5 * time.Second).Should(BeTrue())
		Expect(first.err).NotTo(HaveOccurred())
		Expect(first.events).To(Equal([]pyselect.Event{{Fd: r.Fd, Events: pyselect.EPOLLIN}}))
		Consistently(other).WithTimeout(200*time.Millisecond).ShouldNot(Receive(), "the other waiter is not woken by the same edge")
		Expect(ep.Close()).To(Succeed())
		var last epollPollResult
		Eventually(other).WithTimeout(5 * time.Second).Should(Receive(&last))
		Expect(last.err).To(support.Raise(builtins.ValueError, epollClosedMsg))
	}, SpecTimeout(20*time.Second))
})

var _ = describe("select.epoll.close", "while another goroutine waits", Label("api:epoll", "os:linux"), func() {
	// Source: SEMANTICS.md#close-protocol (a call blocked in Poll or Wait is woken
	// and returns ValueError 'I/O operation on closed epoll object');
	// SEMANTICS.md#errors-closed for the message. Python's
	// own behaviour here is undefined (it closes the fd under the waiting thread);
	// this is the port's documented rule.
	DescribeTable("wakes the blocked call, which returns ValueError promptly; Close does not wait",
		func(ctx SpecContext, start func(ep *pyselect.Epoll) <-chan error) {
			ep := support.NewEpoll()
			ch := start(ep)
			Consistently(ch).WithTimeout(100*time.Millisecond).ShouldNot(Receive(), "blocked before Close")
			closed := make(chan error, 1)
			go func() { closed <- ep.Close() }()
			Eventually(closed).WithTimeout(2*time.Second).Should(Receive(BeNil()), "Close returns without waiting for the call")
			Expect(ep.Closed()).To(BeTrue(), "closed at once")
			_, err := ep.Fileno()
			Expect(err).To(support.Raise(builtins.ValueError, epollClosedMsg), "fileno() fails at once")
			Eventually(ch).WithTimeout(2 * time.Second).Should(Receive(support.Raise(builtins.ValueError, epollClosedMsg)))
		},
		Entry("poll(None)", SpecTimeout(20*time.Second), func(ep *pyselect.Epoll) <-chan error {
			ch := make(chan error, 1)
			go func() { _, err := ep.Poll(nil, -1); ch <- err }()
			return ch
		}),
		Entry("poll(30.0, 4)", SpecTimeout(20*time.Second), func(ep *pyselect.Epoll) <-chan error {
			ch := make(chan error, 1)
			go func() { _, err := ep.Poll(30.0, 4); ch <- err }()
			return ch
		}),
		Entry("Wait(buf, -1)", SpecTimeout(20*time.Second), func(ep *pyselect.Epoll) <-chan error {
			return epollWaitAsync(ep, -1)
		}),
		Entry("Wait(buf, 30s)", SpecTimeout(20*time.Second), func(ep *pyselect.Epoll) <-chan error {
			return epollWaitAsync(ep, 30*time.Second)
		}),
	)

	// Source: as above; epoll(7) "If multiple threads ... are blocked in
	// epoll_wait(2)": every one of them must be released by one Close.
	It("wakes every goroutine blocked in the object", func(ctx SpecContext) {
		ep := support.NewEpoll()
		r, _ := support.OncePipe()
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
		var chans []<-chan error
		for i := range 6 {
			if i%2 == 0 {
				chans = append(chans, epollWaitAsync(ep, -1))
				continue
			}
			ch := make(chan error, 1)
			go func() { _, err := ep.Poll(nil, -1); ch <- err }()
			chans = append(chans, ch)
		}
		for _, ch := range chans {
			Consistently(ch).WithTimeout(20 * time.Millisecond).ShouldNot(Receive())
		}
		Expect(ep.Close()).To(Succeed())
		for i, ch := range chans {
			Eventually(ch).WithTimeout(5*time.Second).Should(Receive(support.Raise(builtins.ValueError, epollClosedMsg)), "waiter %d", i)
		}
	}, SpecTimeout(30*time.Second))

	// Source: SEMANTICS.md#close-protocol (the fd is not closed, so its number cannot
	// be reused, until that call returns); Go's internal/poll fdMutex gives os.File
	// the same guarantee. New descriptors are opened right after Close, while the
	// woken call may still be on its way out: if the number were reused under it,
	// the call would poll a pipe and fail with EINVAL (or see its events) instead
	// of returning ValueError. Once the call has returned, the number is free.
	It("never lets the epoll number be reused under the woken call, and frees it after", func(ctx SpecContext) {
		epollNeedProc()
		for i := range 20 {
			ep := support.NewEpoll()
			epfd := support.EpollFileno(ep)
			ch := make(chan error, 1)
			go func() { _, err := ep.Poll(nil, -1); ch <- err }()
			Consistently(ch).WithTimeout(10 * time.Millisecond).ShouldNot(Receive())
			Expect(ep.Close()).To(Succeed())
			r, w := support.OncePipe() // takes the lowest free numbers, maybe epfd
			support.Write(w.Fd, []byte("x"))
			Eventually(ch).WithTimeout(5*time.Second).Should(Receive(support.Raise(builtins.ValueError, epollClosedMsg)), "round %d", i)
			if r.Fd != epfd && w.Fd != epfd {
				// The call held the number when the pipe was made; it is released now.
				Eventually(func() string {
					link, _ := os.Readlink("/proc/self/fd/" + strconv.Itoa(epfd))
					return link
				}).WithTimeout(2*time.Second).ShouldNot(Equal("anon_inode:[eventpoll]"), "round %d: epoll fd %d still open after the call returned", i, epfd)
			}
			r.Close()
			w.Close()
		}
	}, SpecTimeout(60*time.Second))

	// Source: SEMANTICS.md#close-protocol (Close is idempotent and never fails): closing
	// from several goroutines at once is one close.
	It("is safe to call from several goroutines at once", func(ctx SpecContext) {
		ep := support.NewEpoll()
		epfd := support.EpollFileno(ep)
		done := make(chan error, 8)
		for range 8 {
			go func() { done <- ep.Close() }()
		}
		for range 8 {
			Eventually(done).WithTimeout(2 * time.Second).Should(Receive(BeNil()))
		}
		Expect(ep.Closed()).To(BeTrue())
		_, err := unix.FcntlInt(uintptr(epfd), unix.F_GETFD, 0)
		Expect(err).To(Equal(unix.EBADF), "closed exactly once: nothing reopened the number in this spec")
	}, SpecTimeout(20*time.Second))
})
