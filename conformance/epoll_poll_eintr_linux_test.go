// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"os"
	"os/signal"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// epollSignalThread sends SIGUSR2 (caught and dropped through
// signal.Notify, so that Go neither dies nor restarts the call; SIGUSR1 is
// Ginkgo's progress-report signal) to thread tid every period until the
// returned stop is called, or the spec ends. stop returns how many signals
// were sent.
func epollSignalThread(tid int, period time.Duration) (stop func() int) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGUSR2)
	DeferCleanup(signal.Stop, sigs)
	pid := unix.Getpid()
	return support.Storm(period, func() error { return unix.Tgkill(pid, tid, unix.SIGUSR2) })
}

var _ = describe("select.epoll.poll", "EINTR", Label("api:epoll", "os:linux", "signals"), func() {
	// The control: the same signals make a bare epoll_wait(2) fail with EINTR,
	// so the specs below would see EINTR if the library did not retry.
	//
	// Source: signal(7) "The following interfaces are never restarted after being
	// interrupted by a signal handler, regardless of the use of SA_RESTART; they
	// always fail with the error EINTR ... epoll_wait(2)"; epoll_wait(2) ERRORS
	// "EINTR The call was interrupted by a signal handler".
	It("interrupts a bare epoll_wait(2) with EINTR (control)", func(ctx SpecContext) {
		epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
		Expect(err).NotTo(HaveOccurred())
		support.Own(epfd)
		errs := make(chan error, 1)
		tid, done := lockedThread(func() {
			var err error
			for range 100 { // until interrupted, at most 100 s
				if _, err = unix.EpollWait(epfd, make([]unix.EpollEvent, 1), 1000); err != nil {
					break
				}
			}
			errs <- err
		})
		stop := epollSignalThread(tid, 10*time.Millisecond)
		Eventually(errs).WithTimeout(5 * time.Second).Should(Receive(Equal(unix.EINTR)))
		Expect(stop()).To(BeNumerically(">", 0))
		Eventually(done).WithTimeout(time.Second).Should(BeClosed())
	}, SpecTimeout(20*time.Second))

	// Source: PEP 475 and SEMANTICS.md#eintr (the call is retried with the timeout
	// recomputed from a monotonic deadline ... If the deadline has passed, the call
	// returns the empty result without raising. Probed: SIGALRM at 0.2 s, timeout
	// 0.6 s -> empty result after 0.60 s for ... epoll); Python docs epoll.poll
	// "Changed in version 3.5: The function is now retried with a recomputed
	// timeout when interrupted by a signal".
	It("returns [] only when the timeout has passed, never EINTR or early, under signals (tolerance +1 s)",
		func(ctx SpecContext) {
			r, _ := support.OncePipe()
			ep := support.NewEpoll()
			Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
			var res epollPollResult
			var elapsed time.Duration
			tid, done := lockedThread(func() {
				start := time.Now()
				res.events, res.err = ep.Poll(0.3, -1)
				elapsed = time.Since(start)
			})
			stop := epollSignalThread(tid, 10*time.Millisecond)
			Eventually(done).WithTimeout(0.3e9 + epollSlack).Should(BeClosed())
			Expect(stop()).To(BeNumerically(">", 0), "signals were sent during the wait")
			Expect(res.err).NotTo(HaveOccurred())
			Expect(res.events).To(BeEmpty())
			Expect(elapsed).To(BeNumerically(">=", 300*time.Millisecond))
		}, SpecTimeout(20*time.Second))

	// Source: SEMANTICS.md#eintr (With timeout=None, the call retries forever. Probed: a
	// signal at 0.1 s, then data at 0.5 s -> returns ready at 0.50 s).
	It("keeps waiting through signals with timeout None until data arrives", func(ctx SpecContext) {
		r, w := support.OncePipe()
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
		ch := make(chan epollPollResult, 1)
		tid, _ := lockedThread(func() {
			evs, err := ep.Poll(nil, -1)
			ch <- epollPollResult{evs, err}
		})
		stop := epollSignalThread(tid, 10*time.Millisecond)
		Consistently(ch).WithTimeout(300*time.Millisecond).ShouldNot(Receive(), "returned during the signals, before any data")
		Expect(stop()).To(BeNumerically(">", 0))
		support.Write(w.Fd, []byte("x"))
		var res epollPollResult
		Eventually(ch).WithTimeout(5 * time.Second).Should(Receive(&res))
		Expect(res.err).NotTo(HaveOccurred())
		Expect(res.events).To(Equal([]pyselect.Event{{Fd: r.Fd, Events: pyselect.EPOLLIN}}))
	}, SpecTimeout(20*time.Second))

	// Source: SEMANTICS.md#eintr (retry with the time left): a retry still reports an fd
	// that becomes ready before the deadline.
	It("reports an fd that becomes ready during signals before the timeout", func(ctx SpecContext) {
		r, w := support.OncePipe()
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
		ch := make(chan epollPollResult, 1)
		tid, _ := lockedThread(func() {
			evs, err := ep.Poll(30.0, -1)
			ch <- epollPollResult{evs, err}
		})
		stop := epollSignalThread(tid, 10*time.Millisecond)
		Consistently(ch).WithTimeout(150 * time.Millisecond).ShouldNot(Receive())
		support.Write(w.Fd, []byte("x"))
		var res epollPollResult
		Eventually(ch).WithTimeout(5 * time.Second).Should(Receive(&res))
		Expect(stop()).To(BeNumerically(">", 0))
		Expect(res.err).NotTo(HaveOccurred())
		Expect(res.events).To(Equal([]pyselect.Event{{Fd: r.Fd, Events: pyselect.EPOLLIN}}))
	}, SpecTimeout(20*time.Second))
})

var _ = describe("select.epoll.poll", "Epoll.Wait, EINTR", Label("api:epoll", "os:linux", "signals", "go-form"), func() {
	// Source: SEMANTICS.md#epoll-wait (like Poll, it retries EINTR with the time
	// left and returns 0 once none is); PEP 475.
	It("returns 0 only once the timeout has passed, never EINTR or early (tolerance +1 s)",
		func(ctx SpecContext) {
			r, _ := support.OncePipe()
			ep := support.NewEpoll()
			Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
			var n int
			var err error
			var elapsed time.Duration
			tid, done := lockedThread(func() {
				start := time.Now()
				n, err = ep.Wait(make([]unix.EpollEvent, 4), 300*time.Millisecond)
				elapsed = time.Since(start)
			})
			stop := epollSignalThread(tid, 10*time.Millisecond)
			Eventually(done).WithTimeout(0.3e9 + epollSlack).Should(BeClosed())
			Expect(stop()).To(BeNumerically(">", 0))
			Expect(err).NotTo(HaveOccurred())
			Expect(n).To(BeZero())
			Expect(elapsed).To(BeNumerically(">=", 300*time.Millisecond))
		}, SpecTimeout(20*time.Second))

	// Source: SEMANTICS.md#epoll-wait (a negative timeout blocks); PEP 475 (retry forever without a
	// timeout).
	It("keeps waiting through signals with a negative timeout until data arrives", func(ctx SpecContext) {
		r, w := support.OncePipe()
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
		type result struct {
			n   int
			err error
		}
		ch := make(chan result, 1)
		tid, _ := lockedThread(func() {
			n, err := ep.Wait(make([]unix.EpollEvent, 4), -1)
			ch <- result{n, err}
		})
		stop := epollSignalThread(tid, 10*time.Millisecond)
		Consistently(ch).WithTimeout(300*time.Millisecond).ShouldNot(Receive(), "returned during the signals, before any data")
		Expect(stop()).To(BeNumerically(">", 0))
		support.Write(w.Fd, []byte("x"))
		Eventually(ch).WithTimeout(5 * time.Second).Should(Receive(Equal(result{1, nil})))
	}, SpecTimeout(20*time.Second))
})
