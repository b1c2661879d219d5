// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !linux

package socket

import (
	"net/netip"
	"syscall"

	"golang.org/x/sys/unix"
)

// The portable forms of the calls sys_linux.go makes: close-on-exec and
// O_NONBLOCK set with fcntl(2) after the call.

const (
	typeFlags    = 0
	sockNonblock = 0
)

func newSocketFd(family, kind, proto int) (int, error) {
	syscall.ForkLock.RLock()
	fd, err := unix.Socket(family, kind, proto)
	if err == nil {
		unix.CloseOnExec(fd)
	}
	syscall.ForkLock.RUnlock()
	return fd, err
}

func acceptFd(fd int) (int, Address, error) {
	syscall.ForkLock.RLock()
	nfd, sa, err := unix.Accept(fd)
	if err == nil {
		unix.CloseOnExec(nfd)
	}
	syscall.ForkLock.RUnlock()
	return nfd, address(sa), err
}

func getsockname(fd int) (Address, error) {
	sa, err := unix.Getsockname(fd)
	return address(sa), err
}

func getpeername(fd int) (Address, error) {
	sa, err := unix.Getpeername(fd)
	return address(sa), err
}

func recvfrom(fd int, p []byte, flags int) (int, Address, error) {
	n, sa, err := unix.Recvfrom(fd, p, flags)
	return n, address(sa), err
}

// address is CPython's makesockaddr: the Python value of a kernel
// address; nil (None) when there is none.
func address(sa unix.Sockaddr) Address {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return AddrInet{netip.AddrFrom4(sa.Addr).String(), sa.Port}
	case *unix.SockaddrInet6:
		return AddrInet6{netip.AddrFrom16(sa.Addr).String(), sa.Port, 0, int(sa.ZoneId)}
	case *unix.SockaddrUnix:
		return AddrUnix(unixName(sa.Name))
	}
	return nil
}

func setBlocking(fd int, block bool) error { return unix.SetNonblock(fd, !block) }

func socketProtocol(int) (int, error) { return 0, nil }

func recv(fd int, p []byte, flags int) (int, error) {
	n, _, err := unix.Recvfrom(fd, p, flags)
	return n, err
}

func unixName(name string) string { return name }

func sendto(fd int, p []byte, flags int) (int, error) { return unix.SendmsgN(fd, p, nil, nil, flags) }

func socketpair(family, kind, proto int) ([2]int, error) {
	syscall.ForkLock.RLock()
	fds, err := unix.Socketpair(family, kind, proto)
	if err == nil {
		unix.CloseOnExec(fds[0])
		unix.CloseOnExec(fds[1])
	}
	syscall.ForkLock.RUnlock()
	return fds, err
}

// bind, connect and sendtoAddr go through x/sys's address types, which
// have no IPv6 flowinfo, and sendtoAddr through sendmsg(2): x/sys has no
// sendto that reports the count.
func bind(fd int, a sockAddr) error { return unix.Bind(fd, a.xsys()) }

func connect(fd int, a sockAddr) error { return unix.Connect(fd, a.xsys()) }

func sendtoAddr(fd int, p []byte, flags int, a sockAddr) (int, error) {
	return unix.SendmsgN(fd, p, nil, a.xsys(), flags)
}

func (a sockAddr) xsys() unix.Sockaddr {
	switch a.family {
	case AF_INET:
		return &unix.SockaddrInet4{Port: a.port, Addr: a.ip.As4()}
	case AF_INET6:
		return &unix.SockaddrInet6{Port: a.port, ZoneId: a.scopeID, Addr: a.ip.As16()}
	}
	return &unix.SockaddrUnix{Name: a.path}
}
