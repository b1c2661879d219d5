// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"io/fs"
	"os"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// epollFilenoer is Python's "an object with a fileno() method".
type epollFilenoer int

func (f epollFilenoer) Fileno() int { return int(f) }

// epollNamedFd is a named integer type: an int to Python.
type epollNamedFd int

var _ = describe("select.epoll.register", "", Label("api:epoll", "os:linux"), func() {
	// Source: CPython test_epoll.py::test_add: "ep.register(server.fileno(),
	// select.EPOLLIN | select.EPOLLOUT)" succeeds for both ends of a connection.
	It("registers both ends of a TCP connection by fd int", func(ctx SpecContext) {
		client, server := support.TCPPair()
		ep, err := pyselect.NewEpoll(2, 0)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(ep.Close)
		sfd, cfd := support.ConnFd(server), support.ConnFd(client)
		Expect(ep.Register(sfd, pyselect.EPOLLIN|pyselect.EPOLLOUT)).To(Succeed())
		Expect(ep.Register(cfd, pyselect.EPOLLIN|pyselect.EPOLLOUT)).To(Succeed())
		Eventually(support.Accumulate(ep).Poll).WithTimeout(2 * time.Second).
			Should(Equal(map[int]pyselect.Mask{sfd: pyselect.EPOLLOUT, cfd: pyselect.EPOLLOUT}))
	}, SpecTimeout(10*time.Second))

	// Source: CPython test_epoll.py::test_add: "ep.register(server, select.EPOLLIN |
	// select.EPOLLOUT)" with the socket objects themselves; SEMANTICS.md#fd-conversion-go:
	// a net.Conn's fd is read through SyscallConn().Control, never switching the
	// socket to blocking mode (as (*os.File).Fd() would).
	It("registers the socket objects themselves, leaving them non-blocking", func(ctx SpecContext) {
		client, server := support.TCPPair()
		ep, err := pyselect.NewEpoll(2, 0)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(ep.Close)
		Expect(ep.Register(server, pyselect.EPOLLIN|pyselect.EPOLLOUT)).To(Succeed())
		Expect(ep.Register(client, pyselect.EPOLLIN|pyselect.EPOLLOUT)).To(Succeed())
		sfd, cfd := support.ConnFd(server), support.ConnFd(client)
		Eventually(support.Accumulate(ep).Poll).WithTimeout(2*time.Second).
			Should(Equal(map[int]pyselect.Mask{sfd: pyselect.EPOLLOUT, cfd: pyselect.EPOLLOUT}), "events name the fd ints")
		for _, fd := range []int{sfd, cfd} {
			fl, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(fl&unix.O_NONBLOCK).NotTo(BeZero(), "fd %d was switched to blocking mode", fd)
		}
		Expect(ep.Register(server, pyselect.EPOLLIN)).To(support.RaiseErrno(builtins.FileExistsError, unix.EEXIST),
			"registering the same socket twice (test_add)")
	}, SpecTimeout(10*time.Second))

	// Source: CPython test_epoll.py::test_errors: "self.assertRaises(ValueError,
	// select.epoll, -2)" and "self.assertRaises(ValueError, select.epoll().register,
	// -1, select.EPOLLIN)".
	It("raises ValueError for epoll(-2) and for register(-1, EPOLLIN)", func() {
		_, err := pyselect.NewEpoll(-2, 0)
		Expect(err).To(support.Raise(builtins.ValueError, "negative sizehint"))
		ep := support.NewEpoll()
		Expect(ep.Register(-1, pyselect.EPOLLIN)).To(support.Raise(builtins.ValueError, "file descriptor cannot be a negative integer (-1)"))
	})

	// Source: CPython test_epoll.py::test_add: "# adding by object w/ fileno works,
	// too. ep.register(server, ...)"; SEMANTICS.md#fd-conversion. The events name the fd int.
	DescribeTable("registers an object that has a fileno, reporting its fd int",
		func(ctx SpecContext, obj func(fd int) (any, int)) {
			r, w := support.OncePipe()
			ep := support.NewEpoll()
			arg, fd := obj(r.Fd)
			Expect(ep.Register(arg, pyselect.EPOLLIN)).To(Succeed())
			support.Write(w.Fd, []byte("x"))
			Expect(ep.Poll(1, 4)).To(Equal([]pyselect.Event{{Fd: fd, Events: pyselect.EPOLLIN}}))
		},
		Entry("a Fileno() int method", func(fd int) (any, int) { return epollFilenoer(fd), fd }),
		Entry("an *os.File (syscall.Conn)", func(fd int) (any, int) {
			dup, err := unix.Dup(fd)
			Expect(err).NotTo(HaveOccurred())
			f := os.NewFile(uintptr(dup), "pipe")
			DeferCleanup(f.Close)
			return f, dup
		}),
		Entry("an int", func(fd int) (any, int) { return fd, fd }),
		Entry("an int32", func(fd int) (any, int) { return int32(fd), fd }),
		Entry("a named integer type", func(fd int) (any, int) { return epollNamedFd(fd), fd }),
		Entry("a uint16 (an int in Python)", func(fd int) (any, int) { return uint16(fd), fd }),
	)

	// Source: CPython test_epoll.py::test_add: TypeError for object() and None,
	// "ValueError: file descriptor cannot be a negative integer (-1)", "OSError:
	// [Errno 9] Bad file descriptor" for 10000; test_errors: "epoll().register(-1,
	// EPOLLIN)" -> ValueError; SEMANTICS.md#fd-conversion and SEMANTICS.md#epoll-register.
	DescribeTable("rejects a bad fd with CPython's exception",
		func(fd any, cls builtins.Exception, msg string) {
			ep := support.NewEpoll()
			Expect(ep.Register(fd, pyselect.EPOLLIN|pyselect.EPOLLOUT)).To(support.Raise(cls, msg))
		},
		Entry("object()", struct{}{}, builtins.TypeError, "argument must be an int, or have a fileno() method."),
		Entry("None", nil, builtins.TypeError, "argument must be an int, or have a fileno() method."),
		Entry("a float", 1.0, builtins.TypeError, "argument must be an int, or have a fileno() method."),
		Entry("a str", "0", builtins.TypeError, "argument must be an int, or have a fileno() method."),
		Entry("-1", -1, builtins.ValueError, "file descriptor cannot be a negative integer (-1)"),
		Entry("fileno() returning -1", epollFilenoer(-1), builtins.ValueError, "file descriptor cannot be a negative integer (-1)"),
		Entry("2**31", int64(1)<<31, builtins.OverflowError, "Python int too large to convert to C int"),
		Entry("10000 (not open)", 10000, builtins.OSError, "[Errno 9] Bad file descriptor"),
	)

	// Source: CPython test_epoll.py::test_add: "# registering twice also raises an
	// exception"; epoll_ctl(2) ERRORS "EEXIST op was EPOLL_CTL_ADD, and the
	// supplied file descriptor fd is already registered with this epoll
	// instance"; SEMANTICS.md#errors-index (FileExistsError: [Errno 17] File exists).
	It("raises FileExistsError (EEXIST) for an fd already registered", func() {
		r, _ := support.Pipe()
		ep := support.NewEpoll()
		Expect(ep.Register(r, pyselect.EPOLLIN|pyselect.EPOLLOUT)).To(Succeed())
		err := ep.Register(r, pyselect.EPOLLIN|pyselect.EPOLLOUT)
		Expect(err).To(support.RaiseErrno(builtins.FileExistsError, unix.EEXIST))
		Expect(err.Error()).To(Equal("FileExistsError: [Errno 17] File exists"))
		Expect(err).To(MatchError(fs.ErrExist))
		Expect(err).To(MatchError(builtins.OSError))
		// The same fd through an object is the same registration.
		Expect(ep.Register(epollFilenoer(r))).To(support.RaiseErrno(builtins.FileExistsError, unix.EEXIST))
	})

	// Source: epoll(7) Q&A: "it is possible to add a duplicate (dup(2) ...) file
	// descriptor to the same epoll instance" (the key is fd number plus open file).
	It("accepts a dup of a registered fd as a separate registration", func() {
		r, w := support.OncePipe()
		dup, err := unix.Dup(r.Fd)
		Expect(err).NotTo(HaveOccurred())
		support.Own(dup)
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
		Expect(ep.Register(dup, pyselect.EPOLLIN)).To(Succeed())
		support.Write(w.Fd, []byte("x"))
		Expect(support.EventMap(epollMust(ep.Poll(0, -1)))).To(Equal(map[int]pyselect.Mask{
			r.Fd: pyselect.EPOLLIN, dup: pyselect.EPOLLIN,
		}))
	})

	// Source: epoll_ctl(2) ERRORS "EPERM The target file fd does not support
	// epoll. This error can occur if fd refers to, for example, a regular file or
	// a directory"; SEMANTICS.md#errors-index (PermissionError: [Errno 1] Operation not
	// permitted); CPython test_selectors.py::EpollSelectorTestCase::test_register_file.
	DescribeTable("raises PermissionError (EPERM) for a file that does not support epoll",
		func(open func() int) {
			ep := support.NewEpoll()
			err := ep.Register(open(), pyselect.EPOLLIN)
			Expect(err).To(support.RaiseErrno(builtins.PermissionError, unix.EPERM))
			Expect(err.Error()).To(Equal("PermissionError: [Errno 1] Operation not permitted"))
			Expect(err).To(MatchError(fs.ErrPermission))
		},
		Entry("a regular file", support.TempFile),
		Entry("a directory", func() int {
			fd, err := unix.Open(os.TempDir(), unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
			Expect(err).NotTo(HaveOccurred())
			support.Own(fd)
			return fd
		}),
	)

	// Source: epoll(7) Q&A "What happens if one attempts to put an epoll file
	// descriptor into its own file descriptor set? The epoll_ctl(2) call fails
	// (EINVAL)"; SEMANTICS.md#epoll-register (Registering the epoll fd into itself -> OSError:
	// [Errno 22]).
	It("raises OSError EINVAL when an epoll fd is registered into itself", func() {
		ep := support.NewEpoll()
		err := ep.Register(support.EpollFileno(ep), pyselect.EPOLLIN)
		Expect(err).To(support.RaiseErrno(builtins.OSError, unix.EINVAL))
		Expect(err.Error()).To(Equal("OSError: [Errno 22] Invalid argument"))
	})

	// Source: epoll(7) Q&A "you can add an epoll file descriptor inside another
	// epoll file descriptor set"; "If an epoll file descriptor has events waiting,
	// then it will indicate as being readable".
	It("nests another epoll instance, which is readable while it has events", func() {
		outer, inner := support.NewEpoll(), support.NewEpoll()
		r, w := support.OncePipe()
		ifd := support.EpollFileno(inner)
		Expect(outer.Register(ifd, pyselect.EPOLLIN)).To(Succeed())
		Expect(inner.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
		Expect(outer.Poll(0, -1)).To(BeEmpty())
		support.Write(w.Fd, []byte("x"))
		Expect(outer.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: ifd, Events: pyselect.EPOLLIN}}))
	})

	// Source: epoll_ctl(2) ERRORS "ELOOP fd refers to an epoll instance and this
	// EPOLL_CTL_ADD operation would result in a circular loop of epoll instances"
	// (probed: OSError [Errno 40] Too many levels of symbolic links).
	It("raises OSError ELOOP for a loop of epoll instances", func() {
		a, b := support.NewEpoll(), support.NewEpoll()
		Expect(a.Register(support.EpollFileno(b), pyselect.EPOLLIN)).To(Succeed())
		err := b.Register(support.EpollFileno(a), pyselect.EPOLLIN)
		Expect(err).To(support.RaiseErrno(builtins.OSError, unix.ELOOP))
		Expect(err.Error()).To(Equal("OSError: [Errno 40] Too many levels of symbolic links"))
	})

	When("no eventmask is given", func() {
		// Source: CPython's signature "register(fd, eventmask=select.EPOLLIN |
		// select.EPOLLPRI | select.EPOLLOUT)" (SEMANTICS.md#epoll-register (Default mask = 7)).
		// An idle, writable socket reports only EPOLLOUT; with data, IN|OUT.
		It("watches EPOLLIN|EPOLLPRI|EPOLLOUT", func() {
			a, b := support.OnceSocketPair(unix.SOCK_STREAM)
			ep := support.NewEpoll()
			Expect(ep.Register(a.Fd)).To(Succeed())
			Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: a.Fd, Events: pyselect.EPOLLOUT}}))
			support.Write(b.Fd, []byte("x"))
			Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: a.Fd, Events: pyselect.EPOLLIN | pyselect.EPOLLOUT}}))
		})
	})

	When("no eventmask is given and TCP urgent data arrives", func() {
		// Source: the default mask includes EPOLLPRI (SEMANTICS.md#epoll-register); epoll_ctl(2)
		// "EPOLLPRI There is an exceptional condition on the file descriptor. See
		// the discussion of POLLPRI in poll(2)" ("There is out-of-band data on a TCP
		// socket"). Probed on CPython 3.11.7: after send(b'!', MSG_OOB) the default
		// registration reports OUT|PRI (6), EPOLLIN alone reports nothing and
		// EPOLLPRI alone reports PRI (2).
		It("reports EPOLLPRI", func(ctx SpecContext) {
			client, server := support.TCPPair()
			sfd := support.ConnFd(server)
			def, in, pri := support.NewEpoll(), support.NewEpoll(), support.NewEpoll()
			Expect(def.Register(sfd)).To(Succeed())
			Expect(in.Register(sfd, pyselect.EPOLLIN)).To(Succeed())
			Expect(pri.Register(sfd, pyselect.EPOLLPRI)).To(Succeed())
			Expect(def.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: sfd, Events: pyselect.EPOLLOUT}}))
			Expect(unix.Sendto(support.ConnFd(client), []byte("!"), unix.MSG_OOB, nil)).To(Succeed())
			Eventually(func() ([]pyselect.Event, error) { return def.Poll(0, -1) }).WithTimeout(2 * time.Second).
				Should(Equal([]pyselect.Event{{Fd: sfd, Events: pyselect.EPOLLOUT | pyselect.EPOLLPRI}}))
			Expect(pri.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: sfd, Events: pyselect.EPOLLPRI}}))
			Expect(in.Poll(0, -1)).To(BeEmpty(), "urgent data is not EPOLLIN")
		}, SpecTimeout(10*time.Second))
	})

	When("more than two arguments are given", func() {
		// Source: probed CPython 3.11: "ep.register(0, 1, 2)" -> "TypeError:
		// register() takes at most 2 arguments (3 given)".
		It("raises TypeError", func() {
			ep := support.NewEpoll()
			Expect(ep.Register(0, 1, 2)).To(support.Raise(builtins.TypeError, "register() takes at most 2 arguments (3 given)"))
		})
	})
})

var _ = describe("select.epoll.register", "eventmask", Label("api:epoll", "os:linux"), func() {
	// Source: SEMANTICS.md#epoll-eventmask (eventmask is unsigned int, bitwise=True: any int is
	// accepted and truncated mod 2**32 (probed). 2**32 -> mask 0, accepted ...
	// -2**31 -> 0x80000000 = EPOLLET. -1 -> 0xffffffff -> the kernel says OSError:
	// [Errno 22] Invalid argument). A pyselect.Mask holds those ints as
	// they are, and Register truncates them as CPython does.
	It("is a C unsigned int: Python's 2**32 is accepted as an empty mask", func() {
		a, b := support.OnceSocketPair(unix.SOCK_STREAM)
		ep := support.NewEpoll()
		Expect(ep.Register(a.Fd, pyselect.Mask(1)<<32)).To(Succeed())
		support.Write(b.Fd, []byte("x"))
		Expect(ep.Poll(0, -1)).To(BeEmpty(), "mask 0 reports nothing but HUP/ERR")
	})

	It("is a C unsigned int: Python's -2**31 is EPOLLET (0x80000000)", func() {
		neg := pyselect.Mask(-1) << 31
		a, _ := support.OnceSocketPair(unix.SOCK_STREAM)
		ep := support.NewEpoll()
		Expect(ep.Register(a.Fd, neg)).To(Succeed())
		Expect(ep.Poll(0, -1)).To(BeEmpty())
	})

	It("is a C unsigned int: Python's -1 (0xffffffff) is refused by the kernel with EINVAL", func() {
		a, _ := support.OnceSocketPair(unix.SOCK_STREAM)
		ep := support.NewEpoll()
		err := ep.Register(a.Fd, -1)
		Expect(err).To(support.RaiseErrno(builtins.OSError, unix.EINVAL))
		Expect(err.Error()).To(Equal("OSError: [Errno 22] Invalid argument"))
	})
})

var _ = describe("select.epoll.modify", "", Label("api:epoll", "os:linux"), func() {
	// Source: CPython test_epoll.py::test_control_and_wait: "ep.modify(server.fileno(),
	// select.EPOLLOUT)" changes the events reported; epoll_ctl(2) "EPOLL_CTL_MOD
	// Change the settings associated with fd in the interest list".
	It("changes the events reported for a registered fd", func() {
		a, b := support.OnceSocketPair(unix.SOCK_STREAM)
		ep := support.NewEpoll()
		Expect(ep.Register(a.Fd, pyselect.EPOLLOUT)).To(Succeed())
		support.Write(b.Fd, []byte("x"))
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: a.Fd, Events: pyselect.EPOLLOUT}}))
		Expect(ep.Modify(a.Fd, pyselect.EPOLLIN)).To(Succeed())
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: a.Fd, Events: pyselect.EPOLLIN}}))
		Expect(ep.Modify(epollFilenoer(a.Fd), 0)).To(Succeed())
		Expect(ep.Poll(0, -1)).To(BeEmpty())
	})

	// Source: epoll_ctl(2) ERRORS "ENOENT op was EPOLL_CTL_MOD or EPOLL_CTL_DEL, and
	// fd is not registered with this epoll instance"; SEMANTICS.md#errors-index
	// "FileNotFoundError: [Errno 2] No such file or directory".
	It("raises FileNotFoundError (ENOENT) for an fd that is not registered", func() {
		r, _ := support.Pipe()
		ep := support.NewEpoll()
		err := ep.Modify(r, pyselect.EPOLLIN)
		Expect(err).To(support.RaiseErrno(builtins.FileNotFoundError, unix.ENOENT))
		Expect(err.Error()).To(Equal("FileNotFoundError: [Errno 2] No such file or directory"))
		Expect(err).To(MatchError(fs.ErrNotExist))
	})

	// Source: SEMANTICS.md#epoll-modify-unregister (Closed (or never-open) fd -> OSError: [Errno 9] Bad
	// file descriptor (probed for modify and register too)); epoll_ctl(2) "EBADF
	// epfd or fd is not a valid file descriptor".
	It("raises OSError EBADF for an fd that is not open", func() {
		ep := support.NewEpoll()
		err := ep.Modify(10000, pyselect.EPOLLIN)
		Expect(err).To(support.RaiseErrno(builtins.OSError, unix.EBADF))
		Expect(builtins.ExceptionOf(err)).To(Equal(builtins.OSError))
	})

	// Source: SEMANTICS.md#epoll-modify-unregister (Keywords allowed ... modify(fd, eventmask)); fd
	// conversion SEMANTICS.md#fd-conversion applies: TypeError and ValueError before the kernel.
	DescribeTable("converts the fd as register does",
		func(fd any, cls builtins.Exception, msg string) {
			ep := support.NewEpoll()
			Expect(ep.Modify(fd, pyselect.EPOLLIN)).To(support.Raise(cls, msg))
		},
		Entry("-1", -1, builtins.ValueError, "file descriptor cannot be a negative integer (-1)"),
		Entry("None", nil, builtins.TypeError, "argument must be an int, or have a fileno() method."),
	)
})

var _ = describe("select.epoll.unregister", "", Label("api:epoll", "os:linux"), func() {
	// Source: CPython test_epoll.py::test_control_and_wait: after
	// "ep.unregister(client.fileno())" the client's events are no longer reported.
	It("stops reporting events for the fd", func() {
		a, b := support.OnceSocketPair(unix.SOCK_STREAM)
		ep := support.NewEpoll()
		Expect(ep.Register(a.Fd, pyselect.EPOLLIN)).To(Succeed())
		support.Write(b.Fd, []byte("x"))
		Expect(ep.Poll(0, -1)).To(HaveLen(1))
		Expect(ep.Unregister(a.Fd)).To(Succeed())
		Expect(ep.Poll(0, -1)).To(BeEmpty())
		Expect(ep.Register(a.Fd, pyselect.EPOLLIN)).To(Succeed(), "it may be registered again")
	})

	// Source: epoll_ctl(2) ERRORS ENOENT; SEMANTICS.md#epoll-modify-unregister (Unknown fd ->
	// FileNotFoundError: [Errno 2] No such file or directory) (unlike poll's KeyError).
	It("raises FileNotFoundError (ENOENT) for an fd that is not registered", func() {
		r, _ := support.Pipe()
		ep := support.NewEpoll()
		Expect(ep.Unregister(r)).To(support.RaiseErrno(builtins.FileNotFoundError, unix.ENOENT))
		Expect(ep.Register(r)).To(Succeed())
		Expect(ep.Unregister(r)).To(Succeed())
		Expect(ep.Unregister(r)).To(support.RaiseErrno(builtins.FileNotFoundError, unix.ENOENT))
	})

	// Source: CPython test_epoll.py::test_unregister_closed: "ep.register(server);
	// ep.poll(1, 4); server.close(); ep.unregister(fd)" raises OSError with "errno
	// == errno.EBADF"; Python docs "Changed in version 3.9: The method no longer
	// ignores the EBADF error".
	It("raises OSError EBADF for a registered fd that was closed",
		func(ctx SpecContext) {
			client, server := support.TCPPair()
			_ = client
			fd := support.ConnFd(server)
			ep, err := pyselect.NewEpoll(16, 0)
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(ep.Close)
			Expect(ep.Register(server)).To(Succeed())
			start := time.Now()
			events, err := ep.Poll(1, 4)
			Expect(err).NotTo(HaveOccurred())
			Expect(events).NotTo(BeEmpty())
			Expect(time.Since(start)).To(BeNumerically("<", time.Second), "a ready fd is reported without waiting the timeout")
			Expect(server.Close()).To(Succeed())
			err = ep.Unregister(fd)
			Expect(err).To(support.RaiseErrno(builtins.OSError, unix.EBADF))
			Expect(err.Error()).To(Equal("OSError: [Errno 9] Bad file descriptor"))
		}, SpecTimeout(10*time.Second))
})

var _ = describe("select.epoll.register", "closing a registered fd", Label("api:epoll", "os:linux"), func() {
	// Source: epoll(7) Q&A "A file descriptor is removed from an interest list only
	// after all the file descriptors referring to the underlying open file
	// description have been closed ... events may be reported for that file
	// descriptor"; SEMANTICS.md#epoll-closed-fd (If a dup of the fd keeps the open file alive,
	// events keep arriving under the old fd number, and unregister(old_fd) -> EBADF).
	It("keeps reporting under the old number while a dup keeps the file open; unregister fails with EBADF", func() {
		r, w := support.OncePipe()
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
		dup, err := unix.Dup(r.Fd)
		Expect(err).NotTo(HaveOccurred())
		support.Own(dup)
		old := r.Fd
		r.Close()
		support.Write(w.Fd, []byte("x"))
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: old, Events: pyselect.EPOLLIN}}))
		Expect(ep.Unregister(old)).To(support.RaiseErrno(builtins.OSError, unix.EBADF))
		Expect(ep.Unregister(dup)).To(support.RaiseErrno(builtins.FileNotFoundError, unix.ENOENT),
			"the dup's own number was never registered")
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: old, Events: pyselect.EPOLLIN}}))
	})
})

// epollMust returns v after asserting err is nil.
func epollMust[T any](v T, err error) T {
	GinkgoHelper()
	Expect(err).NotTo(HaveOccurred())
	return v
}
