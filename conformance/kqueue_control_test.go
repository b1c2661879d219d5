// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package conformance_test

import (
	"math"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// kqueue.control's argument rules, timeouts, errors and EINTR.

var _ = describe("select.kqueue.control", "", kqLabels, func() {
	DescribeTable("checks its arguments in CPython's order",
		// Source: SEMANTICS.md#kqueue-control (Modules/selectmodule.c: select_kqueue_control_impl): maxevents is
		// a C int, then the closed check, then "Length of eventlist must be 0
		// or positive, got %d", then the timeout, then the changelist.
		func(closed bool, maxevents int, timeout any, cls builtins.Exception, msg string) {
			kq := newKq()
			if closed {
				kq.Close()
			}
			_, err := kq.Control(nil, maxevents, timeout)
			Expect(err).To(support.Raise(cls, msg))
		},
		Entry("maxevents -1 on a closed kqueue: the closed check first", true, -1, "x",
			builtins.ValueError, "I/O operation on closed kqueue object"),
		Entry("maxevents -1", false, -1, nil,
			builtins.ValueError, "Length of eventlist must be 0 or positive, got -1"),
		Entry("maxevents -1 and a bad timeout: maxevents first", false, -1, "x",
			builtins.ValueError, "Length of eventlist must be 0 or positive, got -1"),
	)

	When("maxevents does not fit a C int, on a closed kqueue", func() {
		// Source: SEMANTICS.md#kqueue-control (1. Argument parsing. maxevents is a C int
		// (TypeError / OverflowError). 2. Closed check).
		It("raises OverflowError before the closed check", func(ctx SpecContext) {
			if strconv.IntSize == 32 {
				Skip("a Go int on a 32-bit target cannot exceed a C int")
			}
			kq := newKq()
			kq.Close()
			big := int64(math.MaxInt32)
			big++
			_, err := kq.Control(nil, int(big), nil)
			Expect(err).To(support.Raise(builtins.OverflowError, "Python int too large to convert to C int"))
		}, SpecTimeout(10*time.Second))
	})

	DescribeTable("rewrites every timeout CPython cannot convert to TypeError, and refuses negative ones",
		// Source: SEMANTICS.md#timeouts and SEMANTICS.md#kqueue-control (Any conversion failure is rewritten
		// as TypeError: timeout argument must be a number or None, got <type
		// name>. This includes NaN, ±inf and overflow); "Negative (after
		// ROUND_UP to ns) -> ValueError: timeout must be positive or None".
		func(timeout any, cls builtins.Exception, msg string) {
			kq := newKq()
			_, err := kq.Control(nil, 1, timeout)
			Expect(err).To(support.Raise(cls, msg))
		},
		Entry("'1'", "1", builtins.TypeError, "timeout argument must be a number or None, got str"),
		Entry("NaN", math.NaN(), builtins.TypeError, "timeout argument must be a number or None, got float"),
		Entry("inf", math.Inf(1), builtins.TypeError, "timeout argument must be a number or None, got float"),
		Entry("1e300", 1e300, builtins.TypeError, "timeout argument must be a number or None, got float"),
		Entry("2**63 (an int past _PyTime_t)", uint64(1<<63), builtins.TypeError, "timeout argument must be a number or None, got int"),
		Entry("-1", -1, builtins.ValueError, "timeout must be positive or None"),
		Entry("-1e-9", -1e-9, builtins.ValueError, "timeout must be positive or None"),
	)

	When("maxevents is 0", func() {
		// Source: kqueue(2): "If nevents is zero, kevent() will return
		// immediately even if there is a timeout specified"; SEMANTICS.md#kqueue-control;
		// bpo-29255 (selectors works around it with max_ev or 1).
		It("returns at once with no events, whatever the timeout", func(ctx SpecContext) {
			kq := newKq()
			_, w := support.Pipe()
			Expect(kq.Control([]pyselect.Kevent{kev(w, pyselect.KQ_FILTER_WRITE)}, 0, nil)).To(BeEmpty())
			Expect(kq.Control(nil, 0, 60)).To(BeEmpty())
		}, SpecTimeout(10*time.Second))
	})

	When("the timeout passes with nothing ready", func() {
		// Source: kqueue(2): "If timeout is a non-NULL pointer, it specifies a
		// maximum interval to wait for an event"; Python docs: "timeout in
		// seconds (floats possible); the default is None, to wait forever".
		It("returns an empty list after at least the timeout; 0 polls", func(ctx SpecContext) {
			kq := newKq()
			r, _ := support.Pipe()
			Expect(kq.Control([]pyselect.Kevent{kev(r)}, 0, nil)).To(BeEmpty())
			Expect(kq.Control(nil, 1, 0)).To(BeEmpty())
			start := time.Now()
			Expect(kq.Control(nil, 1, 0.2)).To(BeEmpty())
			Expect(time.Since(start)).To(BeNumerically(">=", 200*time.Millisecond))
		}, SpecTimeout(10*time.Second))
	})

	When("a change fails and the eventlist has room", func() {
		// Source: kqueue(2): "If an error occurs while processing an element
		// of the changelist and there is enough room in the eventlist, then
		// the event will be placed in the eventlist with EV_ERROR set in
		// flags and the system error in data." SEMANTICS.md#kqueue-control.
		It("returns the change as an event with KQ_EV_ERROR and the errno in data", func() {
			kq := newKq()
			bad := support.ClosedFd()
			evs, err := kq.Control([]pyselect.Kevent{kev(bad)}, 1, 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(evs).To(HaveLen(1))
			Expect(evs[0].Ident).To(Equal(uint64(bad)))
			Expect(evs[0].Flags & pyselect.KQ_EV_ERROR).NotTo(BeZero())
			Expect(evs[0].Data).To(Equal(int64(unix.EBADF)))
		})
	})

	DescribeTable("raises the errno of a failed change when the eventlist has no room",
		// Source: kqueue(2): "Otherwise, -1 will be returned, and errno will be
		// set to indicate the error condition"; ERRORS: "[EBADF] The specified
		// descriptor is invalid", "[ENOENT] The event could not be found to be
		// modified or deleted"; CPython test_selectors.py
		// KqueueSelectorTestCase::test_register_bad_fd (OSError EBADF).
		func(change func() pyselect.Kevent, cls builtins.Exception, errno unix.Errno) {
			kq := newKq()
			_, err := kq.Control([]pyselect.Kevent{change()}, 0, 0)
			Expect(err).To(support.RaiseErrno(cls, errno))
		},
		Entry("adding a closed fd: OSError EBADF", func() pyselect.Kevent { return kev(support.ClosedFd()) },
			builtins.OSError, unix.EBADF),
		Entry("deleting a filter never added: FileNotFoundError ENOENT", func() pyselect.Kevent {
			r, _ := support.Pipe()
			return kev(r, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_DELETE)
		}, builtins.FileNotFoundError, unix.ENOENT),
	)

	When("signals interrupt the wait", Label("signals"), func() {
		// Source: PEP 475 and SEMANTICS.md#eintr: an interrupted call is retried
		// with the time left, and returns [] once none is. kqueue(2)
		// (FreeBSD): "When kevent() call fails with EINTR error, all changes
		// in the changelist have been applied", and the kernels never
		// restart kevent themselves ("don't restart after signals...",
		// kern_event.c), so pyselect retries without the changelist:
		// re-deleting a filter would report ENOENT as a KQ_EV_ERROR event.
		// (CPython resubmits it: a documented difference.) A storm of
		// SIGUSR2s (not SIGUSR1: Ginkgo takes it as a request for a progress report) makes an interruption likely, not certain;
		// sys/pyselect's TestControlEINTRNoResubmit forces one.
		It("applies the changelist once and waits out the timeout", func(ctx SpecContext) {
			kq := newKq()
			r, _ := support.Pipe()
			Expect(kq.Control([]pyselect.Kevent{kev(r)}, 0, nil)).To(BeEmpty())

			sigs := make(chan os.Signal, 64)
			signal.Notify(sigs, unix.SIGUSR2)
			DeferCleanup(signal.Stop, sigs)
			stop := make(chan struct{})
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					select {
					case <-stop:
						return
					case <-time.After(5 * time.Millisecond):
						unix.Kill(os.Getpid(), unix.SIGUSR2)
					case <-sigs:
					}
				}
			}()
			start := time.Now()
			evs, err := kq.Control([]pyselect.Kevent{kev(r, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_DELETE)}, 4, 0.3)
			elapsed := time.Since(start)
			close(stop)
			wg.Wait()
			Expect(err).NotTo(HaveOccurred())
			Expect(evs).To(BeEmpty(), "a resubmitted EV_DELETE would come back as a KQ_EV_ERROR event")
			Expect(elapsed).To(BeNumerically(">=", 300*time.Millisecond))
			_, err = kq.Control([]pyselect.Kevent{kev(r, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_DELETE)}, 0, 0)
			Expect(err).To(support.RaiseErrno(builtins.FileNotFoundError, unix.ENOENT), "the filter was deleted")
		}, SpecTimeout(30*time.Second))
	})

	When("the kqueue is closed while another goroutine waits in control()", func() {
		// Source: pyselect's contract for every object with a descriptor
		// (doc.go "Goroutines"), CPython's message for a closed kqueue
		// (SEMANTICS.md#errors-index). The waiter is woken, not left to its timeout.
		It("wakes the waiter with ValueError", func(ctx SpecContext) {
			kq, err := pyselect.NewKqueue()
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(kq.Close)
			done := make(chan error, 1)
			go func() {
				_, err := kq.Control(nil, 1, nil)
				done <- err
			}()
			Consistently(done).WithTimeout(100 * time.Millisecond).ShouldNot(Receive())
			Expect(kq.Close()).To(Succeed())
			var got error
			Eventually(done).WithContext(ctx).WithTimeout(10 * time.Second).Should(Receive(&got))
			Expect(got).To(support.Raise(builtins.ValueError, "I/O operation on closed kqueue object"))
		}, SpecTimeout(30*time.Second))
	})
})
