// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

// Package support holds what the conformance specs share: descriptors
// that close themselves when a spec ends, the suite's fd-leak check, and
// matchers for Python exceptions.
package support

import (
	"os"
	"sort"
	"syscall"

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

// An OnceFd is a descriptor the spec owns: Own closes it when the spec
// ends, and Close closes it early, once, so that a number reused after an
// early close is never closed by mistake. Every descriptor the support
// package opens is owned this way.
type OnceFd struct {
	Fd     int
	closed bool
}

// Own makes fd an OnceFd, closed when the spec ends at the latest.
func Own(fd int) *OnceFd {
	f := &OnceFd{Fd: fd}
	DeferCleanup(f.Close)
	return f
}

// Close closes the descriptor the first time it is called.
func (f *OnceFd) Close() {
	if !f.closed {
		f.closed = true
		unix.Close(f.Fd)
	}
}

// OncePipe is a non-blocking pipe whose ends may be closed early.
func OncePipe() (r, w *OnceFd) {
	GinkgoHelper()
	return pipe(true)
}

// pipe is the support package's one pipe: both ends close-on-exec,
// non-blocking if nonblock, owned by the spec (Own). OncePipe, Pipe and
// NonblockingPipe are its forms.
func pipe(nonblock bool) (r, w *OnceFd) {
	GinkgoHelper()
	var p [2]int
	// Holding ForkLock keeps the ends out of a child forked before
	// close-on-exec is set (where pipe2(2) is missing, as on macOS).
	syscall.ForkLock.RLock()
	err := unix.Pipe(p[:])
	if err == nil {
		unix.CloseOnExec(p[0])
		unix.CloseOnExec(p[1])
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		Fail("pipe: " + err.Error())
	}
	r, w = Own(p[0]), Own(p[1])
	if nonblock {
		must(unix.SetNonblock(p[0], true))
		must(unix.SetNonblock(p[1], true))
	}
	return r, w
}

// Pipe returns a blocking pipe's read and write ends as raw fds, closed
// when the spec ends. A spec that closes an end early should use OncePipe.
func Pipe() (r, w int) {
	GinkgoHelper()
	rf, wf := pipe(false)
	return rf.Fd, wf.Fd
}

// NonblockingPipe is Pipe with both ends non-blocking.
func NonblockingPipe() (r, w int) {
	GinkgoHelper()
	rf, wf := pipe(true)
	return rf.Fd, wf.Fd
}

// FilePipe is a pipe as two *os.File (non-blocking, as os.Pipe makes
// them), closed when the spec ends; a spec may close either end first.
func FilePipe() (r, w *os.File) {
	GinkgoHelper()
	r, w, err := os.Pipe()
	if err != nil {
		Fail("pipe: " + err.Error())
	}
	DeferCleanup(func() { r.Close(); w.Close() })
	return r, w
}

// SocketPair returns a connected AF_UNIX pair of type typ
// (unix.SOCK_STREAM or unix.SOCK_DGRAM), closed when the spec ends.
func SocketPair(typ int) (a, b int) {
	GinkgoHelper()
	p, err := unix.Socketpair(unix.AF_UNIX, typ, 0)
	if err != nil {
		Fail("socketpair: " + err.Error())
	}
	Own(p[0])
	Own(p[1])
	return p[0], p[1]
}

// TempFile returns a regular file's fd, closed and removed when the spec
// ends.
func TempFile() int {
	GinkgoHelper()
	f, err := os.CreateTemp("", "pyselect-")
	if err != nil {
		Fail("tempfile: " + err.Error())
	}
	name := f.Name()
	f.Close()
	DeferCleanup(func() { os.Remove(name) })
	fd, err := unix.Open(name, unix.O_RDWR|unix.O_CLOEXEC, 0)
	must(err)
	Own(fd)
	return fd
}

// ClosedFd returns an fd number that is not open now.
func ClosedFd() int {
	GinkgoHelper()
	r, w := Pipe()
	unix.Close(w)
	unix.Close(r)
	return r
}

// Write writes b to fd and fails the spec on a short write.
func Write(fd int, b []byte) {
	GinkgoHelper()
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

// ConnFd is the descriptor of a syscall.Conn, read without changing its
// blocking mode.
func ConnFd(c syscall.Conn) int {
	GinkgoHelper()
	rc, err := c.SyscallConn()
	must(err)
	fd := -1
	must(rc.Control(func(s uintptr) { fd = int(s) }))
	return fd
}

// must fails the spec on err.
func must(err error) {
	GinkgoHelper()
	if err != nil {
		Fail(err.Error())
	}
}
