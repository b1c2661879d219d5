// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"syscall"
	"unsafe"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/windows"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/socket"
)

// The socket specs of what Windows does its own way: a fileno is a SOCKET
// handle, and socketpair is Lib/socket.py's emulation over TCP.

// The Winsock codes the shared socket specs expect on Windows.
const (
	eClosed     = windows.WSAENOTSOCK // INVALID_SOCKET, or a closed handle
	eWouldBlock = windows.WSAEWOULDBLOCK
	eRefused    = windows.WSAECONNREFUSED
	eAddrInUse  = windows.WSAEADDRINUSE

	// createServerReuseAddr is whether Lib/socket.py's create_server sets
	// SO_REUSEADDR: not on Windows.
	createServerReuseAddr = false
)

var procRecv = windows.NewLazySystemDLL("ws2_32.dll").NewProc("recv")

// isNonblocking tells Winsock's FIONBIO mode of a connected socket with
// nothing to read, which no call reads back: with SO_RCVTIMEO at 1 ms, a
// recv(MSG_PEEK) fails at once with WSAEWOULDBLOCK on a non-blocking
// socket, and with WSAETIMEDOUT after the millisecond on a blocking one.
func isNonblocking(s *socket.Socket) bool {
	GinkgoHelper()
	h := windows.Handle(s.Fileno())
	const soRcvtimeo = 0x1006 // winsock2.h
	Expect(windows.SetsockoptInt(h, windows.SOL_SOCKET, soRcvtimeo, 1)).To(Succeed())
	var b [1]byte
	r, _, errno := syscall.SyscallN(procRecv.Addr(), uintptr(h), uintptr(unsafe.Pointer(&b[0])), 1, windows.MSG_PEEK)
	Expect(int32(r)).To(Equal(int32(-1)), "recv found data on an idle connection")
	Expect(errno).To(BeElementOf(windows.WSAEWOULDBLOCK, windows.WSAETIMEDOUT))
	return errno == windows.WSAEWOULDBLOCK
}

var _ = describe("socket.socket", "", Label("api:socket"), func() {
	// Source: Modules/socketmodule.c sock_initobj_impl, MS_WINDOWS: only
	// INVALID_SOCKET is "negative file descriptor"; getsockname checks the
	// handle, and since it fails on an unbound socket, only WSAENOTSOCK,
	// or a family still to be read, is an error.
	It("takes an existing socket's handle, and refuses INVALID_SOCKET and a handle that is no socket", func() {
		_, err := socket.NewSocket(-1, -1, -1, -1)
		Expect(err).To(support.Raise(builtins.ValueError, "negative file descriptor"))
		ev, err := windows.CreateEvent(nil, 0, 0, nil)
		Expect(err).NotTo(HaveOccurred())
		defer windows.CloseHandle(ev)
		_, err = socket.NewSocket(-1, -1, -1, int(ev))
		Expect(err).To(support.RaiseErrno(builtins.OSError, windows.WSAENOTSOCK))

		unbound, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
		Expect(err).NotTo(HaveOccurred())
		defer unbound.Close()
		_, err = socket.NewSocket(-1, -1, -1, unbound.Fileno())
		Expect(err).To(support.RaiseErrno(builtins.OSError, windows.WSAEINVAL))

		b, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
		Expect(err).NotTo(HaveOccurred())
		Expect(b.Bind(socket.Inet("127.0.0.1", 0))).To(Succeed())
		s, err := socket.NewSocket(-1, -1, -1, b.Detach())
		Expect(err).NotTo(HaveOccurred())
		defer s.Close()
		Expect(s.Family()).To(Equal(socket.AF_INET))
		Expect(s.Type()).To(Equal(socket.SOCK_STREAM))
		Expect(s.Proto()).To(Equal(0))
	})
})

var _ = describe("socket.socketpair", "", Label("api:socket"), func() {
	// Python: test_socket.py::BasicSocketPairTest::test_basic and
	// testRecv; Lib/socket.py's socketpair where _socket has none: the
	// accepted end and the connecting end of a TCP connection over
	// 127.0.0.1, in that order.
	It("gives two connected AF_INET stream sockets over loopback", SpecTimeout(30e9), func(ctx SpecContext) {
		a, b, err := socket.Socketpair(socket.AF_INET, socket.SOCK_STREAM)
		Expect(err).NotTo(HaveOccurred())
		defer a.Close()
		defer b.Close()
		Expect(a.Family()).To(Equal(socket.AF_INET))
		Expect(b.Type()).To(Equal(socket.SOCK_STREAM))
		Expect(a.GetTimeout()).To(BeNil())
		Expect(b.GetTimeout()).To(BeNil())
		peer, err := a.Getpeername()
		Expect(err).NotTo(HaveOccurred())
		Expect(b.Getsockname()).To(Equal(peer))
		Expect(peer.(socket.AddrInet).Host).To(Equal("127.0.0.1"))
		_, err = a.Send(msg)
		Expect(err).NotTo(HaveOccurred())
		Expect(b.SetTimeout(10)).To(Succeed())
		Expect(b.Recv(1024)).To(Equal(msg))
	})

	// Source: Lib/socket.py socketpair, the emulation's checks.
	It("takes only AF_INET and AF_INET6, SOCK_STREAM and proto 0, with ValueError", func() {
		_, _, err := socket.Socketpair(socket.AF_UNSPEC, socket.SOCK_STREAM)
		Expect(err).To(support.Raise(builtins.ValueError, "Only AF_INET and AF_INET6 socket address families are supported"))
		_, _, err = socket.Socketpair(socket.AF_INET, socket.SOCK_DGRAM)
		Expect(err).To(support.Raise(builtins.ValueError, "Only SOCK_STREAM socket type is supported"))
		_, _, err = socket.Socketpair(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
		Expect(err).To(support.Raise(builtins.ValueError, "Only protocol zero is supported"))
	})
})
