// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux

// Package pysocket is the part of Python's socket module that the Python
// echo servers (conformance/bench/python) use, one system call per method as in CPython 3.11
// (Modules/socketmodule.c), so that a Python server ported line by line to
// Go makes the same system calls. Only IPv4 TCP.
package pysocket

import (
	"fmt"
	"strconv"

	"golang.org/x/sys/unix"
)

// A Socket is a Python socket object: a descriptor. It is a
// pyselect.Filenoer, so lists of sockets go to pyselect.Select as Python
// passes them to select.select.
type Socket struct{ fd int }

// New is socket.socket(AF_INET, SOCK_STREAM): socket(2) with
// SOCK_CLOEXEC, as CPython makes every descriptor.
func New() (*Socket, error) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	return &Socket{fd}, nil
}

// Fileno is socket.fileno().
func (s *Socket) Fileno() int { return s.fd }

// SetReuseAddr is socket.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1).
func (s *Socket) SetReuseAddr() error {
	return unix.SetsockoptInt(s.fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
}

// BindLoopback is socket.bind(('127.0.0.1', port)).
func (s *Socket) BindLoopback(port int) error {
	return unix.Bind(s.fd, &unix.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}})
}

// Listen is socket.listen(backlog).
func (s *Socket) Listen(backlog int) error { return unix.Listen(s.fd, backlog) }

// SetBlocking is socket.setblocking(flag): O_NONBLOCK off or on.
func (s *Socket) SetBlocking(flag bool) error { return unix.SetNonblock(s.fd, !flag) }

// Port is socket.getsockname()[1].
func (s *Socket) Port() (int, error) {
	sa, err := unix.Getsockname(s.fd)
	if err != nil {
		return 0, err
	}
	return sa.(*unix.SockaddrInet4).Port, nil
}

// Accept is socket.accept(): accept4(2) with SOCK_CLOEXEC. The peer's
// address, which the servers ignore, is not returned.
func (s *Socket) Accept() (*Socket, error) {
	fd, _, err := unix.Accept4(s.fd, unix.SOCK_CLOEXEC)
	if err != nil {
		return nil, err
	}
	return &Socket{fd}, nil
}

// Recv is socket.recv(len(buf)) into buf, one read(2) (CPython's recv(2)
// is the same system call for a connected socket); 0 means the peer
// closed.
func (s *Socket) Recv(buf []byte) (int, error) {
	n, err := unix.Read(s.fd, buf)
	if n < 0 {
		n = 0
	}
	return n, err
}

// Send is socket.send(b): one write(2); it returns the bytes written.
func (s *Socket) Send(b []byte) (int, error) {
	n, err := unix.Write(s.fd, b)
	if n < 0 {
		n = 0
	}
	return n, err
}

// Close is socket.close().
func (s *Socket) Close() error { return unix.Close(s.fd) }

// Listener is the servers' common opening, each line a Python line:
//
//	s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
//	s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
//	s.bind(('127.0.0.1', port))
//	s.listen(1024)
//	s.setblocking(0)
//	print(s.getsockname()[1], flush=True)
//
// with the port from the first command-line argument (0 for any); the
// printed port is how conformance/bench/run finds the server.
func Listener(args []string) (*Socket, error) {
	port := 0
	if len(args) > 1 {
		var err error
		if port, err = strconv.Atoi(args[1]); err != nil {
			return nil, err
		}
	}
	s, err := New()
	if err != nil {
		return nil, err
	}
	for _, step := range []func() error{
		s.SetReuseAddr,
		func() error { return s.BindLoopback(port) },
		func() error { return s.Listen(1024) },
		func() error { return s.SetBlocking(false) },
	} {
		if err := step(); err != nil {
			s.Close()
			return nil, err
		}
	}
	p, err := s.Port()
	if err != nil {
		s.Close()
		return nil, err
	}
	if _, err := fmt.Println(p); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}
