// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package socket

import (
	"net/netip"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The calls that return an address are made here rather than through
// x/sys, whose conversion of an AF_INET or AF_INET6 address asks the
// kernel for the socket's protocol (getsockopt(SO_PROTOCOL), to tell
// L2TP apart): one system call per accept, getsockname or recvfrom that
// CPython does not make.

// acceptFd is accept4(2) with SOCK_CLOEXEC.
func acceptFd(fd int) (int, Address, error) {
	var rsa unix.RawSockaddrAny
	l := uint32(unix.SizeofSockaddrAny)
	nfd, _, e := unix.Syscall6(unix.SYS_ACCEPT4, uintptr(fd), uintptr(unsafe.Pointer(&rsa)), uintptr(unsafe.Pointer(&l)), unix.SOCK_CLOEXEC, 0, 0)
	if e != 0 {
		return -1, nil, e
	}
	return int(nfd), makeAddress(&rsa, l), nil
}

func getsockname(fd int) (Address, error) { return nameCall(unix.SYS_GETSOCKNAME, fd) }

func getpeername(fd int) (Address, error) { return nameCall(unix.SYS_GETPEERNAME, fd) }

func nameCall(trap uintptr, fd int) (Address, error) {
	var rsa unix.RawSockaddrAny
	l := uint32(unix.SizeofSockaddrAny)
	_, _, e := unix.RawSyscall(trap, uintptr(fd), uintptr(unsafe.Pointer(&rsa)), uintptr(unsafe.Pointer(&l)))
	if e != 0 {
		return nil, e
	}
	return makeAddress(&rsa, l), nil
}

// recvfrom is recvfrom(2) with room for the sender's address.
func recvfrom(fd int, p []byte, flags int) (int, Address, error) {
	var rsa unix.RawSockaddrAny
	l := uint32(unix.SizeofSockaddrAny)
	var b unsafe.Pointer
	if len(p) > 0 {
		b = unsafe.Pointer(&p[0])
	}
	n, _, e := unix.Syscall6(unix.SYS_RECVFROM, uintptr(fd), uintptr(b), uintptr(len(p)), uintptr(flags), uintptr(unsafe.Pointer(&rsa)), uintptr(unsafe.Pointer(&l)))
	if e != 0 {
		return 0, nil, e
	}
	return int(n), makeAddress(&rsa, l), nil
}

// makeAddress is CPython's makesockaddr for the l bytes of rsa: None for
// no address; for AF_UNIX the path up to its NUL, or, in the abstract
// namespace (a NUL first), all l-2 bytes; ” for an unnamed socket.
func makeAddress(rsa *unix.RawSockaddrAny, l uint32) Address {
	if l == 0 {
		return nil
	}
	switch rsa.Addr.Family {
	case unix.AF_INET:
		p := (*unix.RawSockaddrInet4)(unsafe.Pointer(rsa))
		return AddrInet{netip.AddrFrom4(p.Addr).String(), netPort(&p.Port)}
	case unix.AF_INET6:
		p := (*unix.RawSockaddrInet6)(unsafe.Pointer(rsa))
		f := (*[4]byte)(unsafe.Pointer(&p.Flowinfo))
		flow := int(f[0])<<24 | int(f[1])<<16 | int(f[2])<<8 | int(f[3])
		return AddrInet6{netip.AddrFrom16(p.Addr).String(), netPort(&p.Port), flow, int(p.Scope_id)}
	case unix.AF_UNIX:
		p := (*unix.RawSockaddrUnix)(unsafe.Pointer(rsa))
		n := min(int(l)-int(unsafe.Offsetof(p.Path)), len(p.Path))
		if n <= 0 {
			return AddrUnix("")
		}
		path := unsafe.Slice((*byte)(unsafe.Pointer(&p.Path[0])), n)
		if path[0] != 0 {
			for i, c := range path {
				if c == 0 {
					path = path[:i]
					break
				}
			}
		}
		return AddrUnix(path)
	}
	return nil
}

// netPort reads a port in network byte order.
func netPort(p *uint16) int {
	b := (*[2]byte)(unsafe.Pointer(p))
	return int(b[0])<<8 | int(b[1])
}
