// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"math"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// epollSlack is how much later than its timeout a wait may return: kernel
// scheduling and timer slack (epoll_wait(2): "the blocking interval may
// overrun by a small amount"), generous for -race and qemu-user.
const epollSlack = time.Second

// epollPollResult is what a Poll running in another goroutine returned.
type epollPollResult struct {
	events []pyselect.Event
	err    error
}

// epollPollAsync runs ep.Poll(timeout, maxevents) in a goroutine. The spec
// must make it return (data, or its timeout) before it ends.
func epollPollAsync(ep *pyselect.Epoll, timeout any, maxevents int) <-chan epollPollResult {
	ch := make(chan epollPollResult, 1)
	go func() {
		evs, err := ep.Poll(timeout, maxevents)
		ch <- epollPollResult{evs, err}
	}()
	return ch
}

var _ = describe("select.epoll.poll", "", Label("api:epoll", "os:linux"), func() {
	// Source: CPython test_epoll.py::test_control_and_wait (3.11; 3.13 accumulates
	// events with busy_retry, as done here). Edge-triggered IN|OUT|ET on both ends
	// of a TCP connection: first both EPOLLOUT, promptly; then "ep.poll(timeout=0.1,
	// maxevents=4)" is empty; after sendall on both ends both are IN|OUT; after
	// "ep.unregister(client.fileno())" and "ep.modify(server.fileno(), EPOLLOUT)"
	// the result is "[(server.fileno(), select.EPOLLOUT)]".
	It("reports edge-triggered TCP events as CPython's test does",
		func(ctx SpecContext) {
			client, server := support.TCPPair()
			cfd, sfd := support.ConnFd(client), support.ConnFd(server)
			ep, err := pyselect.NewEpoll(16, 0)
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(ep.Close)
			mask := pyselect.Mask(pyselect.EPOLLIN | pyselect.EPOLLOUT | pyselect.EPOLLET)
			Expect(ep.Register(sfd, mask)).To(Succeed())
			Expect(ep.Register(cfd, mask)).To(Succeed())

			start := time.Now()
			events, err := ep.Poll(1, 4)
			Expect(err).NotTo(HaveOccurred())
			Expect(time.Since(start)).To(BeNumerically("<", time.Second), "ready fds are reported at once")
			acc := support.Accumulate(ep)
			Eventually(func() (map[int]pyselect.Mask, error) {
				seen, err := acc.Poll()
				for fd, e := range support.EventMap(events) {
					seen[fd] |= e
				}
				return seen, err
			}).WithTimeout(2 * time.Second).Should(Equal(map[int]pyselect.Mask{cfd: pyselect.EPOLLOUT, sfd: pyselect.EPOLLOUT}))

			Expect(ep.Poll(0.1, 4)).To(BeEmpty(), "no new edge: no event")

			_, err = client.Write([]byte("Hello!"))
			Expect(err).NotTo(HaveOccurred())
			_, err = server.Write([]byte("world!!!"))
			Expect(err).NotTo(HaveOccurred())
			Eventually(support.Accumulate(ep).Poll).WithTimeout(2 * time.Second).Should(Equal(map[int]pyselect.Mask{
				cfd: pyselect.EPOLLIN | pyselect.EPOLLOUT,
				sfd: pyselect.EPOLLIN | pyselect.EPOLLOUT,
			}))

			Expect(ep.Unregister(cfd)).To(Succeed())
			Expect(ep.Modify(sfd, pyselect.EPOLLOUT)).To(Succeed())
			Expect(ep.Poll(1, 4)).To(Equal([]pyselect.Event{{Fd: sfd, Events: pyselect.EPOLLOUT}}))
		}, SpecTimeout(20*time.Second))

	When("nothing is registered", func() {
		// Source: SEMANTICS.md#epoll-poll (empty epoll: poll(0) -> []); epoll_wait(2)
		// "specifying a timeout equal to zero cause epoll_wait() to return
		// immediately, even if no events are available".
		It("returns an empty list for poll(0)", func() {
			ep := support.NewEpoll()
			events, err := ep.Poll(0, -1)
			Expect(err).NotTo(HaveOccurred())
			Expect(events).NotTo(BeNil(), "a list, as Python's []")
			Expect(events).To(BeEmpty())
		})

		// Source: SEMANTICS.md#epoll-poll (poll(timeout) sleeps for the timeout); epoll_wait(2)
		// "The timeout argument specifies the number of milliseconds that
		// epoll_wait() will block ... rounded up to the system clock granularity".
		It("waits for the whole timeout, then returns [] (tolerance +1 s)", func(ctx SpecContext) {
			ep := support.NewEpoll()
			start := time.Now()
			events, err := ep.Poll(0.2, -1)
			elapsed := time.Since(start)
			Expect(err).NotTo(HaveOccurred())
			Expect(events).To(BeEmpty())
			Expect(elapsed).To(BeNumerically(">=", 200*time.Millisecond))
			Expect(elapsed).To(BeNumerically("<", 200*time.Millisecond+epollSlack))
		}, SpecTimeout(10*time.Second))
	})

	// Source: CPython test_epoll.py::test_control_and_wait "ep.poll(timeout=0.1,
	// maxevents=4)" (keyword form); Python docs "epoll.poll(timeout=None,
	// maxevents=-1) Wait for events. timeout in seconds (float)".
	It("waits at most timeout seconds for an fd that stays idle (tolerance +1 s)", func(ctx SpecContext) {
		r, _ := support.OncePipe()
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
		start := time.Now()
		Expect(ep.Poll(0.1, 4)).To(BeEmpty())
		Expect(time.Since(start)).To(And(
			BeNumerically(">=", 100*time.Millisecond),
			BeNumerically("<", 100*time.Millisecond+epollSlack)))
	}, SpecTimeout(10*time.Second))

	// Source: Python docs "epoll.poll ... timeout in seconds"; epoll_wait(2) "A call
	// to epoll_wait() will block until either: a file descriptor delivers an
	// event; ... or the timeout expires".
	It("returns as soon as a registered fd becomes ready, long before the timeout", func(ctx SpecContext) {
		r, w := support.OncePipe()
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
		start := time.Now()
		ch := epollPollAsync(ep, 10.0, -1)
		Consistently(ch).WithTimeout(50 * time.Millisecond).ShouldNot(Receive())
		support.Write(w.Fd, []byte("x"))
		var res epollPollResult
		Eventually(ch).WithTimeout(5 * time.Second).Should(Receive(&res))
		Expect(res.err).NotTo(HaveOccurred())
		Expect(res.events).To(Equal([]pyselect.Event{{Fd: r.Fd, Events: pyselect.EPOLLIN}}))
		Expect(time.Since(start)).To(BeNumerically("<", 5*time.Second))
	}, SpecTimeout(15*time.Second))

	Describe("maxevents", func() {
		// Source: SEMANTICS.md#epoll-maxevents (-1 (default): FD_SETSIZE-1 = 1023: at most 1023
		// events per call. With 1100 ready fds, poll(0) and poll(0, -1) return
		// 1023; poll(0, 2000) returns 1100 (probed)).
		It("defaults to FD_SETSIZE-1 = 1023 events per call; a larger maxevents returns all", func() {
			var lim unix.Rlimit
			Expect(unix.Getrlimit(unix.RLIMIT_NOFILE, &lim)).To(Succeed())
			if lim.Cur < 1300 {
				Skip("RLIMIT_NOFILE is below the 1100 eventfds this spec opens")
			}
			ep := support.NewEpoll()
			fds := support.Eventfds(1100)
			for _, fd := range fds {
				Expect(ep.Register(fd, pyselect.EPOLLOUT)).To(Succeed())
			}
			Expect(pyselect.FD_SETSIZE - 1).To(Equal(1023))
			Expect(ep.Poll(0, -1)).To(HaveLen(1023))
			Expect(ep.Poll(0.0, -1)).To(HaveLen(1023))
			all, err := ep.Poll(0, 2000)
			Expect(err).NotTo(HaveOccurred())
			Expect(all).To(HaveLen(1100))
			Expect(support.EventMap(all)).To(HaveLen(1100), "each fd once")
		})

		// Source: epoll_wait(2) "Up to maxevents are returned by epoll_wait()".
		It("returns at most maxevents events", func() {
			ep := support.NewEpoll()
			for _, fd := range support.Eventfds(5) {
				Expect(ep.Register(fd, pyselect.EPOLLOUT)).To(Succeed())
			}
			Expect(ep.Poll(0, 2)).To(HaveLen(2))
			Expect(ep.Poll(0, 5)).To(HaveLen(5))
			Expect(ep.Poll(0, 1000000)).To(HaveLen(5), "a large maxevents is fine (SEMANTICS.md#epoll-maxevents: 1e6 OK)")
		})

		// Source: epoll_wait(2) NOTES "If more than maxevents file descriptors are
		// ready when epoll_wait() is called, then successive epoll_wait() calls will
		// round robin through the set of ready file descriptors"; SEMANTICS.md#epoll-maxevents
		// "With maxevents=1 and 2 ready fds, successive calls alternate".
		It("goes round robin through the ready fds when maxevents is smaller", func() {
			ep := support.NewEpoll()
			fds := support.Eventfds(3)
			for _, fd := range fds {
				Expect(ep.Register(fd, pyselect.EPOLLOUT)).To(Succeed())
			}
			var order []int
			for range 6 {
				evs, err := ep.Poll(0, 1)
				Expect(err).NotTo(HaveOccurred())
				Expect(evs).To(HaveLen(1))
				order = append(order, evs[0].Fd)
			}
			Expect(order[:3]).To(ConsistOf(fds), "three calls see three different fds")
			Expect(order[3:]).To(Equal(order[:3]), "and then the same cycle again")
		})

		// Source: SEMANTICS.md#epoll-maxevents (0, -2, any other value < 1 -> ValueError:
		// maxevents must be greater than 0, got 0 (shows the value)); epoll_wait(2)
		// "The maxevents argument must be greater than zero".
		DescribeTable("raises ValueError below 1 (except -1)",
			func(maxevents int, msg string) {
				ep := support.NewEpoll()
				_, err := ep.Poll(0, maxevents)
				Expect(err).To(support.Raise(builtins.ValueError, msg))
			},
			Entry("0", 0, "maxevents must be greater than 0, got 0"),
			Entry("-2", -2, "maxevents must be greater than 0, got -2"),
			Entry("-1000", -1000, "maxevents must be greater than 0, got -1000"),
			Entry("-2**31", math.MinInt32, "maxevents must be greater than 0, got -2147483648"),
		)

		// Source: SEMANTICS.md#epoll-maxevents (2**31 -> OverflowError: Python int too large to
		// convert to C int) (clinic conversion: before the closed check, probed).
		It("raises OverflowError beyond a C int, even on a closed epoll", func() {
			if math.MaxInt == math.MaxInt32 {
				Skip("int is 32 bits on this GOARCH: 2**31 cannot be passed")
			}
			ep := support.NewEpoll()
			big := int(epollIntMax + 1) // a variable: no constant overflow on 32-bit GOARCHes
			_, err := ep.Poll(0, big)
			Expect(err).To(support.Raise(builtins.OverflowError, "Python int too large to convert to C int"))
			Expect(ep.Close()).To(Succeed())
			_, err = ep.Poll(0, big)
			Expect(err).To(support.Raise(builtins.OverflowError, "Python int too large to convert to C int"))
		})
	})

	// Source: SEMANTICS.md#epoll-poll (Returns a list of (fd:int, events:int) tuples ...
	// events is an unsigned 32-bit int ... EPOLLET/ONESHOT never appear in returned
	// events); epoll_ctl(2) "input flags, which affect its behaviour, but aren't
	// returned".
	It("never reports the input flags EPOLLET, EPOLLONESHOT or EPOLLEXCLUSIVE", func() {
		a, b := support.OnceSocketPair(unix.SOCK_STREAM)
		c, _ := support.OnceSocketPair(unix.SOCK_STREAM)
		ep := support.NewEpoll()
		Expect(ep.Register(a.Fd, pyselect.EPOLLIN|pyselect.EPOLLET)).To(Succeed())
		Expect(ep.Register(b.Fd, pyselect.EPOLLOUT|pyselect.EPOLLONESHOT)).To(Succeed())
		Expect(ep.Register(c.Fd, pyselect.EPOLLOUT|pyselect.EPOLLEXCLUSIVE)).To(Succeed())
		support.Write(b.Fd, []byte("x"))
		events := support.EventMap(epollMust(ep.Poll(0, -1)))
		Expect(events).To(Equal(map[int]pyselect.Mask{
			a.Fd: pyselect.EPOLLIN, b.Fd: pyselect.EPOLLOUT, c.Fd: pyselect.EPOLLOUT,
		}))
	})
})

var _ = describe("select.epoll.poll", "timeout", Label("api:epoll", "os:linux"), func() {
	// Accepted timeouts are tried with a ready fd, so that even a "block forever"
	// value returns at once: the spec checks the conversion, not the wait.
	//
	// Source: SEMANTICS.md#timeout-epoll (epoll row): seconds; ns via ROUND_UP then ms via
	// ROUND_CEILING; "ms outside int range -> OverflowError: timeout is too large
	// (2147483.648 s and -2147484 s fail; 2147483.647 and -2147483.648 are OK)";
	// accepted types None, float, int, bool (all probed on CPython 3.11.7).
	DescribeTable("accepts the timeouts CPython accepts",
		func(ctx SpecContext, timeout any) {
			r, w := support.OncePipe()
			ep := support.NewEpoll()
			Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
			support.Write(w.Fd, []byte("x"))
			Expect(ep.Poll(timeout, -1)).To(Equal([]pyselect.Event{{Fd: r.Fd, Events: pyselect.EPOLLIN}}))
		},
		Entry("None (nil)", SpecTimeout(10*time.Second), nil),
		Entry("0", SpecTimeout(10*time.Second), 0),
		Entry("0.5", SpecTimeout(10*time.Second), 0.5),
		Entry("float32(0.25)", SpecTimeout(10*time.Second), float32(0.25)),
		Entry("True (bool is an int: 1 s)", SpecTimeout(10*time.Second), true),
		Entry("int8(1)", SpecTimeout(10*time.Second), int8(1)),
		Entry("uint16(2)", SpecTimeout(10*time.Second), uint16(2)),
		Entry("1e-9 (rounds up to 1 ms)", SpecTimeout(10*time.Second), 1e-9),
		Entry("-0.0", SpecTimeout(10*time.Second), math.Copysign(0, -1)),
		Entry("-1e-300", SpecTimeout(10*time.Second), -1e-300),
		Entry("-1 (blocks)", SpecTimeout(10*time.Second), -1),
		Entry("-0.5 (blocks)", SpecTimeout(10*time.Second), -0.5),
		Entry("2147483 (int, largest whole second)", SpecTimeout(10*time.Second), 2147483),
		Entry("2147483.647 (INT_MAX ms)", SpecTimeout(10*time.Second), 2147483.647),
		Entry("-2147483 (int)", SpecTimeout(10*time.Second), -2147483),
		Entry("-2147483.648 (INT_MIN ms)", SpecTimeout(10*time.Second), -2147483.648),
		Entry("uint64(3)", SpecTimeout(10*time.Second), uint64(3)),
	)

	// Source: SEMANTICS.md#timeout-messages (Shared error messages (select / poll / epoll)) and the
	// epoll overflow boundaries, every row probed on CPython 3.11.7.
	DescribeTable("rejects the timeouts CPython rejects, with its exception",
		func(timeout any, cls builtins.Exception, msg string) {
			ep := support.NewEpoll()
			_, err := ep.Poll(timeout, -1)
			Expect(err).To(support.Raise(cls, msg))
		},
		Entry("'x' (str)", "x", builtins.TypeError, "timeout must be an integer or None"),
		Entry("[]int (list)", []int{1}, builtins.TypeError, "timeout must be an integer or None"),
		Entry("a struct (object())", struct{}{}, builtins.TypeError, "timeout must be an integer or None"),
		Entry("NaN", math.NaN(), builtins.ValueError, "Invalid value NaN (not a number)"),
		Entry("inf", math.Inf(1), builtins.OverflowError, "timestamp out of range for platform time_t"),
		Entry("-inf", math.Inf(-1), builtins.OverflowError, "timestamp out of range for platform time_t"),
		Entry("1e300", 1e300, builtins.OverflowError, "timestamp out of range for platform time_t"),
		Entry("9223372036.86", 9223372036.86, builtins.OverflowError, "timestamp out of range for platform time_t"),
		Entry("9223372036.85 (fits ns, not C int ms)", 9223372036.85, builtins.OverflowError, "timeout is too large"),
		Entry("2147483.648 (INT_MAX+1 ms)", 2147483.648, builtins.OverflowError, "timeout is too large"),
		Entry("2147484 (int)", 2147484, builtins.OverflowError, "timeout is too large"),
		Entry("-2147483.649", -2147483.649, builtins.OverflowError, "timeout is too large"),
		Entry("-2147484 (int)", -2147484, builtins.OverflowError, "timeout is too large"),
		Entry("9223372036 (int)", int64(9223372036), builtins.OverflowError, "timeout is too large"),
		Entry("9223372037 (int: ns overflow)", int64(9223372037), builtins.OverflowError, "timestamp too large to convert to C _PyTime_t"),
		Entry("-9223372037 (int)", int64(-9223372037), builtins.OverflowError, "timestamp too large to convert to C _PyTime_t"),
		Entry("-2**63 (int)", int64(math.MinInt64), builtins.OverflowError, "timestamp too large to convert to C _PyTime_t"),
		Entry("2**63 (uint64)", uint64(1)<<63, builtins.OverflowError, "timestamp too large to convert to C _PyTime_t"),
	)

	// Source: SEMANTICS.md#timeout-epoll (epoll: (-0.001, 0) -> non-blocking; <= -0.001
	// blocks forever): ns are rounded to ms with ROUND_CEILING, so -0.0009 s is
	// 0 ms (probed: returns [] at once).
	DescribeTable("polls without blocking for a timeout in (-0.001, 0]",
		func(ctx SpecContext, timeout float64) {
			r, _ := support.OncePipe()
			ep := support.NewEpoll()
			Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
			start := time.Now()
			Expect(ep.Poll(timeout, -1)).To(BeEmpty())
			Expect(time.Since(start)).To(BeNumerically("<", epollSlack))
		},
		Entry("-0.0009", SpecTimeout(10*time.Second), -0.0009),
		Entry("-0.0005", SpecTimeout(10*time.Second), -0.0005),
		Entry("-1e-9", SpecTimeout(10*time.Second), -1e-9),
		Entry("0.0", SpecTimeout(10*time.Second), 0.0),
	)

	// Source: Modules/selectmodule.c: select_epoll_poll_impl "ms =
	// _PyTime_AsMilliseconds(timeout, _PyTime_ROUND_CEILING)", and epoll_wait(2)
	// "the call will block until ... the timeout expires" (at least ms milliseconds).
	// Probed with CPython 3.11.7 with an idle pipe registered: the fastest of 20
	// epoll.poll(0.0005) took 1.09 ms, of epoll.poll(1e-9) 1.08 ms.
	DescribeTable("waits at least 1 ms for a positive timeout under 1 ms (ROUND_CEILING)",
		func(ctx SpecContext, wait func(ep *pyselect.Epoll) (int, error)) {
			r, _ := support.OncePipe()
			ep := support.NewEpoll()
			Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
			Expect(support.WaitFloor(20, func() (int, error) { return wait(ep) })).To(BeNumerically(">=", time.Millisecond), "all but the 2 shortest of 20 calls")
		},
		Entry("Poll(0.0005)", SpecTimeout(10*time.Second), func(ep *pyselect.Epoll) (int, error) { evs, err := ep.Poll(0.0005); return len(evs), err }),
		Entry("Poll(1e-9)", SpecTimeout(10*time.Second), func(ep *pyselect.Epoll) (int, error) { evs, err := ep.Poll(1e-9); return len(evs), err }),
		Entry("Poll(500*time.Microsecond)", SpecTimeout(10*time.Second), func(ep *pyselect.Epoll) (int, error) {
			evs, err := ep.Poll(500 * time.Microsecond)
			return len(evs), err
		}),
		Entry("the Go form Wait, 500 µs", SpecTimeout(10*time.Second), func(ep *pyselect.Epoll) (int, error) {
			return ep.Wait(make([]unix.EpollEvent, 1), 500*time.Microsecond)
		}),
	)

	// Source: Modules/selectmodule.c: select_epoll_poll_impl rounds the timeout up to
	// the millisecond (_PyTime_ROUND_CEILING), and epoll_wait(2) returns an event that
	// arrives before that timeout expires. Probed with CPython 3.11.7, a thread
	// writing a pipe 0.4 ms into epoll.poll(0.0001): the event was returned in each
	// of the 17 of 20 runs whose write landed within 1 ms.
	DescribeTable("returns an event that arrives in the last, rounded-up millisecond",
		func(ctx SpecContext, wait func(ep *pyselect.Epoll) (int, error)) {
			r, w := support.NonblockingPipe()
			ep := support.NewEpoll()
			Expect(ep.Register(r, pyselect.EPOLLIN)).To(Succeed())
			eventInLastMillisecond(r, w, func() (bool, error) {
				n, err := wait(ep)
				return n == 1, err
			})
		},
		Entry("Poll(0.0001)", SpecTimeout(30*time.Second), func(ep *pyselect.Epoll) (int, error) { evs, err := ep.Poll(0.0001); return len(evs), err }),
		Entry("the Go form Wait, 100 µs", SpecTimeout(30*time.Second), func(ep *pyselect.Epoll) (int, error) {
			return ep.Wait(make([]unix.EpollEvent, 1), 100*time.Microsecond)
		}),
	)

	// Source: SEMANTICS.md#timeout-epoll (ms < 0 -> -1 (block forever) ... -0.001 s -> -1 (blocks
	// forever)); SEMANTICS.md#epoll-poll (None or negative -> block); epoll_wait(2) "Specifying a
	// timeout of -1 causes epoll_wait() to block indefinitely".
	DescribeTable("blocks until an fd is ready for None and timeouts <= -0.001",
		func(ctx SpecContext, timeout any) {
			r, w := support.OncePipe()
			ep := support.NewEpoll()
			Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
			ch := epollPollAsync(ep, timeout, -1)
			Consistently(ch).WithTimeout(200*time.Millisecond).ShouldNot(Receive(), "still blocked after 0.2 s")
			support.Write(w.Fd, []byte("x"))
			var res epollPollResult
			Eventually(ch).WithTimeout(5 * time.Second).Should(Receive(&res))
			Expect(res.err).NotTo(HaveOccurred())
			Expect(res.events).To(Equal([]pyselect.Event{{Fd: r.Fd, Events: pyselect.EPOLLIN}}))
		},
		Entry("None", SpecTimeout(15*time.Second), nil),
		Entry("-0.001", SpecTimeout(15*time.Second), -0.001),
		Entry("-1", SpecTimeout(15*time.Second), -1),
		Entry("-5", SpecTimeout(15*time.Second), -5),
		Entry("-0.5", SpecTimeout(15*time.Second), -0.5),
		Entry("-2147483.648 (INT_MIN ms)", SpecTimeout(15*time.Second), -2147483.648),
	)
})
