// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package socket

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// The system calls CPython makes on Linux, as strace shows them.

// typeFlags are the flags socket(2) takes in its type argument, which
// socket.type leaves out; sockNonblock makes a socket non-blocking.
const (
	typeFlags    = SOCK_NONBLOCK | SOCK_CLOEXEC
	sockNonblock = unix.SOCK_NONBLOCK
)

// newSocketFd is socket(2) with SOCK_CLOEXEC.
func newSocketFd(family, kind, proto int) (int, error) {
	return unix.Socket(family, kind|unix.SOCK_CLOEXEC, proto)
}

// setBlocking is CPython's internal_setblocking: ioctl(FIONBIO).
func setBlocking(fd int, block bool) error {
	v := 1
	if block {
		v = 0
	}
	return unix.IoctlSetPointerInt(fd, fionbio, v)
}

// socketProtocol is getsockopt(SO_PROTOCOL), for a socket made elsewhere.
func socketProtocol(fd int) (int, error) {
	return unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_PROTOCOL)
}

// recv is recv(2) as glibc makes it: recvfrom(fd, buf, len, flags, NULL,
// NULL), with no address to copy out.
func recv(fd int, p []byte, flags int) (int, error) {
	var b unsafe.Pointer
	if len(p) > 0 {
		b = unsafe.Pointer(&p[0])
	}
	n, _, e := unix.Syscall6(unix.SYS_RECVFROM, uintptr(fd), uintptr(b), uintptr(len(p)), uintptr(flags), 0, 0)
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}

// sendto is send(2) as glibc makes it: sendto(fd, buf, len, flags, NULL,
// 0).
func sendto(fd int, p []byte, flags int) (int, error) {
	var b unsafe.Pointer
	if len(p) > 0 {
		b = unsafe.Pointer(&p[0])
	}
	n, _, e := unix.Syscall6(unix.SYS_SENDTO, uintptr(fd), uintptr(b), uintptr(len(p)), uintptr(flags), 0, 0)
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}

// setsockoptNull is setsockopt(2) with a NULL value of length optlen.
func setsockoptNull(fd, level, optname, optlen int) error {
	_, _, e := unix.Syscall6(unix.SYS_SETSOCKOPT, uintptr(fd), uintptr(level), uintptr(optname), 0, uintptr(optlen), 0)
	if e != 0 {
		return e
	}
	return nil
}

// getsockoptBytes is getsockopt(2) into a buflen-byte buffer.
func getsockoptBytes(fd, level, optname, buflen int) ([]byte, error) {
	buf := make([]byte, buflen)
	l := uint32(buflen)
	_, _, e := unix.Syscall6(unix.SYS_GETSOCKOPT, uintptr(fd), uintptr(level), uintptr(optname),
		uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&l)), 0)
	if e != 0 {
		return nil, e
	}
	return buf[:l:l], nil
}

// socketpair is socketpair(2) with SOCK_CLOEXEC.
func socketpair(family, kind, proto int) ([2]int, error) {
	return unix.Socketpair(family, kind|unix.SOCK_CLOEXEC, proto)
}

// SOCK_NONBLOCK and SOCK_CLOEXEC are flags of socket's type argument
// (Linux, as Python's socket module has them there).
const (
	SOCK_NONBLOCK SocketKind = unix.SOCK_NONBLOCK
	SOCK_CLOEXEC  SocketKind = unix.SOCK_CLOEXEC
)
