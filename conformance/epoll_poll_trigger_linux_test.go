// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// epollReadN reads exactly n bytes from the non-blocking fd, which holds
// at least that many.
func epollReadN(fd, n int) {
	GinkgoHelper()
	got, err := unix.Read(fd, make([]byte, n))
	Expect(err).NotTo(HaveOccurred())
	Expect(got).To(Equal(n))
}

// epollPipeWith2K is the scenario of epoll(7) "Level-triggered and
// edge-triggered": rfd registered with mask, 2 kB written, one poll that
// reports rfd, then 1 kB read back.
func epollPipeWith2K(mask pyselect.Mask) (*pyselect.Epoll, int) {
	GinkgoHelper()
	r, w := support.OncePipe()
	ep := support.NewEpoll()
	Expect(ep.Register(r.Fd, mask)).To(Succeed())
	support.Write(w.Fd, make([]byte, 2048))
	Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: r.Fd, Events: pyselect.EPOLLIN}}))
	epollReadN(r.Fd, 1024)
	return ep, r.Fd
}

var _ = describe("select.epoll.poll", "level-triggered", Label("api:epoll", "os:linux"), func() {
	// Source: epoll(7) "when used as a level-triggered interface (the default,
	// when EPOLLET is not specified), epoll is simply a faster poll(2)";
	// SEMANTICS.md#epoll-triggers (level-triggered (default): readiness is reported on every call until
	// drained).
	It("reports data left after a partial read again, on every call, until drained", func() {
		ep, r := epollPipeWith2K(pyselect.EPOLLIN)
		for range 3 {
			Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: r, Events: pyselect.EPOLLIN}}))
		}
		epollReadN(r, 1024)
		Expect(ep.Poll(0, -1)).To(BeEmpty(), "drained: no more events")
	})
})

var _ = describe("select.epoll.poll", "EPOLLET, edge-triggered", Label("api:epoll", "os:linux"), func() {
	// Source: epoll(7) "Level-triggered and edge-triggered", steps 1-5: with EPOLLET
	// "the call to epoll_wait(2) done in step 5 will probably hang despite the
	// available data still present ... edge-triggered mode delivers events only
	// when changes occur"; SEMANTICS.md#epoll-triggers (EPOLLET: reported once per new edge).
	It("does not report data left after a partial read until new data arrives", func() {
		r, w := support.OncePipe()
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN|pyselect.EPOLLET)).To(Succeed())
		support.Write(w.Fd, make([]byte, 2048))
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: r.Fd, Events: pyselect.EPOLLIN}}))
		epollReadN(r.Fd, 1024)
		Expect(ep.Poll(0, -1)).To(BeEmpty(), "step 5: 1 kB still buffered, but no new edge")
		support.Write(w.Fd, []byte("x"))
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: r.Fd, Events: pyselect.EPOLLIN}}), "a new write is a new edge")
		Expect(ep.Poll(0, -1)).To(BeEmpty())
	})

	// Source: SEMANTICS.md#epoll-triggers (EPOLLET ... On registration, an already-writable fd
	// gives one initial EPOLLOUT event, then none) (probed); CPython
	// test_epoll.py::test_control_and_wait expects that first EPOLLOUT.
	It("reports an fd that is already writable once, at registration", func() {
		a, _ := support.OnceSocketPair(unix.SOCK_STREAM)
		ep := support.NewEpoll()
		Expect(ep.Register(a.Fd, pyselect.EPOLLOUT|pyselect.EPOLLET)).To(Succeed())
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: a.Fd, Events: pyselect.EPOLLOUT}}))
		Expect(ep.Poll(0, -1)).To(BeEmpty())
		Expect(ep.Poll(0, -1)).To(BeEmpty())
	})

	// Source: epoll(7) Q&A "If more than one event occurs between epoll_wait(2)
	// calls, are they combined or reported separately? They will be combined."
	It("combines several writes between two polls into one event", func() {
		r, w := support.OncePipe()
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN|pyselect.EPOLLET)).To(Succeed())
		for range 3 {
			support.Write(w.Fd, []byte("x"))
		}
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: r.Fd, Events: pyselect.EPOLLIN}}))
		Expect(ep.Poll(0, -1)).To(BeEmpty())
	})

	// Source: epoll(7) Q&A "Does an operation on a file descriptor affect the
	// already collected but not yet reported events? ... Modify will reread
	// available I/O."
	It("reports the current level again after modify", func() {
		ep, r := epollPipeWith2K(pyselect.EPOLLIN | pyselect.EPOLLET)
		Expect(ep.Poll(0, -1)).To(BeEmpty())
		Expect(ep.Modify(r, pyselect.EPOLLIN|pyselect.EPOLLET)).To(Succeed())
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: r, Events: pyselect.EPOLLIN}}))
		Expect(ep.Poll(0, -1)).To(BeEmpty())
	})

	// Source: epoll_ctl(2) EPOLLRDHUP "This flag is especially useful for writing
	// simple code to detect peer shutdown when using edge-triggered monitoring."
	It("reports a peer's shutdown as one EPOLLRDHUP edge", func() {
		a, b := support.OnceSocketPair(unix.SOCK_STREAM)
		ep := support.NewEpoll()
		Expect(ep.Register(a.Fd, pyselect.EPOLLIN|pyselect.EPOLLRDHUP|pyselect.EPOLLET)).To(Succeed())
		Expect(ep.Poll(0, -1)).To(BeEmpty())
		Expect(unix.Shutdown(b.Fd, unix.SHUT_WR)).To(Succeed())
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: a.Fd, Events: pyselect.EPOLLIN | pyselect.EPOLLRDHUP}}))
		Expect(ep.Poll(0, -1)).To(BeEmpty())
	})
})

var _ = describe("select.epoll.poll", "EPOLLONESHOT", Label("api:epoll", "os:linux"), func() {
	// Source: epoll_ctl(2) EPOLLONESHOT "after an event notified for the file
	// descriptor by epoll_wait(2), the file descriptor is disabled in the interest
	// list and no other events will be reported"; SEMANTICS.md#epoll-triggers (one event, then
	// the fd is disabled).
	It("reports one event and then nothing, even with data still ready", func() {
		r, w := support.OncePipe()
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN|pyselect.EPOLLONESHOT)).To(Succeed())
		support.Write(w.Fd, []byte("x"))
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: r.Fd, Events: pyselect.EPOLLIN}}))
		Expect(ep.Poll(0, -1)).To(BeEmpty())
		support.Write(w.Fd, []byte("y"))
		Expect(ep.Poll(0, -1)).To(BeEmpty(), "new data does not re-arm")
	})

	// Source: SEMANTICS.md#epoll-triggers (EPOLLONESHOT ... (still registered: register again ->
	// FileExistsError)); epoll_ctl(2) "disabled in the interest list".
	It("keeps the disabled fd registered: register again raises FileExistsError", func() {
		r, w := support.OncePipe()
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN|pyselect.EPOLLONESHOT)).To(Succeed())
		support.Write(w.Fd, []byte("x"))
		Expect(ep.Poll(0, -1)).To(HaveLen(1))
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN|pyselect.EPOLLONESHOT)).
			To(support.RaiseErrno(builtins.FileExistsError, unix.EEXIST))
		Expect(ep.Unregister(r.Fd)).To(Succeed(), "and it can be unregistered")
	})

	// Source: epoll_ctl(2) EPOLLONESHOT "The user must call epoll_ctl() with
	// EPOLL_CTL_MOD to rearm the file descriptor with a new event mask"; epoll(7)
	// "it is the caller's responsibility to rearm the file descriptor using
	// epoll_ctl(2) with EPOLL_CTL_MOD".
	It("is re-armed by modify, for one more event", func() {
		r, w := support.OncePipe()
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, pyselect.EPOLLIN|pyselect.EPOLLONESHOT)).To(Succeed())
		support.Write(w.Fd, []byte("x"))
		Expect(ep.Poll(0, -1)).To(HaveLen(1))
		Expect(ep.Poll(0, -1)).To(BeEmpty())
		Expect(ep.Modify(r.Fd, pyselect.EPOLLIN|pyselect.EPOLLONESHOT)).To(Succeed())
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: r.Fd, Events: pyselect.EPOLLIN}}))
		Expect(ep.Poll(0, -1)).To(BeEmpty())
		Expect(ep.Modify(r.Fd, pyselect.EPOLLIN)).To(Succeed(), "modify without ONESHOT: level-triggered again")
		Expect(ep.Poll(0, -1)).To(HaveLen(1))
		Expect(ep.Poll(0, -1)).To(HaveLen(1))
	})
})

var _ = describe("select.epoll.register", "EPOLLEXCLUSIVE", Label("api:epoll", "os:linux"), func() {
	// Source: epoll_ctl(2) EPOLLEXCLUSIVE "The following values may be specified
	// in conjunction with EPOLLEXCLUSIVE: EPOLLIN, EPOLLOUT, EPOLLWAKEUP, and
	// EPOLLET. EPOLLHUP and EPOLLERR can also be specified"; SEMANTICS.md#epoll-triggers
	// "Only register with EXCLUSIVE (plus IN/OUT etc.) is OK" (probed).
	It("may be registered with IN, OUT, ET, HUP and ERR, and reports events", func() {
		a, b := support.OnceSocketPair(unix.SOCK_STREAM)
		ep := support.NewEpoll()
		mask := pyselect.Mask(pyselect.EPOLLEXCLUSIVE | pyselect.EPOLLIN | pyselect.EPOLLOUT |
			pyselect.EPOLLET | pyselect.EPOLLHUP | pyselect.EPOLLERR)
		Expect(ep.Register(a.Fd, mask)).To(Succeed())
		support.Write(b.Fd, []byte("x"))
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: a.Fd, Events: pyselect.EPOLLIN | pyselect.EPOLLOUT}}))
		Expect(ep.Unregister(a.Fd)).To(Succeed(), "EPOLL_CTL_DEL is allowed")
	})

	// Source: epoll_ctl(2) ERRORS "EINVAL op was EPOLL_CTL_MOD and the
	// EPOLLEXCLUSIVE flag has previously been applied to this epfd, fd pair",
	// "EINVAL op was EPOLL_CTL_MOD and events included EPOLLEXCLUSIVE", "EINVAL An
	// invalid event type was specified along with EPOLLEXCLUSIVE", "EINVAL
	// EPOLLEXCLUSIVE was specified in event and fd refers to an epoll instance";
	// SEMANTICS.md#epoll-triggers (each probed: OSError [Errno 22]).
	DescribeTable("raises OSError EINVAL where epoll_ctl(2) forbids it",
		func(call func(ep *pyselect.Epoll, a, b int) error) {
			a, b := support.OnceSocketPair(unix.SOCK_STREAM)
			ep := support.NewEpoll()
			err := call(ep, a.Fd, b.Fd)
			Expect(err).To(support.RaiseErrno(builtins.OSError, unix.EINVAL))
			Expect(err.Error()).To(Equal("OSError: [Errno 22] Invalid argument"))
		},
		Entry("modify of an fd registered with EXCLUSIVE", func(ep *pyselect.Epoll, a, _ int) error {
			Expect(ep.Register(a, pyselect.EPOLLIN|pyselect.EPOLLEXCLUSIVE)).To(Succeed())
			return ep.Modify(a, pyselect.EPOLLIN)
		}),
		Entry("modify keeping EXCLUSIVE", func(ep *pyselect.Epoll, a, _ int) error {
			Expect(ep.Register(a, pyselect.EPOLLIN|pyselect.EPOLLEXCLUSIVE)).To(Succeed())
			return ep.Modify(a, pyselect.EPOLLIN|pyselect.EPOLLEXCLUSIVE)
		}),
		Entry("adding EXCLUSIVE with modify", func(ep *pyselect.Epoll, a, _ int) error {
			Expect(ep.Register(a, pyselect.EPOLLIN)).To(Succeed())
			return ep.Modify(a, pyselect.EPOLLIN|pyselect.EPOLLEXCLUSIVE)
		}),
		Entry("EXCLUSIVE|ONESHOT", func(ep *pyselect.Epoll, a, _ int) error {
			return ep.Register(a, pyselect.EPOLLIN|pyselect.EPOLLEXCLUSIVE|pyselect.EPOLLONESHOT)
		}),
		Entry("EXCLUSIVE|RDHUP", func(ep *pyselect.Epoll, a, _ int) error {
			return ep.Register(a, pyselect.EPOLLIN|pyselect.EPOLLEXCLUSIVE|pyselect.EPOLLRDHUP)
		}),
		Entry("EXCLUSIVE|PRI", func(ep *pyselect.Epoll, a, _ int) error {
			return ep.Register(a, pyselect.EPOLLIN|pyselect.EPOLLEXCLUSIVE|pyselect.EPOLLPRI)
		}),
		Entry("EXCLUSIVE on an epoll fd", func(ep *pyselect.Epoll, _, _ int) error {
			other := support.NewEpoll()
			return ep.Register(support.EpollFileno(other), pyselect.EPOLLIN|pyselect.EPOLLEXCLUSIVE)
		}),
	)

	// Source: epoll(7) Q&A "Can two epoll instances wait for the same file
	// descriptor? ... Yes, and events would be reported to both"; epoll_ctl(2)
	// EPOLLEXCLUSIVE "events will be provided to all epoll instances that did not
	// specify EPOLLEXCLUSIVE, and at least one of the epoll instances that did".
	It("delivers to every non-exclusive instance and at least one exclusive one", func() {
		r, w := support.OncePipe()
		plain1, plain2 := support.NewEpoll(), support.NewEpoll()
		ex1, ex2 := support.NewEpoll(), support.NewEpoll()
		for _, ep := range []*pyselect.Epoll{plain1, plain2} {
			Expect(ep.Register(r.Fd, pyselect.EPOLLIN)).To(Succeed())
		}
		for _, ep := range []*pyselect.Epoll{ex1, ex2} {
			Expect(ep.Register(r.Fd, pyselect.EPOLLIN|pyselect.EPOLLEXCLUSIVE)).To(Succeed())
		}
		support.Write(w.Fd, []byte("x"))
		want := []pyselect.Event{{Fd: r.Fd, Events: pyselect.EPOLLIN}}
		Expect(plain1.Poll(0, -1)).To(Equal(want))
		Expect(plain2.Poll(0, -1)).To(Equal(want))
		n := len(epollMust(ex1.Poll(0, -1))) + len(epollMust(ex2.Poll(0, -1)))
		Expect(n).To(BeNumerically(">=", 1))
	})
})
