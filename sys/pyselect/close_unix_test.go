// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !solaris

package pyselect

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support/waitfor"
	"github.com/pyselect/pyselect/sys/builtins"
)

// waitResult runs f in a goroutine and returns a channel with its error.
func waitResult(f func() error) <-chan error {
	c := make(chan error, 1)
	go func() { c <- f() }()
	return c
}

// wantClosed waits up to 5 s for the error of a call woken by Close.
func wantClosed(t *testing.T, c <-chan error, what string) {
	t.Helper()
	if err := waitfor.Recv(t, c, 5*time.Second, what+" to be woken by Close"); !errors.Is(err, builtins.ValueError) {
		t.Errorf("%s woken by Close = %v, want ValueError", what, err)
	}
}

// fdOpen reports whether fd is an open descriptor.
func fdOpen(fd int) bool {
	_, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
	return err == nil
}

// atEMFILE lowers RLIMIT_NOFILE and fills the descriptor table, so that
// the next open fails with EMFILE; the returned func undoes both.
func atEMFILE(t *testing.T) func() {
	t.Helper()
	var old unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &old); err != nil {
		t.Fatal(err)
	}
	var fds []int
	undo := func() {
		for _, fd := range fds {
			unix.Close(fd)
		}
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, (*syscall.Rlimit)(&old))
	}
	lim := old
	lim.Cur = 256
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, (*syscall.Rlimit)(&lim)); err != nil {
		t.Fatal(err)
	}
	for {
		fd, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err == unix.EMFILE {
			return undo
		}
		if err != nil {
			undo()
			t.Fatal(err)
		}
		fds = append(fds, fd)
	}
}

// openFds counts the open descriptors below 4096 (no /proc needed).
func openFds() int {
	n := 0
	for fd := range 4096 {
		if fdOpen(fd) {
			n++
		}
	}
	return n
}

// runChild runs the test binary's test name in a child with env added,
// and fails with its output unless it passed.
func runChild(t *testing.T, name string, env ...string) {
	t.Helper()
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+name+"$", "-test.v", "-test.timeout=60s")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("child %s %v: %v\n%s", name, env, err, out)
	}
}

// checkDescriptors checks that make opens exactly n descriptors, and
// that Close closes them all. A first object is made and closed before
// counting: what a package opens once per process (Linux's task
// directory, see threads) is not the object's.
func checkDescriptors(t *testing.T, n int, make func() (interface{ Close() error }, error)) {
	t.Helper()
	if obj, err := make(); err == nil {
		obj.Close()
	}
	before := openFds()
	obj, err := make()
	if err != nil {
		t.Fatal(err)
	}
	if got := openFds() - before; got != n {
		t.Errorf("a new object opened %d descriptors; want %d", got, n)
	}
	if err := obj.Close(); err != nil {
		t.Fatal(err)
	}
	if got := openFds() - before; got != 0 {
		t.Errorf("%d descriptors left open after Close", got)
	}
}

// checkCollected makes 200 objects with make and drops them: the
// collector must close their descriptors. Then it closes 50 more
// explicitly, lets other files reuse their numbers (fds per object), and
// checks that the collector leaves those alone.
func checkCollected(t *testing.T, fds int, make func() (io.Closer, error)) {
	t.Helper()
	before := openFds()
	for range 200 {
		if _, err := make(); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for openFds() > before+10 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if n := openFds(); n > before+10 {
		t.Errorf("%d descriptors open after dropping 200 objects and collecting, %d before", n, before)
	}
	var files []int
	for range 50 {
		obj, err := make()
		if err != nil {
			t.Fatal(err)
		}
		obj.Close()
		for range fds {
			fd, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, fd)
		}
	}
	for range 5 {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	for _, fd := range files {
		if !fdOpen(fd) {
			t.Errorf("fd %d, opened after an explicit Close, was closed by the collector", fd)
		}
		unix.Close(fd)
	}
}
