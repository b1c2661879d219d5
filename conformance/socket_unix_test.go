// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package conformance_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/socket"
)

// The socket specs of what Unix has and Windows has not: a descriptor of
// any kind, AF_UNIX and socketpair(2).

// The errno values the shared socket specs expect on Unix.
const (
	eClosed     = unix.EBADF
	eWouldBlock = unix.EAGAIN
	eRefused    = unix.ECONNREFUSED
	eAddrInUse  = unix.EADDRINUSE

	// createServerReuseAddr is whether Lib/socket.py's create_server sets
	// SO_REUSEADDR: on POSIX.
	createServerReuseAddr = true
)

// isNonblocking reads O_NONBLOCK from the descriptor.
func isNonblocking(s *socket.Socket) bool {
	GinkgoHelper()
	fl, err := unix.FcntlInt(uintptr(s.Fileno()), unix.F_GETFL, 0)
	Expect(err).NotTo(HaveOccurred())
	return fl&unix.O_NONBLOCK != 0
}

var _ = describe("socket.socket", "", Label("api:socket"), func() {
	// Source: socket(2) ENOTSOCK; Modules/socketmodule.c sock_initobj_impl
	// checks a fileno with getsockname and refuses a negative one.
	It("takes an existing socket's descriptor, and refuses a negative one and a non-socket", func() {
		_, err := socket.NewSocket(-1, -1, -1, -3)
		Expect(err).To(support.Raise(builtins.ValueError, "negative file descriptor"))
		r, _ := support.Pipe()
		_, err = socket.NewSocket(-1, -1, -1, r)
		Expect(err).To(support.RaiseErrno(builtins.OSError, unix.ENOTSOCK))
		a, _ := support.SocketPair(unix.SOCK_STREAM)
		fd, err := unix.Dup(a)
		Expect(err).NotTo(HaveOccurred())
		s, err := socket.NewSocket(-1, -1, -1, fd)
		Expect(err).NotTo(HaveOccurred())
		defer s.Close()
		Expect(s.Family()).To(Equal(socket.AF_UNIX))
		Expect(s.Type()).To(Equal(socket.SOCK_STREAM))
	})
})

var _ = describe("socket.socketpair", "", Label("api:socket"), func() {
	// Python: test_socket.py::BasicSocketPairTest::test_basic and testRecv.
	It("gives two connected AF_UNIX stream sockets", SpecTimeout(30e9), func(ctx SpecContext) {
		a, b, err := socket.Socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
		Expect(err).NotTo(HaveOccurred())
		defer a.Close()
		defer b.Close()
		Expect(a.Family()).To(Equal(socket.AF_UNIX))
		Expect(b.Type()).To(Equal(socket.SOCK_STREAM))
		_, err = a.Send(msg)
		Expect(err).NotTo(HaveOccurred())
		Expect(b.SetTimeout(10)).To(Succeed())
		Expect(b.Recv(1024)).To(Equal(msg))
	})
})
