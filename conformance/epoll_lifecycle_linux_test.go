// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"math"
	"os"
	"os/exec"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// epollNeedProc skips a spec that reads /proc/self/fd where /proc is not
// mounted.
func epollNeedProc() {
	GinkgoHelper()
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		Skip("/proc is not mounted: " + err.Error())
	}
}

// epollIntMax is C's INT_MAX, as a variable so that int(epollIntMax+1)
// compiles (and is only reached) where int has 64 bits.
var epollIntMax int64 = math.MaxInt32

var _ = describe("select.epoll", "", Label("api:epoll", "os:linux"), func() {
	When("it is created with a positive sizehint", func() {
		// Source: CPython test_epoll.py::test_create: "ep = select.epoll(16);
		// self.assertTrue(ep.fileno() > 0); self.assertTrue(not ep.closed)".
		It("is open with a positive fileno", func() {
			ep, err := pyselect.NewEpoll(16, 0)
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(ep.Close)
			Expect(ep.Fileno()).To(BeNumerically(">", 0))
			Expect(ep.Closed()).To(BeFalse())
		})
	})

	When("it is closed", func() {
		// Source: CPython test_epoll.py::test_create: after ep.close(),
		// "self.assertTrue(ep.closed); self.assertRaises(ValueError, ep.fileno)".
		It("reports closed and fileno() raises ValueError", func() {
			ep := support.NewEpoll()
			Expect(ep.Close()).To(Succeed())
			Expect(ep.Closed()).To(BeTrue())
			_, err := ep.Fileno()
			Expect(err).To(support.Raise(builtins.ValueError, "I/O operation on closed epoll object"))
		})
	})

	// Python: test_epoll.py::test_create
	DescribeTable("accepts the documented sizehint and flags",
		// Source: CPython test_epoll.py::test_create: epoll(-1, EPOLL_CLOEXEC),
		// epoll(flags=EPOLL_CLOEXEC) and epoll(flags=0) all succeed; Python docs
		// "sizehint ... flags is deprecated and completely ignored ... its value
		// must be 0 or select.EPOLL_CLOEXEC".
		func(sizehint, flags int) {
			ep, err := pyselect.NewEpoll(sizehint, flags)
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(ep.Close)
			Expect(ep.Closed()).To(BeFalse())
		},
		Entry("epoll() -> (-1, 0)", -1, 0),
		Entry("epoll(-1, EPOLL_CLOEXEC)", -1, pyselect.EPOLL_CLOEXEC),
		Entry("epoll(flags=EPOLL_CLOEXEC)", -1, pyselect.EPOLL_CLOEXEC),
		Entry("epoll(1) (sizehint > 0 accepted and ignored)", 1, 0),
		Entry("epoll(True) (bool is int 1)", 1, 0),
		Entry("epoll(2**31-1)", math.MaxInt32, 0),
	)

	// Python: test_epoll.py::test_badcreate
	DescribeTable("rejects a bad sizehint or flags with CPython's exception",
		// Source: CPython test_epoll.py::test_badcreate and test_errors: ValueError for
		// 0, -2, sizehint=-2; OSError for flags=12356; SEMANTICS.md#epoll-create (flags ...
		// any other value -> OSError('invalid flags')) with no errno.
		// The TypeError rows of test_badcreate ('foo', None, (), ['foo'], {}) and
		// epoll(1, 2, 3) cannot be written in Go: NewEpoll takes two ints.
		func(sizehint, flags int, cls builtins.Exception, msg string) {
			ep, err := pyselect.NewEpoll(sizehint, flags)
			Expect(err).To(support.Raise(cls, msg))
			Expect(ep).To(BeNil())
			Expect(builtins.ExceptionOf(err)).To(Equal(cls))
		},
		Entry("epoll(0): ValueError even for 0", 0, 0, builtins.ValueError, "negative sizehint"),
		Entry("epoll(-2)", -2, 0, builtins.ValueError, "negative sizehint"),
		Entry("epoll(sizehint=-2)", -2, 0, builtins.ValueError, "negative sizehint"),
		Entry("epoll(flags=12356)", -1, 12356, builtins.OSError, "invalid flags"),
		Entry("epoll(flags=1)", -1, 1, builtins.OSError, "invalid flags"),
		Entry("epoll(flags=-1)", -1, -1, builtins.OSError, "invalid flags"),
	)

	When("flags is invalid", func() {
		// Source: SEMANTICS.md#epoll-create (probed: a plain OSError whose errno
		// is None and args == ('invalid flags',)).
		It("is a plain OSError without errno (errno is None in Python)", func() {
			_, err := pyselect.NewEpoll(-1, 12356)
			var pe *builtins.Error
			Expect(err).To(BeAssignableToTypeOf(pe))
			pe = err.(*builtins.Error)
			Expect(pe.Errno).To(BeZero())
			Expect(pe.Error()).To(Equal("OSError: invalid flags"))
		})
	})

	When("sizehint does not fit a C int", func() {
		// Source: SEMANTICS.md#epoll-create (2**31 -> OverflowError: Python int too large to
		// convert to C int) (probed).
		It("raises OverflowError", func() {
			if strconv.IntSize == 32 {
				Skip("int is 32 bits on this GOARCH: 2**31 cannot be passed")
			}
			big := int(epollIntMax + 1) // a variable: no constant overflow on 32-bit GOARCHes
			_, err := pyselect.NewEpoll(big, 0)
			Expect(err).To(support.Raise(builtins.OverflowError, "Python int too large to convert to C int"))
		})
	})

	When("it is used as a context manager", func() {
		// Source: CPython test_epoll.py::test_context_manager: "with select.epoll(16)
		// as ep: fileno() > 0, not closed; afterwards closed and fileno() raises
		// ValueError". The Go form of `with` is defer ep.Close().
		It("is open inside and closed after the block", func() {
			var ep *pyselect.Epoll
			func() {
				var err error
				ep, err = pyselect.NewEpoll(16, 0)
				Expect(err).NotTo(HaveOccurred())
				defer ep.Close()
				Expect(ep.Fileno()).To(BeNumerically(">", 0))
				Expect(ep.Closed()).To(BeFalse())
			}()
			Expect(ep.Closed()).To(BeTrue())
			_, err := ep.Fileno()
			Expect(err).To(support.Raise(builtins.ValueError, "I/O operation on closed epoll object"))
		})
	})

	When("a new object's descriptor is inspected", func() {
		// Source: CPython test_epoll.py::test_fd_non_inheritable:
		// "os.get_inheritable(epoll.fileno()) is False"; SEMANTICS.md#epoll-create: the fd is
		// always made with epoll_create1(EPOLL_CLOEXEC).
		It("has FD_CLOEXEC set", func() {
			for _, flags := range []int{0, pyselect.EPOLL_CLOEXEC} {
				ep, err := pyselect.NewEpoll(-1, flags)
				Expect(err).NotTo(HaveOccurred())
				DeferCleanup(ep.Close)
				fdflags, err := unix.FcntlInt(uintptr(support.EpollFileno(ep)), unix.F_GETFD, 0)
				Expect(err).NotTo(HaveOccurred())
				Expect(fdflags&unix.FD_CLOEXEC).To(Equal(unix.FD_CLOEXEC), "flags=%d", flags)
			}
		})

		// Source: test_epoll.py::test_fd_non_inheritable; execve(2): "By default,
		// file descriptors remain open across an execve() ... unless FD_CLOEXEC".
		// A non-CLOEXEC dup of the same fd is the control: it must be seen.
		It("is not open in an exec'd child, while a non-CLOEXEC dup is", func(ctx SpecContext) {
			epollNeedProc()
			ep := support.NewEpoll()
			fd := support.EpollFileno(ep)
			dup, err := unix.Dup(fd) // dup(2) clears FD_CLOEXEC on the copy
			Expect(err).NotTo(HaveOccurred())
			support.Own(dup)
			childSees := func(n int) bool {
				return exec.CommandContext(ctx, "/bin/sh", "-c", "test -e /proc/self/fd/"+strconv.Itoa(n)).Run() == nil
			}
			Expect(childSees(dup)).To(BeTrue(), "control: an inheritable fd %d must be visible in the child", dup)
			Expect(childSees(fd)).To(BeFalse(), "the epoll fd %d leaked into the child", fd)
		}, SpecTimeout(10*time.Second))
	})
})

var _ = describe("select.epoll.close", "", Label("api:epoll", "os:linux"), func() {
	When("called more than once", func() {
		// Source: CPython test_epoll.py::test_close: "close() can be called more
		// than once"; SEMANTICS.md#epoll-close (close() is idempotent and returns None).
		It("succeeds every time and stays closed", func() {
			ep := support.NewEpoll()
			Expect(ep.Fileno()).To(BeNumerically(">=", 0))
			Expect(ep.Closed()).To(BeFalse())
			Expect(ep.Close()).To(Succeed())
			Expect(ep.Closed()).To(BeTrue())
			_, err := ep.Fileno()
			Expect(err).To(support.Raise(builtins.ValueError, "I/O operation on closed epoll object"))
			Expect(ep.Close()).To(Succeed())
			Expect(ep.Closed()).To(BeTrue())
		})
	})

	When("the descriptor was closed behind its back", func() {
		// Source: SEMANTICS.md#epoll-close (close() never raises, even if the fd was already
		// closed behind its back (probed after os.close(ep.fileno()))).
		It("still succeeds and marks the object closed", func() {
			ep := support.NewEpoll()
			Expect(unix.Close(support.EpollFileno(ep))).To(Succeed())
			Expect(ep.Close()).To(Succeed())
			Expect(ep.Closed()).To(BeTrue())
		})
	})

	When("it returns", func() {
		// Source: Python docs epoll.close(): "Close the control file descriptor of
		// the epoll object." The descriptor is really closed, not only marked.
		It("has closed the kernel descriptor", func() {
			ep := support.NewEpoll()
			fd := support.EpollFileno(ep)
			Expect(ep.Close()).To(Succeed())
			_, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
			Expect(err).To(Equal(unix.EBADF))
		})
	})
})

var _ = describe("select.epoll", "closed object", Label("api:epoll", "os:linux"), func() {
	var ep *pyselect.Epoll
	var fd int
	BeforeEach(func() {
		ep = support.NewEpoll()
		r, _ := support.Pipe()
		fd = r
		Expect(ep.Close()).To(Succeed())
	})
	const closedMsg = "I/O operation on closed epoll object"

	// Source: CPython test_epoll.py::test_close: "operations must fail with
	// ValueError('I/O operation on closed ...')" for modify, poll, register,
	// unregister; SEMANTICS.md#errors-index.
	DescribeTable("every method raises ValueError 'I/O operation on closed epoll object'",
		func(call func() error) {
			Expect(call()).To(support.Raise(builtins.ValueError, closedMsg))
		},
		Entry("modify(fd, EPOLLIN)", func() error { return ep.Modify(fd, pyselect.EPOLLIN) }),
		Entry("poll(1.0)", func() error { _, err := ep.Poll(1.0, -1); return err }),
		Entry("register(fd, EPOLLIN)", func() error { return ep.Register(fd, pyselect.EPOLLIN) }),
		Entry("register(fd)", func() error { return ep.Register(fd) }),
		Entry("unregister(fd)", func() error { return ep.Unregister(fd) }),
		Entry("fileno()", func() error { _, err := ep.Fileno(); return err }),
		Entry("Wait(buf, 0)", func() error {
			_, err := ep.Wait(make([]unix.EpollEvent, 4), 0)
			return err
		}),
	)

	// Source: SEMANTICS.md#epoll-arg-order (Order of checks: fd conversion (clinic)
	// happens before the closed check. On a closed epoll, register(-1) ->
	// ValueError (negative fd) and register(object()) -> TypeError) (probed for
	// register, modify and unregister).
	DescribeTable("converts the fd argument before the closed check",
		func(call func() error, cls builtins.Exception, msg string) {
			Expect(call()).To(support.Raise(cls, msg))
		},
		Entry("register(-1)", func() error { return ep.Register(-1) },
			builtins.ValueError, "file descriptor cannot be a negative integer (-1)"),
		Entry("register(object())", func() error { return ep.Register(struct{}{}) },
			builtins.TypeError, "argument must be an int, or have a fileno() method."),
		Entry("modify(-1, EPOLLIN)", func() error { return ep.Modify(-1, pyselect.EPOLLIN) },
			builtins.ValueError, "file descriptor cannot be a negative integer (-1)"),
		Entry("modify(None, EPOLLIN)", func() error { return ep.Modify(nil, pyselect.EPOLLIN) },
			builtins.TypeError, "argument must be an int, or have a fileno() method."),
		Entry("unregister(-1)", func() error { return ep.Unregister(-1) },
			builtins.ValueError, "file descriptor cannot be a negative integer (-1)"),
		Entry("unregister(2**31)", func() error { return ep.Unregister(int64(1) << 31) },
			builtins.OverflowError, "Python int too large to convert to C int"),
	)

	// Source: SEMANTICS.md#epoll-order-of-checks (Order of checks: closed -> timeout -> maxevents ...
	// poll('x') and poll(0, 0) on a closed epoll -> ValueError).
	DescribeTable("poll checks closed before timeout and maxevents",
		func(timeout any, maxevents int) {
			_, err := ep.Poll(timeout, maxevents)
			Expect(err).To(support.Raise(builtins.ValueError, closedMsg))
		},
		Entry("poll('x')", "x", -1),
		Entry("poll(0, 0)", 0, 0),
		Entry("poll(NaN)", math.NaN(), -1),
		Entry("poll(inf, -5)", math.Inf(1), -5),
	)
})

var _ = describe("select.epoll.poll", "argument order", Label("api:epoll", "os:linux"), func() {
	// Source: SEMANTICS.md#epoll-order-of-checks (Order of checks: closed -> timeout -> maxevents):
	// with both a bad timeout and a bad maxevents on an open epoll, the timeout's
	// TypeError wins (probed: ep.poll('x', 0) -> TypeError).
	It("reports a bad timeout before a bad maxevents", func() {
		ep := support.NewEpoll()
		_, err := ep.Poll("x", 0)
		Expect(err).To(support.Raise(builtins.TypeError, "timeout must be an integer or None"))
	})
})

var _ = describe("select.epoll.fromfd", "", Label("api:epoll", "os:linux"), func() {
	// Source: CPython test_epoll.py::test_fromfd: "ep2 = select.epoll.fromfd(
	// ep.fileno()); ep2.register(server...); ep2.register(client...);
	// len(ep.poll(1, 4)) == 2; len(ep2.poll(0.9, 4)) == 2"; SEMANTICS.md#epoll-fromfd (Events
	// registered via either object are visible to both (same kernel object)).
	It("shares the kernel object: registrations through one are polled by both",
		func(ctx SpecContext) {
			client, server := support.TCPPair()
			ep, err := pyselect.NewEpoll(2, 0)
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(ep.Close)
			fd := support.EpollFileno(ep)
			dup, err := unix.Dup(fd) // ep2 owns its own number of the same instance
			Expect(err).NotTo(HaveOccurred())
			ep2, err := pyselect.EpollFromFd(dup)
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(ep2.Close)

			Expect(ep2.Register(support.ConnFd(server), pyselect.EPOLLIN|pyselect.EPOLLOUT)).To(Succeed())
			Expect(ep2.Register(support.ConnFd(client), pyselect.EPOLLIN|pyselect.EPOLLOUT)).To(Succeed())
			events, err := ep.Poll(1, 4)
			Expect(err).NotTo(HaveOccurred())
			Expect(events).To(HaveLen(2))
			events2, err := ep2.Poll(0.9, 4)
			Expect(err).NotTo(HaveOccurred())
			Expect(events2).To(HaveLen(2))
		}, SpecTimeout(10e9))

	// Source: CPython test_epoll.py::test_fromfd: after the `with` block closes ep,
	// "ep2.poll(1, 4)" raises OSError with errno EBADF; SEMANTICS.md#epoll-fromfd (After one
	// is closed, the other's operations give OSError [Errno 9] ... while its closed
	// stays False).
	It("fails with OSError EBADF once the other object closed the shared fd",
		func(ctx SpecContext) {
			ep := support.NewEpoll()
			ep2, err := pyselect.EpollFromFd(support.EpollFileno(ep))
			Expect(err).NotTo(HaveOccurred())
			r, _ := support.Pipe()
			Expect(ep.Close()).To(Succeed())
			_, err = ep2.Poll(1, 4)
			Expect(err).To(support.RaiseErrno(builtins.OSError, unix.EBADF))
			Expect(err.Error()).To(Equal("OSError: [Errno 9] Bad file descriptor"))
			Expect(ep2.Register(r)).To(support.RaiseErrno(builtins.OSError, unix.EBADF))
			Expect(ep2.Closed()).To(BeFalse())
			Expect(ep2.Close()).To(Succeed(), "close() never raises, even on a closed fd")
		}, SpecTimeout(10e9))

	// Source: SEMANTICS.md#epoll-fromfd (Quirk: fromfd(-1) creates a brand-new epoll
	// instance, because fd == -1 is the 'create' sentinel internally) (probed).
	It("creates a new epoll instance for -1", func() {
		epollNeedProc()
		ep, err := pyselect.EpollFromFd(-1)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(ep.Close)
		fd := support.EpollFileno(ep)
		Expect(fd).To(BeNumerically(">", 0))
		target, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(fd))
		Expect(err).NotTo(HaveOccurred())
		Expect(target).To(Equal("anon_inode:[eventpoll]"))
		fdflags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
		Expect(err).NotTo(HaveOccurred())
		Expect(fdflags & unix.FD_CLOEXEC).To(Equal(unix.FD_CLOEXEC))
	})

	// Source: SEMANTICS.md#epoll-fromfd (Quirk: fromfd(-5) (any other negative) -> OSError:
	// [Errno 0] Error) (probed).
	DescribeTable("raises OSError '[Errno 0] Error' for any other negative fd",
		func(fd int) {
			ep, err := pyselect.EpollFromFd(fd)
			Expect(ep).To(BeNil())
			Expect(err).To(support.Raise(builtins.OSError, "[Errno 0] Error"))
			Expect(err.(*builtins.Error).Errno).To(BeZero())
		},
		Entry("fromfd(-5)", -5),
		Entry("fromfd(-2)", -2),
		Entry("fromfd(-2**31)", math.MinInt32),
	)

	// Source: SEMANTICS.md#epoll-fromfd (No validation ... Wrapping a non-epoll fd succeeds,
	// and later poll() -> OSError: [Errno 22] Invalid argument); epoll_wait(2)
	// "EINVAL epfd is not an epoll file descriptor".
	It("wraps a non-epoll fd without checking it; poll then fails with EINVAL", func(ctx SpecContext) {
		r, _ := support.Pipe()
		dup, err := unix.Dup(r)
		Expect(err).NotTo(HaveOccurred())
		ep, err := pyselect.EpollFromFd(dup)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(ep.Close)
		_, err = ep.Poll(0, -1)
		Expect(err).To(support.RaiseErrno(builtins.OSError, unix.EINVAL))
		Expect(err.Error()).To(Equal("OSError: [Errno 22] Invalid argument"))
	}, SpecTimeout(10e9))

	When("it wraps a non-epoll fd and the poll may wait", func() {
		// Source: epoll_wait(2) "EINVAL epfd is not an epoll file descriptor": the
		// kernel refuses the call before it waits, whatever the timeout. Probed with
		// CPython 3.11.7: select.epoll.fromfd(os.dup(r)) of a pipe's read end, then
		// poll(0.3) and poll(None) raise OSError [Errno 22] at once.
		DescribeTable("fails with OSError EINVAL, never waiting on the fd",
			func(ctx SpecContext, call func(*pyselect.Epoll) error) {
				r, w := support.Pipe()
				dup, err := unix.Dup(r)
				Expect(err).NotTo(HaveOccurred())
				ep, err := pyselect.EpollFromFd(dup)
				Expect(err).NotTo(HaveOccurred())
				DeferCleanup(ep.Close)
				err = support.ReturnsWithin(5*time.Second, func() error { return call(ep) }, func() {
					support.Write(w, []byte("x"))
					ep.Close()
				})
				Expect(err).To(support.RaiseErrno(builtins.OSError, unix.EINVAL))
			},
			Entry("Poll(0.3)", func(ep *pyselect.Epoll) error { _, err := ep.Poll(0.3); return err }, SpecTimeout(10*time.Second)),
			Entry("Poll(None)", func(ep *pyselect.Epoll) error { _, err := ep.Poll(nil); return err }, SpecTimeout(10*time.Second)),
			Entry("Poll(-1, 1)", func(ep *pyselect.Epoll) error { _, err := ep.Poll(-1, 1); return err }, SpecTimeout(10*time.Second)),
			Entry("the Go form Wait, timeout -1", func(ep *pyselect.Epoll) error {
				_, err := ep.Wait(make([]unix.EpollEvent, 8), -1)
				return err
			}, SpecTimeout(10*time.Second)),
		)
	})
})
