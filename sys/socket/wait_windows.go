// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package socket

import (
	"math"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// An fdSet1 is Winsock's fd_set holding one socket: fd_count, then
// fd_array.
type fdSet1 struct {
	count uint32
	array [1]windows.Handle
}

// waitFd is CPython's internal_select on Windows, which has no poll:
// select() with fd in the read set, or the write set, for timeout
// rounded up to the microsecond (negative: no limit; at most 2**31-1
// seconds, Winsock's long tv_sec, after which call waits again). For
// connect fd is in the except set too: Winsock reports a failed
// connection there, not as writable. A closed socket is ready at once,
// so that the call itself fails. ready is false when the time ran out.
func waitFd(fd int, writing, connect bool, timeout time.Duration) (ready bool, err error) {
	if fd < 0 {
		return true, nil
	}
	set := fdSet1{1, [1]windows.Handle{windows.Handle(fd)}}
	except := fdSet1{}
	if connect {
		except = set
	}
	var r, w *fdSet1
	if writing {
		w = &set
	} else {
		r = &set
	}
	var tv *windows.Timeval
	if timeout >= 0 {
		// _PyTime_AsTimeval_clamp(interval, &tv, _PyTime_ROUND_CEILING).
		us := min((timeout+time.Microsecond-1)/time.Microsecond, math.MaxInt32*1e6)
		tv = &windows.Timeval{Sec: int32(us / 1e6), Usec: int32(us % 1e6)}
	}
	n, err := wsaCall(procSelect, 0, uintptr(unsafe.Pointer(r)), uintptr(unsafe.Pointer(w)),
		uintptr(unsafe.Pointer(&except)), uintptr(unsafe.Pointer(tv)))
	return err == nil && int32(n) > 0, err
}
