// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package support

import "golang.org/x/sys/unix"

// gettid is _lwp_self(2).
func gettid() int {
	id, _, _ := unix.RawSyscall(unix.SYS__LWP_SELF, 0, 0, 0)
	return int(id)
}

// tkill is _lwp_kill(2).
func tkill(tid int, sig unix.Signal) error {
	if _, _, e := unix.RawSyscall(unix.SYS__LWP_KILL, uintptr(tid), uintptr(sig), 0); e != 0 {
		return e
	}
	return nil
}
