// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package socket_test

import (
	"bytes"
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	_ "github.com/pyselect/pyselect/conformance/support/memwatch" // a runaway test is named under .ci/memcap.sh

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/socket"
)

// must is v, and panics (failing the test with its stack) on err.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// wantErr checks err's Python class and str(e).
func wantErr(t *testing.T, err error, exc builtins.Exception, msg string) {
	t.Helper()
	e := builtins.AsError(err)
	if e == nil || e.Exception != exc || !msgMatches(e.Message, msg) {
		t.Fatalf("got %v, want %s: %s", err, exc, msg)
	}
}

// listener is a TCP listener on 127.0.0.1 with an ephemeral port.
func listener(t *testing.T) (*socket.Socket, socket.AddrInet) {
	t.Helper()
	ls := must(socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0))
	t.Cleanup(func() { ls.Close() })
	if err := ls.Bind(socket.Inet("127.0.0.1", 0)); err != nil {
		t.Fatal(err)
	}
	if err := ls.Listen(); err != nil {
		t.Fatal(err)
	}
	return ls, must(ls.Getsockname()).(socket.AddrInet)
}

// connected is a TCP connection's two ends over loopback.
func connected(t *testing.T) (client, server *socket.Socket) {
	t.Helper()
	ls, addr := listener(t)
	client = must(socket.CreateConnection(addr, 5.0))
	t.Cleanup(func() { client.Close() })
	ls.SetTimeout(5.0)
	server, _, err := ls.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { server.Close() })
	return client, server
}

func TestEcho(t *testing.T) {
	c, s := connected(t)
	if n := must(c.Send([]byte("hello"))); n != 5 {
		t.Fatalf("send: %d", n)
	}
	s.SetTimeout(5.0)
	got := must(s.Recv(1024))
	if string(got) != "hello" {
		t.Fatalf("recv: %q", got)
	}
	if err := s.Sendall(bytes.Repeat([]byte("x"), 1<<20)); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 1<<16)
	for total := 0; total < 1<<20; {
		n := must(c.RecvInto(buf))
		if n == 0 {
			t.Fatal("early EOF")
		}
		total += n
	}
}

// At the end of the stream recv returns b"" and no error (Python), not
// io.EOF.
func TestRecvAtEOFIsEmpty(t *testing.T) {
	c, s := connected(t)
	c.Close()
	s.SetTimeout(5.0)
	got, err := s.Recv(10)
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("recv at EOF: %q, %v; want b'' and no error", got, err)
	}
}

// Python: test_socket.py NonBlockingTCPTests.testRecv (BlockingIOError),
// TimeoutTests (TimeoutError "timed out").
func TestModes(t *testing.T) {
	c, _ := connected(t)
	if !c.GetBlocking() || c.GetTimeout() != 5.0 {
		t.Fatalf("create_connection(addr, 5.0): blocking %v timeout %v", c.GetBlocking(), c.GetTimeout())
	}
	c.SetBlocking(false)
	if c.GetBlocking() || c.GetTimeout() != 0.0 {
		t.Fatalf("setblocking(False): %v %v", c.GetBlocking(), c.GetTimeout())
	}
	_, err := c.Recv(10)
	wantErr(t, err, builtins.BlockingIOError, msgWouldBlock)
	if !errors.Is(err, eWouldBlock) || !builtins.Except(err, builtins.OSError) {
		t.Fatalf("BlockingIOError is not EAGAIN and OSError: %v", err)
	}
	c.SetTimeout(0.01)
	start := time.Now()
	_, err = c.Recv(10)
	wantErr(t, err, builtins.TimeoutError, "timed out")
	if d := time.Since(start); d < 10*time.Millisecond {
		t.Fatalf("timed out after %v, before the 10 ms timeout", d)
	}
	c.SetBlocking(true)
	if c.GetTimeout() != nil || !c.GetBlocking() {
		t.Fatalf("setblocking(True): %v", c.GetTimeout())
	}
}

// The values settimeout takes, with the errors CPython 3.11 gives.
func TestSetTimeoutValues(t *testing.T) {
	s := must(socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0))
	defer s.Close()
	for _, c := range []struct {
		v    any
		want any // the gettimeout() result, or an error class and message
		exc  builtins.Exception
		msg  string
	}{
		{v: nil, want: nil},
		{v: 1.5, want: 1.5},
		{v: 2, want: 2.0},
		{v: true, want: 1.0},
		{v: math.Copysign(0, -1), want: 0.0},
		{v: 250 * time.Millisecond, want: 0.25},
		{v: 1e-7, want: 1e-7},
		{v: "x", exc: builtins.TypeError, msg: "'str' object cannot be interpreted as an integer"},
		{v: -1, exc: builtins.ValueError, msg: "Timeout value out of range"},
		{v: -1e-10, exc: builtins.ValueError, msg: "Timeout value out of range"},
		{v: 1e300, exc: builtins.OverflowError, msg: "timestamp out of range for platform time_t"},
		{v: 1e10, exc: builtins.OverflowError, msg: "timestamp out of range for platform time_t"},
		{v: int64(9223372037), exc: builtins.OverflowError, msg: "timestamp too large to convert to C _PyTime_t"},
		{v: -time.Nanosecond, exc: builtins.ValueError, msg: "Timeout value out of range"},
	} {
		err := s.SetTimeout(c.v)
		if c.exc != "" {
			wantErr(t, err, c.exc, c.msg)
			continue
		}
		if err != nil || s.GetTimeout() != c.want {
			t.Errorf("settimeout(%v): %v, gettimeout %v; want %v", c.v, err, s.GetTimeout(), c.want)
		}
	}
}

// A closed socket: fileno() is -1 and every call is OSError EBADF (on
// Windows WSAENOTSOCK), as in CPython (which passes -1, INVALID_SOCKET, to
// the system call); close and detach again do nothing.
func TestClosed(t *testing.T) {
	s := must(socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s.Fileno() != -1 || s.Detach() != -1 || s.Close() != nil {
		t.Fatal("closed socket: fileno, detach or close")
	}
	const ebadf = msgClosed
	_, err := s.Recv(1)
	wantErr(t, err, builtins.OSError, ebadf)
	_, err = s.Send([]byte("x"))
	wantErr(t, err, builtins.OSError, ebadf)
	_, err = s.Getsockname()
	wantErr(t, err, builtins.OSError, ebadf)
	_, _, err = s.Accept()
	wantErr(t, err, builtins.OSError, ebadf)
	wantErr(t, s.Listen(1), builtins.OSError, ebadf)
	wantErr(t, s.SetTimeout(1), builtins.OSError, ebadf)
	wantErr(t, s.Shutdown(socket.SHUT_RDWR), builtins.OSError, ebadf)
	wantErr(t, s.Setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1), builtins.OSError, ebadf)
	_, err = s.Getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR)
	wantErr(t, err, builtins.OSError, ebadf)
	if got, want := s.String(), "<socket.socket [closed] fd=-1, family=2, type=1, proto=0>"; got != want {
		t.Errorf("repr: %s, want %s", got, want)
	}
}

// The zero Socket and a nil *Socket are harmless.
func TestZeroAndNil(t *testing.T) {
	var z socket.Socket
	if z.Fileno() != -1 || z.Close() != nil {
		t.Fatal("zero Socket is not closed")
	}
	_, err := z.Recv(1)
	wantErr(t, err, builtins.OSError, msgClosed)
	var n *socket.Socket
	_, err = n.Recv(1)
	wantErr(t, err, builtins.AttributeError, "'NoneType' object has no attribute 'recv'")
	if n.Fileno() != -1 || n.String() != "None" {
		t.Fatal("nil *Socket")
	}
}

// Address errors, as CPython 3.11 words them.
func TestAddressErrors(t *testing.T) {
	inet := must(socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0))
	defer inet.Close()
	wantErr(t, inet.Bind(socket.Inet("127.0.0.1", 70000)), builtins.OverflowError, "bind(): port must be 0-65535.")
	wantErr(t, inet.Bind(socket.Inet("127.0.0.1", -1)), builtins.OverflowError, "bind(): port must be 0-65535.")
	wantErr(t, inet.Bind(socket.AddrUnix("/tmp/x")), builtins.TypeError, "bind(): AF_INET address must be tuple, not str")
	wantErr(t, inet.Connect(socket.AddrInet6{Host: "::1", Port: 1}), builtins.TypeError, "AF_INET address must be a pair (host, port)")
}

// Python: test_socket.py testRecvIntoArray and the argument checks of
// sock_recv and sock_recv_into.
func TestBufferArguments(t *testing.T) {
	c, _ := connected(t)
	_, err := c.Recv(-1)
	wantErr(t, err, builtins.ValueError, "negative buffersize in recv")
	_, err = c.RecvInto(make([]byte, 2), 3)
	wantErr(t, err, builtins.ValueError, "buffer too small for requested bytes")
	_, err = c.RecvInto(make([]byte, 2), -1)
	wantErr(t, err, builtins.ValueError, "negative buffersize in recv_into")
	_, _, err = c.Recvfrom(-1)
	wantErr(t, err, builtins.ValueError, "negative buffersize in recvfrom")
	_, err = c.Recv(1, 0, 0)
	wantErr(t, err, builtins.TypeError, "recv() takes at most 2 arguments (3 given)")
}

// CPython's sock_recv_guts returns 0 for a request of 0 bytes without a
// system call: recv(0) and recv_into of an empty buffer give empty bytes and 0
// even on a listener (where recvfrom(2) says ENOTCONN) or a closed socket
// (EBADF). recvfrom(0) has no such shortcut and still fails.
func TestRecvZeroBytesMakesNoCall(t *testing.T) {
	l, _ := listener(t)
	if b, err := l.Recv(0); err != nil || len(b) != 0 {
		t.Errorf("listener recv(0) = %q, %v; want b'', nil", b, err)
	}
	if n, err := l.RecvInto(nil, 0); err != nil || n != 0 {
		t.Errorf("listener recv_into(bytearray(0)) = %d, %v; want 0, nil", n, err)
	}
	if underWine {
		t.Log("not checked: recvfrom on a listening socket, which Windows fails with WSAENOTCONN, blocks under Wine 8")
	} else {
		_, _, err := l.Recvfrom(0)
		wantErr(t, err, builtins.OSError, msgNotConnected)
	}
	l.Close()
	if b, err := l.Recv(0, socket.MSG_PEEK); err != nil || len(b) != 0 {
		t.Errorf("closed recv(0, MSG_PEEK) = %q, %v; want b'', nil", b, err)
	}
	_, _, err := l.Recvfrom(0)
	wantErr(t, err, builtins.OSError, msgClosed)
}

func TestConnectRefused(t *testing.T) {
	ls, addr := listener(t)
	ls.Close() // nothing listens on addr now
	s := must(socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0))
	defer s.Close()
	wantErr(t, s.Connect(addr), builtins.ConnectionRefusedError, msgRefused)
	s2 := must(socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0))
	defer s2.Close()
	if errno := must(s2.ConnectEx(addr)); errno != int(eRefused) {
		t.Fatalf("connect_ex: %d", errno)
	}
	s3 := must(socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0))
	defer s3.Close()
	s3.SetBlocking(false)
	err := s3.Connect(addr)
	if !builtins.Except(err, builtins.BlockingIOError, builtins.ConnectionRefusedError) {
		t.Fatalf("non-blocking connect: %v", err)
	}
	_, err = socket.CreateConnection(addr, 5.0)
	wantErr(t, err, builtins.ConnectionRefusedError, msgRefused)
}

func TestReprAndAddresses(t *testing.T) {
	ls, addr := listener(t)
	want := "<socket.socket fd=" + itoa(ls.Fileno()) + ", family=2, type=1, proto=0, laddr=('127.0.0.1', " + itoa(addr.Port) + ")>"
	if got := ls.String(); got != want {
		t.Errorf("repr: %s\nwant: %s", got, want)
	}
}

func TestDatagram(t *testing.T) {
	s := must(socket.NewSocket(socket.AF_INET, socket.SOCK_DGRAM, 0))
	defer s.Close()
	if err := s.Bind(socket.Inet("127.0.0.1", 0)); err != nil {
		t.Fatal(err)
	}
	s.SetTimeout(5.0)
	addr := must(s.Getsockname())
	if n := must(s.Sendto([]byte("x"), addr)); n != 1 {
		t.Fatalf("sendto: %d", n)
	}
	data, from, err := s.Recvfrom(10)
	if err != nil || string(data) != "x" || from != addr {
		t.Fatalf("recvfrom: %q %v %v; want from %v", data, from, err, addr)
	}
}

func TestSockopt(t *testing.T) {
	s := must(socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0))
	defer s.Close()
	if v := must(s.Getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)); v != 0 {
		t.Fatalf("TCP_NODELAY is %d: Nagle must stay on unless asked", v)
	}
	if err := s.Setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); err != nil {
		t.Fatal(err)
	}
	if v := must(s.Getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR)); v == 0 {
		t.Fatal("SO_REUSEADDR not set")
	}
	if v := must(s.Getsockopt(socket.SOL_SOCKET, socket.SO_TYPE)); v != int(socket.SOCK_STREAM) {
		t.Fatalf("SO_TYPE %d", v)
	}
	b := must(s.GetsockoptBytes(socket.SOL_SOCKET, socket.SO_REUSEADDR, 4))
	if len(b) != 4 {
		t.Fatalf("getsockopt bytes: %v", b)
	}
	_, err := s.GetsockoptBytes(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1025)
	wantErr(t, err, builtins.OSError, "getsockopt buflen out of range")
	wantErr(t, s.Setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, "x"), builtins.TypeError, "a bytes-like object is required, not 'str'")
}

// A Socket is a file object for pyselect: Select sees its descriptor.
func TestSelectable(t *testing.T) {
	c, s := connected(t)
	c.Send([]byte("x"))
	r, _, _, err := pyselect.Select([]any{s}, nil, nil, 5.0)
	if err != nil || len(r) != 1 || r[0] != any(s) {
		t.Fatalf("select: %v %v", r, err)
	}
}

// Fromfd duplicates; the duplicate is a socket of its own. A fileno that
// is no socket fails as CPython's getsockname check fails it.
func TestFromfd(t *testing.T) {
	c, s := connected(t)
	d := must(socket.Fromfd(c, socket.AF_INET, socket.SOCK_STREAM))
	defer d.Close()
	if d.Fileno() == c.Fileno() {
		t.Fatal("fromfd did not duplicate")
	}
	d.Send([]byte("y"))
	s.SetTimeout(5.0)
	if got := must(s.Recv(1)); string(got) != "y" {
		t.Fatalf("%q", got)
	}
	_, err := socket.NewSocket(-1, -1, -1, -1)
	wantErr(t, err, builtins.ValueError, "negative file descriptor")
	_, err = socket.NewSocket(-1, -1, -1, nonSocket(t))
	wantErr(t, err, builtins.OSError, msgNotSocket)
}

// CreateServer: SO_REUSEADDR (not on Windows), and a failed bind's
// message names the address (Lib/socket.py).
func TestCreateServer(t *testing.T) {
	srv := must(socket.CreateServer(socket.Inet("127.0.0.1", 0)))
	defer srv.Close()
	if v := must(srv.Getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR)); (v != 0) != serverReuseAddr {
		t.Fatalf("SO_REUSEADDR %d on a create_server socket", v)
	}
	addr := must(srv.Getsockname()).(socket.AddrInet)
	_, err := socket.CreateServer(addr)
	e := builtins.AsError(err)
	suffix := " (while attempting to bind on address " + addr.String() + ")"
	if e == nil || e.Exception != builtins.OSError || !strings.HasPrefix(e.Message, msgAddrInUse) || !strings.HasSuffix(e.Message, suffix) {
		t.Fatalf("create_server on a bound address: %v", err)
	}
}

// A Socket dropped without Close is closed when collected.
func TestCollectedSocketIsClosed(t *testing.T) {
	fd := func() int {
		s := must(socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0))
		return s.Fileno()
	}()
	for i := 0; i < 50; i++ {
		runtime.GC()
		if !isOpen(fd) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("fd %d still open after the socket was collected", fd)
}
