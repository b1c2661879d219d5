// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build solaris

package conformance_test

import (
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// The rules of CPython's devpoll object beyond test_devpoll.py, read from
// Modules/selectmodule.c (internal_devpoll_register, devpoll_flush,
// select_devpoll_*_impl, newDevPollObject) and the Python docs
// (https://docs.python.org/3/library/select.html#devpoll-polling-objects),
// with what /dev/poll does with them (poll(4D) on illumos, poll(7D) on
// Solaris). DP_ISPOLLED shows what has reached the kernel.

func init() {
	// devpoll.poll joins the EINTR specs of eintr_unix_test.go: PEP 475
	// holds for it as for select and poll (select_devpoll_poll_impl retries
	// ioctl(DP_POLL) with the time left).
	eintrAPIs = append(eintrAPIs, eintrAPI{"select.devpoll.poll", Label("api:devpoll", "signals"), func(r int, timeout time.Duration) ([]int, error) {
		dp, err := pyselect.NewDevpoll() // closed here: this may run outside the spec's goroutine
		Expect(err).NotTo(HaveOccurred())
		defer dp.Close()
		Expect(dp.Register(r, pyselect.POLLIN)).To(Succeed())
		var t any // None
		if timeout >= 0 {
			t = float64(timeout) / float64(time.Millisecond)
		}
		evs, err := dp.Poll(t)
		return fdsOf(evs), err
	}})
}

// setSoftNofile sets RLIMIT_NOFILE's soft limit to n until the spec ends.
func setSoftNofile(n uint64) {
	GinkgoHelper()
	var old syscall.Rlimit
	Expect(syscall.Getrlimit(syscall.RLIMIT_NOFILE, &old)).To(Succeed())
	DeferCleanup(syscall.Setrlimit, syscall.RLIMIT_NOFILE, &old)
	lim := old
	lim.Cur = n
	Expect(syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)).To(Succeed())
}

// devpollRotates says, per OS, whether successive DP_POLLs that each
// return a full buffer resume the scan where the last one stopped, so that
// no ready fd is starved: illumos's dp_pcache_poll "Examine[s] the bit map
// in a circular fashion to avoid starvation. Always resume from last stop".
// Solaris's source is not public and poll(7D) says nothing of the order:
// unknown there, recorded on its first run.
var devpollRotates = support.Rows[bool]{
	Name: "devpollRotates",
	OS: map[string]support.Row[bool]{
		"illumos": support.Cited(true, "illumos/illumos-gate usr/src/uts/common/io/devpoll.c: dp_pcache_poll (resumes the scan from the last stop)"),
		"solaris": support.Unknown[bool]("poll(7D) says nothing of the order, and the kernel source is not public"),
	},
}

// A devpollClosed is what poll() and DP_ISPOLLED say of an fd that was
// closed before its registration was written to /dev/poll.
type devpollClosed struct {
	Events []pyselect.Event
	Polled bool
}

// devpollClosedAtRegistration is, per OS, what poll() returns for an fd
// closed before its registration was written, and whether DP_ISPOLLED
// finds it (see the spec below for illumos's source); unknown on Solaris,
// recorded on its first run.
var devpollClosedAtRegistration = support.Rows[devpollClosed]{
	Name: "devpollClosedAtRegistration",
	OS: map[string]support.Row[devpollClosed]{
		"illumos": support.Cited(devpollClosed{Events: []pyselect.Event{}}, "illumos/illumos-gate usr/src/uts/common/io/devpoll.c: dpwrite (an fd it cannot look up is kept with no file) and dp_pcache_poll (an entry with no file is passed over)"),
		"solaris": support.Unknown[devpollClosed]("poll(7D) does not say, and the kernel source is not public"),
	},
}

var _ = describe("select.devpoll", "", dpLabels, func() {
	When("more fds are ready than RLIMIT_NOFILE's soft limit at creation", Serial, func() {
		// Source: Modules/selectmodule.c: newDevPollObject sizes fds by
		// getrlimit(RLIMIT_NOFILE)'s rlim_cur, and select_devpoll_poll_impl
		// passes dp_nfds = max_n_fds; Python docs select.devpoll: "If your
		// program increases this value, poll() may return an incomplete list
		// of active file descriptors"; poll(4D): dp_nfds "indicates the
		// maximum number of file descriptors from which poll information can
		// be obtained".
		It("returns exactly that many events from one poll()", func(ctx SpecContext) {
			limit := len(support.OpenFds()) + 8 // room below it for /dev/poll and the waker pipe
			var lim syscall.Rlimit
			Expect(syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)).To(Succeed())
			setSoftNofile(uint64(limit))
			dp := newDp()
			Expect(syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)).To(Succeed())
			ready := map[int]bool{}
			for range limit + 10 {
				_, w := support.Pipe()
				Expect(dp.Register(w, pyselect.POLLOUT)).To(Succeed())
				ready[w] = true
			}
			evs := dpPoll0(dp)
			Expect(evs).To(HaveLen(limit))
			seen := map[int]bool{}
			for _, e := range evs {
				Expect(ready).To(HaveKey(e.Fd))
				Expect(e.Events).To(Equal(pyselect.POLLOUT))
				seen[e.Fd] = true
			}
			Expect(seen).To(HaveLen(limit), "distinct fds")

			for range 2 {
				for _, e := range dpPoll0(dp) {
					seen[e.Fd] = true
				}
			}
			devpollRotates.Expect(len(seen) == len(ready)) // three polls of limit events cover every ready fd
		}, SpecTimeout(30*time.Second))
	})
})

var _ = describe("select.devpoll.register", "", dpLabels, func() {
	// Source: Modules/selectmodule.c: internal_devpoll_register stores the
	// change in fds[n_fds] and calls devpoll_flush only when the buffer is
	// full; select_devpoll_poll_impl flushes first. poll(4D): DP_ISPOLLED
	// "returns 1 if the file descriptor is in the set ... The revents field
	// contains the currently polled events".
	It("buffers the change: the kernel holds the fd, with its mask, once poll() has written it", func() {
		dp := newDp()
		r, w := support.Pipe()
		Expect(dp.Register(r, pyselect.POLLIN)).To(Succeed())
		Expect(dp.Register(w)).To(Succeed())
		_, polled := dpIsPolled(dpFileno(dp), r)
		Expect(polled).To(BeFalse(), "written to /dev/poll before poll()")
		Expect(dpPoll0(dp)).To(ContainElement(pyselect.Event{Fd: w, Events: pyselect.POLLOUT}))
		Expect(dpPolledMask(dp, r)).To(Equal(pyselect.POLLIN))
		Expect(dpPolledMask(dp, w)).To(Equal(pyselect.POLLIN|pyselect.POLLPRI|pyselect.POLLOUT), "the default eventmask (select.devpoll.register's c_default)")
	})

	// Source: Python docs devpoll.register: "Registering a file descriptor
	// that's already registered is not an error, but the result is
	// undefined"; poll(4D): "If a pollfd array contains multiple pollfd
	// entries with the same fd field, the "events" field in each pollfd
	// entry is OR'ed" (illumos devpoll.c: dpwrite "pdp->pd_events |=
	// pfdp->events").
	It("adds the events of a second registration of the fd to the first's (the kernel ORs them)", func() {
		dp := newDp()
		r, _ := support.Pipe()
		Expect(dp.Register(r, pyselect.POLLIN)).To(Succeed())
		Expect(dpPoll0(dp)).To(BeEmpty())
		Expect(dp.Register(r, pyselect.POLLPRI)).To(Succeed())
		Expect(dpPoll0(dp)).To(BeEmpty())
		Expect(dpPolledMask(dp, r)).To(Equal(pyselect.POLLIN | pyselect.POLLPRI))
	})

	// Source: poll(4D) NOTES "When using the /dev/poll driver, you should
	// remove a closed file descriptor from a monitored poll set. Failure to
	// do so may result in a POLLNVAL revents being returned for the closed
	// file descriptor" (illumos devpoll.c: dp_pcache_poll "we return
	// POLLNVAL. This is consistent with poll(2) polling a closed fd"). The
	// kernel examines only fds whose bit is set: an fd that reported an
	// event keeps it, one that reported none has it cleared, and closing
	// the file does not set it (pollhead_clean "just unlink[s]" /dev/poll's
	// entry), so the fd closed here is one that was ready.
	It("reports a ready fd closed while registered as POLLNVAL until it is unregistered", func() {
		dp := newDp()
		_, w := support.OncePipe()
		Expect(dp.Register(w.Fd, pyselect.POLLOUT)).To(Succeed())
		Expect(dpPoll0(dp)).To(Equal([]pyselect.Event{{Fd: w.Fd, Events: pyselect.POLLOUT}}))
		w.Close()
		Expect(dpPoll0(dp)).To(Equal([]pyselect.Event{{Fd: w.Fd, Events: pyselect.POLLNVAL}}))
		Expect(dpPoll0(dp)).To(Equal([]pyselect.Event{{Fd: w.Fd, Events: pyselect.POLLNVAL}}), "again: the kernel does not drop it")
		Expect(dp.Unregister(w.Fd)).To(Succeed())
		Expect(dpPoll0(dp)).To(BeEmpty())
	})

	// Source: Modules/selectmodule.c: select_devpoll_register_impl takes
	// "fd: fildes" and does not check that it is open, so the registration
	// succeeds. What poll() then reports is the kernel's: illumos's dpwrite
	// keeps an fd it cannot look up with no file ("Since we can't pass this
	// error back in the write() call, set the bit in bitmap to force DP_POLL
	// ioctl to examine it"), and dp_pcache_poll passes over an entry with no
	// file ("The fd is POLLREMOVed"), so it reports nothing, and
	// DP_ISPOLLED says it is not in the set (illumos devpoll.c).
	It("accepts an fd that is already closed, without error; poll() reports what the kernel makes of it", func() {
		dp := newDp()
		fd := support.ClosedFd()
		Expect(dp.Register(fd, pyselect.POLLIN)).To(Succeed())
		evs := dpPoll0(dp)
		_, polled := dpIsPolled(dpFileno(dp), fd)
		devpollClosedAtRegistration.Expect(devpollClosed{Events: evs, Polled: polled})
	})

	// Source: Modules/selectmodule.c: select.devpoll.register's clinic
	// signature "fd: fildes, eventmask: unsigned_short = ..., /": a third
	// argument is TypeError; the arguments are converted before
	// internal_devpoll_register checks "self->fd_devpoll < 0".
	It("refuses a second eventmask with TypeError, and converts its arguments before the closed check", func() {
		dp := newDp()
		_, w := support.Pipe()
		Expect(dp.Register(w, pyselect.POLLIN, pyselect.POLLOUT)).To(support.Raise(builtins.TypeError, "register expected at most 2 arguments, got 3"))
		Expect(dp.Close()).To(Succeed())
		Expect(dp.Register(-1)).To(support.Raise(builtins.ValueError, "file descriptor cannot be a negative integer (-1)"))
		Expect(dp.Register(w, 1<<16)).To(support.Raise(builtins.OverflowError, "Python int too large for C unsigned short"))
		Expect(dp.Register(support.Nope{})).To(support.Raise(builtins.TypeError, "argument must be an int, or have a fileno() method."))
		Expect(dp.Modify(-1, pyselect.POLLIN)).To(support.Raise(builtins.ValueError, "file descriptor cannot be a negative integer (-1)"))
		Expect(dp.Unregister(-1)).To(support.Raise(builtins.ValueError, "file descriptor cannot be a negative integer (-1)"))
		Expect(dp.Register(w)).To(support.Raise(builtins.ValueError, devpollClosedMsg))
	})

	When("the buffer fills under a lower RLIMIT_NOFILE", Serial, func() {
		// Source: Modules/selectmodule.c: internal_devpoll_register flushes
		// when "++self->n_fds == self->max_n_fds", and devpoll_flush sets
		// n_fds to 0 before its write, so a failed write drops the changes
		// and raises OSError from the call that filled the buffer. Python
		// docs select.devpoll: "If your program reduces this value, devpoll()
		// will fail." poll(4D) ERRORS EINVAL "when using write/pwrite dp_nfds
		// is greater than {OPEN_MAX}" (illumos devpoll.c: dpwrite checks the
		// number of pollfds against RLIMIT_NOFILE).
		It("fails the registration that fills it (EINVAL), dropping buffered changes", func() {
			limit := len(support.OpenFds()) + 32
			setSoftNofile(uint64(limit))
			dp := newDp()
			r, _ := support.Pipe()
			setSoftNofile(uint64(limit - 8))
			for i := range limit - 1 {
				Expect(dp.Register(r, pyselect.POLLIN)).To(Succeed(), "registration %d is buffered", i+1)
			}
			Expect(dp.Register(r, pyselect.POLLIN)).To(support.RaiseErrno(builtins.OSError, unix.EINVAL))
			setSoftNofile(uint64(limit)) // DP_POLL may refuse a buffer above the limit (poll(4D) ERRORS EINVAL)
			Expect(dpPoll0(dp)).To(BeEmpty(), "nothing is left to write")
			_, polled := dpIsPolled(dpFileno(dp), r)
			Expect(polled).To(BeFalse(), "the failed write registered nothing")
		})
	})
})

var _ = describe("select.devpoll.modify", "", dpLabels, func() {
	// Source: Modules/selectmodule.c: select_devpoll_modify_impl calls
	// internal_devpoll_register(..., remove=1), which queues POLLREMOVE and
	// then the new mask; poll(4D): "A special POLLREMOVE event in the events
	// field of the pollfd structure removes the fd from the monitored set".
	It("replaces the mask in the kernel (POLLREMOVE, then the new mask), where a second register adds to it", func() {
		dp := newDp()
		_, w := support.Pipe()
		Expect(dp.Register(w, pyselect.POLLIN|pyselect.POLLOUT)).To(Succeed())
		Expect(dpPoll0(dp)).To(Equal([]pyselect.Event{{Fd: w, Events: pyselect.POLLOUT}}))
		Expect(dp.Modify(w, pyselect.POLLPRI)).To(Succeed())
		Expect(dpPoll0(dp)).To(BeEmpty(), "POLLOUT is no longer asked for")
		Expect(dpPolledMask(dp, w)).To(Equal(pyselect.POLLPRI))
	})

	// Source: Modules/selectmodule.c: select_devpoll_modify_impl does not
	// look the fd up (the docstring: "Modify a possible already registered
	// file descriptor"); a POLLREMOVE of an fd not in the set is ignored
	// (illumos devpoll.c: dpwrite "if (pdp == NULL || pdp->pd_fp == NULL)
	// ... continue").
	It("registers an fd that was not registered, without error (poll.modify raises FileNotFoundError)", func() {
		dp := newDp()
		_, w := support.Pipe()
		Expect(dp.Modify(w, pyselect.POLLOUT)).To(Succeed())
		Expect(dpPoll0(dp)).To(Equal([]pyselect.Event{{Fd: w, Events: pyselect.POLLOUT}}))
	})
})

var _ = describe("select.devpoll.unregister", "", dpLabels, func() {
	// Source: Modules/selectmodule.c: select_devpoll_unregister_impl queues
	// POLLREMOVE without looking the fd up; poll(4D) POLLREMOVE. CPython's
	// poll.unregister raises KeyError instead (SEMANTICS.md#poll-unregister).
	It("ignores an fd that is not registered, with no KeyError", func() {
		dp := newDp()
		_, w := support.Pipe()
		Expect(dp.Unregister(w)).To(Succeed())
		Expect(dp.Unregister(12345)).To(Succeed())
		Expect(dpPoll0(dp)).To(BeEmpty())
	})

	// Source: as above, and devpoll_flush: the POLLREMOVE reaches the
	// kernel with the next poll(); DP_ISPOLLED then returns 0.
	It("removes the fd from the kernel's set when poll() writes the POLLREMOVE", func() {
		dp := newDp()
		_, w := support.Pipe()
		Expect(dp.Register(w, pyselect.POLLOUT)).To(Succeed())
		Expect(dpPoll0(dp)).To(HaveLen(1))
		Expect(dp.Unregister(w)).To(Succeed())
		_, polled := dpIsPolled(dpFileno(dp), w)
		Expect(polled).To(BeTrue(), "buffered until poll()")
		Expect(dpPoll0(dp)).To(BeEmpty())
		_, polled = dpIsPolled(dpFileno(dp), w)
		Expect(polled).To(BeFalse())
	})
})

var _ = describe("select.devpoll.poll", "", dpLabels, func() {
	// Source: Modules/selectmodule.c: select_devpoll_poll_impl: None and -1
	// are dp_timeout -1 ("the call blocks until an interested poll events
	// is available", poll(4D)); other values are milliseconds rounded away
	// from zero (_PyTime_ROUND_TIMEOUT), so -0.5 is -1 ms and -1.5 is -2,
	// OverflowError "timeout is too large"; a type it cannot convert is
	// TypeError "timeout must be an integer or None".
	DescribeTable("blocks until an fd is ready for None, -1 and what rounds to -1 ms",
		func(ctx SpecContext, timeout any) {
			dp := newDp()
			r, w := support.Pipe()
			Expect(dp.Register(r, pyselect.POLLIN)).To(Succeed())
			done := dpPollAsync(dp, timeout)
			Consistently(done).WithTimeout(100 * time.Millisecond).ShouldNot(Receive())
			support.Write(w, []byte("x"))
			Eventually(done).WithTimeout(5 * time.Second).Should(Receive(Equal(dpPollResult{evs: []pyselect.Event{{Fd: r, Events: pyselect.POLLIN}}})))
		},
		Entry("When the timeout is nil (None)", nil, SpecTimeout(10*time.Second)),
		Entry("When the timeout is -1", -1, SpecTimeout(10*time.Second)),
		Entry("When the timeout is -1.0", -1.0, SpecTimeout(10*time.Second)),
		Entry("When the timeout is -0.5 (rounds away from zero to -1 ms)", -0.5, SpecTimeout(10*time.Second)),
	)

	DescribeTable("raises CPython's error for a timeout it cannot take",
		func(timeout any, cls builtins.Exception, msg string) {
			dp := newDp()
			_, err := dp.Poll(timeout)
			Expect(err).To(support.Raise(cls, msg))
		},
		Entry("When the timeout is -1.5 (rounds to -2 ms)", -1.5, builtins.OverflowError, "timeout is too large"),
		Entry("When the timeout is -1000", -1000, builtins.OverflowError, "timeout is too large"),
		Entry("When the timeout is 2147483647.5 (rounds above INT_MAX)", 2147483647.5, builtins.OverflowError, "timeout is too large"),
		Entry("When the timeout is a string", "1", builtins.TypeError, "timeout must be an integer or None"),
	)

	// Source: Modules/selectmodule.c: select_devpoll_poll_impl with a
	// timeout of 0 or more: poll(4D) "If dp_timeout is 0, the ioctl call
	// returns immediately"; a positive one waits ("A return value 0 means
	// the ioctl is timed out").
	It("returns [] at once for 0, and after the timeout for 50 ms", func(ctx SpecContext) {
		dp := newDp()
		r, _ := support.Pipe()
		Expect(dp.Register(r, pyselect.POLLIN)).To(Succeed())
		Expect(dpPoll0(dp)).To(BeEmpty())
		start := time.Now()
		evs, err := dp.Poll(50)
		Expect(err).NotTo(HaveOccurred())
		Expect(evs).To(BeEmpty())
		Expect(time.Since(start)).To(BeNumerically(">=", 50*time.Millisecond))
	}, SpecTimeout(10*time.Second))

	// Source: Modules/selectmodule.c: select_devpoll_poll_impl rounds a positive
	// timeout up to the millisecond (_PyTime_ROUND_TIMEOUT) for dp_timeout; poll(4D)
	// waits that long, and returns an fd that becomes ready before it expires.
	// Devpoll has not run on Solaris or illumos yet; epoll.poll and poll.poll, which
	// CPython rounds the same way, were probed with CPython 3.11.7 on Linux.
	When("a positive timeout is under 1 ms", func() {
		It("waits at least 1 ms for Poll(0.5)", func(ctx SpecContext) {
			dp := newDp()
			r, _ := support.Pipe()
			Expect(dp.Register(r, pyselect.POLLIN)).To(Succeed())
			Expect(support.WaitFloor(20, func() (int, error) { evs, err := dp.Poll(0.5); return len(evs), err })).
				To(BeNumerically(">=", time.Millisecond), "all but the 2 shortest of 20 calls")
		}, SpecTimeout(10*time.Second))

		It("returns an event that arrives in the last, rounded-up millisecond of Poll(0.1)", func(ctx SpecContext) {
			dp := newDp()
			r, w := support.NonblockingPipe()
			Expect(dp.Register(r, pyselect.POLLIN)).To(Succeed())
			eventInLastMillisecond(r, w, func() (bool, error) {
				evs, err := dp.Poll(0.1)
				return len(evs) == 1, err
			})
		}, SpecTimeout(30*time.Second))
	})

	// Source: Modules/selectmodule.c: select.devpoll.poll's clinic signature
	// "timeout as timeout_obj: object = None, /"; select_devpoll_poll_impl
	// checks "self->fd_devpoll < 0" before it converts the timeout.
	It("refuses a second argument with TypeError, and checks closed before the timeout", func() {
		dp := newDp()
		_, err := dp.Poll(0, 1)
		Expect(err).To(support.Raise(builtins.TypeError, "poll expected at most 1 argument, got 2"))
		Expect(dp.Close()).To(Succeed())
		_, err = dp.Poll("x")
		Expect(err).To(support.Raise(builtins.ValueError, devpollClosedMsg))
		_, err = dp.Poll(-2)
		Expect(err).To(support.Raise(builtins.ValueError, devpollClosedMsg))
	})

	// Source: SEMANTICS.md#devpoll-object ("There is no concurrent-poll
	// check": select_devpoll_poll_impl has no poll_running flag, unlike
	// poll_poll's "concurrent poll() invocation"); illumos devpoll.c:
	// dpioctl lets several DP_POLLs wait on one pollcache, and dpwrite
	// wakes them (cv_broadcast of pc_cv).
	It("lets two goroutines poll at once, with no RuntimeError, and wakes both when an fd becomes ready", func(ctx SpecContext) {
		dp := newDp()
		r, w := support.Pipe()
		Expect(dp.Register(r, pyselect.POLLIN)).To(Succeed())
		first := dpPollAsync(dp, nil)
		second := dpPollAsync(dp, 10000)
		Consistently(first).WithTimeout(100 * time.Millisecond).ShouldNot(Receive())
		Consistently(second).WithTimeout(10 * time.Millisecond).ShouldNot(Receive())
		support.Write(w, []byte("x"))
		want := dpPollResult{evs: []pyselect.Event{{Fd: r, Events: pyselect.POLLIN}}}
		Eventually(first).WithTimeout(5 * time.Second).Should(Receive(Equal(want)))
		Eventually(second).WithTimeout(5 * time.Second).Should(Receive(Equal(want)))
	}, SpecTimeout(20*time.Second))

	// Source: poll(4D): a write of pollfds "has the effect of adding these
	// file descriptors to the monitored poll file descriptor set" (illumos
	// devpoll.c: dpwrite wakes the pollcache's waiters, "so they can check
	// the new descriptors"); the registration is written by the next
	// poll(), so a Poll already waiting does not see it.
	It("does not see an fd another goroutine registers during the wait; the next poll() does", func(ctx SpecContext) {
		dp := newDp()
		r, _ := support.Pipe()
		_, w := support.Pipe()
		Expect(dp.Register(r, pyselect.POLLIN)).To(Succeed())
		done := dpPollAsync(dp, 300)
		Consistently(done).WithTimeout(50 * time.Millisecond).ShouldNot(Receive())
		Expect(dp.Register(w, pyselect.POLLOUT)).To(Succeed())
		Eventually(done).WithTimeout(5 * time.Second).Should(Receive(Equal(dpPollResult{evs: []pyselect.Event{}})))
		Expect(dpPoll0(dp)).To(Equal([]pyselect.Event{{Fd: w, Events: pyselect.POLLOUT}}))
	}, SpecTimeout(20*time.Second))
})
