// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package socket_test

import (
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/pyselect/pyselect/conformance/support/readme"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/socket"
)

// A portingRow is one row of the README's socket porting table and a run
// of its Go form that checks it does what the Python form does.
type portingRow struct {
	python, goForm string
	run            func(t *testing.T)
}

var portingRows = []portingRow{
	{"s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)", `s, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)`, func(t *testing.T) {
		s, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
		check(t, err)
		defer s.Close()
		if s.Family() != socket.AF_INET || s.Type() != socket.SOCK_STREAM || s.Proto() != 0 {
			t.Fatal(s)
		}
	}},
	{"s = socket.socket()", `s, err := socket.NewSocket(-1, -1, -1)`, func(t *testing.T) {
		s, err := socket.NewSocket(-1, -1, -1)
		check(t, err)
		defer s.Close()
		if s.Family() != socket.AF_INET || s.Type() != socket.SOCK_STREAM {
			t.Fatal("socket.socket() is AF_INET, SOCK_STREAM:", s)
		}
	}},
	{"s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)", `err := s.Setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)`, func(t *testing.T) {
		s := newTCP(t)
		check(t, s.Setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1))
		if v, _ := s.Getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR); v == 0 {
			t.Fatal("not set")
		}
	}},
	{"s.bind(('127.0.0.1', 0))", `err := s.Bind(socket.Inet("127.0.0.1", 0))`, func(t *testing.T) {
		s := newTCP(t)
		check(t, s.Bind(socket.Inet("127.0.0.1", 0)))
		if a, _ := s.Getsockname(); a.(socket.AddrInet).Host != "127.0.0.1" {
			t.Fatal(a)
		}
	}},
	{"s.listen()`, `s.listen(100)", "err := s.Listen()`, `err := s.Listen(100)", func(t *testing.T) {
		s := newTCP(t)
		check(t, s.Listen())
		check(t, s.Listen(100))
	}},
	{"s.setblocking(False)", `err := s.SetBlocking(false)`, func(t *testing.T) {
		s := newTCP(t)
		check(t, s.SetBlocking(false))
		if s.GetBlocking() || s.GetTimeout() != 0.0 {
			t.Fatal("not non-blocking")
		}
	}},
	{"s.settimeout(0.5)`, `s.gettimeout()", "err := s.SetTimeout(0.5)`, `t := s.GetTimeout() // nil or a float64", func(t *testing.T) {
		s := newTCP(t)
		if s.GetTimeout() != nil {
			t.Fatal("a new socket's timeout is None")
		}
		check(t, s.SetTimeout(0.5))
		if s.GetTimeout() != 0.5 {
			t.Fatal(s.GetTimeout())
		}
	}},
	{"port = s.getsockname()[1]", "addr, err := s.Getsockname(); port := addr.(socket.AddrInet).Port", func(t *testing.T) {
		ls, addr := listener(t)
		got, err := ls.Getsockname()
		check(t, err)
		if port := got.(socket.AddrInet).Port; port != addr.Port || port == 0 {
			t.Fatal(port)
		}
	}},
	{"conn, addr = s.accept()", "conn, addr, err := s.Accept()", func(t *testing.T) {
		c, _ := connected(t)
		if c.Fileno() < 0 {
			t.Fatal("no connection")
		}
	}},
	{"print('accepted', conn, 'from', addr)", `fmt.Println("accepted", conn, "from", addr)`, func(t *testing.T) {
		ls, addr := listener(t)
		c := must(socket.CreateConnection(addr, 5.0))
		defer c.Close()
		conn, peer, err := ls.Accept()
		check(t, err)
		defer conn.Close()
		got := fmt.Sprintln("accepted", conn, "from", peer)
		if !strings.HasPrefix(got, "accepted <socket.socket fd=") || !strings.Contains(got, "raddr=('127.0.0.1', ") || !strings.Contains(got, "from ('127.0.0.1', ") {
			t.Fatal(got)
		}
	}},
	{"data = conn.recv(1024)", "data, err := conn.Recv(1024)", func(t *testing.T) {
		c, s := connected(t)
		c.Send([]byte("x"))
		if data, err := s.Recv(1024); err != nil || string(data) != "x" {
			t.Fatal(data, err)
		}
	}},
	{"if not data:  # the peer closed", "if len(data) == 0 {", func(t *testing.T) {
		c, s := connected(t)
		c.Close()
		if data, err := s.Recv(1024); err != nil || len(data) != 0 {
			t.Fatal(data, err)
		}
	}},
	{"n = conn.recv_into(buf)", "n, err := conn.RecvInto(buf)", func(t *testing.T) {
		c, s := connected(t)
		c.Send([]byte("xy"))
		buf := make([]byte, 8)
		if n, err := s.RecvInto(buf); err != nil || string(buf[:n]) != "xy" {
			t.Fatal(n, err)
		}
	}},
	{"data, addr = s.recvfrom(1024)", "data, addr, err := s.Recvfrom(1024)", func(t *testing.T) {
		u := udp(t)
		addr := must(u.Getsockname())
		u.Sendto([]byte("d"), addr)
		if data, from, err := u.Recvfrom(1024); err != nil || string(data) != "d" || from != addr {
			t.Fatal(data, from, err)
		}
	}},
	{"sent = conn.send(data)", "sent, err := conn.Send(data)", func(t *testing.T) {
		c, _ := connected(t)
		if sent, err := c.Send([]byte("abc")); err != nil || sent != 3 {
			t.Fatal(sent, err)
		}
	}},
	{"conn.sendall(data)", "err := conn.Sendall(data)", func(t *testing.T) {
		c, _ := connected(t)
		check(t, c.Sendall(make([]byte, 100000)))
	}},
	{"s.sendto(data, addr)", "n, err := s.Sendto(data, addr)", func(t *testing.T) {
		u := udp(t)
		if n, err := u.Sendto([]byte("dd"), must(u.Getsockname())); err != nil || n != 2 {
			t.Fatal(n, err)
		}
	}},
	{"s.connect(addr)`, `s.connect_ex(addr)", "err := s.Connect(addr)`, `errno, err := s.ConnectEx(addr)", func(t *testing.T) {
		_, addr := listener(t)
		s := newTCP(t)
		check(t, s.Connect(addr))
		if errno, err := s.ConnectEx(addr); err != nil || errno != 106 { // EISCONN, as Python's connect_ex on a connected socket
			t.Fatal(errno, err)
		}
	}},
	{"conn.shutdown(socket.SHUT_WR)", "err := conn.Shutdown(socket.SHUT_WR)", func(t *testing.T) {
		c, s := connected(t)
		check(t, c.Shutdown(socket.SHUT_WR))
		if data, err := s.Recv(10); err != nil || len(data) != 0 {
			t.Fatal("the peer does not see the end of the stream", data, err)
		}
	}},
	{"conn.close()`, `conn.fileno()", "err := conn.Close()`, `fd := conn.Fileno()", func(t *testing.T) {
		c, _ := connected(t)
		check(t, c.Close())
		if fd := c.Fileno(); fd != -1 {
			t.Fatal(fd)
		}
	}},
	{"a, b = socket.socketpair()", "a, b, err := socket.Socketpair(socket.AF_UNIX, socket.SOCK_STREAM)", func(t *testing.T) {
		a, b, err := socket.Socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
		check(t, err)
		defer a.Close()
		defer b.Close()
	}},
	{"socket.create_connection(('localhost', port), 5)", `s, err := socket.CreateConnection(socket.Inet("localhost", port), 5)`, func(t *testing.T) {
		_, addr := listener(t)
		s, err := socket.CreateConnection(socket.Inet("localhost", addr.Port), 5)
		check(t, err)
		defer s.Close()
		if s.GetTimeout() != 5.0 {
			t.Fatal(s.GetTimeout())
		}
	}},
	{"socket.create_connection(addr, 5, ('127.0.0.1', 0), all_errors=True)", `s, err := socket.CreateConnection(addr, 5, socket.Inet("127.0.0.1", 0), socket.ConnectionOptions{AllErrors: true})`, func(t *testing.T) {
		_, addr := listener(t)
		s, err := socket.CreateConnection(addr, 5, socket.Inet("127.0.0.1", 0), socket.ConnectionOptions{AllErrors: true})
		check(t, err)
		defer s.Close()
		if local, err := s.Getsockname(); err != nil || local.(socket.AddrInet).Host != "127.0.0.1" {
			t.Fatal(local, err)
		}
	}},
	{"socket.create_server(('127.0.0.1', 0))", `s, err := socket.CreateServer(socket.Inet("127.0.0.1", 0))`, func(t *testing.T) {
		s, err := socket.CreateServer(socket.Inet("127.0.0.1", 0))
		check(t, err)
		defer s.Close()
	}},
	{"socket.create_server(addr, backlog=5)", "s, err := socket.CreateServer(addr, socket.ServerOptions{Backlog: 5})", func(t *testing.T) {
		s, err := socket.CreateServer(socket.Inet("127.0.0.1", 0), socket.ServerOptions{Backlog: 5})
		check(t, err)
		defer s.Close()
	}},
	{"socket.fromfd(fd, socket.AF_UNIX, socket.SOCK_STREAM)", "s, err := socket.Fromfd(fd, socket.AF_UNIX, socket.SOCK_STREAM)", func(t *testing.T) {
		a, b := must2(socket.Socketpair(socket.AF_UNIX, socket.SOCK_STREAM))
		defer a.Close()
		defer b.Close()
		s, err := socket.Fromfd(a.Fileno(), socket.AF_UNIX, socket.SOCK_STREAM)
		check(t, err)
		defer s.Close()
	}},
	{"socket.setdefaulttimeout(10)", "err := socket.SetDefaultTimeout(10)", func(t *testing.T) {
		check(t, socket.SetDefaultTimeout(10))
		defer socket.SetDefaultTimeout(nil)
		s := newTCP(t)
		if s.GetTimeout() != 10.0 {
			t.Fatal(s.GetTimeout())
		}
	}},
	{"(no Python form: the socket handed to Go's net)", "c, err := conn.NetConn()", func(t *testing.T) {
		conn, _ := connected(t)
		c, err := conn.NetConn()
		check(t, err)
		c.Close()
	}},
	{"(no Python form: a socket of Go's net as a Socket)", "s, err := socket.FromConn(tcpConn)", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		check(t, err)
		defer ln.Close()
		s, err := socket.FromConn(ln.(*net.TCPListener))
		check(t, err)
		defer s.Close()
		if s.Family() != socket.AF_INET {
			t.Fatal(s)
		}
	}},
}

func TestPortingTable(t *testing.T) {
	for _, row := range portingRows {
		t.Run(row.python, row.run)
	}
}

// TestPortingTableIsTheREADMEs: the README's socket porting table and the
// rows above are the same, Python and Go columns alike.
func TestPortingTableIsTheREADMEs(t *testing.T) {
	tested := map[string]string{}
	for _, row := range portingRows {
		tested[row.python] = row.goForm
	}
	readme.Check(t, readme.Table(t, "../../README.md", "socket-porting"), tested, nil)
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(builtins.Str(err))
	}
}

func newTCP(t *testing.T) *socket.Socket {
	s := must(socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0))
	t.Cleanup(func() { s.Close() })
	return s
}

func udp(t *testing.T) *socket.Socket {
	u := must(socket.NewSocket(socket.AF_INET, socket.SOCK_DGRAM, 0))
	t.Cleanup(func() { u.Close() })
	check(t, u.Bind(socket.Inet("127.0.0.1", 0)))
	check(t, u.SetTimeout(5.0))
	return u
}
