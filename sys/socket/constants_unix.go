// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package socket

import "golang.org/x/sys/unix"

// The address families and socket kinds the package supports, with
// Python's names (socket.AF_INET is the IntEnum AddressFamily.AF_INET;
// its value is the C library's).
const (
	AF_UNSPEC AddressFamily = unix.AF_UNSPEC
	AF_UNIX   AddressFamily = unix.AF_UNIX
	AF_INET   AddressFamily = unix.AF_INET
	AF_INET6  AddressFamily = unix.AF_INET6

	SOCK_STREAM    SocketKind = unix.SOCK_STREAM
	SOCK_DGRAM     SocketKind = unix.SOCK_DGRAM
	SOCK_RAW       SocketKind = unix.SOCK_RAW
	SOCK_SEQPACKET SocketKind = unix.SOCK_SEQPACKET
)

// Levels, options, flags and shutdown modes, as the C library defines
// them (socket(7), tcp(7), ip(7)).
const (
	SOL_SOCKET   = unix.SOL_SOCKET
	IPPROTO_IP   = unix.IPPROTO_IP
	IPPROTO_IPV6 = unix.IPPROTO_IPV6
	IPPROTO_TCP  = unix.IPPROTO_TCP
	IPPROTO_UDP  = unix.IPPROTO_UDP

	SO_ACCEPTCONN = unix.SO_ACCEPTCONN
	SO_BROADCAST  = unix.SO_BROADCAST
	SO_ERROR      = unix.SO_ERROR
	SO_KEEPALIVE  = unix.SO_KEEPALIVE
	SO_LINGER     = unix.SO_LINGER
	SO_RCVBUF     = unix.SO_RCVBUF
	SO_RCVLOWAT   = unix.SO_RCVLOWAT
	SO_REUSEADDR  = unix.SO_REUSEADDR
	SO_SNDBUF     = unix.SO_SNDBUF
	SO_TYPE       = unix.SO_TYPE
	TCP_NODELAY   = unix.TCP_NODELAY
	IPV6_V6ONLY   = unix.IPV6_V6ONLY

	MSG_OOB       = unix.MSG_OOB
	MSG_PEEK      = unix.MSG_PEEK
	MSG_WAITALL   = unix.MSG_WAITALL
	MSG_DONTROUTE = unix.MSG_DONTROUTE

	SHUT_RD   = unix.SHUT_RD
	SHUT_WR   = unix.SHUT_WR
	SHUT_RDWR = unix.SHUT_RDWR

	// SOMAXCONN is the C library's constant; Listen with no backlog uses
	// min(SOMAXCONN, 128), as CPython does.
	SOMAXCONN = unix.SOMAXCONN
)
