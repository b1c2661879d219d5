// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package conformance_test

import (
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// Every test of CPython 3.11's Lib/test/test_kqueue.py, ported.

// kqLabels are the labels of every kqueue spec.
var kqLabels = Label("api:kqueue", "os:"+runtime.GOOS)

// newKq returns a kqueue closed when the spec ends.
func newKq() *pyselect.Kqueue {
	GinkgoHelper()
	kq, err := pyselect.NewKqueue()
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(kq.Close)
	return kq
}

// kev is select.kevent(ident, *args), failing the spec on an error.
func kev(ident any, args ...int64) pyselect.Kevent {
	GinkgoHelper()
	k, err := pyselect.NewKevent(ident, args...)
	Expect(err).NotTo(HaveOccurred())
	return k
}

// identFilter is the (e.ident, e.filter) pair test_queue_event compares.
type identFilter struct {
	Ident  uint64
	Filter int64
}

func identFilters(evs []pyselect.Kevent) []identFilter {
	var s []identFilter
	for _, e := range evs {
		s = append(s, identFilter{e.Ident, e.Filter})
	}
	return s
}

var _ = describe("select.kqueue", "", kqLabels, func() {
	// Source: CPython test_kqueue.py::test_create_queue: "kq = select.kqueue();
	// self.assertTrue(kq.fileno() > 0, kq.fileno()); self.assertTrue(not
	// kq.closed); kq.close(); self.assertTrue(kq.closed);
	// self.assertRaises(ValueError, kq.fileno)".
	It("is open with a positive fileno, and closed with fileno() raising ValueError after close()", func() {
		kq, err := pyselect.NewKqueue()
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(kq.Close)
		Expect(kq.Fileno()).To(BeNumerically(">", 0))
		Expect(kq.Closed()).To(BeFalse())
		Expect(kq.Close()).To(Succeed())
		Expect(kq.Closed()).To(BeTrue())
		_, err = kq.Fileno()
		Expect(err).To(support.Raise(builtins.ValueError, "I/O operation on closed kqueue object"))
	})

	When("it is closed", func() {
		// Source: CPython test_kqueue.py::test_close: fileno() is an int and
		// closed is False; after close(), closed is True and fileno() raises
		// ValueError; "close() can be called more than once"; "operations
		// must fail with ValueError("I/O operation on closed ...")":
		// kqueue.control(None, 4).
		It("can be closed again, and control() raises ValueError", func(ctx SpecContext) {
			kq, err := pyselect.NewKqueue()
			Expect(err).NotTo(HaveOccurred())
			Expect(kq.Closed()).To(BeFalse())
			Expect(kq.Close()).To(Succeed())
			Expect(kq.Closed()).To(BeTrue())
			_, err = kq.Fileno()
			Expect(err).To(support.Raise(builtins.ValueError, "I/O operation on closed kqueue object"))
			Expect(kq.Close()).To(Succeed())
			_, err = kq.Control(nil, 4, nil)
			Expect(err).To(support.Raise(builtins.ValueError, "I/O operation on closed kqueue object"))
		}, SpecTimeout(10*time.Second))
	})

	// Source: CPython test_kqueue.py::test_fd_non_inheritable:
	// "self.assertEqual(os.get_inheritable(kqueue.fileno()), False)", i.e.
	// FD_CLOEXEC is set.
	It("has a non-inheritable (close-on-exec) descriptor", func() {
		kq := newKq()
		fd, err := kq.Fileno()
		Expect(err).NotTo(HaveOccurred())
		flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
		Expect(err).NotTo(HaveOccurred())
		Expect(flags & unix.FD_CLOEXEC).To(Equal(unix.FD_CLOEXEC))
	})

	// Source: CPython 3.12.1+ test_kqueue.py::test_fork (gh-110395): after
	// os.fork() the child sees kq.closed and fileno() raises ValueError;
	// 3.11 does nothing, and the child's fd number is invalid (kqueue(2):
	// "The queue is not inherited by a child created with fork(2)").
	// A Go program cannot fork without exec, so what Go can observe is the
	// child process: it never holds the kqueue. A child started with exec
	// redirects from the kqueue's fd number and must fail, while the same
	// probe on an fd passed to it on purpose succeeds (the probe can fail).
	It("is never held by a child process (test_kqueue.py::test_fork, as far as Go can fork)", func(ctx SpecContext) {
		kq := newKq()
		fd, err := kq.Fileno()
		Expect(err).NotTo(HaveOccurred())
		probe := func(n int, extra ...*os.File) error {
			cmd := exec.CommandContext(ctx, "/bin/sh", "-c", "true <&"+strconv.Itoa(n))
			cmd.ExtraFiles = extra
			return cmd.Run()
		}
		Expect(probe(fd)).NotTo(Succeed(), "the kqueue fd %d is open in the child", fd)
		f, err := os.Open(os.DevNull)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(f.Close)
		Expect(probe(3, f)).To(Succeed(), "the probe does not see an fd passed on purpose")
		Expect(kq.Closed()).To(BeFalse(), "the parent's kqueue stays open")
	}, SpecTimeout(30*time.Second))

	When("it is made from another kqueue's descriptor", func() {
		// Source: CPython test_kqueue.py::test_queue_event: kq2 =
		// select.kqueue.fromfd(kq.fileno()) registers filters that kq
		// reports. The port dups the fd so that each object closes its own.
		It("shares the kernel queue", func() {
			kq := newKq()
			fd, _ := kq.Fileno()
			dup, err := unix.Dup(fd)
			Expect(err).NotTo(HaveOccurred())
			kq2, err := pyselect.KqueueFromFd(dup)
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(kq2.Close)
			a, _ := support.SocketPair(unix.SOCK_STREAM)
			Expect(kq2.Control([]pyselect.Kevent{kev(a, pyselect.KQ_FILTER_WRITE, pyselect.KQ_EV_ADD)}, 0, nil)).To(BeEmpty())
			evs, err := kq.Control(nil, 4, 1)
			Expect(err).NotTo(HaveOccurred())
			Expect(identFilters(evs)).To(ConsistOf(identFilter{uint64(a), pyselect.KQ_FILTER_WRITE}))
		})
	})

	When("made from a descriptor that is not a kqueue", func() {
		// Source: kevent(2) "EBADF The specified descriptor is invalid", which every
		// kernel returns for a descriptor of another type before it waits:
		// freebsd-src sys/kern/kern_event.c: kqueue_acquire; openbsd sys/kern/kern_event.c
		// and dragonfly sys/kern/kern_event.c: sys_kevent; netbsd sys/kern/kern_event.c:
		// kevent1; xnu bsd/kern/kern_event.c: kevent_get_kqfile (fp_get_ftype with EBADF).
		// Modules/selectmodule.c: kqueue.fromfd wraps the fd unchecked, as epoll.fromfd
		// does, and control() raises the kernel's OSError.
		DescribeTable("fails with OSError EBADF at Control, never waiting on the fd",
			func(ctx SpecContext, timeout any) {
				r, w := support.Pipe()
				dup, err := unix.Dup(r)
				Expect(err).NotTo(HaveOccurred())
				kq, err := pyselect.KqueueFromFd(dup)
				Expect(err).NotTo(HaveOccurred())
				DeferCleanup(kq.Close)
				err = support.ReturnsWithin(5*time.Second, func() error { _, err := kq.Control(nil, 1, timeout); return err }, func() {
					support.Write(w, []byte("x"))
					kq.Close()
				})
				Expect(err).To(support.RaiseErrno(builtins.OSError, unix.EBADF))
			},
			Entry("control(None, 1, 0.3)", 0.3, SpecTimeout(10*time.Second)),
			Entry("control(None, 1, None)", nil, SpecTimeout(10*time.Second)),
		)
	})

	// Source: SEMANTICS.md#kqueue-fromfd (Modules/selectmodule.c:
	// newKqueue_Object: fromfd(-1) creates a new kqueue), the quirk epoll.fromfd shares.
	It("is created anew by fromfd(-1) (CPython's sentinel quirk)", func() {
		kq, err := pyselect.KqueueFromFd(-1)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(kq.Close)
		Expect(kq.Fileno()).To(BeNumerically(">=", 0))
	})
})

var _ = describe("select.kevent", "", kqLabels, func() {
	var fd int
	var other pyselect.Kevent
	BeforeEach(func() {
		var err error
		fd, err = unix.Open(os.DevNull, unix.O_WRONLY|unix.O_CLOEXEC, 0)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(unix.Close, fd)
		other = kev(1000)
	})

	// Source: CPython test_kqueue.py::test_create_event: "ev =
	// select.kevent(fd)": ident fd, filter KQ_FILTER_READ, flags
	// KQ_EV_ADD, fflags, data and udata 0; ev == ev, ev != kevent(1000),
	// ev < other, other >= ev.
	It("defaults to KQ_FILTER_READ and KQ_EV_ADD and orders by ident", func() {
		ev := kev(fd)
		Expect(ev).To(Equal(pyselect.Kevent{Ident: uint64(fd), Filter: pyselect.KQ_FILTER_READ, Flags: pyselect.KQ_EV_ADD}))
		Expect(ev.Equal(ev)).To(BeTrue())
		Expect(ev.Equal(other)).To(BeFalse())
		Expect(ev.Less(other)).To(BeTrue())
		Expect(other.Compare(ev)).To(BeNumerically(">=", 0))
	})

	// Python: test_kqueue.py::test_create_event
	DescribeTable("keeps every argument it is given",
		// Source: CPython test_kqueue.py::test_create_event: kevent(fd,
		// WRITE), kevent(fd, WRITE, ONESHOT), kevent(1, 2, 3, 4, 5, 6),
		// bignum 0x7fff, and bpo-11973: flags 0xffff and fflags
		// 0xffffffff round-trip.
		func(ident func() any, args []int64, want func() pyselect.Kevent) {
			ev := kev(ident(), args...)
			Expect(ev).To(Equal(want()))
			Expect(ev.Equal(ev)).To(BeTrue())
			Expect(ev.Equal(other)).To(BeFalse())
		},
		Entry("kevent(fd, KQ_FILTER_WRITE)", func() any { return fd }, []int64{pyselect.KQ_FILTER_WRITE},
			func() pyselect.Kevent {
				return pyselect.Kevent{Ident: uint64(fd), Filter: pyselect.KQ_FILTER_WRITE, Flags: pyselect.KQ_EV_ADD}
			}),
		Entry("kevent(fd, KQ_FILTER_WRITE, KQ_EV_ONESHOT)", func() any { return fd }, []int64{pyselect.KQ_FILTER_WRITE, pyselect.KQ_EV_ONESHOT},
			func() pyselect.Kevent {
				return pyselect.Kevent{Ident: uint64(fd), Filter: pyselect.KQ_FILTER_WRITE, Flags: pyselect.KQ_EV_ONESHOT}
			}),
		Entry("kevent(1, 2, 3, 4, 5, 6)", func() any { return 1 }, []int64{2, 3, 4, 5, 6},
			func() pyselect.Kevent {
				return pyselect.Kevent{Ident: 1, Filter: 2, Flags: 3, Fflags: 4, Data: 5, Udata: 6}
			}),
		Entry("kevent(0x7fff, 1, 2, 3, 0x7ffe, 0x7fff)", func() any { return 0x7fff }, []int64{1, 2, 3, 0x7ffe, 0x7fff},
			func() pyselect.Kevent {
				return pyselect.Kevent{Ident: 0x7fff, Filter: 1, Flags: 2, Fflags: 3, Data: 0x7ffe, Udata: 0x7fff}
			}),
		Entry("bpo-11973: kevent(0, 1, 0xffff)", func() any { return 0 }, []int64{1, 0xffff},
			func() pyselect.Kevent { return pyselect.Kevent{Ident: 0, Filter: 1, Flags: 0xffff} }),
		Entry("bpo-11973: kevent(0, 1, 2, 0xffffffff)", func() any { return 0 }, []int64{1, 2, 0xffffffff},
			func() pyselect.Kevent { return pyselect.Kevent{Ident: 0, Filter: 1, Flags: 2, Fflags: 0xffffffff} }),
	)

	// Source: CPython test_kqueue.py::testPair and test_queue_event pass
	// socket objects as ident: PyObject_AsFileDescriptor (SEMANTICS.md#kevent-new).
	It("takes its ident from an object with a descriptor", func() {
		client, _ := support.TCPPair()
		Expect(kev(client).Ident).To(Equal(uint64(support.ConnFd(client))))
	})
})

var _ = describe("select.kqueue.control", "", kqLabels, func() {
	// Source: CPython test_kqueue.py::testPair: a.send(b'foo'); r =
	// kq.control([event1, event2], 1, 1) returns one event, without
	// KQ_EV_ERROR, and b.recv(r[0].data) == b'foo'.
	It("registers and returns in one call, data being the bytes to read", func(ctx SpecContext) {
		kq := newKq()
		a, b := support.SocketPair(unix.SOCK_STREAM)
		support.Write(a, []byte("foo"))
		r, err := kq.Control([]pyselect.Kevent{
			kev(a, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_ADD|pyselect.KQ_EV_ENABLE),
			kev(b, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_ADD|pyselect.KQ_EV_ENABLE),
		}, 1, 1)
		Expect(err).NotTo(HaveOccurred())
		Expect(r).To(HaveLen(1))
		Expect(r[0].Flags & pyselect.KQ_EV_ERROR).To(BeZero())
		Expect(r[0].Ident).To(Equal(uint64(b)))
		buf := make([]byte, r[0].Data)
		n, err := unix.Read(b, buf)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(buf[:n])).To(Equal("foo"))
	}, SpecTimeout(10*time.Second))

	// Source: CPython test_kqueue.py::test_queue_event: a TCP pair
	// registered for READ and WRITE through kq and kq2 = fromfd(kq);
	// control(None, 4, 1) reports the two WRITE filters; after both ends
	// send, all four (up to 10 tries); after deleting the client's filters
	// and the server's READ, control([], 4, 0.99) reports only the server's
	// WRITE.
	It("reports readiness of a TCP pair and stops after KQ_EV_DELETE", func(ctx SpecContext) {
		client, server := support.TCPPair()
		cfd, sfd := support.ConnFd(client), support.ConnFd(server)
		kq := newKq()
		kqfd, _ := kq.Fileno()
		dup, err := unix.Dup(kqfd)
		Expect(err).NotTo(HaveOccurred())
		kq2, err := pyselect.KqueueFromFd(dup)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(kq2.Close)
		addEnable := int64(pyselect.KQ_EV_ADD | pyselect.KQ_EV_ENABLE)
		for _, c := range []struct {
			kq     *pyselect.Kqueue
			fd     int
			filter int64
		}{{kq, sfd, pyselect.KQ_FILTER_WRITE}, {kq, sfd, pyselect.KQ_FILTER_READ}, {kq2, cfd, pyselect.KQ_FILTER_WRITE}, {kq2, cfd, pyselect.KQ_FILTER_READ}} {
			Expect(c.kq.Control([]pyselect.Kevent{kev(c.fd, c.filter, addEnable)}, 0, nil)).To(BeEmpty())
		}
		evs, err := kq.Control(nil, 4, 1)
		Expect(err).NotTo(HaveOccurred())
		Expect(identFilters(evs)).To(ConsistOf(
			identFilter{uint64(cfd), pyselect.KQ_FILTER_WRITE},
			identFilter{uint64(sfd), pyselect.KQ_FILTER_WRITE}))

		_, err = client.Write([]byte("Hello!"))
		Expect(err).NotTo(HaveOccurred())
		_, err = server.Write([]byte("world!!!"))
		Expect(err).NotTo(HaveOccurred())
		Eventually(func() []identFilter {
			evs, err := kq.Control(nil, 4, 1)
			Expect(err).NotTo(HaveOccurred())
			return identFilters(evs)
		}).WithContext(ctx).WithTimeout(10 * time.Second).Should(ConsistOf(
			identFilter{uint64(cfd), pyselect.KQ_FILTER_WRITE},
			identFilter{uint64(cfd), pyselect.KQ_FILTER_READ},
			identFilter{uint64(sfd), pyselect.KQ_FILTER_WRITE},
			identFilter{uint64(sfd), pyselect.KQ_FILTER_READ}))

		Expect(kq.Control([]pyselect.Kevent{kev(cfd, pyselect.KQ_FILTER_WRITE, pyselect.KQ_EV_DELETE)}, 0, nil)).To(BeEmpty())
		Expect(kq.Control([]pyselect.Kevent{kev(cfd, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_DELETE)}, 0, nil)).To(BeEmpty())
		Expect(kq.Control([]pyselect.Kevent{kev(sfd, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_DELETE)}, 0, 0)).To(BeEmpty())
		evs, err = kq.Control([]pyselect.Kevent{}, 4, 0.99)
		Expect(err).NotTo(HaveOccurred())
		Expect(identFilters(evs)).To(ConsistOf(identFilter{uint64(sfd), pyselect.KQ_FILTER_WRITE}))
	}, SpecTimeout(30*time.Second))

	// Python: test_kqueue.py::test_issue30058
	DescribeTable("accepts any sequence of kevents as changelist",
		// Source: CPython test_kqueue.py::test_issue30058: "changelist must be
		// an iterable": a list, a tuple, an object whose __len__ (0)
		// disagrees with its __iter__ (100 items), and a bare iterator. Go
		// takes a slice, whatever built it; each row is one of those shapes.
		// BadList's inconsistent __len__ has no Go counterpart (a slice's
		// length is its contents).
		func(changes func(ev pyselect.Kevent) []pyselect.Kevent) {
			kq := newKq()
			a, _ := support.SocketPair(unix.SOCK_STREAM)
			ev := kev(a, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_ADD|pyselect.KQ_EV_ENABLE)
			Expect(kq.Control(changes(ev), 0, nil)).To(BeEmpty())
			Expect(kq.Control([]pyselect.Kevent{kev(a, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_DELETE)}, 0, nil)).To(BeEmpty(),
				"deleting the filter the changelist added")
		},
		Entry("a list: [ev]", func(ev pyselect.Kevent) []pyselect.Kevent { return []pyselect.Kevent{ev} }),
		Entry("a tuple: (ev,), a fixed array", func(ev pyselect.Kevent) []pyselect.Kevent { arr := [1]pyselect.Kevent{ev}; return arr[:] }),
		Entry("an iterable of 100 items (BadList)", func(ev pyselect.Kevent) []pyselect.Kevent {
			return slices.Collect(func(yield func(pyselect.Kevent) bool) {
				for range 100 {
					if !yield(ev) {
						return
					}
				}
			})
		}),
		Entry("an iterator: iter([ev])", func(ev pyselect.Kevent) []pyselect.Kevent {
			return slices.Collect(slices.Values([]pyselect.Kevent{ev}))
		}),
	)
})
