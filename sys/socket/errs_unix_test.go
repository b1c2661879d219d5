// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package socket_test

import (
	"testing"

	"golang.org/x/sys/unix"
)

// The OS errors the portable tests expect, as CPython 3.11 on Linux gives
// them.
const (
	msgWouldBlock   = "[Errno 11] Resource temporarily unavailable"
	msgClosed       = "[Errno 9] Bad file descriptor"
	msgNotConnected = "[Errno 107] Transport endpoint is not connected"
	msgRefused      = "[Errno 111] Connection refused"
	msgAddrInUse    = "[Errno 98] Address already in use"
	msgNotSocket    = "[Errno 88] Socket operation on non-socket"

	eWouldBlock = unix.EAGAIN
	eRefused    = unix.ECONNREFUSED

	serverReuseAddr = true

	underWine = false
)

// msgMatches compares an OSError's message with the one expected.
func msgMatches(got, want string) bool { return got == want }

// nonSocket is a descriptor that is no socket: a pipe's read end.
func nonSocket(t *testing.T) int {
	var p [2]int
	if err := unix.Pipe(p[:]); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Close(p[0]); unix.Close(p[1]) })
	return p[0]
}

// isOpen reports whether fd is an open descriptor.
func isOpen(fd int) bool {
	_, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
	return err != unix.EBADF
}
