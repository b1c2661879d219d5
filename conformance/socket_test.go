// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package conformance_test

import (
	"errors"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/socket"
)

// msg is test_socket.py's MSG.
var msg = []byte("Michael Gilfix was here\u1234\r\n")

// tcpSockets is test_socket.py's SocketConnectedTest: a listener (serv),
// a client connected to it (cli) and the accepted end (conn), closed when
// the spec ends.
func tcpSockets() (serv, cli, conn *socket.Socket) {
	GinkgoHelper()
	var err error
	serv, err = socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(serv.Close)
	Expect(serv.Bind(socket.Inet("127.0.0.1", 0))).To(Succeed())
	Expect(serv.Listen()).To(Succeed())
	addr, err := serv.Getsockname()
	Expect(err).NotTo(HaveOccurred())
	cli, err = socket.CreateConnection(addr.(socket.AddrInet), 10.0)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(cli.Close)
	Expect(serv.SetTimeout(10.0)).To(Succeed())
	conn, _, err = serv.Accept()
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(conn.Close)
	Expect(conn.SetTimeout(10.0)).To(Succeed())
	return serv, cli, conn
}

var _ = describe("socket.socket", "", Label("api:socket"), func() {
	// Python: test_socket.py::GeneralModuleTests::test_repr.
	It("repr shows fd, family, type and proto, laddr once bound, and [closed] after close", func() {
		s, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
		Expect(err).NotTo(HaveOccurred())
		Expect(s.String()).To(ContainSubstring("fd=%d", s.Fileno()))
		Expect(s.String()).To(ContainSubstring("family=%d, type=%d, proto=0", socket.AF_INET, socket.SOCK_STREAM))
		Expect(s.String()).NotTo(ContainSubstring("raddr"))
		Expect(s.Bind(socket.Inet("127.0.0.1", 0))).To(Succeed())
		name, err := s.Getsockname()
		Expect(err).NotTo(HaveOccurred())
		Expect(s.String()).To(ContainSubstring("laddr=" + name.String()))
		Expect(s.Close()).To(Succeed())
		Expect(s.String()).To(ContainSubstring("[closed]"))
		Expect(s.String()).NotTo(ContainSubstring("laddr"))
	})

	// Python: test_socket.py::GeneralModuleTests::testNewAttributes.
	It("has the family, type and proto it was made with", func() {
		s, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
		Expect(err).NotTo(HaveOccurred())
		defer s.Close()
		Expect(s.Family()).To(Equal(socket.AF_INET))
		Expect(s.Type()).To(Equal(socket.SOCK_STREAM))
		Expect(s.Proto()).To(Equal(0))
	})
})

var _ = describe("socket.socket.close", "", Label("api:socket"), func() {
	// Python: test_socket.py::GeneralModuleTests::testSendAfterClose. On
	// Windows the call gets INVALID_SOCKET, which Winsock refuses with
	// WSAENOTSOCK.
	It("leaves fileno() -1 and every later call OSError EBADF", func() {
		s, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
		Expect(err).NotTo(HaveOccurred())
		Expect(s.SetTimeout(1)).To(Succeed())
		Expect(s.Close()).To(Succeed())
		Expect(s.Fileno()).To(Equal(-1))
		_, err = s.Send([]byte("spam"))
		Expect(err).To(support.RaiseErrno(builtins.OSError, eClosed))
	})

	// Python: test_socket.py::GeneralModuleTests::testCloseException
	// ("Winsock apparently raises ENOTSOCK"). The socket is bound first, as
	// there: on Windows getsockname fails on an unbound socket, and with it
	// socket(fileno=...).
	It("reports EBADF when another object closed the descriptor first", func() {
		s, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Bind(socket.Inet("127.0.0.1", 0))).To(Succeed())
		other, err := socket.NewSocket(-1, -1, -1, s.Fileno())
		Expect(err).NotTo(HaveOccurred())
		Expect(other.Close()).To(Succeed())
		Expect(s.Close()).To(support.RaiseErrno(builtins.OSError, eClosed))
	})

	// Python: test_socket.py::BasicTCPTest::testDetach.
	It("detach returns the descriptor, which stays open, and closes the object", SpecTimeout(30e9), func(ctx SpecContext) {
		_, cli, conn := tcpSockets()
		fd := cli.Fileno()
		Expect(cli.Detach()).To(Equal(fd))
		_, err := cli.Recv(1024)
		Expect(err).To(support.RaiseErrno(builtins.OSError, eClosed))
		s, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, -1, fd)
		Expect(err).NotTo(HaveOccurred())
		defer s.Close()
		Expect(s.SetTimeout(10.0)).To(Succeed())
		_, err = conn.Send(msg)
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Recv(1024)).To(Equal(msg))
	})
})

var _ = describe("socket.socket.recv", "", Label("api:socket"), func() {
	// Python: test_socket.py::BasicTCPTest::testRecv and testOverFlowRecv.
	It("receives what the peer sent, in as many pieces as asked", SpecTimeout(30e9), func(ctx SpecContext) {
		_, cli, conn := tcpSockets()
		_, err := conn.Send(msg)
		Expect(err).NotTo(HaveOccurred())
		seg1, err := cli.Recv(len(msg) - 3)
		Expect(err).NotTo(HaveOccurred())
		seg2, err := cli.Recv(1024)
		Expect(err).NotTo(HaveOccurred())
		Expect(append(seg1, seg2...)).To(Equal(msg))
	})

	// Source: recv(2) "When a stream socket peer has performed an orderly
	// shutdown, the return value will be 0"; Python returns b"".
	It("returns an empty slice, and no error, at the end of the stream", SpecTimeout(30e9), func(ctx SpecContext) {
		_, cli, conn := tcpSockets()
		Expect(conn.Shutdown(socket.SHUT_WR)).To(Succeed())
		got, err := cli.Recv(10)
		Expect(err).NotTo(HaveOccurred())
		Expect(got).NotTo(BeNil())
		Expect(got).To(BeEmpty())
	})

	// Python: test_socket.py::NonBlockingTCPTests::testRecv.
	It("fails with BlockingIOError in non-blocking mode until data arrives, then does not block", SpecTimeout(30e9), func(ctx SpecContext) {
		_, cli, conn := tcpSockets()
		Expect(conn.SetBlocking(false)).To(Succeed())
		_, err := conn.Recv(len(msg))
		Expect(err).To(support.RaiseErrno(builtins.BlockingIOError, eWouldBlock))
		_, err = cli.Send(msg)
		Expect(err).NotTo(HaveOccurred())
		r, _, _, err := pyselect.Select([]any{conn}, nil, nil, 10.0)
		Expect(err).NotTo(HaveOccurred())
		Expect(r).To(ConsistOf(conn))
		Expect(conn.Recv(len(msg))).To(Equal(msg))
	})

	// Python: test_socket.py::TCPTimeoutTest::testTCPTimeout (for recv).
	// Source: Modules/socketmodule.c sock_call_ex: "timed out".
	It("fails with TimeoutError \"timed out\" in timeout mode, after at least the timeout", SpecTimeout(30e9), func(ctx SpecContext) {
		_, cli, _ := tcpSockets()
		Expect(cli.SetTimeout(0.05)).To(Succeed())
		start := time.Now()
		_, err := cli.Recv(10)
		Expect(err).To(support.Raise(builtins.TimeoutError, "timed out"))
		Expect(time.Since(start)).To(BeNumerically(">=", 50*time.Millisecond))
	})

	It("refuses a negative buffer size with ValueError", func() {
		s, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
		Expect(err).NotTo(HaveOccurred())
		defer s.Close()
		_, err = s.Recv(-1)
		Expect(err).To(support.Raise(builtins.ValueError, "negative buffersize in recv"))
	})
})

var _ = describe("socket.socket.recvfrom", "", Label("api:socket"), func() {
	// Python: test_socket.py::BasicTCPTest::testRecvFrom; a connected
	// stream socket has no sender address (makesockaddr: addrlen 0 is None).
	It("returns the data and None on a connected stream socket", SpecTimeout(30e9), func(ctx SpecContext) {
		_, cli, conn := tcpSockets()
		_, err := conn.Send(msg)
		Expect(err).NotTo(HaveOccurred())
		data, addr, err := cli.Recvfrom(1024)
		Expect(err).NotTo(HaveOccurred())
		Expect(data).To(Equal(msg))
		Expect(addr).To(BeNil())
	})
})

var _ = describe("socket.socket.sendall", "", Label("api:socket"), func() {
	// Python: test_socket.py::BasicTCPTest::testSendAll.
	It("sends every byte", SpecTimeout(30e9), func(ctx SpecContext) {
		_, cli, conn := tcpSockets()
		Expect(conn.Sendall(make([]byte, 2048))).To(Succeed())
		Expect(conn.Close()).To(Succeed())
		var got []byte
		for {
			b, err := cli.Recv(1024)
			Expect(err).NotTo(HaveOccurred())
			if len(b) == 0 {
				break
			}
			got = append(got, b...)
		}
		Expect(got).To(HaveLen(2048))
	})
})

var _ = describe("socket.socket.accept", "", Label("api:socket"), func() {
	// Python: test_socket.py::NonBlockingTCPTests::testAccept.
	It("fails with BlockingIOError in non-blocking mode with no connection pending, then accepts without blocking", SpecTimeout(30e9), func(ctx SpecContext) {
		serv, err := socket.CreateServer(socket.Inet("127.0.0.1", 0))
		Expect(err).NotTo(HaveOccurred())
		defer serv.Close()
		Expect(serv.SetBlocking(false)).To(Succeed())
		_, _, err = serv.Accept()
		Expect(err).To(support.RaiseErrno(builtins.BlockingIOError, eWouldBlock))
		addr, err := serv.Getsockname()
		Expect(err).NotTo(HaveOccurred())
		cli, err := socket.CreateConnection(addr.(socket.AddrInet), 10.0)
		Expect(err).NotTo(HaveOccurred())
		defer cli.Close()
		r, _, _, err := pyselect.Select([]any{serv}, nil, nil, 10.0)
		Expect(err).NotTo(HaveOccurred())
		Expect(r).To(ConsistOf(serv))
		conn, _, err := serv.Accept()
		Expect(err).NotTo(HaveOccurred())
		defer conn.Close()
		Expect(conn.GetTimeout()).To(BeNil())
	})

	// Python: test_socket.py::NonBlockingTCPTests::testInheritFlagsBlocking
	// (bpo-7995): with no default timeout, a socket accepted from a
	// listener with a timeout is blocking.
	It("gives a blocking socket when the listener has a timeout and there is no default timeout", SpecTimeout(30e9), func(ctx SpecContext) {
		Expect(socket.GetDefaultTimeout()).To(BeNil())
		serv2, err := socket.CreateServer(socket.Inet("127.0.0.1", 0))
		Expect(err).NotTo(HaveOccurred())
		defer serv2.Close()
		Expect(serv2.SetTimeout(10)).To(Succeed())
		addr, _ := serv2.Getsockname()
		cli, err := socket.CreateConnection(addr.(socket.AddrInet), 10.0)
		Expect(err).NotTo(HaveOccurred())
		defer cli.Close()
		c, _, err := serv2.Accept()
		Expect(err).NotTo(HaveOccurred())
		defer c.Close()
		Expect(c.GetTimeout()).To(BeNil())
		Expect(isNonblocking(c)).To(BeFalse())
	})
})

var _ = describe("socket.socket.setblocking", "", Label("api:socket"), func() {
	// Python: test_socket.py::NonBlockingTCPTests::testSetBlocking: the
	// mode is the timeout, and the descriptor is non-blocking in every mode
	// but blocking (timeout None): O_NONBLOCK, on Windows FIONBIO.
	It("sets the timeout and the descriptor's O_NONBLOCK together", SpecTimeout(30e9), func(ctx SpecContext) {
		_, s, _ := tcpSockets()
		for _, c := range []struct {
			set      func() error
			timeout  any
			blocking bool
		}{
			{func() error { return s.SetBlocking(true) }, nil, true},
			{func() error { return s.SetBlocking(false) }, 0.0, false},
			{func() error { return s.SetTimeout(nil) }, nil, true},
			{func() error { return s.SetTimeout(0) }, 0.0, false},
			{func() error { return s.SetTimeout(10) }, 10.0, true},
			{func() error { return s.SetTimeout(0) }, 0.0, false},
		} {
			Expect(c.set()).To(Succeed())
			if c.timeout == nil {
				Expect(s.GetTimeout()).To(BeNil())
			} else {
				Expect(s.GetTimeout()).To(Equal(c.timeout))
			}
			Expect(s.GetBlocking()).To(Equal(c.blocking))
			Expect(isNonblocking(s)).To(Equal(c.timeout != nil))
		}
	})
})

var _ = describe("socket.socket.connect", "", Label("api:socket"), func() {
	// Source: connect(2) ECONNREFUSED "A connect() on a stream socket found
	// no one listening on the remote address." Python:
	// test_socket.py::NetworkConnectionNoServer::test_connect.
	It("fails with ConnectionRefusedError where nothing listens, and connect_ex returns the errno", SpecTimeout(30e9), func(ctx SpecContext) {
		serv, err := socket.CreateServer(socket.Inet("127.0.0.1", 0))
		Expect(err).NotTo(HaveOccurred())
		addr, _ := serv.Getsockname()
		Expect(serv.Close()).To(Succeed())
		s, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
		Expect(err).NotTo(HaveOccurred())
		defer s.Close()
		Expect(s.Connect(addr)).To(support.RaiseErrno(builtins.ConnectionRefusedError, eRefused))
		s2, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
		Expect(err).NotTo(HaveOccurred())
		defer s2.Close()
		Expect(s2.ConnectEx(addr)).To(Equal(int(eRefused)))
	})
})

var _ = describe("socket.socket.getsockopt", "", Label("api:socket"), func() {
	// Python: test_socket.py::GeneralModuleTests::testGetSockOpt and
	// testSetSockOpt.
	It("reads SO_REUSEADDR as 0 on a new socket and non-zero once set", func() {
		s, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
		Expect(err).NotTo(HaveOccurred())
		defer s.Close()
		Expect(s.Getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR)).To(Equal(0))
		Expect(s.Setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)).To(Succeed())
		Expect(s.Getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR)).NotTo(Equal(0))
	})

	// Source: tcp(7) TCP_NODELAY: off by default. CPython never sets it;
	// Go's net does, so a port on net would not send as the original.
	It("reads TCP_NODELAY as 0: Nagle's algorithm stays on", SpecTimeout(30e9), func(ctx SpecContext) {
		_, cli, conn := tcpSockets()
		Expect(cli.Getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)).To(Equal(0))
		Expect(conn.Getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)).To(Equal(0))
	})
})

var _ = describe("socket.fromfd", "", Label("api:socket"), func() {
	// Python: test_socket.py::BasicTCPTest::testFromFd and testDup.
	It("gives a socket on a duplicate descriptor that receives what the original would", SpecTimeout(30e9), func(ctx SpecContext) {
		_, cli, conn := tcpSockets()
		s, err := socket.Fromfd(cli.Fileno(), socket.AF_INET, socket.SOCK_STREAM)
		Expect(err).NotTo(HaveOccurred())
		defer s.Close()
		Expect(s.Fileno()).NotTo(Equal(cli.Fileno()))
		d, err := cli.Dup()
		Expect(err).NotTo(HaveOccurred())
		defer d.Close()
		Expect(d.GetTimeout()).To(Equal(cli.GetTimeout()))
		_, err = conn.Send(msg)
		Expect(err).NotTo(HaveOccurred())
		Expect(s.SetTimeout(10)).To(Succeed())
		Expect(s.Recv(1024)).To(Equal(msg))
	})
})

var _ = describe("socket.create_server", "", Label("api:socket"), func() {
	// Python: test_socket.py::CreateServerTest::test_address and
	// test_reuse_port; Lib/socket.py sets SO_REUSEADDR on POSIX, and not on
	// Windows ("Note about Windows. We don't set SO_REUSEADDR"), where it
	// would let another socket bind the same address.
	It("listens on the address with SO_REUSEADDR, but on Windows", func() {
		s, err := socket.CreateServer(socket.Inet("127.0.0.1", 0))
		Expect(err).NotTo(HaveOccurred())
		defer s.Close()
		addr, err := s.Getsockname()
		Expect(err).NotTo(HaveOccurred())
		Expect(addr.(socket.AddrInet).Host).To(Equal("127.0.0.1"))
		reuse, err := s.Getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR)
		Expect(err).NotTo(HaveOccurred())
		Expect(reuse != 0).To(Equal(createServerReuseAddr))
		Expect(s.Getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)).To(Equal(1))
	})
})

var _ = describe("socket.create_connection", "", Label("api:socket"), func() {
	// closedPort is a loopback address nothing listens on.
	closedPort := func() socket.AddrInet {
		GinkgoHelper()
		serv, err := socket.CreateServer(socket.Inet("127.0.0.1", 0))
		Expect(err).NotTo(HaveOccurred())
		addr, err := serv.Getsockname()
		Expect(err).NotTo(HaveOccurred())
		Expect(serv.Close()).To(Succeed())
		return addr.(socket.AddrInet)
	}

	// Python: test_socket.py::NetworkConnectionAttributesTest::testSourceAddress;
	// Lib/socket.py create_connection: "if source_address:
	// sock.bind(source_address)" before sock.connect(sa).
	It("binds to source_address before it connects", SpecTimeout(30e9), func(ctx SpecContext) {
		serv, err := socket.CreateServer(socket.Inet("127.0.0.1", 0))
		Expect(err).NotTo(HaveOccurred())
		defer serv.Close()
		addr, _ := serv.Getsockname()
		src, err := socket.CreateServer(socket.Inet("127.0.0.1", 0)) // a free port to bind to
		Expect(err).NotTo(HaveOccurred())
		srcAddr, _ := src.Getsockname()
		Expect(src.Close()).To(Succeed())
		cli, err := socket.CreateConnection(addr.(socket.AddrInet), 10.0, srcAddr)
		Expect(err).NotTo(HaveOccurred())
		defer cli.Close()
		Expect(cli.Getsockname()).To(Equal(srcAddr))
		Expect(cli.GetTimeout()).To(Equal(10.0))
		// source_address=None is no bind, as leaving it out.
		cli2, err := socket.CreateConnection(addr.(socket.AddrInet), 10.0, nil)
		Expect(err).NotTo(HaveOccurred())
		defer cli2.Close()
		Expect(cli2.Getpeername()).To(Equal(addr))
	})

	// Source: Lib/socket.py create_connection: a bind that fails is an
	// OSError of that address ("except error as exc"), raised as the
	// last error; python3 -c 'socket.create_connection(addr, 1, src)'
	// with src a listener's address raises OSError [Errno 98]. A source
	// of the wrong type is bind's TypeError, raised at once.
	It("raises the bind's error for a source_address in use, and bind's TypeError for one that is no address", func() {
		serv, err := socket.CreateServer(socket.Inet("127.0.0.1", 0))
		Expect(err).NotTo(HaveOccurred())
		defer serv.Close()
		addr, _ := serv.Getsockname()
		inUse, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
		Expect(err).NotTo(HaveOccurred())
		defer inUse.Close()
		Expect(inUse.Bind(socket.Inet("127.0.0.1", 0))).To(Succeed())
		Expect(inUse.Listen()).To(Succeed())
		src, _ := inUse.Getsockname()
		_, err = socket.CreateConnection(addr.(socket.AddrInet), 10.0, src)
		Expect(err).To(support.RaiseErrno(builtins.OSError, eAddrInUse))
		_, err = socket.CreateConnection(addr.(socket.AddrInet), 10.0, 5)
		Expect(err).To(support.Raise(builtins.TypeError, "bind(): AF_INET address must be tuple, not int"))
	})

	// Python: test_socket.py::NetworkConnectionNoServer::test_create_connection
	// (the last address's error, an OSError) and
	// test_create_connection_all_errors (an ExceptionGroup with one OSError
	// per address of getaddrinfo); Lib/socket.py create_connection: raise
	// ExceptionGroup("create_connection failed", exceptions). Its str() is
	// python3's: "create_connection failed (1 sub-exception)".
	It("raises the last error, or with all_errors an ExceptionGroup of every address's error", func() {
		addr := closedPort()
		_, err := socket.CreateConnection(addr)
		Expect(err).To(support.RaiseErrno(builtins.ConnectionRefusedError, eRefused))

		_, err = socket.CreateConnection(addr, nil, nil, socket.ConnectionOptions{AllErrors: true})
		Expect(err).To(support.Raise(builtins.ExceptionGroup, "create_connection failed (1 sub-exception)"))
		Expect(builtins.Except(err, builtins.ExceptionGroup, builtins.PyException)).To(BeTrue())
		Expect(builtins.Except(err, builtins.OSError)).To(BeFalse(), "except OSError does not catch the group")
		var eg *builtins.ExceptionGroupError
		Expect(errors.As(err, &eg)).To(BeTrue())
		Expect(eg.Message).To(Equal("create_connection failed"))
		Expect(eg.Exceptions).To(HaveLen(1))
		Expect(eg.Exceptions[0]).To(support.RaiseErrno(builtins.ConnectionRefusedError, eRefused))

		// The keyword alone, as create_connection(addr, all_errors=True).
		_, err = socket.CreateConnection(addr, socket.ConnectionOptions{AllErrors: true})
		Expect(builtins.ExceptionOf(err)).To(Equal(builtins.ExceptionGroup))
		_, err = socket.CreateConnection(addr, socket.ConnectionOptions{})
		Expect(err).To(support.RaiseErrno(builtins.ConnectionRefusedError, eRefused))
	})

	// Source: Lib/socket.py's signature create_connection(address,
	// timeout=..., source_address=None, *, all_errors=False); python3:
	// create_connection(addr, None, None, True) raises "TypeError:
	// create_connection() takes from 1 to 3 positional arguments but 4
	// were given".
	It("takes at most timeout and source_address before its keywords", func() {
		_, err := socket.CreateConnection(closedPort(), nil, nil, true)
		Expect(err).To(support.Raise(builtins.TypeError, "create_connection() takes from 1 to 3 positional arguments but 4 were given"))
	})
})
