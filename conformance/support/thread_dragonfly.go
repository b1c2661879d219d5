// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package support

import "golang.org/x/sys/unix"

// gettid is lwp_gettid(2).
func gettid() int {
	id, _, _ := unix.RawSyscall(unix.SYS_LWP_GETTID, 0, 0, 0)
	return int(id)
}

// tkill is lwp_kill(2).
func tkill(tid int, sig unix.Signal) error {
	if _, _, e := unix.RawSyscall(unix.SYS_LWP_KILL, uintptr(unix.Getpid()), uintptr(tid), uintptr(sig)); e != 0 {
		return e
	}
	return nil
}
