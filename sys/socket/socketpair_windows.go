// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package socket

import "github.com/pyselect/pyselect/sys/builtins"

// Socketpair is socket.socketpair(family=AF_INET, type=SOCK_STREAM,
// proto=0) on Windows, which has no socketpair: Lib/socket.py's emulation,
// call for call. A listening socket on 127.0.0.1 (::1 for AF_INET6) with
// port 0, a second socket connected to it in non-blocking mode (its
// BlockingIOError ignored) and then set blocking, and the accepted end;
// the listener is closed. It returns (accepted end, connecting end), in
// that order. Only AF_INET and AF_INET6, SOCK_STREAM and proto 0 are
// taken, with Lib/socket.py's ValueErrors.
func Socketpair(family AddressFamily, kind SocketKind, proto ...int) (*Socket, *Socket, error) {
	p, err := optFlags("socketpair", 3, proto)
	if err != nil {
		return nil, nil, err
	}
	host := "127.0.0.1"
	switch {
	case family == AF_INET6:
		host = "::1"
	case family != AF_INET:
		return nil, nil, builtins.ValueError.New("Only AF_INET and AF_INET6 socket address families are supported")
	case kind != SOCK_STREAM:
		return nil, nil, builtins.ValueError.New("Only SOCK_STREAM socket type is supported")
	case p != 0:
		return nil, nil, builtins.ValueError.New("Only protocol zero is supported")
	}
	lsock, err := NewSocket(family, kind, p)
	if err != nil {
		return nil, nil, err
	}
	defer lsock.Close()
	if err := lsock.Bind(AddrInet{host, 0}); err != nil {
		return nil, nil, err
	}
	if err := lsock.Listen(); err != nil {
		return nil, nil, err
	}
	a, err := lsock.Getsockname()
	if err != nil {
		return nil, nil, err
	}
	addr := hostPort(a)
	csock, err := NewSocket(family, kind, p)
	if err != nil {
		return nil, nil, err
	}
	ssock, err := csock.pairWith(lsock, addr)
	if err != nil {
		csock.Close()
		return nil, nil, err
	}
	return ssock, csock, nil
}

// pairWith is the part of socketpair whose failure closes csock, here s.
func (s *Socket) pairWith(lsock *Socket, addr AddrInet) (*Socket, error) {
	if err := s.SetBlocking(false); err != nil {
		return nil, err
	}
	if err := s.Connect(addr); err != nil &&
		!builtins.Except(err, builtins.BlockingIOError) && !builtins.Except(err, builtins.InterruptedError) {
		return nil, err
	}
	if err := s.SetBlocking(true); err != nil {
		return nil, err
	}
	ssock, _, err := lsock.Accept()
	return ssock, err
}

// hostPort is getsockname()[:2]: on IPv6, without flowinfo and scope_id.
func hostPort(a Address) AddrInet {
	switch a := a.(type) {
	case AddrInet:
		return a
	case AddrInet6:
		return AddrInet{a.Host, a.Port}
	}
	return AddrInet{}
}
