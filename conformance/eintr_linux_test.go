// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
)

// EINTR on Linux, aimed: the waiting goroutine is locked to its OS thread
// and tgkill(2) sends the signal to exactly that thread, so every signal
// interrupts the system call under test. Each spec first shows the storm
// works: a raw poll(2) on that thread fails with EINTR.
func init() {
	for _, api := range eintrAPIs {
		for _, sig := range []unix.Signal{unix.SIGUSR2, unix.SIGURG} {
			name := unix.SignalName(sig)
			describe(api.api, "EINTR, tgkill", Label("signals", "os:linux"), api.labels, func() {
				When(name+" hits the thread every 10 ms of a 300 ms wait", func() {
					// Source: PEP 475; Python docs "Changed in version 3.5:
					// ... retried with a recomputed timeout when interrupted
					// by a signal"; SEMANTICS.md#eintr; signal(7) (select/poll always EINTR).
					It("returns empty in [300 ms, 1 s], never InterruptedError", func(ctx SpecContext) {
						r, _ := support.Pipe()
						var control error
						var o eintrOutcome
						tid, done := support.OnLockedThread(func() {
							_, control = unix.Poll(nil, 5000)
							o = eintrMeasure(api, r, eintrTimeout)
						})
						stop := support.Storm(eintrPeriod, support.Tgkill(tid, sig))
						Eventually(done).WithTimeout(8 * time.Second).Should(BeClosed())
						Expect(stop()).To(BeNumerically(">", 0))
						Expect(control).To(Equal(unix.EINTR), "control: a raw poll(2) on the thread is interrupted")
						expectTimedOut(o)
					}, SpecTimeout(10*time.Second))
				})

				When(name+" hits the thread every 10 ms of a wait with no timeout", func() {
					// Source: SEMANTICS.md#eintr (With timeout=None, the call retries
					// forever ... returns ready) once data arrives.
					It("keeps waiting and returns the fd once data arrives", func(ctx SpecContext) {
						r, w := support.Pipe()
						var control error
						var o eintrOutcome
						started := make(chan struct{})
						tid, done := support.OnLockedThread(func() {
							_, control = unix.Poll(nil, 5000)
							close(started)
							o = eintrMeasure(api, r, -1)
						})
						support.Storm(eintrPeriod, support.Tgkill(tid, sig))
						Eventually(started).WithTimeout(5 * time.Second).Should(BeClosed())
						Consistently(done).WithTimeout(200*time.Millisecond).ShouldNot(BeClosed(), "no early return while signals arrive")
						support.Write(w, []byte("x"))
						Eventually(done).WithTimeout(5 * time.Second).Should(BeClosed())
						Expect(control).To(Equal(unix.EINTR), "control: a raw poll(2) on the thread is interrupted")
						Expect(o.err).NotTo(HaveOccurred())
						Expect(o.ready).To(Equal([]int{r}))
					}, SpecTimeout(10*time.Second))
				})
			})
		}
	}
}
