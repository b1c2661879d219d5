// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package socket

import "golang.org/x/sys/windows"

// The address families and socket kinds the package supports, with
// Python's names and Winsock's values (ws2def.h, winsock2.h), as Python on
// Windows has them. There is no AF_UNIX: CPython on Windows is built
// without it.
const (
	AF_UNSPEC AddressFamily = windows.AF_UNSPEC
	AF_INET   AddressFamily = windows.AF_INET
	AF_INET6  AddressFamily = windows.AF_INET6

	SOCK_STREAM    SocketKind = windows.SOCK_STREAM
	SOCK_DGRAM     SocketKind = windows.SOCK_DGRAM
	SOCK_RAW       SocketKind = windows.SOCK_RAW
	SOCK_SEQPACKET SocketKind = windows.SOCK_SEQPACKET
)

// Levels, options, flags and shutdown modes, with Winsock's values
// (winsock2.h, ws2ipdef.h). SO_ACCEPTCONN, SO_RCVLOWAT, SO_ERROR and
// SO_TYPE are winsock2.h's, which x/sys/windows does not define.
const (
	SOL_SOCKET   = windows.SOL_SOCKET
	IPPROTO_IP   = windows.IPPROTO_IP
	IPPROTO_IPV6 = windows.IPPROTO_IPV6
	IPPROTO_TCP  = windows.IPPROTO_TCP
	IPPROTO_UDP  = windows.IPPROTO_UDP

	SO_ACCEPTCONN = 0x0002
	SO_BROADCAST  = windows.SO_BROADCAST
	SO_ERROR      = 0x1007
	SO_KEEPALIVE  = windows.SO_KEEPALIVE
	SO_LINGER     = windows.SO_LINGER
	SO_RCVBUF     = windows.SO_RCVBUF
	SO_RCVLOWAT   = 0x1004
	SO_REUSEADDR  = windows.SO_REUSEADDR
	SO_SNDBUF     = windows.SO_SNDBUF
	SO_TYPE       = 0x1008
	TCP_NODELAY   = windows.TCP_NODELAY
	IPV6_V6ONLY   = windows.IPV6_V6ONLY

	MSG_OOB       = windows.MSG_OOB
	MSG_PEEK      = windows.MSG_PEEK
	MSG_WAITALL   = windows.MSG_WAITALL
	MSG_DONTROUTE = windows.MSG_DONTROUTE

	SHUT_RD   = windows.SHUT_RD
	SHUT_WR   = windows.SHUT_WR
	SHUT_RDWR = windows.SHUT_RDWR

	// SOMAXCONN is Winsock's 0x7fffffff; Listen with no backlog uses
	// min(SOMAXCONN, 128), as CPython does.
	SOMAXCONN = windows.SOMAXCONN
)
