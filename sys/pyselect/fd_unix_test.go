// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect

import (
	"io"
	"os"
	"testing"
	"time"

	"github.com/pyselect/pyselect/sys/internal/fdconv"
)

// TestFdOfConn: *os.File gives its descriptor through SyscallConn, stays
// non-blocking, and a closed file is ValueError "I/O operation on closed
// file", what Python's fileno() raises.
func TestFdOfConn(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	rc, _ := r.SyscallConn()
	var want int
	rc.Control(func(fd uintptr) { want = int(fd) })
	if got, err := fdOf(r); err != nil || got != want {
		t.Fatalf("fdOf(*os.File) = %d, %v; want %d", got, err, want)
	}
	// os.Pipe files are non-blocking; Fd() would have made them blocking,
	// and a deadline can only be set on a non-blocking file.
	if err := r.SetReadDeadline(time.Now()); err != nil {
		t.Fatalf("the file lost its non-blocking mode: %v", err)
	}
	r.Close()
	if _, err := fdOf(r); !sameErr(err, fdconv.ErrClosedFile()) {
		t.Fatalf("fdOf(closed *os.File) = %v, want %v", err, fdconv.ErrClosedFile())
	}
}

// TestFdOfFileWrapper: a value that embeds an *os.File (a program's own
// file type, which has the file's SyscallConn) is a file: once closed it
// is ValueError "I/O operation on closed file", what Python's fileno() of
// a closed file object raises, never a closed socket's -1.
func TestFdOfFileWrapper(t *testing.T) {
	type logFile struct {
		*os.File
		name string
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r2, w2, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w2.Close()
	for _, f := range []io.Closer{struct{ *os.File }{r}, &logFile{File: w, name: "log"}, r2} {
		if fd, err := fdOf(f); err != nil || fd < 0 {
			t.Fatalf("fdOf(%T) = %d, %v; want its descriptor", f, fd, err)
		}
		f.Close()
		if fd, err := fdOf(f); !sameErr(err, fdconv.ErrClosedFile()) {
			t.Fatalf("fdOf(closed %T) = %d, %v; want %v", f, fd, err, fdconv.ErrClosedFile())
		}
		if fd, err := FilenoErr(f); !sameErr(err, fdconv.ErrClosedFile()) {
			t.Fatalf("FilenoErr(closed %T) = %d, %v; want %v", f, fd, err, fdconv.ErrClosedFile())
		}
	}
}
