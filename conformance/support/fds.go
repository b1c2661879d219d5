// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

// Package support holds what the conformance specs share: descriptors
// that close themselves when a spec ends, the suite's fd-leak check, and
// matchers for Python exceptions.
package support

import (
	"os"
	"sort"

	. "github.com/onsi/ginkgo/v2"
	"golang.org/x/sys/unix"
)

// OpenFds lists the open descriptors of this process, found with
// fcntl(F_GETFD) up to the soft RLIMIT_NOFILE (or 65536), which works on
// every Unix without /proc.
func OpenFds() []int {
	var lim unix.Rlimit
	top := uint64(65536)
	if unix.Getrlimit(unix.RLIMIT_NOFILE, &lim) == nil && uint64(lim.Cur) < top { // int64 on freebsd, dragonfly
		top = uint64(lim.Cur)
	}
	var fds []int
	for fd := 0; fd < int(top); fd++ {
		if _, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err == nil {
			fds = append(fds, fd)
		}
	}
	sort.Ints(fds)
	return fds
}

// closeLater closes fd when the current spec ends.
func closeLater(fds ...int) {
	for _, fd := range fds {
		DeferCleanup(func() { unix.Close(fd) })
	}
}

// Pipe returns a pipe's read and write ends as raw fds, closed when the
// spec ends (unless the spec closes them first; a second close of a
// number nobody reopened is harmless within one spec).
func Pipe() (r, w int) {
	var p [2]int
	if err := unix.Pipe(p[:]); err != nil {
		Fail("pipe: " + err.Error())
	}
	closeLater(p[0], p[1])
	return p[0], p[1]
}

// NonblockingPipe is Pipe with both ends non-blocking.
func NonblockingPipe() (r, w int) {
	r, w = Pipe()
	must(unix.SetNonblock(r, true))
	must(unix.SetNonblock(w, true))
	return r, w
}

// SocketPair returns a connected AF_UNIX pair of type typ
// (unix.SOCK_STREAM or unix.SOCK_DGRAM), closed when the spec ends.
func SocketPair(typ int) (a, b int) {
	p, err := unix.Socketpair(unix.AF_UNIX, typ, 0)
	if err != nil {
		Fail("socketpair: " + err.Error())
	}
	closeLater(p[0], p[1])
	return p[0], p[1]
}

// TempFile returns a regular file's fd, closed and removed when the spec
// ends.
func TempFile() int {
	f, err := os.CreateTemp("", "pyselect-")
	if err != nil {
		Fail("tempfile: " + err.Error())
	}
	name := f.Name()
	f.Close()
	DeferCleanup(func() { os.Remove(name) })
	fd, err := unix.Open(name, unix.O_RDWR|unix.O_CLOEXEC, 0)
	must(err)
	closeLater(fd)
	return fd
}

// ClosedFd returns an fd number that is not open now.
func ClosedFd() int {
	r, w := Pipe()
	unix.Close(w)
	unix.Close(r)
	return r
}

// Write writes b to fd and fails the spec on a short write.
func Write(fd int, b []byte) {
	n, err := unix.Write(fd, b)
	must(err)
	if n != len(b) {
		Fail("short write")
	}
}

// Drain reads fd until it would block (fd must be non-blocking) and
// returns the number of bytes read.
func Drain(fd int) int {
	total := 0
	buf := make([]byte, 65536)
	for {
		n, err := unix.Read(fd, buf)
		if n > 0 {
			total += n
		}
		if err != nil || n <= 0 {
			return total
		}
	}
}

// Fill writes to fd (non-blocking) until it would block and returns the
// number of bytes written.
func Fill(fd int) int {
	total := 0
	buf := make([]byte, 65536)
	for {
		n, err := unix.Write(fd, buf)
		if n > 0 {
			total += n
		}
		if err != nil || n <= 0 {
			return total
		}
	}
}

func must(err error) {
	if err != nil {
		Fail(err.Error())
	}
}
