// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package builtins

import (
	"errors"
	"io/fs"
	"syscall"
	"testing"
)

// TestOSErrorKeepsErrno: PEP 3151's class by errno, CPython's message
// "[Errno N] strerror" (glibc's text), and the errno kept for errors.Is.
func TestOSErrorKeepsErrno(t *testing.T) {
	for _, c := range []struct {
		errno syscall.Errno
		cls   Exception
		msg   string
		is    error
	}{
		{syscall.EEXIST, FileExistsError, "[Errno 17] File exists", fs.ErrExist},
		{syscall.ENOENT, FileNotFoundError, "[Errno 2] No such file or directory", fs.ErrNotExist},
		{syscall.EPERM, PermissionError, "[Errno 1] Operation not permitted", fs.ErrPermission},
		{syscall.EBADF, OSError, "[Errno 9] Bad file descriptor", nil},
		{syscall.EINVAL, OSError, "[Errno 22] Invalid argument", nil},
		{syscall.EINTR, InterruptedError, "[Errno 4] Interrupted system call", nil},
		{syscall.EAGAIN, BlockingIOError, "[Errno 11] Resource temporarily unavailable", nil},
	} {
		err := error(AsError(c.errno))
		if ExceptionOf(err) != c.cls || !errors.Is(err, c.cls) || !errors.Is(err, OSError) || !errors.Is(err, c.errno) {
			t.Errorf("AsError(%d) = %v: class %s", c.errno, err, ExceptionOf(err))
		}
		if err.Error() != string(c.cls)+": "+c.msg {
			t.Errorf("AsError(%d).Error() = %q, want %q", c.errno, err.Error(), string(c.cls)+": "+c.msg)
		}
		if c.is != nil && !errors.Is(err, c.is) {
			t.Errorf("errors.Is(%v, %v) = false", err, c.is)
		}
		if ExceptionOf(c.errno) != c.cls {
			t.Errorf("ExceptionOf(bare errno %d) = %s, want %s", c.errno, ExceptionOf(c.errno), c.cls)
		}
	}
	if ExceptionOf(errors.New("x")) != "" || ExceptionOf(nil) != "" {
		t.Error("ExceptionOf of a foreign error must be empty")
	}
	if errors.Is(ValueError.New("x"), OSError) {
		t.Error("a ValueError is no OSError")
	}
}
