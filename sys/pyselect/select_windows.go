// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"math"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Select on Windows is Winsock's select, as CPython's select module calls it
// (Modules/selectmodule.c, the MS_WINDOWS branches):
//
//   - Only sockets can be waited on. Any other handle (a file, a pipe, a
//     closed socket) fails the whole call with WSAENOTSOCK, which CPython
//     raises as "OSError: [WinError 10038] An operation was attempted on
//     something that is not a socket".
//   - An fd_set is a counted array of socket handles, not a bitmap: a handle
//     may have any value, so there is no "filedescriptor out of range"
//     check; the limit is on the number of elements in one list.
//   - Winsock fails a call whose three sets are all empty with WSAEINVAL,
//     even with a timeout: CPython raises "OSError: [WinError 10022] An
//     invalid argument was supplied" rather than sleep. Select does the same.
//   - Winsock never reports EINTR, so nothing is retried.
//
// Winsock: https://learn.microsoft.com/windows/win32/api/winsock2/nf-winsock2-select

// FD_SETSIZE is the number of sockets one list may hold: 512, the value
// CPython's select module defines before including winsock2.h (whose
// default is 64). A 513th element is ValueError "too many file descriptors
// in select()", duplicates counted, as on Unix. Python does not export it.
//
//lint:ignore ST1003 C's name, as the select module's constants keep theirs.
const FD_SETSIZE = 512

// An fdSet is Winsock's fd_set: fd_count, then the handles in
// fd_array[FD_SETSIZE]. select reads the first fd_count handles and, on
// return, leaves in the array only those that are ready.
type fdSet struct {
	count uint32
	array [FD_SETSIZE]windows.Handle
}

// add is winsock2.h's FD_SET: a handle already in the set is not added
// again, and one past FD_SETSIZE is dropped (fill then fails the call with
// "too many file descriptors"). It never fails: there is no range check.
func (s *fdSet) add(fd int) error {
	h := windows.Handle(fd)
	for _, v := range s.array[:s.count] {
		if v == h {
			return nil
		}
	}
	if s.count < FD_SETSIZE {
		s.array[s.count] = h
		s.count++
	}
	return nil
}

// isSet is winsock2.h's FD_ISSET (__WSAFDIsSet): a linear search.
func (s *fdSet) isSet(fd int) bool {
	h := windows.Handle(fd)
	for _, v := range s.array[:s.count] {
		if v == h {
			return true
		}
	}
	return false
}

var (
	procSelect = windows.NewLazySystemDLL("ws2_32.dll").NewProc("select")

	// wsaStartup initialises Winsock once for the process, as Python's
	// socket module and Go's net package do; select fails with
	// WSANOTINITIALISED without it. It is never undone (WSACleanup), as
	// in both of them.
	wsaStartup = sync.OnceValue(func() error {
		var d windows.WSAData
		return windows.WSAStartup(uint32(0x202), &d) // Winsock 2.2
	})
)

// sysSelect is Winsock's select with a timeval rounded up from d; d < 0
// blocks. nfd is ignored, as Winsock ignores its first argument. A failure
// is CPython's OSError for the Winsock error (sysErr).
func sysSelect(nfd int, r, w, x *fdSet, d time.Duration) (int, error) {
	if err := wsaStartup(); err != nil {
		return 0, sysErr(err)
	}
	var tv *windows.Timeval
	if d >= 0 {
		tv = new(windows.Timeval)
		*tv = timeval(d)
	}
	n, _, errno := syscall.SyscallN(procSelect.Addr(), uintptr(nfd),
		uintptr(unsafe.Pointer(r)), uintptr(unsafe.Pointer(w)),
		uintptr(unsafe.Pointer(x)), uintptr(unsafe.Pointer(tv)))
	if int32(n) == -1 { // SOCKET_ERROR; errno is WSAGetLastError()
		return 0, sysErr(errno)
	}
	return int(int32(n)), nil
}

// timeval rounds d up to the microsecond. Winsock's tv_sec is a 32-bit long,
// so a timeout past 2**31-1 seconds (68 years) is clamped to that, as on
// Unix systems with a 32-bit time_t.
//
// Differences from Python: CPython on Windows raises OverflowError
// "timestamp out of range for platform time_t" for such a timeout.
func timeval(d time.Duration) windows.Timeval {
	us := min(divCeil(int64(d), 1e3), math.MaxInt32*1e6)
	return windows.Timeval{Sec: int32(us / 1e6), Usec: int32(us % 1e6)}
}
