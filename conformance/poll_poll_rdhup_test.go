// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build freebsd || linux

package conformance_test

import (
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// pollRdhupExact is, per situation and OS, the exact revents (probed with
// CPython 3.11.7 on Linux 6.18, SEMANTICS.md#poll-events: socket, peer
// SHUT_WR, mask POLLIN|POLLRDHUP -> 8193 (IN|RDHUP); socket, peer closed,
// same mask -> 8209 (IN|HUP|RDHUP); a TCP peer's close without RST gives
// 8193), cited with the kernel function that decides it. FreeBSD
// (POLLRDHUP since 13.0) has no row yet: its answer is recorded, and only
// the POLLIN|POLLRDHUP bits poll(2) documents are checked.
var pollRdhupExact = map[string]map[string]support.Row[pyselect.Mask]{
	"socketpair SHUT_WR": {"linux": support.Cited(pyselect.POLLIN|pyselect.POLLRDHUP, linuxUnixPoll)},
	"socketpair close":   {"linux": support.Cited(pyselect.POLLIN|pyselect.POLLHUP|pyselect.POLLRDHUP, linuxUnixPoll)},
	"tcp SHUT_WR":        {"linux": support.Cited(pyselect.POLLIN|pyselect.POLLRDHUP, linuxTCPPoll)},
	"tcp close":          {"linux": support.Cited(pyselect.POLLIN|pyselect.POLLRDHUP, linuxTCPPoll)},
}

func init() {
	maskNames = append(maskNames, maskName{pyselect.POLLRDHUP, "POLLRDHUP"})
}

const linuxTCPPoll = "torvalds/linux net/ipv4/tcp.c: tcp_poll (EPOLLIN|EPOLLRDHUP at RCV_SHUTDOWN, which a FIN sets; EPOLLHUP only at SHUTDOWN_MASK or TCP_CLOSE)"

var _ = describe("select.poll.poll", "on Linux and FreeBSD", Label("api:poll", "os:linux", "os:freebsd"), func() {
	// Source: poll(2) "POLLRDHUP (since Linux 2.6.17) Stream socket peer
	// closed connection, or shut down writing half of connection";
	// FreeBSD poll(2) POLLRDHUP; SEMANTICS.md#poll-events revents table (probed).
	DescribeTable("reports POLLRDHUP",
		func(ctx SpecContext, situation string, peer func() int) {
			fd := peer()
			p := pyselect.NewPoll()
			Expect(p.Register(fd, pyselect.POLLIN|pyselect.POLLRDHUP)).To(Succeed())
			// A TCP FIN crosses loopback asynchronously: wait for it, 5 s at most.
			var evs []pyselect.Event
			Eventually(func() []pyselect.Event { evs = pollOnce(p); return evs }).WithTimeout(5 * time.Second).ShouldNot(BeEmpty())
			Expect(evs).To(HaveLen(1))
			Expect(evs[0].Fd).To(Equal(fd))
			Expect(evs[0].Events & (pyselect.POLLIN | pyselect.POLLRDHUP)).To(Equal(pyselect.Mask(pyselect.POLLIN | pyselect.POLLRDHUP)))
			support.Rows[pyselect.Mask]{Name: "pollRdhupExact[" + strconv.Quote(situation) + "]", OS: pollRdhupExact[situation], GoValue: maskGo}.Expect(evs[0].Events)
		},
		Entry("When a socketpair peer calls shutdown(SHUT_WR), it reports POLLIN|POLLRDHUP (8193)", "socketpair SHUT_WR", func() int {
			a, b := support.SocketPair(unix.SOCK_STREAM)
			Expect(unix.Shutdown(b, unix.SHUT_WR)).To(Succeed())
			return a
		}),
		Entry("When a socketpair peer closes, it reports POLLIN|POLLHUP|POLLRDHUP (8209)", "socketpair close", func() int {
			a, b := support.SocketPair(unix.SOCK_STREAM)
			Expect(unix.Close(b)).To(Succeed())
			return a
		}),
		Entry("When a TCP peer calls shutdown(SHUT_WR), it reports POLLIN|POLLRDHUP (8193)", "tcp SHUT_WR", func() int {
			client, server := support.TCPPair()
			Expect(server.CloseWrite()).To(Succeed())
			return support.ConnFd(client)
		}, SpecTimeout(10*time.Second)),
		Entry("When a TCP peer closes, it reports POLLIN|POLLRDHUP (8193)", "tcp close", func() int {
			client, server := support.TCPPair()
			Expect(server.Close()).To(Succeed())
			return support.ConnFd(client)
		}, SpecTimeout(10*time.Second)),
	)
})
