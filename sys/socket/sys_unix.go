// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package socket

import (
	"syscall"

	"github.com/pyselect/pyselect/sys/builtins"
	"golang.org/x/sys/unix"
)

// The calls and errno values that are the same on every Unix, under the
// names the shared files use (sys_windows.go gives Winsock's).

// The errno values CPython's socket calls test for.
const (
	eINTR       = unix.EINTR
	eWOULDBLOCK = unix.EAGAIN // also EWOULDBLOCK, and connect_ex's timeout
	eINPROGRESS = unix.EINPROGRESS
	eISCONN     = unix.EISCONN
	eCONNRESET  = unix.ECONNRESET
)

// serverReuseAddr is whether create_server sets SO_REUSEADDR.
const serverReuseAddr = true

// afUnix is AF_UNIX, which an AddrUnix belongs to.
const afUnix = AF_UNIX

// notSocket reports whether getsockname(2) failed because fd is no open
// socket: EBADF or ENOTSOCK (CPython's check of a fileno argument).
func notSocket(err error) bool { return err == unix.EBADF || err == unix.ENOTSOCK }

// negativeFd reports whether socket(fileno=fd) is ValueError "negative
// file descriptor".
func negativeFd(fd int) bool { return fd < 0 }

func closeSocket(fd int) error { return unix.Close(fd) }

func listen(fd, backlog int) error { return unix.Listen(fd, backlog) }

func shutdown(fd, how int) error { return unix.Shutdown(fd, how) }

func getsockoptInt(fd, level, opt int) (int, error) { return unix.GetsockoptInt(fd, level, opt) }

func setsockoptInt(fd, level, opt, v int) error { return unix.SetsockoptInt(fd, level, opt, v) }

func setsockoptBytes(fd, level, opt int, v []byte) error {
	return unix.SetsockoptString(fd, level, opt, string(v))
}

// unixSockaddr is getsockaddrarg's AF_UNIX case: a path, shorter than
// sun_path.
func unixSockaddr(a Address, caller string) (sockAddr, error) {
	path, ok := a.(AddrUnix)
	if !ok {
		return sockAddr{}, builtins.TypeError.New("a bytes-like object is required, not '" + pyTypeName(a) + "'")
	}
	if len(path) >= len(unix.RawSockaddrUnix{}.Path) {
		return sockAddr{}, builtins.OSError.New("AF_UNIX path too long")
	}
	return sockAddr{family: AF_UNIX, path: string(path)}, nil
}

// errnoOf is an OSError's errno attribute, which a Unix errno is.
func errnoOf(e *builtins.Error) syscall.Errno { return e.Errno }
