// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package builtins

import (
	"errors"
	"syscall"
	"testing"

	"golang.org/x/sys/windows"
)

// TestErrnoClass checks the PEP 3151 classes CPython gives Windows errors
// (PC/errmap.h winerror_to_errno, then Objects/exceptions.c's table with
// the WSA codes it substitutes on Windows).
func TestErrnoClass(t *testing.T) {
	for _, c := range []struct {
		errno syscall.Errno
		want  Exception
	}{
		{windows.WSAEWOULDBLOCK, BlockingIOError},
		{windows.WSAEINPROGRESS, BlockingIOError},
		{windows.WSAEALREADY, BlockingIOError},
		{windows.WSAECONNABORTED, ConnectionAbortedError},
		{windows.WSAECONNREFUSED, ConnectionRefusedError},
		{windows.WSAECONNRESET, ConnectionResetError},
		{windows.WSAESHUTDOWN, BrokenPipeError},
		{windows.WSAETIMEDOUT, TimeoutError},
		{windows.WSAEINTR, InterruptedError}, // 10004 - 10000 = EINTR
		{windows.WSAEACCES, PermissionError}, // 10013 - 10000 = EACCES
		{windows.WSAENOTSOCK, OSError},
		{windows.WSAEINVAL, OSError}, // EINVAL
		{windows.WSAEBADF, OSError},  // EBADF
		{windows.WSANOTINITIALISED, OSError},
		{windows.ERROR_FILE_NOT_FOUND, FileNotFoundError},
		{windows.ERROR_PATH_NOT_FOUND, FileNotFoundError},
		{0x80070002, FileNotFoundError}, // HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)
		{windows.ERROR_ACCESS_DENIED, PermissionError},
		{windows.ERROR_SHARING_VIOLATION, PermissionError},
		{windows.ERROR_ALREADY_EXISTS, FileExistsError},
		{windows.ERROR_FILE_EXISTS, FileExistsError},
		{windows.ERROR_DIRECTORY, NotADirectoryError},
		{windows.ERROR_BROKEN_PIPE, BrokenPipeError},
		{windows.ERROR_NO_DATA, BrokenPipeError},
		{windows.ERROR_WAIT_NO_CHILDREN, ChildProcessError},
		{windows.ERROR_INVALID_HANDLE, OSError}, // EBADF
		{windows.ERROR_INVALID_PARAMETER, OSError},
	} {
		if got := errnoClass(c.errno); got != c.want {
			t.Errorf("errnoClass(%d) = %s, want %s", int(c.errno), got, c.want)
		}
		if got := ExceptionOf(c.errno); got != c.want {
			t.Errorf("ExceptionOf(syscall.Errno(%d)) = %s, want %s", int(c.errno), got, c.want)
		}
	}
}

// TestTrimMessage checks CPython's clean-up of a FormatMessage text.
func TestTrimMessage(t *testing.T) {
	for in, want := range map[string]string{
		"An invalid argument was supplied.\r\n": "An invalid argument was supplied",
		"Text. . .\t \r\n":                      "Text",
		"v1.2 ok":                               "v1.2 ok",
		"...":                                   "",
		"":                                      "",
	} {
		if got := trimMessage(in); got != want {
			t.Errorf("trimMessage(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWinError checks, through AsError, the OSError CPython raises for a Winsock error:
// "[WinError N] text", the class by errno, and errors.Is on the code.
func TestWinError(t *testing.T) {
	e := AsError(windows.WSAENOTSOCK)
	if e == nil {
		t.Fatal("AsError(WSAENOTSOCK) = nil, want *Error")
	}
	var err error = e
	want := "[WinError 10038] " + strerror(windows.WSAENOTSOCK)
	if e.Exception != OSError || e.Message != want || e.Errno != windows.WSAENOTSOCK {
		t.Errorf("AsError(WSAENOTSOCK) = %#v, want OSError %q errno 10038", e, want)
	}
	if !errors.Is(err, OSError) || !errors.Is(err, windows.WSAENOTSOCK) {
		t.Errorf("errors.Is(err, OSError) and errors.Is(err, WSAENOTSOCK) must hold")
	}
	if e := AsError(windows.WSAECONNRESET); !errors.Is(e, ConnectionResetError) || !errors.Is(e, OSError) {
		t.Errorf("AsError(WSAECONNRESET) = %v, want a ConnectionResetError, an OSError", e)
	}
	other := errors.New("not an errno")
	if AsError(other) != nil {
		t.Errorf("AsError of an error with no errno must be nil")
	}
}

// TestStrerror checks the message texts: the system's, trimmed as CPython
// trims them, and "Windows Error 0x..." for a code without one.
func TestStrerror(t *testing.T) {
	s := strerror(windows.WSAENOTSOCK)
	if s == "" || s[len(s)-1] == '.' || s[len(s)-1] == '\n' {
		t.Errorf("strerror(WSAENOTSOCK) = %q: want a text without the trailing dot and line break", s)
	}
	// Bit 29 marks an application-defined code: the system has no text.
	if got, want := strerror(0x20001234), "Windows Error 0x20001234"; got != want {
		t.Errorf("strerror(0x20001234) = %q, want %q", got, want)
	}
}
