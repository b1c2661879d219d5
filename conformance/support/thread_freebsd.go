// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package support

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// gettid is thr_self(2).
func gettid() int {
	var id int64
	unix.RawSyscall(unix.SYS_THR_SELF, uintptr(unsafe.Pointer(&id)), 0, 0)
	return int(id)
}

// tkill is thr_kill(2).
func tkill(tid int, sig unix.Signal) error {
	if _, _, e := unix.RawSyscall(unix.SYS_THR_KILL, uintptr(tid), uintptr(sig), 0); e != 0 {
		return e
	}
	return nil
}
