// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect_test

import (
	"fmt"
	"net"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/pyselect"
)

// recv is Python's sock.recv on a non-blocking socket: one read(2) that
// never waits. Go's net sockets are non-blocking underneath; RawConn.Read
// with a function that reports itself done makes exactly one attempt, so
// EAGAIN comes back as the error (Python's BlockingIOError) instead of
// parking the goroutine as conn.Read would.
func recv(conn syscall.Conn, buf []byte) (int, error) {
	return once(conn, (syscall.RawConn).Read, unix.Read, buf)
}

// send is Python's sent = sock.send(data) on a non-blocking socket: one
// write(2), whose count may be short, or EAGAIN (BlockingIOError) when
// the socket's buffer is full. conn.Write is not send: it writes every
// byte, parking the goroutine until the peer has read enough.
func send(conn syscall.Conn, data []byte) (int, error) {
	return once(conn, (syscall.RawConn).Write, unix.Write, data)
}

// once makes exactly one read(2) or write(2) call on conn's descriptor.
func once(conn syscall.Conn, wait func(syscall.RawConn, func(uintptr) bool) error, call func(int, []byte) (int, error), buf []byte) (int, error) {
	rc, err := conn.SyscallConn()
	if err != nil {
		return 0, err
	}
	n := 0
	var cerr error
	if err := wait(rc, func(fd uintptr) bool { n, cerr = call(int(fd), buf); return true }); err != nil {
		return 0, err
	}
	return max(n, 0), cerr
}

// A loop that reads until the socket is drained, as Python code does on
// a non-blocking socket:
//
//	while True:
//	    try:
//	        data = sock.recv(4)
//	    except BlockingIOError:
//	        break
//	    print(data)
func Example_nonBlockingRecv() {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	defer ln.Close()
	peer, _ := net.Dial("tcp", ln.Addr().String())
	defer peer.Close()
	sock, _ := ln.Accept()
	defer sock.Close()
	peer.Write([]byte("hello world"))
	pyselect.Select([]net.Conn{sock}, nil, nil, nil) // wait until readable

	for {
		buf := make([]byte, 4)
		n, err := recv(sock.(syscall.Conn), buf)
		if pyselect.Except(err, pyselect.BlockingIOError) {
			break
		}
		fmt.Printf("%q\n", buf[:n])
	}
	// Output:
	// "hell"
	// "o wo"
	// "rld"
}

// Sending more than the socket can take, as a select loop with write
// lists does (Python):
//
//	sent = sock.send(data)    # a short count: what the buffers took
//	while True:
//	    try:
//	        sent += sock.send(data[sent:])
//	    except BlockingIOError:
//	        break
//	print(0 < sent < len(data))
func Example_nonBlockingSend() {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	defer ln.Close()
	sock, _ := net.Dial("tcp", ln.Addr().String())
	defer sock.Close()
	peer, _ := ln.Accept() // it reads nothing
	defer peer.Close()
	sock.(*net.TCPConn).SetWriteBuffer(4096)
	peer.(*net.TCPConn).SetReadBuffer(4096)
	data := make([]byte, 8<<20)
	pyselect.Select(nil, []net.Conn{sock}, nil, nil) // wait until writable

	sent, err := send(sock.(syscall.Conn), data)
	fmt.Println(sent < len(data), err)
	for {
		n, err := send(sock.(syscall.Conn), data[sent:])
		if pyselect.Except(err, pyselect.BlockingIOError) {
			break
		}
		sent += n
	}
	fmt.Println(0 < sent && sent < len(data))
	// Output:
	// true <nil>
	// true
}

var _ = addRows(
	portingRow{"except BlockingIOError:", "pyselect.Except(err, pyselect.BlockingIOError)", func(t *testing.T) {
		_, c, _ := tcpPair(t)
		_, err := recv(c, make([]byte, 1))
		if !pyselect.Except(err, pyselect.BlockingIOError) || pyselect.Str(err) != errnoStr(unix.EAGAIN) {
			t.Fatalf("a read with no data: %v, want BlockingIOError", err)
		}
	}},
)
