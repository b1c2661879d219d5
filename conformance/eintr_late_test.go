// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux || freebsd || netbsd || dragonfly

package conformance_test

import (
	"os"
	"os/signal"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
)

// One signal late in a long wait: the retry must wait only the time left.
// A retry with the whole timeout again returns about lateAt after the
// deadline; a storm of signals in a short wait (eintr_unix_test.go) cannot
// tell the two apart, since its slack is larger than its timeout.
//
// lateSlack is how late after the deadline the call may return. Measured
// on linux/amd64, 2 CPUs at a load average of 22-33: the worst overrun of
// 20 runs of each Linux API was 5.9 ms, of 12 under -race 27.7 ms (see
// conformance/RELIABILITY.md). 200 ms is seven times that and a fifth of the
// timeout, far below the 900 ms a retry with the whole timeout overruns by.
const (
	lateTimeout = time.Second
	lateAt      = 900 * time.Millisecond // when the one signal is sent
	lateSlack   = 200 * time.Millisecond
)

func init() {
	for _, api := range append(eintrAPIs, lateAPIs...) {
		var labels Labels
		name, topic := api.api, "EINTR, late"
		if api.api == "Epoll.Wait" { // the Go form of select.epoll.poll
			name, topic = "select.epoll.poll", "Epoll.Wait, "+topic
			labels = Label("go-form")
		}
		describe(name, topic, Label("signals", "reliability", "slow"), api.labels, labels, func() {
			When("a signal comes 0.9 s into a 1 s wait", func() {
				// Source: PEP 475 "the system call is retried with a
				// recomputed timeout"; https://docs.python.org/3/library/select.html#select.select
				// "Changed in version 3.5: The function is now retried with a
				// recomputed timeout when interrupted by a signal";
				// signal(7) (select, poll, epoll_wait and kevent always fail
				// with EINTR when a handler runs).
				It("returns empty at the deadline (±200 ms), not a timeout later", func(ctx SpecContext) {
					sigs := make(chan os.Signal, 1)
					signal.Notify(sigs, unix.SIGUSR2)
					DeferCleanup(signal.Stop, sigs)
					r, _ := support.Pipe()
					started := make(chan time.Time, 1)
					var o eintrOutcome
					tid, done := support.OnLockedThread(func() {
						started <- time.Now()
						o = eintrMeasure(api, r, lateTimeout)
					})
					t0 := <-started
					<-time.After(time.Until(t0.Add(lateAt)))
					Expect(support.Tgkill(tid, unix.SIGUSR2)()).To(Succeed())
					Eventually(done).WithTimeout(5 * time.Second).Should(BeClosed())
					Eventually(sigs).Should(Receive(), "the signal was delivered")
					Expect(o.err).NotTo(HaveOccurred(), "EINTR must not escape (PEP 475)")
					Expect(o.ready).To(BeEmpty())
					Expect(o.elapsed).To(BeNumerically(">=", lateTimeout), "an interrupted wait must not end early")
					Expect(o.elapsed).To(BeNumerically("<", lateTimeout+lateSlack), "the retry must wait only the time left")
					AddReportEntry("overrun", o.elapsed-lateTimeout)
				}, SpecTimeout(10*time.Second))
			})
		})
	}
}
