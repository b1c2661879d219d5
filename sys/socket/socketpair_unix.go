// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package socket

// Socketpair is socket.socketpair(family=AF_UNIX, type=SOCK_STREAM,
// proto=0): socketpair(2) with SOCK_CLOEXEC, as two Sockets (each checked
// with getsockname(2), as Lib/socket.py's socket(fileno=...) does).
func Socketpair(family AddressFamily, kind SocketKind, proto ...int) (*Socket, *Socket, error) {
	p, err := optFlags("socketpair", 3, proto)
	if err != nil {
		return nil, nil, err
	}
	fds, err := socketpair(int(family), int(kind), p)
	if err != nil {
		return nil, nil, oserror(err)
	}
	a, err := fromFd(fds[0], family, kind, p)
	if err != nil {
		closeSocket(fds[0])
		closeSocket(fds[1])
		return nil, nil, err
	}
	b, err := fromFd(fds[1], family, kind, p)
	if err != nil {
		a.Close()
		closeSocket(fds[1])
		return nil, nil, err
	}
	return a, b, nil
}
