// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux && !arm64 && !riscv64 && !loong64

package socket

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// poll is poll(2), as glibc's poll makes it where the kernel has the call
// (x/sys's Poll is ppoll on every Linux).
func poll(fds []unix.PollFd, ms int) (int, error) {
	n, _, e := unix.Syscall(unix.SYS_POLL, uintptr(unsafe.Pointer(&fds[0])), uintptr(len(fds)), uintptr(ms))
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}
