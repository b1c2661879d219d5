// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"net"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/pyselect"
)

const (
	epIN    = pyselect.EPOLLIN
	epOUT   = pyselect.EPOLLOUT
	epERR   = pyselect.EPOLLERR
	epHUP   = pyselect.EPOLLHUP
	epRDHUP = pyselect.EPOLLRDHUP
)

var _ = describe("select.epoll.poll", "hang-ups", Label("api:epoll", "os:linux"), func() {
	// An AF_UNIX stream pair: what the watched end a reports after something
	// happens to it or its peer b. Each row was probed with CPython 3.11.7
	// (values in the entry names).
	//
	// Source: epoll_ctl(2) "EPOLLRDHUP Stream socket peer closed connection, or
	// shut down writing half of connection", "EPOLLHUP ... epoll_wait(2) will
	// always wait for this event; it is not necessary to set it in events";
	// SEMANTICS.md#epoll-events (peer closed) row.
	DescribeTable("reports on an AF_UNIX stream socket",
		func(mask pyselect.Mask, act func(a, b *support.OnceFd), want pyselect.Mask) {
			a, b := support.OnceSocketPair(unix.SOCK_STREAM)
			ep := support.NewEpoll()
			Expect(ep.Register(a.Fd, mask)).To(Succeed())
			act(a, b)
			Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: a.Fd, Events: want}}))
		},
		Entry("peer shutdown(SHUT_WR), mask IN|RDHUP -> IN|RDHUP (8193)", pyselect.Mask(epIN|epRDHUP),
			func(_, b *support.OnceFd) { Expect(unix.Shutdown(b.Fd, unix.SHUT_WR)).To(Succeed()) },
			pyselect.Mask(epIN|epRDHUP)),
		Entry("peer close, mask IN|RDHUP -> IN|HUP|RDHUP (8209)", pyselect.Mask(epIN|epRDHUP),
			func(_, b *support.OnceFd) { b.Close() },
			pyselect.Mask(epIN|epHUP|epRDHUP)),
		Entry("peer close, mask 0 -> HUP (16): reported even when not asked for", pyselect.Mask(0),
			func(_, b *support.OnceFd) { b.Close() },
			pyselect.Mask(epHUP)),
		Entry("peer shutdown(SHUT_RDWR), mask IN|OUT|RDHUP -> IN|OUT|HUP|RDHUP (8213)", pyselect.Mask(epIN|epOUT|epRDHUP),
			func(_, b *support.OnceFd) { Expect(unix.Shutdown(b.Fd, unix.SHUT_RDWR)).To(Succeed()) },
			pyselect.Mask(epIN|epOUT|epHUP|epRDHUP)),
		Entry("own shutdown(SHUT_RDWR), mask IN|OUT|RDHUP -> IN|OUT|HUP|RDHUP (8213)", pyselect.Mask(epIN|epOUT|epRDHUP),
			func(a, _ *support.OnceFd) { Expect(unix.Shutdown(a.Fd, unix.SHUT_RDWR)).To(Succeed()) },
			pyselect.Mask(epIN|epOUT|epHUP|epRDHUP)),
		Entry("own shutdown(SHUT_WR), mask IN|OUT|RDHUP -> OUT (4): no hang-up yet", pyselect.Mask(epIN|epOUT|epRDHUP),
			func(a, _ *support.OnceFd) { Expect(unix.Shutdown(a.Fd, unix.SHUT_WR)).To(Succeed()) },
			pyselect.Mask(epOUT)),
	)

	// Source: epoll_ctl(2) "EPOLLHUP ... when reading from a channel such as a pipe
	// or a stream socket, this event merely indicates that the peer closed its end
	// of the channel"; "EPOLLERR ... also reported for the write end of a pipe when
	// the read end has been closed"; SEMANTICS.md#epoll-events (pipes: read end after the
	// writer closes -> EPOLLHUP (16). Write end after the reader closes -> OUT|ERR
	// (12)) (probed, as are the other rows).
	DescribeTable("reports on a pipe",
		func(watchRead bool, mask pyselect.Mask, act func(r, w *support.OnceFd), want pyselect.Mask) {
			r, w := support.OncePipe()
			fd := w.Fd
			if watchRead {
				fd = r.Fd
			}
			ep := support.NewEpoll()
			Expect(ep.Register(fd, mask)).To(Succeed())
			act(r, w)
			Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: fd, Events: want}}))
		},
		Entry("read end, mask IN, writer closed -> HUP (16)", true, pyselect.Mask(epIN),
			func(_, w *support.OnceFd) { w.Close() }, pyselect.Mask(epHUP)),
		Entry("read end, mask IN, data then writer closed -> IN|HUP (17)", true, pyselect.Mask(epIN),
			func(_, w *support.OnceFd) { support.Write(w.Fd, []byte("x")); w.Close() }, pyselect.Mask(epIN|epHUP)),
		Entry("read end, mask 0, writer closed -> HUP (16)", true, pyselect.Mask(0),
			func(_, w *support.OnceFd) { w.Close() }, pyselect.Mask(epHUP)),
		Entry("write end, mask OUT, reader closed -> OUT|ERR (12)", false, pyselect.Mask(epOUT),
			func(r, _ *support.OnceFd) { r.Close() }, pyselect.Mask(epOUT|epERR)),
		Entry("write end, mask 0, reader closed -> ERR (8)", false, pyselect.Mask(0),
			func(r, _ *support.OnceFd) { r.Close() }, pyselect.Mask(epERR)),
	)

	// Source: epoll_ctl(2) EPOLLHUP note: "Subsequent reads from the channel will
	// return 0 (end of file) only after all outstanding data in the channel has
	// been consumed."
	It("keeps reporting IN|HUP until the data is read, then HUP with read() at EOF", func() {
		r, w := support.OncePipe()
		ep := support.NewEpoll()
		Expect(ep.Register(r.Fd, epIN)).To(Succeed())
		support.Write(w.Fd, []byte("data"))
		w.Close()
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: r.Fd, Events: epIN | epHUP}}))
		Expect(support.Drain(r.Fd)).To(Equal(4))
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: r.Fd, Events: epHUP}}))
		n, err := unix.Read(r.Fd, make([]byte, 8))
		Expect(err).NotTo(HaveOccurred())
		Expect(n).To(BeZero(), "end of file")
	})

	// TCP: the peer's FIN and RST arrive through the loopback stack, so the
	// result is awaited (level-triggered, so repeated polls see it).
	//
	// Source: SEMANTICS.md#epoll-events (SHUT_WR from peer with mask IN|RDHUP -> EPOLLIN|
	// EPOLLRDHUP (8193) ... TCP RST -> ERR|HUP (24)) and "EPOLLHUP/EPOLLERR are
	// reported even with mask 0"; probed with CPython 3.11.7: a TCP peer's close
	// (FIN, our side still open) is IN|RDHUP (8193), an RST with mask
	// IN|OUT|RDHUP is IN|OUT|ERR|HUP|RDHUP (8221).
	DescribeTable("reports on a TCP connection",
		func(ctx SpecContext, mask pyselect.Mask, act func(peer *net.TCPConn), want pyselect.Mask) {
			client, server := support.TCPPair()
			fd := support.ConnFd(client)
			ep := support.NewEpoll()
			Expect(ep.Register(fd, mask)).To(Succeed())
			act(server)
			Eventually(func() ([]pyselect.Event, error) { return ep.Poll(0, -1) }).
				WithTimeout(2 * time.Second).WithPolling(5 * time.Millisecond).
				Should(Equal([]pyselect.Event{{Fd: fd, Events: want}}))
		},
		Entry("peer shutdown(SHUT_WR), mask IN|RDHUP -> IN|RDHUP (8193)", SpecTimeout(10*time.Second),
			pyselect.Mask(epIN|epRDHUP), func(p *net.TCPConn) {
				Expect(p.CloseWrite()).To(Succeed())
			}, pyselect.Mask(epIN|epRDHUP)),
		Entry("peer close (FIN), mask IN|RDHUP -> IN|RDHUP (8193)", SpecTimeout(10*time.Second),
			pyselect.Mask(epIN|epRDHUP), func(p *net.TCPConn) {
				Expect(p.Close()).To(Succeed())
			}, pyselect.Mask(epIN|epRDHUP)),
		Entry("peer reset (SO_LINGER 0), mask 0 -> ERR|HUP (24)", SpecTimeout(10*time.Second),
			pyselect.Mask(0), func(p *net.TCPConn) {
				Expect(p.SetLinger(0)).To(Succeed())
				Expect(p.Close()).To(Succeed())
			}, pyselect.Mask(epERR|epHUP)),
		Entry("peer reset (SO_LINGER 0), mask IN|OUT|RDHUP -> IN|OUT|ERR|HUP|RDHUP (8221)", SpecTimeout(10*time.Second),
			pyselect.Mask(epIN|epOUT|epRDHUP), func(p *net.TCPConn) {
				Expect(p.SetLinger(0)).To(Succeed())
				Expect(p.Close()).To(Succeed())
			}, pyselect.Mask(epIN|epOUT|epERR|epHUP|epRDHUP)),
	)
})

var _ = describe("select.epoll.poll", "pipe writability", Label("api:epoll", "os:linux"), func() {
	// Source: Python docs select.PIPE_BUF "minimum number of bytes which can be
	// written without blocking to a pipe when the pipe has been reported as ready
	// for writing"; epoll_ctl(2) "EPOLLOUT The associated file is available for
	// write(2) operations"; issue: "writability of a full pipe after a drain".
	It("reports a full pipe not writable, and writable again once drained", func() {
		r, w := support.OncePipe()
		ep := support.NewEpoll()
		Expect(ep.Register(w.Fd, epOUT)).To(Succeed())
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: w.Fd, Events: epOUT}}))
		filled := support.Fill(w.Fd)
		Expect(filled).To(BeNumerically(">=", pyselect.PIPE_BUF))
		Expect(ep.Poll(0, -1)).To(BeEmpty(), "full: not writable")
		Expect(support.Drain(r.Fd)).To(Equal(filled))
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: w.Fd, Events: epOUT}}))
		n, err := unix.Write(w.Fd, make([]byte, pyselect.PIPE_BUF))
		Expect(err).NotTo(HaveOccurred())
		Expect(n).To(Equal(pyselect.PIPE_BUF), "PIPE_BUF bytes go in whole once writable")
	})

	// Source: epoll(7) ET usage "(2) by waiting for an event only after read(2) or
	// write(2) return EAGAIN": a full pipe's write end, edge-triggered, reports
	// EPOLLOUT again once the reader makes room.
	It("reports the edge back to writable after EAGAIN, edge-triggered", func() {
		r, w := support.OncePipe()
		ep := support.NewEpoll()
		Expect(ep.Register(w.Fd, epOUT|pyselect.EPOLLET)).To(Succeed())
		Expect(ep.Poll(0, -1)).To(HaveLen(1))
		support.Fill(w.Fd)
		_, err := unix.Write(w.Fd, []byte("x"))
		Expect(err).To(Equal(unix.EAGAIN))
		Expect(ep.Poll(0, -1)).To(BeEmpty())
		support.Drain(r.Fd)
		Expect(ep.Poll(0, -1)).To(Equal([]pyselect.Event{{Fd: w.Fd, Events: epOUT}}))
		Expect(ep.Poll(0, -1)).To(BeEmpty())
	})
})
