// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"fmt"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// stormTolerance is how far past its timeout a call under the signal
// storm may return: the kernel's timer slack (50 µs), the millisecond
// rounding of poll(2) and epoll_wait(2), and the scheduling of a 2-core
// machine running the race detector; under -short (qemu-user, which
// emulates every signal delivery) five times that.
func stormTolerance() time.Duration {
	if testing.Short() {
		return 500 * time.Millisecond
	}
	return 100 * time.Millisecond
}

// A stormWaiter is a call that must sleep for its whole timeout, since
// nothing it watches becomes ready.
type stormWaiter struct {
	name string
	call func(timeout time.Duration) (n int, err error)
}

// lockedThread is support.OnLockedThread (other specs of this package
// call it by this name).
func lockedThread(f func()) (tid int, done <-chan struct{}) { return support.OnLockedThread(f) }

// Source: PEP 475 and SEMANTICS.md#eintr: select, poll.poll
// and epoll.poll retry EINTR with the time left and return the empty
// result once the deadline has passed; they never raise
// InterruptedError. signal(7): select(2), poll(2) and epoll_wait(2) are
// never restarted after a handler, whatever SA_RESTART says.
var _ = describe("select.select", "EINTR, a signal storm", Label("reliability", "os:linux", "api:select", "api:poll", "api:epoll"), func() {
	It("never makes Select, Poll.Poll or Epoll.Poll return EINTR, an early empty result, or a result far past the timeout", SpecTimeout(60*time.Second), func(ctx SpecContext) {
		sigs := make(chan os.Signal, 1)
		// Caught and dropped: the call sees EINTR. (SIGUSR1 is Ginkgo's
		// progress-report signal.)
		signal.Notify(sigs, syscall.SIGUSR2)
		DeferCleanup(signal.Stop, sigs)

		r, _ := support.Pipe() // never written: never ready
		p := pyselect.NewPoll()
		Expect(p.Register(r, pyselect.POLLIN)).To(Succeed())
		ep := support.NewEpoll()
		Expect(ep.Register(r, pyselect.EPOLLIN)).To(Succeed())
		waiters := []stormWaiter{
			{"Select", func(d time.Duration) (int, error) {
				rr, ww, xx, err := pyselect.Select([]int{r}, nil, []int{r}, d.Seconds())
				return len(rr) + len(ww) + len(xx), err
			}},
			{"Poll.Poll", func(d time.Duration) (int, error) {
				evs, err := p.Poll(d.Milliseconds())
				return len(evs), err
			}},
			{"Epoll.Poll", func(d time.Duration) (int, error) {
				evs, err := ep.Poll(d.Seconds(), -1)
				return len(evs), err
			}},
			{"Epoll.Wait", func(d time.Duration) (int, error) {
				return ep.Wait(make([]unix.EpollEvent, 4), d)
			}},
		}

		timeout, rounds := 30*time.Millisecond, 20
		if testing.Short() {
			rounds = 5
		}
		var mu sync.Mutex
		worst := map[string]time.Duration{}
		var failures []string
		var tids []int
		var dones []<-chan struct{}
		for _, w := range waiters {
			tid, done := support.OnLockedThread(func() {
				for range rounds {
					start := time.Now()
					n, err := w.call(timeout)
					took := time.Since(start)
					mu.Lock()
					switch {
					case err != nil:
						failures = append(failures, fmt.Sprintf("%s: %v", w.name, err))
					case n != 0:
						failures = append(failures, fmt.Sprintf("%s: %d results for an fd never ready", w.name, n))
					case took < timeout:
						failures = append(failures, fmt.Sprintf("%s: empty result after %v, before its %v timeout", w.name, took, timeout))
					}
					worst[w.name] = max(worst[w.name], took-timeout)
					mu.Unlock()
				}
			})
			tids = append(tids, tid)
			dones = append(dones, done)
		}

		// A control on its own thread: a bare epoll_wait(2) under the same
		// storm, to show the storm does interrupt blocked calls.
		ctlEp, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(unix.Close, ctlEp)
		var eintrs atomic.Int64
		stopCtl := make(chan struct{})
		ctlTid, ctlDone := support.OnLockedThread(func() {
			evs := make([]unix.EpollEvent, 1)
			for {
				select {
				case <-stopCtl:
					return
				default:
				}
				if _, err := unix.EpollWait(ctlEp, evs, 10); err == unix.EINTR {
					eintrs.Add(1)
				}
			}
		})
		tids = append(tids, ctlTid)

		// The storm: tgkill(2) each blocked thread in turn, pausing for
		// 100 µs (in practice more) every 8 rounds so as not to take a
		// whole CPU from the waiters, until every waiter is done.
		pid := unix.Getpid()
		sent := 0
		start := time.Now()
		allDone := func() bool {
			for _, d := range dones {
				select {
				case <-d:
				default:
					return false
				}
			}
			return true
		}
		// The storm stops with the spec: a waiter that never returns
		// fails it at its SpecTimeout instead of leaving the signals on.
		for round := 1; !allDone() && ctx.Err() == nil; round++ {
			for _, tid := range tids {
				if unix.Tgkill(pid, tid, unix.SIGUSR2) == nil {
					sent++
				}
			}
			if round%8 == 0 {
				time.Sleep(100 * time.Microsecond)
			}
		}
		elapsed := time.Since(start)
		close(stopCtl)
		Eventually(ctlDone).WithContext(ctx).Should(BeClosed(), "the control thread's epoll_wait loop to stop")
		Expect(ctx.Err()).NotTo(HaveOccurred(), "a waiter was still in its call when the spec's time ran out")

		rate := float64(sent) / elapsed.Seconds()
		minRate := 10000.0
		if testing.Short() {
			minRate = 1000 // qemu-user emulates each signal
		}
		AddReportEntry("signal storm", fmt.Sprintf("%d signals in %v (%.0f Hz); worst overrun past a %v timeout: %v; control epoll_wait saw %d EINTR",
			sent, elapsed.Round(time.Millisecond), rate, timeout, worst, eintrs.Load()))
		GinkgoWriter.Printf("storm: %d signals, %.0f Hz, worst overrun %v, control EINTRs %d\n", sent, rate, worst, eintrs.Load())
		Expect(failures).To(BeEmpty())
		Expect(rate).To(BeNumerically(">=", minRate), "signals per second")
		Expect(eintrs.Load()).To(BeNumerically(">", 0), "the storm interrupted no blocked epoll_wait: it tests nothing")
		for name, over := range worst {
			Expect(over).To(BeNumerically("<=", stormTolerance()), name+": worst overrun")
		}
	})
})

// Source: PEP 475 / SEMANTICS.md#eintr (With timeout=None, the call retries
// forever) and returns the ready fds once there are some.
var _ = describe("select.select", "EINTR, a signal storm", Label("reliability", "os:linux", "api:select", "api:poll", "api:epoll"), func() {
	It("lets calls with no timeout sleep through the storm and return the fd that becomes ready", SpecTimeout(60*time.Second), func(ctx SpecContext) {
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, syscall.SIGUSR2)
		DeferCleanup(signal.Stop, sigs)

		type result struct {
			name string
			n    int
			err  error
		}
		results := make(chan result, 3)
		rs, ws := make([]int, 3), make([]int, 3)
		for i := range rs {
			rs[i], ws[i] = support.Pipe()
		}
		p := pyselect.NewPoll()
		Expect(p.Register(rs[1], pyselect.POLLIN)).To(Succeed())
		ep := support.NewEpoll()
		Expect(ep.Register(rs[2], pyselect.EPOLLIN)).To(Succeed())
		var tids []int
		for _, f := range []func() result{
			func() result {
				r, _, _, err := pyselect.Select([]int{rs[0]}, nil, nil, nil)
				return result{"Select", len(r), err}
			},
			func() result { evs, err := p.Poll(nil); return result{"Poll.Poll", len(evs), err} },
			func() result { evs, err := ep.Poll(nil, -1); return result{"Epoll.Poll", len(evs), err} },
		} {
			tid, _ := support.OnLockedThread(func() { results <- f() })
			tids = append(tids, tid)
		}
		pid := unix.Getpid()
		sent := 0
		for end := time.Now().Add(200 * time.Millisecond); time.Now().Before(end); {
			for _, tid := range tids {
				if unix.Tgkill(pid, tid, unix.SIGUSR2) == nil {
					sent++
				}
			}
		}
		Expect(results).NotTo(Receive(), "a call with no timeout returned during the storm")
		for _, w := range ws {
			support.Write(w, []byte("x"))
		}
		for range 3 {
			var res result
			Eventually(results).WithTimeout(10 * time.Second).Should(Receive(&res))
			Expect(res.err).NotTo(HaveOccurred(), res.name)
			Expect(res.n).To(Equal(1), res.name)
		}
		Expect(sent).To(BeNumerically(">", 100))
	})
})
