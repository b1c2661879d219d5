// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux

// Command rawecho is the C epoll echo server, cecho/epoll_echo.c, written
// in Go on golang.org/x/sys/unix alone: the floor for a Go program. It
// makes the C server's system calls in the C server's order (one blocking
// epoll_wait(2) a loop, recvfrom(2) of up to 4096 bytes, sendto(2) with
// MSG_NOSIGNAL, epoll_ctl(2) only to switch a connection between EPOLLIN
// and EPOLLOUT), so what it spends beyond cecho is the Go runtime's: the
// scheduler's calls around a blocking system call (futex(2) when sysmon
// hands the blocked thread's P to another thread, nanosleep(2) of sysmon
// itself) and its user time. A ported server on pyselect is judged
// against it (BENCHMARKS.md).
//
// The one difference in the calls is the wait: x/sys's EpollWait is
// epoll_pwait(2) with a nil signal mask, which is epoll_wait(2) (the
// kernel's do_epoll_wait for both).
//
// Usage: rawecho [port] [-cpuprofile file] (0 or none for any port; the
// port is printed on the first line). SIGTERM ends it.
package main

import (
	"fmt"
	"os"
	"strconv"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/bench/prof"
)

const (
	bufSize   = 4096
	maxEvents = 1023 // Python's default maxevents, FD_SETSIZE - 1, as cecho
)

func main() { prof.Main("rawecho", serve) }

// server is cecho's globals: the epoll instance and, indexed by fd, the
// part of each connection's echo not yet sent.
type server struct {
	ep      int
	pending [][]byte
}

func serve(args []string) error {
	port := 0
	if len(args) > 1 {
		var err error
		if port, err = strconv.Atoi(args[1]); err != nil {
			return err
		}
	}
	srv, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("socket: %w", err)
	}
	unix.SetsockoptInt(srv, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
	if err := unix.Bind(srv, &unix.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		return fmt.Errorf("bind: %w", err)
	}
	if err := unix.Listen(srv, 1024); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	sa, err := unix.Getsockname(srv)
	if err != nil {
		return fmt.Errorf("getsockname: %w", err)
	}
	fmt.Println(sa.(*unix.SockaddrInet4).Port)
	os.Stdout.Sync()

	s := &server{}
	if s.ep, err = unix.EpollCreate1(unix.EPOLL_CLOEXEC); err != nil {
		return fmt.Errorf("epoll_create1: %w", err)
	}
	if err := s.ctl(unix.EPOLL_CTL_ADD, srv, unix.EPOLLIN); err != nil {
		return err
	}

	events := make([]unix.EpollEvent, maxEvents)
	buf := make([]byte, bufSize)
	for {
		n, err := unix.EpollWait(s.ep, events, 1000)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return fmt.Errorf("epoll_wait: %w", err)
		}
		for _, e := range events[:n] {
			fd := int(e.Fd)
			switch {
			case fd == srv:
				// accept4 with no address, as cecho: x/sys's Accept4
				// asks for one and builds a Sockaddr from it.
				r, _, errno := unix.Syscall6(unix.SYS_ACCEPT4, uintptr(srv), 0, 0, unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0, 0)
				if errno != 0 {
					continue // EAGAIN, or a connection reset before accept
				}
				c := int(r)
				if err := s.ctl(unix.EPOLL_CTL_ADD, c, unix.EPOLLIN); err != nil {
					return err
				}
				*s.conn(c) = (*s.conn(c))[:0]
			case e.Events&unix.EPOLLIN != 0:
				r, _, err := unix.Recvfrom(fd, buf, 0)
				if err == unix.EAGAIN || err == unix.EINTR {
					continue
				}
				if err != nil || r == 0 { // EOF, or a connection error: Python's b''
					if err := s.drop(fd); err != nil {
						return err
					}
					continue
				}
				c := s.conn(fd)
				*c = append(*c, buf[:r]...)
				left, ok := s.flush(fd, c)
				switch {
				case !ok:
					err = s.drop(fd)
				case left > 0:
					err = s.ctl(unix.EPOLL_CTL_MOD, fd, unix.EPOLLOUT)
				}
				if err != nil {
					return err
				}
			case e.Events&unix.EPOLLOUT != 0:
				left, ok := s.flush(fd, s.conn(fd))
				switch {
				case !ok:
					err = s.drop(fd)
				case left == 0:
					err = s.ctl(unix.EPOLL_CTL_MOD, fd, unix.EPOLLIN)
				}
				if err != nil {
					return err
				}
			case e.Events&unix.EPOLLHUP != 0:
				if err := s.drop(fd); err != nil {
					return err
				}
			}
		}
	}
}

// conn returns fd's pending bytes, growing the table as fds grow.
func (s *server) conn(fd int) *[]byte {
	if fd >= len(s.pending) {
		s.pending = append(s.pending, make([][]byte, fd+1-len(s.pending))...)
	}
	return &s.pending[fd]
}

func (s *server) ctl(op, fd int, events uint32) error {
	ev := unix.EpollEvent{Events: events, Fd: int32(fd)}
	if err := unix.EpollCtl(s.ep, op, fd, &ev); err != nil {
		return fmt.Errorf("epoll_ctl: %w", err)
	}
	return nil
}

// drop is the Python program's unregister, close and del.
func (s *server) drop(fd int) error {
	err := s.ctl(unix.EPOLL_CTL_DEL, fd, 0)
	unix.Close(fd)
	*s.conn(fd) = (*s.conn(fd))[:0]
	return err
}

// flush sends what is pending for fd; ok is false if the connection
// failed, else left is the number of bytes still pending. x/sys's Sendto
// drops the count a short send returns, so sendto(2) is called directly.
func (s *server) flush(fd int, c *[]byte) (left int, ok bool) {
	p := *c
	if len(p) == 0 {
		return 0, true
	}
	r, _, errno := unix.Syscall6(unix.SYS_SENDTO, uintptr(fd), uintptr(unsafe.Pointer(&p[0])), uintptr(len(p)), unix.MSG_NOSIGNAL, 0, 0)
	switch errno {
	case 0:
	case unix.EAGAIN, unix.EINTR:
		return len(p), true
	default:
		return 0, false
	}
	// An emptied buffer keeps its array for the next echo, as cecho's.
	*c = p[:copy(p, p[r:])]
	return len(*c), true
}
