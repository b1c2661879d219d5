// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package conformance_test

import (
	"os"
	"os/exec"
	"runtime"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/socket"
)

// The socket scenario, once in Python and once in Go, statement for
// statement: mark("name") opens the segment of the calls that follow it
// (support.TraceSyscalls).
const socketScenarioPy = `
import os, socket, encodings.idna
def mark(name):
    try: os.write(-1, name.encode())
    except OSError: pass
ls = socket.socket(); addr = None
mark("socket, setsockopt, bind, listen")
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); ls.bind(("127.0.0.1", 0)); ls.listen()
addr = ls.getsockname()
mark("create_connection")
c = socket.create_connection(addr)
mark("accept")
a, _ = ls.accept()
mark("setblocking")
a.setblocking(False)
mark("send")
c.send(b"hi")
mark("recv")
a.recv(10)
mark("recv at EAGAIN")
try: a.recv(10)
except BlockingIOError: pass
mark("settimeout")
c.settimeout(0.01)
mark("recv at timeout")
try: c.recv(10)
except TimeoutError: pass
mark("sendall")
a.sendall(b"x" * 10)
mark("recv_into in timeout mode")
c.recv_into(bytearray(10))
a.send(b"y")
mark("recvfrom")
c.recvfrom(10)
mark("getsockopt")
c.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
mark("shutdown")
c.shutdown(socket.SHUT_WR)
mark("close")
c.close()
mark("socketpair")
x, y = socket.socketpair()
mark("fromfd")
z = socket.fromfd(x.fileno(), socket.AF_UNIX, socket.SOCK_STREAM)
mark("create_server")
srv = socket.create_server(("127.0.0.1", 0))
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0)); uaddr = u.getsockname()
mark("sendto")
u.sendto(b"d", uaddr)
mark("recvfrom a datagram")
u.recvfrom(10)
mark("end")
os._exit(0)
`

// socketScenarioGo is socketScenarioPy in Go; it runs in a copy of the
// test binary (PYSELECT_SCENARIO=socket), which it then ends. It runs on
// one thread, as Python's does, so that the tracer can tell its calls from
// those of the runtime's other threads.
func socketScenarioGo() {
	runtime.LockOSThread()
	mark := func(name string) { unix.Write(-1, []byte(name)) }
	check := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	ls, err := socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0)
	check(err)
	mark("socket, setsockopt, bind, listen")
	check(ls.Setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1))
	check(ls.Bind(socket.Inet("127.0.0.1", 0)))
	check(ls.Listen())
	addr, err := ls.Getsockname()
	check(err)
	mark("create_connection")
	c, err := socket.CreateConnection(addr.(socket.AddrInet))
	check(err)
	mark("accept")
	a, _, err := ls.Accept()
	check(err)
	mark("setblocking")
	check(a.SetBlocking(false))
	mark("send")
	_, err = c.Send([]byte("hi"))
	check(err)
	mark("recv")
	_, err = a.Recv(10)
	check(err)
	mark("recv at EAGAIN")
	a.Recv(10)
	mark("settimeout")
	check(c.SetTimeout(0.01))
	mark("recv at timeout")
	c.Recv(10)
	mark("sendall")
	check(a.Sendall([]byte("xxxxxxxxxx")))
	mark("recv_into in timeout mode")
	_, err = c.RecvInto(make([]byte, 10))
	check(err)
	a.Send([]byte("y"))
	mark("recvfrom")
	_, _, err = c.Recvfrom(10)
	check(err)
	mark("getsockopt")
	_, err = c.Getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
	check(err)
	mark("shutdown")
	check(c.Shutdown(socket.SHUT_WR))
	mark("close")
	check(c.Close())
	mark("socketpair")
	x, _, err := socket.Socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
	check(err)
	mark("fromfd")
	_, err = socket.Fromfd(x.Fileno(), socket.AF_UNIX, socket.SOCK_STREAM)
	check(err)
	mark("create_server")
	_, err = socket.CreateServer(socket.Inet("127.0.0.1", 0))
	check(err)
	u, err := socket.NewSocket(socket.AF_INET, socket.SOCK_DGRAM, 0)
	check(err)
	check(u.Bind(socket.Inet("127.0.0.1", 0)))
	uaddr, err := u.Getsockname()
	check(err)
	mark("sendto")
	_, err = u.Sendto([]byte("d"), uaddr)
	check(err)
	mark("recvfrom a datagram")
	_, _, err = u.Recvfrom(10)
	check(err)
	mark("end")
}

func init() {
	if os.Getenv("PYSELECT_SCENARIO") == "socket" {
		socketScenarioGo()
		os.Exit(0)
	}
}

var _ = describe("socket.socket", "system calls", Label("api:socket"), func() {
	// Source: Modules/socketmodule.c (sock_call_ex, internal_select,
	// sock_recv_impl, sock_send_impl, internal_setblocking, sock_accept_impl,
	// sock_initobj's getsockname check) and Lib/socket.py, as strace -f
	// python3 shows them on Linux.
	It("makes the system calls CPython makes, call for call, in each statement", SpecTimeout(60e9), func(ctx SpecContext) {
		if !support.CanTraceSyscalls {
			Skip("the system call tracer reads linux/amd64 registers only")
		}
		py, err := exec.LookPath("python3")
		if err != nil {
			Skip("no python3 on this machine to compare with")
		}
		want, err := support.TraceSyscalls([]string{py, "-c", socketScenarioPy}, os.Environ())
		Expect(err).NotTo(HaveOccurred())
		got, err := support.TraceSyscalls([]string{os.Args[0], "-test.run=^$"}, append(os.Environ(), "PYSELECT_SCENARIO=socket"))
		Expect(err).NotTo(HaveOccurred())
		Expect(want).To(HaveKey("socket, setsockopt, bind, listen"), "the Python scenario's segments")
		Expect(got).To(Equal(want))
	})
})
