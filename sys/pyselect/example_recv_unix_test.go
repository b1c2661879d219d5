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

// recv is Python's sock.recv on a non-blocking socket: one read(2) that
// never waits. Go's net sockets are non-blocking underneath; RawConn.Read
// with a function that reports itself done makes exactly one attempt, so
// EAGAIN comes back as the error (Python's BlockingIOError) instead of
// parking the goroutine as conn.Read would.
func recv(conn syscall.Conn, buf []byte) (n int, err error) {
	rc, err := conn.SyscallConn()
	if err != nil {
		return 0, err
	}
	if rerr := rc.Read(func(fd uintptr) bool { n, err = unix.Read(int(fd), buf); return true }); rerr != nil {
		return 0, rerr
	}
	return max(n, 0), err
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
		if builtins.Except(err, builtins.BlockingIOError) {
			break
		}
		fmt.Printf("%q\n", buf[:n])
	}
	// Output:
	// "hell"
	// "o wo"
	// "rld"
}
