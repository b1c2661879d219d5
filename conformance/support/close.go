// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package support

import (
	"io"
	"runtime"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	"golang.org/x/sys/unix"
)

// ExhaustFds lowers the soft RLIMIT_NOFILE to 64 above the descriptors
// open now and opens /dev/null until open(2) fails with EMFILE. The
// returned func closes those and restores the limit; it also runs when
// the spec ends, if the spec has not called it.
func ExhaustFds() (restore func()) {
	GinkgoHelper()
	var old syscall.Rlimit
	must(syscall.Getrlimit(syscall.RLIMIT_NOFILE, &old))
	lim := old
	setLimit(&lim.Cur, len(OpenFds())+64)
	var fds []int
	done := false
	restore = func() {
		if done {
			return
		}
		done = true
		for _, fd := range fds {
			unix.Close(fd)
		}
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &old)
	}
	DeferCleanup(restore)
	must(syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim))
	for {
		fd, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err == unix.EMFILE {
			return restore
		}
		must(err)
		fds = append(fds, fd)
	}
}

// setLimit sets an rlimit field: int64 on freebsd and dragonfly, uint64
// elsewhere.
func setLimit[T int64 | uint64](field *T, n int) { *field = T(n) }

// DropAndCollect makes n objects with make, drops them without Close, and
// runs the collector until the descriptor count is back within slack of
// what it was, or 10 s have passed. It returns the descriptors open
// before and after.
func DropAndCollect(n, slack int, make func() (io.Closer, error)) (before, after int) {
	GinkgoHelper()
	before = len(OpenFds())
	for range n {
		_, err := make()
		must(err)
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		runtime.GC()
		if after = len(OpenFds()); after <= before+slack {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	return before, after
}
