// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package builtins

import (
	"strconv"
	"syscall"
	"unicode/utf16"

	"golang.org/x/sys/windows"
)

// On Windows a syscall.Errno is a Windows error code (a "winerror": the
// Winsock WSAE* codes are among them), and that is what *Error.Errno holds,
// so errors.Is(err, windows.WSAENOTSOCK) works. CPython raises such an error
// with PyErr_SetExcFromWindowsErr: the message is "[WinError N] text"; the
// exception's errno attribute is winerror_to_errno(N) (PC/errmap.h) and its
// winerror attribute is N; the PEP 3151 class is chosen by that errno.

// errnoError is the OSError of the Windows error errno, as AsError reports it.
func errnoError(errno syscall.Errno) *Error {
	return &Error{
		Exception: errnoClass(errno),
		Message:   "[WinError " + strconv.Itoa(int(errno)) + "] " + strerror(errno),
		Errno:     errno,
	}
}

// The C runtime's errno values (MSVC errno.h) that PEP 3151 maps to a
// class, with the Winsock codes CPython's Objects/exceptions.c substitutes
// on Windows for EALREADY, ECONNABORTED, ECONNREFUSED, ECONNRESET,
// EINPROGRESS, ESHUTDOWN, ETIMEDOUT and EWOULDBLOCK ("added to errno.h in
// VS2010 but have preferred WSA equivalents").
const (
	crtEPERM   = 1
	crtENOENT  = 2
	crtESRCH   = 3
	crtEINTR   = 4
	crtECHILD  = 10
	crtEAGAIN  = 11
	crtEACCES  = 13
	crtEEXIST  = 17
	crtENOTDIR = 20
	crtEISDIR  = 21
	crtEPIPE   = 32
)

// errnoClass is the PEP 3151 class CPython gives the Windows error errno:
// winerror_to_errno, then the errno table of Objects/exceptions.c.
func errnoClass(errno syscall.Errno) Exception {
	switch winerrorToErrno(uint32(errno)) {
	case crtEAGAIN, uint32(windows.WSAEALREADY), uint32(windows.WSAEINPROGRESS), uint32(windows.WSAEWOULDBLOCK):
		return BlockingIOError
	case crtECHILD:
		return ChildProcessError
	case crtEPIPE, uint32(windows.WSAESHUTDOWN):
		return BrokenPipeError
	case uint32(windows.WSAECONNABORTED):
		return ConnectionAbortedError
	case uint32(windows.WSAECONNREFUSED):
		return ConnectionRefusedError
	case uint32(windows.WSAECONNRESET):
		return ConnectionResetError
	case crtEEXIST:
		return FileExistsError
	case crtENOENT:
		return FileNotFoundError
	case crtEINTR:
		return InterruptedError
	case crtEISDIR:
		return IsADirectoryError
	case crtENOTDIR:
		return NotADirectoryError
	case crtEACCES, crtEPERM:
		return PermissionError
	case crtESRCH:
		return ProcessLookupError
	case uint32(windows.WSAETIMEDOUT):
		return TimeoutError
	}
	return OSError
}

// winerrorToErrno is CPython's winerror_to_errno (PC/errmap.h), reduced to
// the cases whose errno has a PEP 3151 class; every other code maps to an
// errno that is a plain OSError (EINVAL, EBADF, ENOMEM, ...), returned here
// as 0.
func winerrorToErrno(winerror uint32) uint32 {
	// An HRESULT wrapping a Win32 error (FACILITY_WIN32).
	if winerror&0xFFFF0000 == 0x80070000 {
		winerror &= 0xFFFF
	}
	// Winsock codes are errno values; six of them are the C runtime's
	// errno + 10000 (winsock2.h).
	if 10000 <= winerror && winerror < 12000 {
		switch syscall.Errno(winerror) {
		case windows.WSAEINTR, windows.WSAEBADF, windows.WSAEACCES,
			windows.WSAEFAULT, windows.WSAEINVAL, windows.WSAEMFILE:
			return winerror - 10000
		}
		return winerror
	}
	switch syscall.Errno(winerror) {
	case windows.ERROR_FILE_NOT_FOUND, windows.ERROR_PATH_NOT_FOUND,
		windows.ERROR_INVALID_DRIVE, windows.ERROR_NO_MORE_FILES,
		windows.ERROR_BAD_NETPATH, windows.ERROR_BAD_NET_NAME,
		windows.ERROR_BAD_PATHNAME, windows.ERROR_FILENAME_EXCED_RANGE:
		return crtENOENT
	case windows.ERROR_WAIT_NO_CHILDREN, windows.ERROR_CHILD_NOT_COMPLETE:
		return crtECHILD
	case windows.ERROR_NO_PROC_SLOTS, windows.ERROR_MAX_THRDS_REACHED,
		windows.ERROR_NESTING_NOT_ALLOWED:
		return crtEAGAIN
	case windows.ERROR_ACCESS_DENIED, windows.ERROR_CURRENT_DIRECTORY,
		windows.ERROR_WRITE_PROTECT, windows.ERROR_BAD_UNIT,
		windows.ERROR_NOT_READY, windows.ERROR_BAD_COMMAND, windows.ERROR_CRC,
		windows.ERROR_BAD_LENGTH, windows.ERROR_SEEK,
		windows.ERROR_NOT_DOS_DISK, windows.ERROR_SECTOR_NOT_FOUND,
		windows.ERROR_OUT_OF_PAPER, windows.ERROR_WRITE_FAULT,
		windows.ERROR_READ_FAULT, windows.ERROR_GEN_FAILURE,
		windows.ERROR_SHARING_VIOLATION, windows.ERROR_LOCK_VIOLATION,
		windows.ERROR_WRONG_DISK, windows.ERROR_SHARING_BUFFER_EXCEEDED,
		windows.ERROR_NETWORK_ACCESS_DENIED, windows.ERROR_CANNOT_MAKE,
		windows.ERROR_FAIL_I24, windows.ERROR_DRIVE_LOCKED,
		windows.ERROR_SEEK_ON_DEVICE, windows.ERROR_NOT_LOCKED,
		windows.ERROR_LOCK_FAILED, 35:
		return crtEACCES
	case windows.ERROR_FILE_EXISTS, windows.ERROR_ALREADY_EXISTS:
		return crtEEXIST
	case windows.ERROR_DIRECTORY:
		return crtENOTDIR
	case windows.ERROR_BROKEN_PIPE, windows.ERROR_NO_DATA:
		return crtEPIPE
	}
	return 0
}

// strerror is the text CPython puts after "[WinError N] ": the system's
// message for errno (FormatMessageW, in the user's default language), with
// trailing white space, line breaks and dots removed; "Windows Error 0x%x"
// when the system has no message for it.
func strerror(errno syscall.Errno) string {
	const flags = windows.FORMAT_MESSAGE_FROM_SYSTEM | windows.FORMAT_MESSAGE_IGNORE_INSERTS
	const langNeutralDefault = 0x400 // MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT)
	buf := make([]uint16, 1024)
	n, err := windows.FormatMessage(flags, 0, uint32(errno), langNeutralDefault, buf, nil)
	if err != nil || n == 0 {
		return "Windows Error 0x" + strconv.FormatUint(uint64(uint32(errno)), 16)
	}
	return trimMessage(string(utf16.Decode(buf[:n])))
}

// trimMessage strips what CPython strips from a FormatMessage text: every
// trailing character that is a control character, a space or a dot.
func trimMessage(s string) string {
	for len(s) > 0 && (s[len(s)-1] <= ' ' || s[len(s)-1] == '.') {
		s = s[:len(s)-1]
	}
	return s
}
