// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/selectors"
)

func init() {
	for _, c := range selectorClasses() {
		describe("selectors."+c.name, "", Label("api:selectors"), c.labels, func() {
			When("a TCP socket has only urgent data pending", func() {
				// Source: Lib/selectors.py: EpollSelector registers EVENT_READ as
				// _EVENT_READ = select.EPOLLIN, PollSelector as POLLIN, SelectSelector in
				// select's rlist; net/ipv4/tcp.c: tcp_poll counts an urgent byte not read
				// inline out of the readable data (EPOLLIN) and reports it as EPOLLPRI
				// only. Probed with CPython 3.11.7 on Linux: after send(b'!', MSG_OOB),
				// select(0) and select(0.05) are [] in SelectSelector, PollSelector and
				// EpollSelector, and a byte of ordinary data then makes it EVENT_READ.
				It("is not EVENT_READ until ordinary data follows", SpecTimeout(10*time.Second), func(ctx SpecContext) {
					s := newSelector(c)
					client, server := support.TCPPair()
					sfd := support.ConnFd(server)
					key, err := s.Register(server, selectors.EVENT_READ)
					Expect(err).NotTo(HaveOccurred())

					// The urgent byte has arrived once poll(2) reports POLLPRI.
					arrived := pyselect.NewPoll()
					Expect(arrived.Register(sfd, pyselect.POLLPRI|pyselect.POLLIN)).To(Succeed())
					Expect(unix.Sendto(support.ConnFd(client), []byte("!"), unix.MSG_OOB, nil)).To(Succeed())
					Expect(arrived.Poll(2000)).To(Equal([]pyselect.Event{{Fd: sfd, Events: pyselect.POLLPRI}}), "the urgent byte arrived, alone")
					Expect(s.Select(0)).To(BeEmpty(), "urgent data alone is not EVENT_READ")

					Expect(client.Write([]byte("x"))).To(Equal(1))
					Expect(arrived.Poll(2000)).To(ContainElement(HaveField("Events", pyselect.POLLPRI|pyselect.POLLIN)), "the ordinary byte arrived")
					Expect(s.Select(0)).To(Equal([]selectors.Ready[any]{{Key: key, Events: selectors.EVENT_READ}}))
				})
			})
		})
	}
}
