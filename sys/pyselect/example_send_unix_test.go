// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect_test

import (
	"fmt"
	"net"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// send is Python's sent = sock.send(data) on a non-blocking socket: one
// write(2), whose count may be short, or EAGAIN (BlockingIOError) when
// the socket's buffer is full. conn.Write is not send: it writes every
// byte, parking the goroutine until the peer has read enough. RawConn.Write
// with a function that reports itself done makes exactly one attempt.
func send(conn syscall.Conn, data []byte) (n int, err error) {
	rc, err := conn.SyscallConn()
	if err != nil {
		return 0, err
	}
	if werr := rc.Write(func(fd uintptr) bool { n, err = unix.Write(int(fd), data); return true }); werr != nil {
		return 0, werr
	}
	return max(n, 0), err
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
		if builtins.Except(err, builtins.BlockingIOError) {
			break
		}
		sent += n
	}
	fmt.Println(0 < sent && sent < len(data))
	// Output:
	// true <nil>
	// true
}
