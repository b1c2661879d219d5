// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package socket

import (
	"net"
	"os"
	"syscall"

	"github.com/pyselect/pyselect/sys/builtins"
	"golang.org/x/sys/unix"
)

// NetConn hands the socket to Go's net: it detaches the descriptor (the
// Socket is closed, as after Detach) and returns a net.Conn that owns it,
// through net.FileConn. net makes the descriptor non-blocking and waits
// in the runtime's poller, with net's own rules from then on (deadlines,
// io.EOF).
func (s *Socket) NetConn() (net.Conn, error) {
	f, err := s.detachFile()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c, err := net.FileConn(f)
	return c, oserror(err)
}

// NetListener is NetConn for a listening socket: a net.Listener, through
// net.FileListener.
func (s *Socket) NetListener() (net.Listener, error) {
	f, err := s.detachFile()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	l, err := net.FileListener(f)
	return l, oserror(err)
}

func (s *Socket) detachFile() (*os.File, error) {
	fd := s.Detach()
	if fd < 0 {
		return nil, builtins.AsError(unix.EBADF)
	}
	return os.NewFile(uintptr(fd), "socket"), nil
}

// FromConn takes a socket from Go's net (a *net.TCPConn, *net.UnixConn,
// *net.TCPListener, ... or any syscall.Conn): a Socket for a duplicate of
// its descriptor, as socket.fromfd does, with family, type and proto read
// from it. The descriptor is non-blocking (net made it so, and a
// duplicate shares the flag), so the Socket starts in non-blocking mode;
// c stays open and must still be closed.
func FromConn(c syscall.Conn) (*Socket, error) {
	rc, err := c.SyscallConn()
	if err != nil {
		return nil, builtins.AsError(err)
	}
	nfd := -1
	cerr := rc.Control(func(fd uintptr) {
		nfd, err = dupCloexec(fd)
	})
	if cerr != nil {
		return nil, builtins.AsError(cerr)
	}
	if err != nil {
		return nil, oserror(err)
	}
	s, err := fromFd(nfd, -1, -1, -1)
	if err != nil {
		unix.Close(nfd)
		return nil, err
	}
	s.timeout.Store(0)
	return s, nil
}
