// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package socket

import (
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
)

// Bind is socket.bind(address): bind(2). The address must be of the
// socket's family (CPython's TypeError otherwise); a host name is looked
// up first (Gaierror if that fails).
func (s *Socket) Bind(address Address) error {
	if s == nil {
		return errNone("bind")
	}
	sa, err := sockaddr(s.family, address, "bind")
	if err != nil {
		return err
	}
	err = bind(s.fd(), sa)
	runtime.KeepAlive(s)
	return oserror(err)
}

// Listen is socket.listen([backlog]): listen(2) with backlog, by default
// min(SOMAXCONN, 128) as CPython's; a negative backlog is 0.
func (s *Socket) Listen(backlog ...int) error {
	if s == nil {
		return errNone("listen")
	}
	if len(backlog) > 1 {
		return builtins.TypeError.New("listen expected at most 1 argument, got " + strconv.Itoa(len(backlog)))
	}
	n := min(SOMAXCONN, 128)
	if len(backlog) == 1 {
		n = max(backlog[0], 0)
	}
	err := listen(s.fd(), n)
	runtime.KeepAlive(s)
	return oserror(err)
}

// Accept is socket.accept(): a new Socket for the next connection and the
// peer's address. As CPython: accept4(2) with SOCK_CLOEXEC (accept(2) and
// fcntl where there is no accept4; on Windows accept and
// SetHandleInformation), waiting first in timeout mode
// (BlockingIOError in non-blocking mode when no connection is pending);
// the new socket has the listener's family, type and proto and the
// default timeout, and when there is no default timeout but the listener
// has a timeout, it is set to blocking mode (Lib/socket.py).
func (s *Socket) Accept() (*Socket, Address, error) {
	if s == nil {
		return nil, nil, errNone("accept")
	}
	fd := s.fd()
	var nfd int
	var peer Address
	err := call(fd, false, false, s.getTimeout(), func() (err error) {
		nfd, peer, err = acceptFd(fd)
		return err
	})
	runtime.KeepAlive(s)
	if err != nil {
		return nil, nil, oserror(err)
	}
	conn, err := fromFd(nfd, s.family, s.kind, s.proto)
	if err != nil {
		closeSocket(nfd)
		return nil, nil, err
	}
	if time.Duration(defaultTimeout.Load()) < 0 && s.getTimeout() > 0 {
		if err := conn.SetBlocking(true); err != nil {
			conn.Close()
			return nil, nil, err
		}
	}
	return conn, peer, nil
}

// Connect is socket.connect(address): connect(2). In timeout mode it
// waits for the connection for at most the timeout (TimeoutError "timed
// out"), and then reads its result with getsockopt(SO_ERROR); in
// non-blocking mode it fails with BlockingIOError (EINPROGRESS; on
// Windows WSAEWOULDBLOCK); an
// interrupted blocking connect waits for the connection to finish
// (CPython's internal_connect).
func (s *Socket) Connect(address Address) error {
	if s == nil {
		return errNone("connect")
	}
	errno, err := s.connect(address, "connect")
	if err != nil {
		return err
	}
	if errno != 0 {
		return oserror(errno)
	}
	return nil
}

// ConnectEx is socket.connect_ex(address): Connect, but a failed
// connection is its errno (0 for success) rather than an error; a
// timeout is EAGAIN (EWOULDBLOCK), as in CPython. Errors of the address
// itself (TypeError, Gaierror) are still errors.
func (s *Socket) ConnectEx(address Address) (int, error) {
	if s == nil {
		return 0, errNone("connect_ex")
	}
	errno, err := s.connect(address, "connect_ex")
	if builtins.Except(err, builtins.TimeoutError) {
		err = nil
	}
	return int(errno), err
}

// connect is CPython's internal_connect; errno is the connection's
// failure, err a failure of the address.
func (s *Socket) connect(address Address, caller string) (syscall.Errno, error) {
	sa, err := sockaddr(s.family, address, caller)
	if err != nil {
		return 0, err
	}
	fd := s.fd()
	timeout := s.getTimeout()
	defer runtime.KeepAlive(s)
	err = connect(fd, sa)
	var wait bool
	switch err {
	case nil:
		return 0, nil
	case eINTR:
		wait = timeout != 0
	case eINPROGRESS:
		wait = timeout > 0
	}
	errno, ok := err.(syscall.Errno)
	if !wait || !ok {
		return errno, nil
	}
	err = call(fd, true, true, timeout, func() error {
		switch e, err := getsockoptInt(fd, SOL_SOCKET, SO_ERROR); {
		case err != nil:
			return err
		case e == 0, syscall.Errno(e) == eISCONN:
			return nil
		default:
			return syscall.Errno(e)
		}
	})
	if errno, ok := err.(syscall.Errno); ok {
		return errno, nil
	}
	if builtins.Except(err, builtins.TimeoutError) {
		return eWOULDBLOCK, err
	}
	return 0, err
}

// Shutdown is socket.shutdown(how): shutdown(2) with SHUT_RD, SHUT_WR or
// SHUT_RDWR.
func (s *Socket) Shutdown(how int) error {
	if s == nil {
		return errNone("shutdown")
	}
	err := shutdown(s.fd(), how)
	runtime.KeepAlive(s)
	return oserror(err)
}

// Getsockname is socket.getsockname(): the socket's own address.
func (s *Socket) Getsockname() (Address, error) {
	if s == nil {
		return nil, errNone("getsockname")
	}
	a, err := getsockname(s.fd())
	runtime.KeepAlive(s)
	return a, oserror(err)
}

// Getpeername is socket.getpeername(): the address of the connected
// peer; OSError ENOTCONN for an unconnected socket.
func (s *Socket) Getpeername() (Address, error) {
	if s == nil {
		return nil, errNone("getpeername")
	}
	a, err := getpeername(s.fd())
	runtime.KeepAlive(s)
	return a, oserror(err)
}
