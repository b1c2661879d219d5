// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package conformance_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// EINTR, PEP 475 (SEMANTICS.md#eintr): a signal that
// interrupts select(2) or poll(2) must never surface as InterruptedError
// or an early empty result. The call is retried with the time left until
// a monotonic deadline; with no timeout it keeps waiting.
//
// The signals are ones the Go runtime catches and ignores when nobody
// asked os/signal for them (SIGUSR2, and SIGURG, its own preemption
// signal); SIGUSR1 is left alone because Ginkgo takes it as a request for
// a progress report. signal(7): select(2) and poll(2) "are never restarted
// after being interrupted by a signal handler, regardless of the use of
// SA_RESTART; they always fail with the error EINTR".

// eintrTimeout is the timeout of the timed specs and eintrSlack how much
// later than it the call may return: generous for qemu-user and -race.
const (
	eintrTimeout = 300 * time.Millisecond
	eintrSlack   = 700 * time.Millisecond
	eintrPeriod  = 10 * time.Millisecond // one signal per period
)

// eintrAPI is a blocking call under test: wait blocks until fd r is
// readable or the timeout passes (timeout < 0: None) and returns the
// ready fds.
type eintrAPI struct {
	api    string
	labels Labels
	wait   func(r int, timeout time.Duration) ([]int, error)
}

var eintrAPIs = []eintrAPI{
	{"select.select", Label("api:select", "signals"), func(r int, timeout time.Duration) ([]int, error) {
		var t any // None
		if timeout >= 0 {
			t = timeout.Seconds()
		}
		rl, wl, xl, err := pyselect.Select([]int{r}, nil, nil, t)
		Expect(wl).To(BeEmpty())
		Expect(xl).To(BeEmpty())
		return rl, err
	}},
	{"select.poll.poll", Label("api:poll", "signals"), func(r int, timeout time.Duration) ([]int, error) {
		p := pyselect.NewPoll()
		Expect(p.Register(r, pyselect.POLLIN)).To(Succeed())
		var t any // None
		if timeout >= 0 {
			t = float64(timeout) / float64(time.Millisecond)
		}
		evs, err := p.Poll(t)
		return fdsOf(evs), err
	}},
}

// eintrOutcome is what a wait returned and how long it took.
type eintrOutcome struct {
	ready   []int
	err     error
	elapsed time.Duration
}

func eintrMeasure(api eintrAPI, r int, timeout time.Duration) eintrOutcome {
	defer GinkgoRecover()
	start := time.Now()
	ready, err := api.wait(r, timeout)
	return eintrOutcome{ready, err, time.Since(start)}
}

// expectTimedOut: the timed wait returned the empty result, no error,
// and not before its deadline.
func expectTimedOut(o eintrOutcome) {
	GinkgoHelper()
	Expect(o.err).NotTo(HaveOccurred(), "EINTR must not escape (PEP 475)")
	Expect(o.ready).To(BeEmpty())
	Expect(o.elapsed).To(BeNumerically(">=", eintrTimeout), "an interrupted wait must not end early")
	Expect(o.elapsed).To(BeNumerically("<", eintrTimeout+eintrSlack), "retries must use the time left, not the whole timeout again")
}

func init() {
	for _, api := range eintrAPIs {
		describe(api.api, "EINTR, kill", Label("signals"), api.labels, func() {
			When("SIGUSR2 goes to the process every 10 ms of a 300 ms wait", func() {
				// Source: PEP 475; Python docs select.select / poll.poll
				// "Changed in version 3.5: The function is now retried with a
				// recomputed timeout when interrupted by a signal"; SEMANTICS.md#eintr
				// (probed: SIGALRM at 0.2 s, timeout 0.6 s -> empty result
				// after 0.60 s).
				It("returns empty in [300 ms, 1 s], never InterruptedError", func(ctx SpecContext) {
					r, _ := support.Pipe()
					stop := support.Storm(eintrPeriod, support.KillProcess(unix.SIGUSR2))
					o := eintrMeasure(api, r, eintrTimeout)
					sent := stop()
					expectTimedOut(o)
					Expect(sent).To(BeNumerically(">", 0), "signals were sent during the wait")
				}, SpecTimeout(10*time.Second))
			})

			When("SIGUSR2 goes to the process every 10 ms of a wait with no timeout", func() {
				// Source: SEMANTICS.md#eintr (With timeout=None, the call retries forever.
				// Probed: a signal at 0.1 s, then data at 0.5 s -> returns
				// ready at 0.50 s).
				It("keeps waiting and returns the fd once data arrives", func(ctx SpecContext) {
					r, w := support.Pipe()
					done := make(chan eintrOutcome, 1)
					support.Storm(eintrPeriod, support.KillProcess(unix.SIGUSR2))
					go func() { done <- eintrMeasure(api, r, -1) }()
					Consistently(done).WithTimeout(200*time.Millisecond).ShouldNot(Receive(), "no early return while signals arrive")
					support.Write(w, []byte("x"))
					var o eintrOutcome
					Eventually(done).WithTimeout(5 * time.Second).Should(Receive(&o))
					Expect(o.err).NotTo(HaveOccurred())
					Expect(o.ready).To(Equal([]int{r}))
				}, SpecTimeout(10*time.Second))
			})
		})
	}
}
