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

// bind, connect and sendtoAddr make CPython's calls with the struct
// sockaddr built here, flowinfo included (x/sys's SockaddrInet6 has none).
func bind(fd int, a sockAddr) error {
	var rsa unix.RawSockaddrAny
	l := a.raw(&rsa)
	_, _, e := unix.RawSyscall(unix.SYS_BIND, uintptr(fd), uintptr(unsafe.Pointer(&rsa)), uintptr(l))
	return errnoErr(e)
}

func connect(fd int, a sockAddr) error {
	var rsa unix.RawSockaddrAny
	l := a.raw(&rsa)
	_, _, e := unix.Syscall(unix.SYS_CONNECT, uintptr(fd), uintptr(unsafe.Pointer(&rsa)), uintptr(l))
	return errnoErr(e)
}

func sendtoAddr(fd int, p []byte, flags int, a sockAddr) (int, error) {
	var rsa unix.RawSockaddrAny
	l := a.raw(&rsa)
	var b unsafe.Pointer
	if len(p) > 0 {
		b = unsafe.Pointer(&p[0])
	}
	n, _, e := unix.Syscall6(unix.SYS_SENDTO, uintptr(fd), uintptr(b), uintptr(len(p)), uintptr(flags), uintptr(unsafe.Pointer(&rsa)), uintptr(l))
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}

func errnoErr(e unix.Errno) error {
	if e != 0 {
		return e
	}
	return nil
}

// raw writes a into rsa as the kernel reads it and returns its length:
// sizeof(struct sockaddr_in) or sockaddr_in6, and for AF_UNIX
// offsetof(sun_path) + the path's length, plus its NUL unless the path is
// abstract (CPython: "Linux abstract namespace extension" in
// getsockaddrarg).
func (a sockAddr) raw(rsa *unix.RawSockaddrAny) uint32 {
	switch a.family {
	case AF_INET:
		p := (*unix.RawSockaddrInet4)(unsafe.Pointer(rsa))
		p.Family = unix.AF_INET
		putPort(&p.Port, a.port)
		p.Addr = a.ip.As4()
		return unix.SizeofSockaddrInet4
	case AF_INET6:
		p := (*unix.RawSockaddrInet6)(unsafe.Pointer(rsa))
		p.Family = unix.AF_INET6
		putPort(&p.Port, a.port)
		f := (*[4]byte)(unsafe.Pointer(&p.Flowinfo))
		f[0], f[1], f[2], f[3] = byte(a.flowinfo>>24), byte(a.flowinfo>>16), byte(a.flowinfo>>8), byte(a.flowinfo)
		p.Addr = a.ip.As16()
		p.Scope_id = a.scopeID
		return unix.SizeofSockaddrInet6
	}
	p := (*unix.RawSockaddrUnix)(unsafe.Pointer(rsa))
	p.Family = unix.AF_UNIX
	for i := 0; i < len(a.path); i++ {
		p.Path[i] = int8(a.path[i])
	}
	n := uint32(unsafe.Offsetof(p.Path)) + uint32(len(a.path))
	if len(a.path) > 0 && a.path[0] != 0 {
		n++ // the NUL
	}
	return n
}

// putPort writes a port in network byte order.
func putPort(p *uint16, port int) {
	b := (*[2]byte)(unsafe.Pointer(p))
	b[0], b[1] = byte(port>>8), byte(port)
}
